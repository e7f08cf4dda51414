import fc from 'fast-check'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseProjectFile } from '../../../src/core/document/project-file'
import { exportTfjs } from '../../../src/core/export/tfjs'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import {
  expectCleanRun,
  FUZZ_SEED,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzRuns,
  makeFifo,
  makeSparse,
  runCli,
} from './cli-fuzz-helpers'

/**
 * `layercanvas import` on mutated model.json folders, through the real CLI entry: manifests
 * with odd paths (.., absolute, URLs, malformed escapes, links out of the folder, pipes,
 * directories), odd weight specs (shapes, dtypes, names), weight files truncated, padded,
 * random, NaN-filled, missing or huge, and model.json files cut short or replaced by bytes.
 * Always exit 0, 1 or 2 within the time limit, and never read a file outside the folder.
 */

interface BaseModel {
  json: { modelTopology: unknown; weightsManifest: { paths: unknown[]; weights: unknown[] }[] }
  bin: Uint8Array
}

const bases: BaseModel[] = []
let temp = ''
/** Exactly as many bytes as each base model's manifest asks for: what a leak would embed. */
const SECRET_MARK = 0x5a

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-import-fuzz-'))
  // A hand-written one-layer model and a real export (an RNN: several weights per layer).
  bases.push({
    json: {
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'tiny',
          layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }],
        },
      },
      weightsManifest: [
        {
          paths: ['w.bin'],
          weights: [
            { name: 'd/kernel', shape: [3, 2], dtype: 'float32' },
            { name: 'd/bias', shape: [2], dtype: 'float32' },
          ],
        },
      ],
    },
    bin: new Uint8Array(new Float32Array([0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.01, 0.02]).buffer),
  })
  const exported = await exportTfjs(tf, loadTemplate('rnn-sine'))
  if (!exported.ok) throw new Error('export failed')
  bases.push({
    json: JSON.parse(exported.files['model.json'] as string),
    bin: exported.files['weights.bin'] as Uint8Array,
  })
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

/** Paths a manifest may name: ordinary, hostile, and random. */
const manifestPath = fc.oneof(
  { weight: 6, arbitrary: fc.constant('w.bin') },
  { weight: 2, arbitrary: fc.constantFrom('sub/w.bin', 'w%20x.bin', './w.bin', 'link-in.bin') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '../secret.bin',
      '%2e%2e/secret.bin',
      'sub/../../secret.bin',
      'link-out.bin',
      '/etc/passwd',
      '/dev/zero',
      'file:///etc/passwd',
      'https://example.com/w.bin',
      'C:\\w.bin',
      '\\\\server\\w.bin',
      '%',
      'w%E0%A4%A.bin',
      'w%00.bin',
      '',
      '.',
      'sub',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
)

/** What is on the disk at a (safe) path the manifest names. */
const fileKind = fc.constantFrom(
  'exact',
  'exact',
  'exact',
  'truncated',
  'padded',
  'random',
  'empty',
  'nan',
  'missing',
  'fifo',
  'directory',
  'huge',
)

/** A change to one weight spec (or none). */
const specChange = fc.option(
  fc.oneof(
    fc.record({
      key: fc.constant('shape'),
      value: fc.oneof(fc.array(fc.integer({ min: -3, max: 2 ** 40 }), { maxLength: 9 }), fc.jsonValue({ maxDepth: 1 })),
    }),
    fc.record({
      key: fc.constant('dtype'),
      value: fc.oneof(
        fc.constantFrom('float32', 'int32', 'float16', 'uint8', 'bool', 'complex64', 'string'),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    }),
    fc.record({
      key: fc.constant('name'),
      value: fc.oneof(fc.string({ maxLength: 10 }), fc.constant('\u001b[2Jd/kernel')),
    }),
    fc.record({ key: fc.constant('quantization'), value: fc.jsonValue({ maxDepth: 2 }) }),
  ),
  { nil: undefined },
)

/** What model.json itself is. */
const modelKind = fc.constantFrom(
  'json',
  'json',
  'json',
  'json',
  'json',
  'cut',
  'bytes',
  'empty',
  'bom',
  'fifo',
  'huge',
)

/** Same question as the CLI's rule, asked independently: does the entry lead outside `folder`? */
function leadsOutside(folder: string, entry: unknown): boolean {
  if (typeof entry !== 'string') return false
  let decoded: string
  try {
    decoded = decodeURIComponent(entry)
  } catch {
    return false
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || isAbsolute(decoded) || decoded.startsWith('\\')) return true
  const rel = relative(folder, resolve(folder, decoded))
  return rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) || entry.includes('link-out')
}

async function writeWeightFile(path: string, kind: string, bin: Uint8Array, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  switch (kind) {
    case 'exact':
      return writeFile(path, bin)
    case 'truncated':
      return writeFile(path, bin.subarray(0, Math.floor(bin.length / 2)))
    case 'padded':
      return writeFile(path, new Uint8Array([...bin, ...bytes]))
    case 'random':
      return writeFile(path, bytes)
    case 'empty':
      return writeFile(path, '')
    case 'nan':
      return writeFile(path, new Uint8Array(new Float32Array(bin.length / 4).fill(Number.NaN).buffer))
    case 'fifo':
      return makeFifo(path)
    case 'directory':
      return void (await mkdir(path, { recursive: true }))
    case 'huge':
      return makeSparse(path, 1.5 * 1024 * 1024 * 1024)
  }
}

describe('layercanvas import on mutated model folders', () => {
  it(
    'says yes or no cleanly, within the time limit, and reads nothing outside the folder',
    async () => {
      let n = 0
      const runs = fuzzRuns(60)
      const codes = new Set<number>()
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(manifestPath, { minLength: 1, maxLength: 3 }),
          fileKind,
          fc.nat(),
          specChange,
          modelKind,
          fc.uint8Array({ maxLength: 64 }),
          fc.boolean(),
          async (which, paths, kind, specIndex, change, model, bytes, noWeights) => {
            const base = bases[which % bases.length]
            const dir = join(temp, `case-${++n}`)
            const folder = join(dir, 'model')
            await mkdir(join(folder, 'sub'), { recursive: true })
            // Outside the model folder: exactly the bytes the manifest asks for.
            await writeFile(join(dir, 'secret.bin'), new Uint8Array(base.bin.length).fill(SECRET_MARK))
            await symlink(join(dir, 'secret.bin'), join(folder, 'link-out.bin'))
            await writeFile(join(folder, 'inner.bin'), base.bin)
            await symlink(join(folder, 'inner.bin'), join(folder, 'link-in.bin'))

            const json = structuredClone(base.json)
            json.weightsManifest[0].paths = paths
            const specs = json.weightsManifest[0].weights as Record<string, unknown>[]
            if (change) specs[specIndex % specs.length][change.key] = change.value
            // Only the first file holds the data: with several paths the rest is extra bytes.
            for (const [i, path] of paths.entries()) {
              if (typeof path !== 'string' || leadsOutside(folder, path) || path.includes('link-')) continue
              let decoded: string
              try {
                decoded = decodeURIComponent(path)
              } catch {
                continue
              }
              const target = resolve(folder, decoded)
              if (target === folder || existsSync(target) || kind === 'missing') continue
              await writeWeightFile(target, i === 0 ? kind : 'random', base.bin, bytes).catch(() => undefined)
            }

            const modelPath = join(folder, 'model.json')
            const text = JSON.stringify(json)
            if (model === 'json') await writeFile(modelPath, text)
            else if (model === 'cut') await writeFile(modelPath, text.slice(0, bytes.length * 7))
            else if (model === 'bytes') await writeFile(modelPath, bytes)
            else if (model === 'empty') await writeFile(modelPath, '')
            else if (model === 'bom') await writeFile(modelPath, `\uFEFF${text}`)
            else if (model === 'fifo') makeFifo(modelPath)
            else await makeSparse(modelPath, 65 * 1024 * 1024)

            // No extension: written as named in either form (with weights a container), read by sniffing.
            const out = join(dir, 'project')
            const args = ['import', 'model/model.json', '--out', out, ...(noWeights ? ['--no-weights'] : [])]
            const run = await runCli(args, dir)
            expectCleanRun(run)
            codes.add(run.code)
            if (run.code === 0) {
              expect(parseProjectFile(await readFile(out)).ok).toBe(true)
              // Never a weight read from outside the model's folder.
              if (!noWeights && model !== 'fifo')
                for (const path of paths) expect(leadsOutside(folder, path), String(path)).toBe(false)
            } else {
              expect(existsSync(out)).toBe(false)
            }
            await rm(dir, { recursive: true, force: true })
          },
        ),
        { seed: FUZZ_SEED, numRuns: runs },
      )
      // Not a vacuous run: some folders were imported, some refused (a tiny FUZZ_RUNS may see one kind).
      if (runs >= 60) expect([...codes]).toEqual(expect.arrayContaining([0, 2]))
    },
    FUZZ_TEST_TIMEOUT_MS,
  )
})
