import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinParts, parseProjectFile } from '../../src/core/document/project-file'
import { MAX_PROJECT_FILE_BYTES, MAX_WEIGHT_BYTES } from '../../src/core/document/size-policy'
import type { ProjectDocument } from '../../src/core/document/types'
import { readZip, writeZip } from '../../src/core/document/zip-store'
import { encodeFloat32 } from '../../src/core/training/base64'
import { type CliRun, ROOT, runCli } from './cli-process'

/**
 * Project files with weights through the `layercanvas` command, as users run it (the real bin, in
 * a child process): written as a `.layercanvas` container (manifest.json + project.json +
 * weights.bin, a stored zip any unzip reads), read back by every command, older base64 projects
 * still opened, and damaged or oversized files refused in one line.
 */
const PYTHON = '/usr/bin/python3'

type Run = CliRun

const cli = (args: string[], cwd = ROOT) => runCli(args, { cwd })

/** Exit 2 and exactly one stderr line, prefixed, no stack: returns the line. */
function oneLine(run: Run): string {
  expect(run.code, run.stderr).toBe(2)
  const lines = run.stderr.split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^layercanvas: /)
  return lines[0]
}

/** Input 3 → Dense 2 (relu) → Dense 1, with distinct weights: 11 values in tfjs' order. */
const WEIGHTS = [1, 2, 3, 4, 5, 6, 0.5, -0.5, 7, 8, 9]
const MODEL = {
  modelTopology: {
    class_name: 'Sequential',
    config: {
      name: 'tiny',
      layers: [
        { class_name: 'Dense', config: { name: 'd', units: 2, activation: 'relu', batch_input_shape: [null, 3] } },
        { class_name: 'Dense', config: { name: 'o', units: 1 } },
      ],
    },
  },
  weightsManifest: [
    {
      paths: ['w.bin'],
      weights: [
        { name: 'd/kernel', shape: [3, 2], dtype: 'float32' },
        { name: 'd/bias', shape: [2], dtype: 'float32' },
        { name: 'o/kernel', shape: [2, 1], dtype: 'float32' },
        { name: 'o/bias', shape: [1], dtype: 'float32' },
      ],
    },
  ],
}
const WEIGHT_BYTES = new Uint8Array(new Float32Array(WEIGHTS).buffer)

let temp = ''
/** The container `import` wrote for MODEL. */
let container = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-container-'))
  await writeFile(join(temp, 'model.json'), JSON.stringify(MODEL))
  await writeFile(join(temp, 'w.bin'), WEIGHT_BYTES)
  const run = await cli(['import', join(temp, 'model.json'), '--out', join(temp, 'tiny.json')])
  expect(run.code, run.stderr).toBe(0)
  container = join(temp, 'tiny.layercanvas')
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

async function loaded(path: string): Promise<ProjectDocument> {
  const parsed = parseProjectFile(await readFile(path))
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.document
}

/** The weights of a document, flattened in node order then tensor order. */
function allWeights(doc: ProjectDocument): number[] {
  return Object.values(doc.trained?.layers ?? {}).flatMap((list) => list.flatMap((w) => Array.from(w.data)))
}

/** The entries of a container, rebuilt with some of them replaced (to damage it on purpose). */
function rebuilt(bytes: Uint8Array, replace: Record<string, Uint8Array>): Uint8Array {
  const entries = readZip(bytes, () => Infinity).map((entry) => ({
    name: entry.name,
    parts: [replace[entry.name] ?? entry.data],
    ...(entry.name === 'weights.bin' ? { align: 4 } : {}),
  }))
  return joinParts(writeZip(entries).parts)
}

describe('import --out writes a container', () => {
  it("named .json, written as .layercanvas (said on stdout); the weights are the model's, bit for bit", async () => {
    expect(existsSync(join(temp, 'tiny.json'))).toBe(false)
    const doc = await loaded(container)
    expect(allWeights(doc)).toEqual(WEIGHTS)
    const again = await cli(['import', join(temp, 'model.json'), '--out', join(temp, 'again.json')])
    expect(again.stdout).toContain(`Wrote ${join(temp, 'again.layercanvas')} instead of ${join(temp, 'again.json')}`)
    // Without weights the name is kept: plain JSON is what .json says.
    const plain = await cli(['import', join(temp, 'model.json'), '--no-weights', '--out', join(temp, 'plain.json')])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).not.toMatch(/instead of/)
    expect(JSON.parse(await readFile(join(temp, 'plain.json'), 'utf8'))).toMatchObject({ format: 'layercanvas' })
  })

  it('a zip other tools read: unzip -l lists the three entries; Python reads project.json and weights.bin', async () => {
    const listing = existsSync('/usr/bin/unzip')
      ? execFileSync('/usr/bin/unzip', ['-l', container], { encoding: 'utf8' })
      : execFileSync(PYTHON, ['-m', 'zipfile', '-l', container], { encoding: 'utf8' })
    for (const name of ['manifest.json', 'project.json', 'weights.bin']) expect(listing).toContain(name)
    if (!existsSync(PYTHON)) return
    const script = [
      'import json, struct, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'doc = json.loads(z.read("project.json"))',
      'bin = z.read("weights.bin")',
      'out = []',
      'for node in ("d", "o"):',
      '    for w in doc["trained"]["layers"][node]:',
      '        ref = w["data"]',
      '        out += struct.unpack_from("<%df" % ref["length"], bin, ref["offset"])',
      'print(json.dumps({"format": doc["format"], "manifest": json.loads(z.read("manifest.json")), "values": out}))',
    ].join('\n')
    const read = JSON.parse(execFileSync(PYTHON, ['-c', script, container], { encoding: 'utf8' }))
    expect(read.format).toBe('layercanvas')
    expect(read.manifest).toMatchObject({ format: 'layercanvas-container', version: 1, weightBytes: 44 })
    expect(read.values).toEqual(WEIGHTS)
  })

  it('check and export read it; the exported tfjs weights.bin is the imported one', async () => {
    const check = await cli(['check', container])
    expect(check.code, check.stderr).toBe(0)
    const out = join(temp, 'tfjs')
    const run = await cli(['export', container, '--format', 'tfjs', '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/with trained weights/)
    expect(new Uint8Array(await readFile(join(out, 'weights.bin')))).toEqual(WEIGHT_BYTES)
  })

  it('a second write keeps the previous container as .bak', async () => {
    const target = join(temp, 'twice.layercanvas')
    expect((await cli(['import', join(temp, 'model.json'), '--out', target])).code).toBe(0)
    const first = await readFile(target)
    expect((await cli(['import', join(temp, 'model.json'), '--out', target])).code).toBe(0)
    expect(await readFile(`${target}.bak`)).toEqual(first)
    expect(allWeights(await loaded(target))).toEqual(WEIGHTS)
  })
})

describe('projects from before the container (weights as base64 in the JSON) still open', () => {
  let legacy = ''
  beforeAll(async () => {
    const doc = await loaded(container)
    // As earlier versions wrote it: one JSON text, each weight's data base64 of float32 LE.
    const text = JSON.stringify(doc, (_key, value: unknown) =>
      value instanceof Float32Array ? encodeFloat32(value) : value,
    )
    expect(text).not.toMatch(/"offset"/)
    legacy = join(temp, 'legacy.layercanvas.json')
    await writeFile(legacy, text)
  })

  it('check and export --format tfjs: the same weights as the container gives', async () => {
    expect((await cli(['check', legacy])).code).toBe(0)
    const out = join(temp, 'legacy-tfjs')
    const run = await cli(['export', legacy, '--format', 'tfjs', '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(new Uint8Array(await readFile(join(out, 'weights.bin')))).toEqual(WEIGHT_BYTES)
  })

  it('load-weights reads it and writes the new form: a container under the right extension', async () => {
    // The trained folder a PyTorch export's train.py writes: weights.json + weights.bin.
    const exported = join(temp, 'legacy-pytorch')
    expect((await cli(['export', legacy, '--format', 'pytorch', '--out', exported])).code).toBe(0)
    const run = await cli(['load-weights', legacy, exported, '--out', legacy])
    expect(run.code, run.stderr).toBe(0)
    const written = join(temp, 'legacy.layercanvas')
    expect(run.stdout).toContain(`Wrote ${written} instead of ${legacy}`)
    expect(await readFile(written).then((b) => b.subarray(0, 2).toString())).toBe('PK')
    expect(allWeights(await loaded(written))).toEqual(WEIGHTS)
    // The old file is left as it was: nothing is lost.
    expect((await readFile(legacy, 'utf8')).startsWith('{')).toBe(true)
  })
})

describe('damaged or oversized project files: exit 2, one line saying what is wrong', () => {
  it('cut short, a wrong checksum, a weight pointing past weights.bin', async () => {
    const bytes = new Uint8Array(await readFile(container))
    const truncated = join(temp, 'truncated.layercanvas')
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    expect(oneLine(await cli(['check', truncated]))).toMatch(/truncated\.layercanvas: the file is damaged/)

    const badCrc = join(temp, 'bad-crc.layercanvas')
    const flipped = bytes.slice()
    // The last weight's bytes sit just before the zip directory; flip one of them.
    const bin = readZip(bytes, () => Infinity).find((e) => e.name === 'weights.bin')!
    flipped[bin.data.byteOffset - bytes.byteOffset + 3] ^= 0xff
    await writeFile(badCrc, flipped)
    expect(oneLine(await cli(['export', badCrc, '--format', 'tfjs', '--out', join(temp, 'never')]))).toMatch(
      /"weights\.bin" does not match its checksum/,
    )
    expect(existsSync(join(temp, 'never'))).toBe(false)

    const project = JSON.parse(
      new TextDecoder().decode(readZip(bytes, () => Infinity).find((e) => e.name === 'project.json')!.data),
    )
    project.trained.layers.o[1].data = { offset: 40, length: 2 }
    const pastEnd = join(temp, 'past-end.layercanvas')
    await writeFile(pastEnd, rebuilt(bytes, { 'project.json': new TextEncoder().encode(JSON.stringify(project)) }))
    expect(oneLine(await cli(['check', pastEnd]))).toMatch(
      /trained\.layers\.o\[1\]\.data: points past the end of weights\.bin \(48 > 44 bytes\)/,
    )
  })

  it('a project file over the size policy is refused by its size, before it is read', async () => {
    const huge = join(temp, 'huge.layercanvas')
    // Sparse: on paper only.
    execFileSync('truncate', ['-s', String(MAX_PROJECT_FILE_BYTES + 1), huge])
    const mb = Math.ceil(MAX_PROJECT_FILE_BYTES / 2 ** 20).toLocaleString('en')
    expect(oneLine(await cli(['check', huge]))).toMatch(
      new RegExp(`too large \\(.*; LayerCanvas reads projects up to ${mb} MB\\)`),
    )
  })

  it("import refuses weights past the policy's limit, naming it, and writes nothing", async () => {
    const dir = join(temp, 'big-weights')
    await mkdir(dir)
    await writeFile(join(dir, 'model.json'), JSON.stringify(MODEL))
    execFileSync('truncate', ['-s', String(MAX_WEIGHT_BYTES + 4), join(dir, 'w.bin')])
    const line = oneLine(await cli(['import', join(dir, 'model.json'), '--out', join(dir, 'p.layercanvas')]))
    expect(line).toMatch(new RegExp(`weight files take more than ${MAX_WEIGHT_BYTES / 2 ** 20} MB`))
    await expect(stat(join(dir, 'p.layercanvas'))).rejects.toThrow()
  })
})
