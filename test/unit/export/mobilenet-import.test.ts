import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
import { applyTrainedWeights, trainedWeightsFromModel } from '../../../src/core/training/weights'
import { tfjs as tf } from '../tf'
import { depthwiseGraph } from './depthwise-cases'
import { random, randomizeWeights } from './file-export-helpers'
import { findPython } from './python-helpers'

/**
 * MobileNet's layers end to end. A MobileNet-v1-style stack written with stock tfjs layers
 * (ZeroPadding2D, Conv2D, DepthwiseConv2D, BatchNormalization, ReLU{maxValue: 6}, Activation
 * 'relu6', GlobalAveragePooling2D, Dense softmax) is saved as tfjs saves it and imported; its
 * parameter count must equal tfjs' countParams() and its outputs the original's within 1e-5
 * (relative to max(1, |y|)) in tfjs, onnxruntime and Debian's PyTorch; the ONNX file must pass
 * onnx.checker's full_check. The depthwise test graph (multipliers, uneven 'same' padding,
 * SeparableConv2D) goes through PyTorch the same way.
 */

const TOLERANCE = 1e-5
const BATCH = 3
const torchPython = findPython('torch, numpy')
const onnxPython = findPython('onnx')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-mobilenet-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** MobileNet v1's stem and two depthwise-separable blocks (the second with stride 2), in miniature. */
function mobilenetStack(): tfjs.LayersModel {
  const L = tf.layers
  const input = tf.input({ shape: [16, 16, 3], name: 'image' })
  let x = L.zeroPadding2d({ padding: 1, name: 'stem_pad' }).apply(input) as tfjs.SymbolicTensor
  x = L.conv2d({ filters: 8, kernelSize: 3, strides: 2, useBias: false, name: 'stem_conv' }).apply(
    x,
  ) as tfjs.SymbolicTensor
  x = L.batchNormalization({ name: 'stem_bn' }).apply(x) as tfjs.SymbolicTensor
  x = L.reLU({ maxValue: 6, name: 'stem_relu' }).apply(x) as tfjs.SymbolicTensor
  for (const [i, [filters, stride]] of [
    [16, 1],
    [24, 2],
  ].entries()) {
    const step = (layer: tfjs.layers.Layer) => (x = layer.apply(x) as tfjs.SymbolicTensor)
    step(L.depthwiseConv2d({ kernelSize: 3, strides: stride, padding: 'same', useBias: false, name: `dw${i}` }))
    step(L.batchNormalization({ name: `dw${i}_bn` }))
    step(L.reLU({ maxValue: 6, name: `dw${i}_relu` }))
    step(L.conv2d({ filters, kernelSize: 1, useBias: false, name: `pw${i}` }))
    step(L.batchNormalization({ name: `pw${i}_bn` }))
    // tfjs also knows ReLU6 as an activation function: the last one is written that way.
    step(
      i === 1
        ? L.activation({ activation: 'relu6', name: `pw${i}_relu` })
        : L.reLU({ maxValue: 6, name: `pw${i}_relu` }),
    )
  }
  x = L.globalAveragePooling2d({ name: 'pool' }).apply(x) as tfjs.SymbolicTensor
  const output = L.dense({ units: 5, activation: 'softmax', name: 'classes' }).apply(x) as tfjs.SymbolicTensor
  return tf.model({ inputs: input, outputs: output })
}

/** The model as tfjs saves it (model.json's topology + weight specs + the binary weights). */
async function saved(model: tfjs.LayersModel) {
  let artifacts: tfjs.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  const weightData = artifacts!.weightData as ArrayBuffer
  return {
    modelJson: {
      modelTopology: artifacts!.modelTopology,
      weightsManifest: [{ paths: [], weights: artifacts!.weightSpecs }],
    },
    weights: { specs: artifacts!.weightSpecs, data: new Uint8Array(weightData) },
  }
}

/** Inputs in ±8: large enough that the ReLU6s clip (checked below), or a plain ReLU would pass too. */
function inputBatch(shape: number[], seed: number): Float32Array {
  const next = random(seed)
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, BATCH) }, () => next() * 8)
}

/** max |got − want| / max(1, max |want|). */
function relativeDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length)
  let diff = 0
  let size = 0
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]))
    size = Math.max(size, Math.abs(want[i]))
  }
  return diff / Math.max(1, size)
}

async function predictDoc(doc: ProjectDocument, data: Float32Array, shape: number[]): Promise<Float32Array> {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  if (doc.trained) expect(applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained).skipped).toEqual([])
  const x = tf.tensor(data, [BATCH, ...shape])
  const y = compiled.model.predict(x) as tfjs.Tensor
  const out = (await y.data()) as Float32Array
  tf.dispose([x, y])
  compiled.model.dispose()
  return out
}

async function onnxOutput(doc: ProjectDocument, data: Float32Array, shape: number[], label: string) {
  const result = await exportOnnx(tf, doc)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const path = join(dir, `${label}.onnx`)
  writeFileSync(path, result.bytes)
  const session = await ort.InferenceSession.create(result.bytes)
  const feeds = { [result.inputs[0].name]: new ort.Tensor('float32', data, [BATCH, ...shape]) }
  const out = await session.run(feeds)
  await session.release()
  return { path, output: out[result.outputs[0].name].data as Float32Array }
}

/** Exports the PyTorch code, loads the weights in Debian's torch and runs the batch. */
async function torchOutput(doc: ProjectDocument, data: Float32Array, shape: number[], label: string) {
  const result = await exportPyTorch(tf, doc)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const caseDir = join(dir, label)
  mkdirSync(caseDir, { recursive: true })
  for (const [file, content] of Object.entries(result.files)) writeFileSync(join(caseDir, file), content)
  writeFileSync(join(caseDir, 'input.bin'), new Uint8Array(data.buffer))
  const script = [
    'import importlib.util, json, sys',
    'import numpy as np, torch',
    'd = sys.argv[1]',
    'spec = importlib.util.spec_from_file_location("exported", d + "/model.py")',
    'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
    'model = mod.Model(); mod.load_tfjs_weights(model, d); model.eval()',
    `x = torch.from_numpy(np.fromfile(d + "/input.bin", dtype="<f4").reshape(${JSON.stringify([BATCH, ...shape])}))`,
    'with torch.no_grad(): y = model(x)',
    'y.numpy().astype("<f4").tofile(d + "/output.bin")',
    'print(json.dumps(mod.count_parameters(model)))',
  ].join('\n')
  const stdout = execFileSync(torchPython!, ['-c', script, caseDir], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  })
  const bytes = readFileSync(join(caseDir, 'output.bin'))
  const counts = JSON.parse(stdout.trim().split('\n').pop()!) as [number, number]
  return { counts, output: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) }
}

describe('a MobileNet-v1-style stack built with tfjs layers imports exactly', () => {
  const shape = [16, 16, 3]
  const data = inputBatch(shape, 5)
  const ready = (async () => {
    const model = mobilenetStack()
    randomizeWeights(model, 13)
    const x = tf.tensor(data, [BATCH, ...shape])
    const y = model.predict(x) as tfjs.Tensor
    const expected = (await y.data()) as Float32Array
    // How many of the stem's activations ReLU6 clips at 6.
    const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer('stem_relu').output as tfjs.SymbolicTensor })
    const stem = probe.predict(x) as tfjs.Tensor
    const clipped = ((await stem.data()) as Float32Array).filter((v) => v === 6).length
    tf.dispose([x, y, stem])
    const { modelJson, weights } = await saved(model)
    const counts = {
      total: model.countParams(),
      trainable: model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b as number), 1), 0),
    }
    model.dispose()
    const result = importLayersModel(modelJson, weights)
    if (!result.ok) throw new Error(result.error)
    return { expected, counts, clipped, result, doc: result.document }
  })()

  it('every layer maps (ReLU max_value and Activation relu6 to the capped ReLU), nothing approximated', async () => {
    const { result, doc } = await ready
    expect(result.unmapped).toEqual([])
    expect(result.warnings).toEqual([])
    const kinds = doc.nodes.map((n) => n.kind)
    expect(kinds.filter((k) => k === 'depthwiseConv2d').length).toBe(2)
    expect(kinds.filter((k) => k === 'cappedRelu').length).toBe(5)
    expect(doc.nodes.filter((n) => n.kind === 'cappedRelu').every((n) => n.params.maxValue === 6)).toBe(true)
  })

  it('the inputs drive the ReLU6s into their cap, and the output is not saturated', async () => {
    const { clipped, expected } = await ready
    expect(clipped).toBeGreaterThan(20)
    expect(Math.max(...expected)).toBeLessThan(0.999)
  })

  it("the parameter count equals tfjs' countParams()", async () => {
    const { counts, doc } = await ready
    const totals = analyzeGraph(doc).totals
    expect(totals.total).toBe(counts.total)
    expect(totals.trainable).toBe(counts.trainable)
  })

  it('tfjs: the imported project predicts what the original did', async () => {
    const { expected, doc } = await ready
    expect(relativeDiff(await predictDoc(doc, data, shape), expected)).toBeLessThan(TOLERANCE)
  })

  it('ONNX: onnxruntime matches the original, and onnx.checker full_check accepts the file', async () => {
    const { expected, doc } = await ready
    const { path, output } = await onnxOutput(doc, data, shape, 'mobilenet')
    expect(relativeDiff(output, expected)).toBeLessThan(TOLERANCE)
    if (!onnxPython) return console.warn('python3-onnx not found: the ONNX checker was skipped')
    const check = 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)'
    execFileSync(onnxPython, ['-c', check, path], { encoding: 'utf8', timeout: 60_000 })
  })

  it.skipIf(!torchPython)('PyTorch: the exported code with the imported weights matches the original', async () => {
    const { expected, counts, doc } = await ready
    const torch = await torchOutput(doc, data, shape, 'mobilenet-torch')
    expect(torch.counts[0] + torch.counts[1]).toBe(counts.total)
    expect(relativeDiff(torch.output, expected)).toBeLessThan(TOLERANCE)
  })
})

describe.skipIf(!torchPython)('depthwise, separable and capped ReLU layers in PyTorch', () => {
  it('depth multipliers 1 and 2, uneven same padding, with and without bias: equal to tfjs', async () => {
    const base = depthwiseGraph()
    const compiled = compileModel(tf, base)
    if (!compiled.ok) throw new Error(compiled.message)
    randomizeWeights(compiled.model, 29)
    const doc = { ...base, trained: await trainedWeightsFromModel(compiled.model, compiled.layerNames) }
    compiled.model.dispose()
    const shape = [9, 8, 3]
    const data = inputBatch(shape, 31)
    const expected = await predictDoc(doc, data, shape)
    const torch = await torchOutput(doc, data, shape, 'depthwise-torch')
    const totals = analyzeGraph(doc).totals
    expect(torch.counts).toEqual([totals.trainable, totals.nonTrainable])
    expect(relativeDiff(torch.output, expected)).toBeLessThan(TOLERANCE)
  })
})
