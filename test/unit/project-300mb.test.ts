import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadProject } from '../../src/cli/project-file'
import { saveProjectDocument } from '../../src/cli/save-project'
import type { ProjectDocument } from '../../src/core/document/types'
import { graph } from './helpers'
import { runCli } from './cli-process'

/**
 * Issue #13: "A project with 300 MB of weights saves, reopens, and exports." One Dense layer of
 * 8,660 → 8,660 (75,004,260 parameters, 300,017,040 bytes of float32): cheap to compile (one
 * matrix), and its kernel alone is longer as base64 than the old single-JSON form could ever
 * hold in a string. Saved with the command line's writer, reopened with its loader, exported by
 * the real `layercanvas export` in a child process. Every value is a function of its index, so
 * any value can be checked without keeping a second copy.
 */
const UNITS = 8660
const KERNEL = UNITS * UNITS
const PARAMS = KERNEL + UNITS

/** Deterministic, distinct-looking values in [-0.5, 0.5), exact in float32 (multiples of 2^-20). */
const kernelValue = (i: number) => ((Math.imul(i, 2654435761) >>> 12) & 0xfffff) / 0x100000 - 0.5
const biasValue = (i: number) => (i % 1000) / 1024 - 0.25

/** Indices to compare: the ends, every row start of a stride, and a spread of odd positions. */
function samples(length: number): number[] {
  const picked = new Set([0, 1, length - 2, length - 1])
  for (let i = 0; i < length; i += Math.floor(length / 997)) picked.add(i)
  for (let k = 1; k <= 500; k++) picked.add(Math.floor((k * 7_919_993) % length))
  return [...picked].sort((a, b) => a - b)
}

function bigDocument(): ProjectDocument {
  const doc = graph(
    [
      ['x', 'input', { mode: 'vector', size: UNITS }],
      ['big', 'dense', { units: UNITS, activation: 'linear' }],
    ],
    [['x', 'big']],
  )
  const kernel = new Float32Array(KERNEL)
  for (let i = 0; i < KERNEL; i++) kernel[i] = kernelValue(i)
  const bias = new Float32Array(UNITS)
  for (let i = 0; i < UNITS; i++) bias[i] = biasValue(i)
  return {
    ...doc,
    trained: {
      savedAt: '2026-01-01T00:00:00.000Z',
      layers: {
        big: [
          { name: 'big/kernel', shape: [UNITS, UNITS], data: kernel },
          { name: 'big/bias', shape: [UNITS], data: bias },
        ],
      },
    },
  }
}

const cli = (args: string[]) => runCli(args)

/** float32 values at byte offset `base` of a file, read one by one (the file is never held whole). */
async function floatsAt(path: string, base: number, indices: number[]): Promise<number[]> {
  const handle = await open(path, 'r')
  try {
    const out: number[] = []
    const buffer = Buffer.alloc(4)
    for (const i of indices) {
      await handle.read(buffer, 0, 4, base + 4 * i)
      out.push(buffer.readFloatLE(0))
    }
    return out
  } finally {
    await handle.close()
  }
}

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-300mb-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe('a project with 300 MB of weights', () => {
  it(
    'saves as a container, reopens equal, exports to tfjs (weights.bin = 4 × params) and onnx (onnxruntime runs it)',
    { timeout: 300_000 },
    async () => {
      const started = performance.now()
      const lap = (what: string, from: number) =>
        console.info(`300 MB project: ${what} ${((performance.now() - from) / 1000).toFixed(1)} s`)

      let t = performance.now()
      const saved = await saveProjectDocument('big.json', bigDocument(), temp)
      lap('build + save', t)
      expect(saved).toMatchObject({ ok: true, path: 'big.layercanvas', container: true })
      const file = join(temp, 'big.layercanvas')
      const size = (await stat(file)).size
      expect(size).toBeGreaterThan(4 * PARAMS)
      expect(size).toBeLessThan(4 * PARAMS + 64 * 1024)

      t = performance.now()
      const loaded = await loadProject(file, temp)
      lap('reopen', t)
      if (!loaded.ok) throw new Error(loaded.line)
      const weights = loaded.document.trained!.layers.big
      expect(weights.map((w) => [w.name, w.shape])).toEqual([
        ['big/kernel', [UNITS, UNITS]],
        ['big/bias', [UNITS]],
      ])
      expect(weights.map((w) => w.data.length)).toEqual([KERNEL, UNITS])
      const kernelIdx = samples(KERNEL)
      expect(kernelIdx.map((i) => weights[0].data[i])).toEqual(kernelIdx.map(kernelValue))
      expect(Array.from(weights[1].data)).toEqual(Array.from({ length: UNITS }, (_, i) => biasValue(i)))

      t = performance.now()
      const out = join(temp, 'tfjs')
      const run = await cli(['export', file, '--format', 'tfjs', '--out', out])
      lap('export --format tfjs', t)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const bin = join(out, 'weights.bin')
      expect((await stat(bin)).size).toBe(4 * PARAMS)
      const model = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'))
      const manifest = model.weightsManifest.flatMap((group: { weights: unknown[] }) => group.weights)
      expect(manifest.map((w: { shape: number[] }) => w.shape)).toEqual([[UNITS, UNITS], [UNITS]])
      expect(model.weightsManifest.flatMap((group: { paths: string[] }) => group.paths)).toEqual(['weights.bin'])
      // tfjs' manifest order: kernel then bias, one after another in weights.bin.
      expect(await floatsAt(bin, 0, kernelIdx)).toEqual(kernelIdx.map(kernelValue))
      const biasIdx = samples(UNITS)
      expect(await floatsAt(bin, 4 * KERNEL, biasIdx)).toEqual(biasIdx.map(biasValue))

      // ONNX: one model.onnx with the weights inside; onnxruntime runs it on a one-hot input, so
      // the output is row `j` of the kernel plus the bias.
      t = performance.now()
      const onnxOut = join(temp, 'onnx')
      const onnxRun = await cli(['export', file, '--format', 'onnx', '--out', onnxOut])
      lap('export --format onnx', t)
      expect(onnxRun.code, onnxRun.stderr).toBe(0)
      const onnxFile = join(onnxOut, 'model.onnx')
      expect((await stat(onnxFile)).size).toBeGreaterThan(4 * PARAMS)
      expect((await stat(onnxFile)).size).toBeLessThan(4 * PARAMS + 64 * 1024)
      t = performance.now()
      const session = await ort.InferenceSession.create(onnxFile)
      const j = 1234
      const x = new Float32Array(UNITS)
      x[j] = 1
      const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', x, [1, UNITS]) })
      const y = result[session.outputNames[0]].data as Float32Array
      await session.release()
      lap('onnxruntime', t)
      expect(biasIdx.map((c) => y[c])).toEqual(
        biasIdx.map((c) => Math.fround(kernelValue(j * UNITS + c) + biasValue(c))),
      )
      lap('in all', started)
    },
  )
})
