import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import * as ort from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportOnnx } from '../../../src/core/export/onnx'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { random, randomizeWeights, writeFiles } from '../export/file-export-helpers'
import { findPython } from '../export/python-helpers'
import { tfjs as tf } from '../tf'

/**
 * Models written with the stock tfjs Layers API (no LayerCanvas metadata): a Transformer block
 * made of Dense, Dot, Softmax and LayerNormalization, a CNN with asymmetric ZeroPadding2D and
 * Cropping2D, and a sequence model with GlobalMaxPooling1D and a cosine Dot. Each imports with
 * tfjs' parameter count, and the imported canvas computes the original's outputs in tfjs, in
 * onnxruntime (the file passing onnx.checker's full_check) and in Debian's PyTorch.
 */

const RELATIVE = 1e-5
const BATCH = 3
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-stock-'))
const onnxPython = findPython('onnx')
const torchPython = findPython('torch, numpy')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function transformerBlock(): tfjs.LayersModel {
  const x = tf.input({ shape: [6, 8], name: 'tokens' })
  const dense = (name: string) => tf.layers.dense({ units: 8, name }).apply(x) as tfjs.SymbolicTensor
  const [q, k, v] = [dense('query'), dense('key'), dense('value')]
  const scores = tf.layers.dot({ axes: 2, name: 'scores' }).apply([q, k]) as tfjs.SymbolicTensor
  const weights = tf.layers.softmax({ axis: -1, name: 'attention' }).apply(scores) as tfjs.SymbolicTensor
  const context = tf.layers.dot({ axes: [2, 1], name: 'context' }).apply([weights, v]) as tfjs.SymbolicTensor
  const projected = tf.layers.dense({ units: 8, name: 'projection' }).apply(context) as tfjs.SymbolicTensor
  const residual = tf.layers.add({ name: 'residual' }).apply([x, projected]) as tfjs.SymbolicTensor
  const norm = tf.layers.layerNormalization({ name: 'norm' }).apply(residual) as tfjs.SymbolicTensor
  const pooled = tf.layers.globalAveragePooling1d({ name: 'pool' }).apply(norm) as tfjs.SymbolicTensor
  const out = tf.layers.dense({ units: 4, name: 'classes' }).apply(pooled) as tfjs.SymbolicTensor
  return tf.model({ inputs: x, outputs: out })
}

function paddedCnn(): tfjs.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.zeroPadding2d({
        inputShape: [9, 9, 2],
        padding: [
          [0, 1],
          [0, 1],
        ],
      }),
      tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: 2, activation: 'relu' }),
      tf.layers.zeroPadding2d({
        padding: [
          [1, 2],
          [0, 1],
        ],
      }),
      tf.layers.cropping2D({
        cropping: [
          [0, 1],
          [2, 0],
        ],
      }),
      tf.layers.conv2d({ filters: 3, kernelSize: 1 }),
      tf.layers.cropping2D({ cropping: [1, 1] }),
      tf.layers.zeroPadding2d({ padding: 1 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ],
  })
}

function pooledSequence(): tfjs.LayersModel {
  const x = tf.input({ shape: [7, 4] })
  const h = tf.layers.conv1d({ filters: 5, kernelSize: 2, activation: 'tanh' }).apply(x) as tfjs.SymbolicTensor
  const max = tf.layers.globalMaxPooling1d({}).apply(h) as tfjs.SymbolicTensor
  const mean = tf.layers.globalAveragePooling1d({}).apply(h) as tfjs.SymbolicTensor
  const a = tf.layers.dense({ units: 6 }).apply(max) as tfjs.SymbolicTensor
  const b = tf.layers.dense({ units: 6 }).apply(mean) as tfjs.SymbolicTensor
  const cosine = tf.layers.dot({ axes: 1, normalize: true }).apply([a, b]) as tfjs.SymbolicTensor
  const joined = tf.layers.concatenate({}).apply([cosine, max]) as tfjs.SymbolicTensor
  return tf.model({ inputs: x, outputs: tf.layers.dense({ units: 2 }).apply(joined) as tfjs.SymbolicTensor })
}

/** The model as tfjs saves it (topology + weights), imported into a canvas. */
async function imported(model: tfjs.LayersModel): Promise<ProjectDocument> {
  let saved: tfjs.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  const data = new Uint8Array(saved!.weightData as ArrayBuffer)
  const modelJson = {
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths: ['w.bin'], weights: saved!.weightSpecs }],
  }
  const result = importLayersModel(modelJson, { specs: saved!.weightSpecs!, data })
  if (!result.ok) throw new Error(result.error)
  expect(result.unmapped).toEqual([])
  // Nothing was approximated (a warning names a layer imported as something slightly different).
  expect(result.warnings).toEqual([])
  return result.document
}

function inputFor(model: tfjs.LayersModel, seed: number): { data: Float32Array; shape: number[] } {
  const shape = [BATCH, ...(model.inputs[0].shape.slice(1) as number[])]
  const next = random(seed)
  return { data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next()), shape }
}

/** max |a − b| / max(1, max |a|): relative to the outputs' size, absolute near zero. */
function relativeDiff(expected: Float32Array, got: ArrayLike<number>): number {
  expect(got.length).toBe(expected.length)
  let diff = 0
  let scale = 1
  expected.forEach((value, i) => {
    diff = Math.max(diff, Math.abs(value - got[i]))
    scale = Math.max(scale, Math.abs(value))
  })
  return diff / scale
}

async function predict(model: tfjs.LayersModel, input: { data: Float32Array; shape: number[] }) {
  const x = tf.tensor(input.data, input.shape)
  const y = model.predict(x) as tfjs.Tensor
  const values = (await y.data()) as Float32Array
  tf.dispose([x, y])
  return values
}

function runTorch(
  files: Record<string, string | Uint8Array>,
  name: string,
  input: { data: Float32Array; shape: number[] },
) {
  const caseDir = join(dir, name)
  writeFiles(caseDir, files)
  writeFileSync(join(caseDir, 'x.bin'), new Uint8Array(input.data.buffer))
  const script = [
    'import sys, importlib.util, numpy as np, torch',
    'd = sys.argv[1]',
    'spec = importlib.util.spec_from_file_location("exported", d + "/model.py")',
    'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
    'model = mod.Model(); mod.load_tfjs_weights(model, d); model.eval()',
    `x = torch.from_numpy(np.fromfile(d + "/x.bin", dtype="<f4").reshape(${JSON.stringify(input.shape)}))`,
    'with torch.no_grad(): y = model(x)',
    'y.numpy().astype("<f4").tofile(d + "/y.bin")',
    'print(sum(mod.count_parameters(model)))',
  ].join('\n')
  const out = execFileSync(torchPython!, ['-c', script, caseDir], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  })
  return {
    params: Number(out.trim()),
    y: new Float32Array(Uint8Array.from(readFileSync(join(caseDir, 'y.bin'))).buffer),
  }
}

const MODELS: Record<string, { make: () => tfjs.LayersModel; kinds: string[] }> = {
  'transformer block (Dense, Dot, Softmax, LayerNormalization, GlobalAveragePooling1D)': {
    make: transformerBlock,
    kinds: ['dot', 'globalAvgPool1d', 'layerNormalization', 'add'],
  },
  'CNN with asymmetric ZeroPadding2D and Cropping2D': { make: paddedCnn, kinds: ['zeroPadding2d', 'cropping2d'] },
  'sequence pooled by GlobalMaxPooling1D / GlobalAveragePooling1D, cosine Dot': {
    make: pooledSequence,
    kinds: ['globalMaxPool1d', 'globalAvgPool1d', 'dot'],
  },
}

describe('stock tfjs models import with the same parameter count and outputs (tfjs, ONNX, PyTorch)', () => {
  let seed = 40
  for (const [label, { make, kinds }] of Object.entries(MODELS)) {
    it(
      label,
      async () => {
        const original = make()
        randomizeWeights(original, (seed += 3))
        const doc = await imported(original)
        expect(doc.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(kinds))
        const analysis = analyzeGraph(doc)
        expect(analysis.valid).toBe(true)
        expect(analysis.totals.trainable + analysis.totals.nonTrainable).toBe(original.countParams())

        const input = inputFor(original, seed)
        const expected = await predict(original, input)

        // tfjs: the canvas compiled again, with the imported weights.
        const compiled = compileModel(tf, doc)
        if (!compiled.ok) throw new Error(compiled.message)
        expect(applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained!).skipped).toEqual([])
        expect(relativeDiff(expected, await predict(compiled.model, input))).toBeLessThan(RELATIVE)
        compiled.model.dispose()

        // ONNX: onnxruntime's outputs, and the checker.
        const onnx = await exportOnnx(tf, doc)
        if (!onnx.ok) throw new Error(JSON.stringify(onnx.problems))
        const session = await ort.InferenceSession.create(onnx.bytes)
        const feeds = { [onnx.inputs[0].name]: new ort.Tensor('float32', input.data, input.shape) }
        const got = (await session.run(feeds))[onnx.outputs[0].name].data as Float32Array
        expect(relativeDiff(expected, got)).toBeLessThan(RELATIVE)
        if (onnxPython) {
          const path = join(dir, `${seed}.onnx`)
          writeFileSync(path, onnx.bytes)
          const check = 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)'
          execFileSync(onnxPython, ['-c', check, path])
        }

        // PyTorch: the generated module, loaded with the imported weights.
        if (torchPython) {
          const torch = await exportPyTorch(tf, doc)
          if (!torch.ok) throw new Error(JSON.stringify(torch.problems))
          const { params, y } = runTorch(torch.files, `torch-${seed}`, input)
          expect(params).toBe(original.countParams())
          expect(relativeDiff(expected, y)).toBeLessThan(RELATIVE)
        }
        original.dispose()
      },
      120_000,
    )
  }
})
