import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseProjectFile } from '../../src/core/document/project-file'

/**
 * Files coming IN through the `layercanvas` command, as a user runs it (the real bin, in a
 * child process): a file can make it say no (exit 2, one line), never crash (exit 3), hang,
 * read a file it was not given, or write control characters to the terminal.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/layercanvas.mjs')

/**
 * A run that has not finished by then is a hang (the old code waited on pipes forever). Far
 * above the few seconds a refusal takes, because the machine running the tests may be busy.
 */
const HANG_MS = 30_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * At most this many CLI processes at a time: each starts tsx and the core, and on a small,
 * busy machine many at once would make every one of them look like a hang.
 */
const MAX_PROCESSES = 3
let running = 0
const waiting: (() => void)[] = []

async function cli(
  args: string[],
  cwd = ROOT,
  timeout = HANG_MS,
  user: { uid?: number; gid?: number } = {},
): Promise<Run> {
  if (running >= MAX_PROCESSES) await new Promise<void>((go) => waiting.push(go))
  running++
  try {
    return await new Promise((done) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LAYERCANVAS_DEBUG: '' }, ...user },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
          done({ code, stdout, stderr })
        },
      )
    })
  } finally {
    running--
    waiting.shift()?.()
  }
}

/** Tests here wait for CLI processes in turn (see MAX_PROCESSES). */
const SUITE = { timeout: 180_000 }

/** Exit 2 with exactly one `layercanvas: ` line on stderr; returns that line. */
function refused(run: Run): string {
  expect(run.code, run.stderr).toBe(2)
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^layercanvas: /)
  return lines[0]
}

/** Nothing a terminal would act on: no ESC, no C1 controls, no carriage returns, no bidi overrides. */
function expectTerminalSafe(text: string): void {
  // eslint-disable-next-line no-control-regex -- looking for exactly these
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
}

/** A one-Dense-layer model.json (1 → 1: 8 bytes of float32 weights) naming `paths`. */
function denseModel(paths: unknown[]): string {
  return JSON.stringify({
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'tiny',
        layers: [{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 1] } }],
      },
    },
    weightsManifest: [
      {
        paths,
        weights: [
          { name: 'd/kernel', shape: [1, 1], dtype: 'float32' },
          { name: 'd/bias', shape: [1], dtype: 'float32' },
        ],
      },
    ],
  })
}

const float32 = (...values: number[]) => new Uint8Array(new Float32Array(values).buffer)

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-safety-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe.concurrent('layercanvas import: weight files stay inside the model folder', SUITE, () => {
  it('refuses ../, absolute paths, URLs and symbolic links out of the folder; nothing is read or written', async () => {
    const dir = join(temp, 'outside')
    await mkdir(dir)
    // 8 bytes: exactly what the manifest describes, so the old import embedded it.
    await writeFile(join(dir, 'secret.bin'), float32(1234, 5678))
    const cases: [unknown, RegExp][] = [
      ['../secret.bin', /outside the model's folder/],
      ['%2e%2e/secret.bin', /outside the model's folder/],
      [join(dir, 'secret.bin'), /absolute path/],
      ['/etc/passwd', /absolute path/],
      ['file:///etc/passwd', /absolute path|URL/],
      ['https://example.com/w.bin', /is a URL/],
      ['link.bin', /symbolic link/],
    ]
    await Promise.all(
      cases.map(async ([path, message], i) => {
        const folder = join(dir, `model-${i}`)
        await mkdir(folder)
        await symlink(join(dir, 'secret.bin'), join(folder, 'link.bin'))
        await writeFile(join(folder, 'model.json'), denseModel([path]))
        const out = join(dir, `project-${i}.json`)
        const line = refused(await cli(['import', join(folder, 'model.json'), '--out', out]))
        expect(line, String(path)).toMatch(message)
        expect(existsSync(out)).toBe(false)
      }),
    )
  })

  it('reads weights in a sub-folder and through a link that stays inside', async () => {
    const dir = join(temp, 'inside')
    await mkdir(join(dir, 'shards'), { recursive: true })
    await writeFile(join(dir, 'shards', 'w 1.bin'), float32(0.5, -0.25))
    await symlink(join(dir, 'shards', 'w 1.bin'), join(dir, 'alias.bin'))
    await Promise.all(
      ['shards/w%201.bin', 'alias.bin'].map(async (path, i) => {
        await writeFile(join(dir, `model-${i}.json`), denseModel([path]))
        const out = join(dir, `project-${i}.layercanvas`)
        const run = await cli(['import', join(dir, `model-${i}.json`), '--out', out])
        expect(run.code, run.stderr).toBe(0)
        const saved = parseProjectFile(await readFile(out))
        expect(saved.ok && saved.document.trained?.layers.d).toHaveLength(2)
      }),
    )
  })

  it('a weights file the user may not read: "permission denied", and nothing about its size', async () => {
    const dir = join(temp, 'unreadable')
    await mkdir(dir)
    await writeFile(join(dir, 'model.json'), denseModel(['w.bin']))
    // 3 GB on paper (sparse): the old import reported "too large" without being able to read it.
    execFileSync('truncate', ['-s', '3G', join(dir, 'w.bin')])
    await chmod(join(dir, 'w.bin'), 0o000)
    // root reads any file, so as root the command runs as "nobody"; the folders must let it in.
    const asRoot = process.getuid?.() === 0
    if (asRoot) for (const folder of [temp, dir]) await chmod(folder, 0o755)
    const run = await cli(
      ['import', join(dir, 'model.json'), '--out', join(dir, 'p.json')],
      ROOT,
      HANG_MS,
      asRoot ? { uid: 65534, gid: 65534 } : {},
    )
    const line = refused(run)
    expect(line).toMatch(/cannot read the weights file .*w\.bin: permission denied$/)
    expect(line).not.toMatch(/large|MB|GB|bytes/)
  })

  it('a malformed % escape in a weight path: exit 2 with a clear line (was exit 3 "URI malformed")', async () => {
    const dir = join(temp, 'escape')
    await mkdir(dir)
    await writeFile(join(dir, 'model.json'), denseModel(['weights%E0%A4%A.bin']))
    const line = refused(await cli(['import', join(dir, 'model.json'), '--out', join(dir, 'p.json')]))
    expect(line).toMatch(/malformed % escape/)
  })

  it('NaN and Infinity weights are imported with a warning naming the layer and the weight', async () => {
    const dir = join(temp, 'nan')
    await mkdir(dir)
    await writeFile(join(dir, 'model.json'), denseModel(['w.bin']))
    await writeFile(join(dir, 'w.bin'), float32(Number.NaN, Number.POSITIVE_INFINITY))
    const run = await cli(['import', join(dir, 'model.json'), '--out', join(dir, 'p.json')])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/warning: layer "d": weight "d\/kernel" holds 1 non-finite value\(s\) \(NaN\)/)
    expect(run.stderr).toMatch(/warning: layer "d": weight "d\/bias" holds 1 non-finite value\(s\) \(Infinity\)/)
  })
})

describe.concurrent('regular files only, sizes checked before reading', SUITE, () => {
  it('check on a named pipe says no at once instead of waiting forever', async () => {
    const fifo = join(temp, 'project.fifo')
    execFileSync('mkfifo', [fifo])
    const run = await cli(['check', fifo])
    expect(refused(run)).toMatch(/not a regular file \(a named pipe\)/)
  })

  it('check and import on /dev/urandom and /dev/zero say no at once', async () => {
    const cases = [
      ['check', '/dev/urandom'],
      ['check', '/dev/zero'],
      ['import', '/dev/urandom', '--out', join(temp, 'u.json')],
    ]
    for (const run of await Promise.all(cases.map((args) => cli(args)))) {
      expect(refused(run)).toMatch(/not a regular file \(a device\)/)
    }
  })

  it('a named pipe as a weights file or a CSV source is refused, not waited on', async () => {
    const dir = join(temp, 'pipes')
    await mkdir(dir)
    execFileSync('mkfifo', [join(dir, 'w.bin')])
    await writeFile(join(dir, 'model.json'), denseModel(['w.bin']))
    expect(refused(await cli(['import', join(dir, 'model.json'), '--out', join(dir, 'p.json')]))).toMatch(
      /a named pipe/,
    )

    execFileSync('mkfifo', [join(dir, 'table.csv')])
    await writeFile(join(dir, 'project.json'), JSON.stringify(csvProject('table.csv')))
    expect(refused(await cli(['train', join(dir, 'project.json'), '--out', join(dir, 'run')]))).toMatch(/a named pipe/)
  })

  it('a data file over 50 MB is refused by its size, before it is read', async () => {
    const dir = join(temp, 'big')
    await mkdir(dir)
    // Sparse: 60 MB on paper, nothing on the disk.
    execFileSync('truncate', ['-s', '60M', join(dir, 'big.csv')])
    await writeFile(join(dir, 'project.json'), JSON.stringify(csvProject('big.csv')))
    const line = refused(await cli(['train', join(dir, 'project.json'), '--out', join(dir, 'run')]))
    expect(line).toMatch(/too large \(60 MB; LayerCanvas reads data files up to 50 MB\)/)
  })
})

/** A vector → Dense softmax project on a CSV with columns a, b and the target y. */
function csvProject(source: string) {
  return {
    format: 'layercanvas',
    schemaVersion: 1,
    name: 'table',
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 }, params: { mode: 'vector', size: 2 } },
      { id: 'out', kind: 'dense', position: { x: 0, y: 100 }, params: { units: 2, activation: 'softmax' } },
    ],
    edges: [{ id: 'e', source: 'in', target: 'out', targetPort: 0 }],
    training: {
      task: 'classification',
      dataset: { id: 'csv', options: { source, target: 'y' } },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      batchSize: 4,
      epochs: 1,
    },
  }
}

describe.concurrent('relative data sources', SUITE, () => {
  it('a relative CSV source is read from the project file’s folder, wherever the command runs', async () => {
    const dir = join(temp, 'relative')
    await mkdir(dir)
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 5},${(i * 7) % 3},${i % 2}`)
    await writeFile(join(dir, 'table.csv'), ['a,b,y', ...rows].join('\n'))
    await writeFile(join(dir, 'project.json'), JSON.stringify(csvProject('table.csv')))
    const run = await cli(
      ['train', join(dir, 'project.json'), '--max-batches', '1', '--json', '--out', join(dir, 'run')],
      ROOT,
      60_000,
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/"event":"done"/)
  })
})

describe.concurrent('terminal safety: what the file says is escaped and capped', SUITE, () => {
  it('ids, names and kinds with escape sequences reach the terminal as visible escapes', async () => {
    const project = {
      format: 'layercanvas',
      schemaVersion: 1,
      name: 'evil\u001b]0;title\u0007',
      nodes: [
        {
          id: 'in\u001b[2J',
          name: 'x\u009b31m\u202eevil',
          kind: 'input',
          position: { x: 0, y: 0 },
          params: { mode: 'vector', size: 2 },
        },
        { id: 'd\rfake', kind: 'dense', position: { x: 0, y: 100 }, params: { units: 2 } },
      ],
      edges: [],
    }
    const file = join(temp, 'escapes.json')
    await writeFile(file, JSON.stringify(project))
    for (const args of [
      ['check', file],
      ['check', file, '--json'],
      ['check', file, '--lang', 'zh-CN'],
    ]) {
      const run = await cli(args)
      expect(run.code).toBe(1)
      expectTerminalSafe(run.stdout)
      expectTerminalSafe(run.stderr)
      if (args.includes('--json')) expect(JSON.parse(run.stdout).layers[0].id).toBe('in\u001b[2J')
      else expect(run.stdout).toContain('in\\u001b[2J')
    }
  })

  it('an unknown kind with escapes gives one short, safe line; a 1 MB kind is refused by the schema in one short line', async () => {
    const write = async (kind: string) => {
      const file = join(temp, 'kind.json')
      await writeFile(
        file,
        JSON.stringify({
          format: 'layercanvas',
          schemaVersion: 1,
          nodes: [{ id: 'a', kind, position: { x: 0, y: 0 }, params: {} }],
          edges: [],
        }),
      )
      return file
    }
    const short = refused(await cli(['check', await write(`\u001b[31m${'k'.repeat(80)}`)]))
    expect(short).toMatch(/Unknown layer kind "\\u001b\[31mkkk/)
    expectTerminalSafe(short)
    const line = refused(await cli(['check', await write(`\u001b[31m${'k'.repeat(1024 * 1024)}`)]))
    expect(line.length).toBeLessThan(1000)
    expect(line).toMatch(/nodes\[0\]\.kind: /)
    expectTerminalSafe(line)
  })

  it('a CSV header of binary bytes and a 10 MB cell are not echoed whole', async () => {
    const dir = join(temp, 'csvecho')
    await mkdir(dir)
    const header = Buffer.concat([
      Buffer.from('a,'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 256).filter((b) => ![0x0a, 0x0d, 0x22, 0x2c].includes(b))),
      Buffer.from(',z\n'),
    ])
    await writeFile(join(dir, 'binary.csv'), Buffer.concat([header, Buffer.from('1,2,3\n4,5,6\n')]))
    await writeFile(join(dir, 'binary.json'), JSON.stringify(csvProject(join(dir, 'binary.csv'))))
    const binary = refused(await cli(['train', join(dir, 'binary.json'), '--out', join(dir, 'run')]))
    expect(binary).toMatch(/There is no column "y" in the file/)
    expect(binary.length).toBeLessThan(1500)
    expectTerminalSafe(binary)

    // Column b holds numbers but for one 10 MB cell in row 2 (the first data row).
    const numbers = Array.from({ length: 10 }, (_, i) => `${i},${i},${i % 2}`)
    await writeFile(
      join(dir, 'cell.csv'),
      [`a,b,y`, `1,\u001b[2J${'x'.repeat(10 * 1024 * 1024)},0`, ...numbers].join('\n'),
    )
    await writeFile(join(dir, 'cell.json'), JSON.stringify(csvProject(join(dir, 'cell.csv'))))
    const cell = refused(await cli(['train', join(dir, 'cell.json'), '--out', join(dir, 'run')]))
    expect(cell).toMatch(/row 2, column "b": expected a number, got "\\u001b\[2Jxxx.*…"/)
    expect(cell.length).toBeLessThan(1500)
  })
})
