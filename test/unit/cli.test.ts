import { execFile } from 'node:child_process'
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, ROOT, runCli } from './cli-process'

/** The `layercanvas` command is tested as users run it: the real bin, in a child process. */
const FIXTURES = join(ROOT, 'test/fixtures/cli')

type Run = CliRun

const cli = (args: string[], cwd = ROOT) => runCli(args, { cwd })

const fixture = (name: string) => join(FIXTURES, name)

/** A one-line error: exactly one line on stderr, prefixed, and nothing that looks like a stack. */
function expectOneLineError(run: Run) {
  expect(run.code).toBe(2)
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^layercanvas: /)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  return lines[0]
}

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-cli-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe.concurrent('layercanvas check: valid projects', () => {
  it('alexnet --json: one JSON object, 62,378,344 params, valid, exit 0', async () => {
    const run = await cli(['check', 'templates/alexnet.json', '--json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    const report = JSON.parse(run.stdout)
    expect(Object.keys(report)).toEqual([
      'valid',
      'totalParams',
      'trainableParams',
      'totalMacs',
      'layers',
      'diagnostics',
    ])
    expect(report.valid).toBe(true)
    expect(report.totalParams).toBe(62378344)
    expect(report.trainableParams).toBe(62378344)
    expect(report.diagnostics).toEqual([])
    expect(report.layers[0]).toEqual({
      id: 'input',
      kind: 'input',
      outputShape: [null, 227, 227, 3],
      params: 0,
      macs: 0,
    })
    expect(report.layers.find((l: { id: string }) => l.id === 'conv1')).toEqual({
      id: 'conv1',
      kind: 'conv2d',
      outputShape: [null, 55, 55, 96],
      params: 34944,
      macs: 55 * 55 * 96 * 11 * 11 * 3,
    })
    const sum = report.layers.reduce((total: number, layer: { params: number }) => total + layer.params, 0)
    expect(sum).toBe(62378344)
  })

  it('mlp-mnist: a Keras-like table with 101,770 params', async () => {
    const run = await cli(['check', 'templates/mlp-mnist.json'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Model: "MNIST MLP"')
    expect(run.stdout).toMatch(/Layer\s+Kind\s+Output shape\s+Params/)
    expect(run.stdout).toMatch(/hidden\s+Dense\s+\(None, 128\)\s+100,480/)
    expect(run.stdout).toContain('(None, 28, 28, 1)')
    expect(run.stdout).toContain('Total params: 101,770 (397.54 KB)')
    expect(run.stdout).toContain('Trainable params: 101,770')
    expect(run.stdout).toContain('Non-trainable params: 0')
    expect(run.stdout).toContain('No problems found.')
  })

  it('lenet5: 61,706 params', async () => {
    const run = await cli(['check', 'templates/lenet5.json'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Total params: 61,706')
  })

  it('shows "Connected to" for merges and the user name of a layer', async () => {
    const run = await cli(['check', fixture('branches.json')])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Connected to')
    expect(run.stdout).toMatch(/sum\s+Add\s+\(None, 8\)\s+0\s+0\s+a, b/)
    expect(run.stdout).toContain('a (Left branch)')
  })

  it('resolves the project path against the cwd, from any directory', async () => {
    await copyFile(join(ROOT, 'templates/lenet5.json'), join(temp, 'copy.json'))
    const run = await cli(['check', 'copy.json', '--json'], temp)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).totalParams).toBe(61706)
  })

  it('prints help and the version', async () => {
    const [help, commandHelp, version] = await Promise.all([
      cli(['--help']),
      cli(['check', '--help']),
      cli(['--version']),
    ])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: layercanvas <command>/)
    expect(help.stdout).toMatch(/check\s+Check a project/)
    expect(commandHelp.code).toBe(0)
    expect(commandHelp.stdout).toContain('--lang en|zh-CN')
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
    expect(version.stdout.trim()).toBe(pkg.version)
  })
})

describe.concurrent('layercanvas check: graphs with problems', () => {
  it('Dense right after Conv2D: exit 1 with a needsFlatten diagnostic', async () => {
    const [json, table] = await Promise.all([
      cli(['check', fixture('needs-flatten.json'), '--json']),
      cli(['check', fixture('needs-flatten.json')]),
    ])
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report.valid).toBe(false)
    const problem = report.diagnostics.find((d: { code: string }) => d.code === 'needsFlatten')
    expect(problem).toMatchObject({ nodeId: 'classifier', severity: 'error' })
    expect(problem.message).toMatch(/Flatten/)
    expect(report.layers.find((l: { id: string }) => l.id === 'classifier')).toEqual({
      id: 'classifier',
      kind: 'dense',
      outputShape: null,
      params: null,
      macs: null,
    })
    expect(table.code).toBe(1)
    expect(table.stdout).toMatch(/error\s+classifier\s+Dense after a 26×26×32 input needs a Flatten/)
    expect(table.stdout).not.toContain('No problems found.')
  })

  it('--lang zh-CN prints Chinese diagnostics and labels', async () => {
    const [json, table] = await Promise.all([
      cli(['check', fixture('needs-flatten.json'), '--json', '--lang', 'zh-CN']),
      cli(['check', fixture('needs-flatten.json'), '--lang', 'zh-CN']),
    ])
    expect(json.code).toBe(1)
    const message = JSON.parse(json.stdout).diagnostics[0].message as string
    expect(message).toContain('展平层')
    expect(message).toMatch(/[\u4e00-\u9fff]/)
    expect(table.stdout).toContain('参数总数')
    expect(table.stdout).toContain('展平层')
  })

  it('a cycle: exit 1, the cyclic layers are still listed after the ordered ones', async () => {
    const run = await cli(['check', fixture('cycle.json'), '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.layers.map((l: { id: string }) => l.id)).toEqual(['input', 'a', 'b'])
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain('cycle')
  })
})

describe.concurrent('layercanvas check: unreadable or malformed files exit 2 with one line', () => {
  it('invalid JSON', async () => {
    const line = expectOneLineError(await cli(['check', fixture('invalid-json.json')]))
    expect(line).toContain('invalid-json.json')
    expect(line).toContain('not valid JSON')
  })

  it('truncated JSON', async () => {
    expect(expectOneLineError(await cli(['check', fixture('truncated.json')]))).toContain('not valid JSON')
  })

  it('a JSON array', async () => {
    expect(expectOneLineError(await cli(['check', fixture('array.json')]))).toContain('expected a JSON object')
  })

  it('a file in another format', async () => {
    expect(expectOneLineError(await cli(['check', fixture('wrong-format.json')]))).toContain(
      'not a LayerCanvas project',
    )
  })

  it('a node with units -4 names the exact path', async () => {
    const line = expectOneLineError(await cli(['check', fixture('negative-units.json')]))
    expect(line).toMatch(/nodes\[\d+\]\.params\.units/)
    expect(line).toContain('-4')
  })

  it('an empty file', async () => {
    await writeFile(join(temp, 'empty.json'), '')
    expect(expectOneLineError(await cli(['check', join(temp, 'empty.json')]))).toContain('empty')
  })

  it('a missing file', async () => {
    expect(expectOneLineError(await cli(['check', 'no/such/project.json']))).toBe(
      'layercanvas: cannot read no/such/project.json: no such file',
    )
  })

  it('a directory', async () => {
    expect(expectOneLineError(await cli(['check', 'templates']))).toBe(
      'layercanvas: cannot read templates: is a directory',
    )
  })

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const file = join(temp, 'locked.json')
    await copyFile(join(ROOT, 'templates/lenet5.json'), file)
    await chmod(file, 0o000)
    expect(expectOneLineError(await cli(['check', file]))).toContain('permission denied')
  })

  it('--json still exits 2, with the error as JSON on stdout and the line on stderr', async () => {
    const run = await cli(['check', fixture('negative-units.json'), '--json'])
    expectOneLineError(run)
    const { error } = JSON.parse(run.stdout)
    expect(error.path).toMatch(/^nodes\[\d+\]\.params\.units$/)
    expect(error.message).toContain(error.path)
  })
})

describe.concurrent('layercanvas: usage errors exit 2', () => {
  it('an unknown command prints the usage', async () => {
    const run = await cli(['frobnicate'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('unknown command "frobnicate"')
    expect(run.stderr).toContain('Usage: layercanvas')
  })

  it('no command prints the usage', async () => {
    const run = await cli([])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('Usage: layercanvas')
  })

  it('bad options and arguments are one line each', async () => {
    const runs = await Promise.all([
      cli(['check', 'templates/lenet5.json', '--lang', 'fr']),
      cli(['check', 'templates/lenet5.json', '--frob']),
      cli(['check']),
      cli(['check', 'a.json', 'b.json']),
    ])
    const lines = runs.map(expectOneLineError)
    expect(lines[0]).toContain('--lang')
    expect(lines[1]).toContain('--frob')
    expect(lines[2]).toContain('<project.json>')
    expect(lines[3]).toContain('b.json')
  })
})

describe('layercanvas check: startup', () => {
  it('never loads tfjs (no banners, fast startup)', async () => {
    const script = `
      import { register } from 'tsx/esm/api'
      const seen = []
      register({ onImport: (url) => seen.push(url) })
      const { main } = await import('./src/cli/main.ts')
      const code = await main(['check', 'templates/alexnet.json', '--json'], { cwd: process.cwd(), out() {}, err() {} })
      console.log(JSON.stringify({ code, count: seen.length, tf: seen.filter((url) => url.includes('@tensorflow')) }))
    `
    const out = await new Promise<string>((done, fail) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT }, (error, stdout) =>
        error ? fail(error) : done(stdout),
      ),
    )
    const result = JSON.parse(out.trim().split('\n').pop()!)
    expect(result.code).toBe(0)
    expect(result.count).toBeGreaterThan(10)
    expect(result.tf).toEqual([])
  })
})
