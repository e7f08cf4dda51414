import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { trainedWeightsFromModel } from '../../../src/core/training/weights'
import { graph } from '../helpers'
import { globalMaxPoolGraph } from './python-cases'
import { dotAttentionGraph, paddedCnnGraph } from './seq-layer-graphs'
import { depthwiseGraph } from './depthwise-cases'
import { reluGraph, ROUND_TRIP_RELU_SETS } from './relu-cases'
import { tfjs as tf } from '../tf'

/** Deterministic floats in [-1, 1) (LCG), so failures reproduce. */
export function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return (s / 2 ** 32) * 2 - 1
  }
}

/** Every weight random (variances positive), so biases, BatchNorm statistics and gates all matter. */
export function randomizeWeights(model: tfjs.LayersModel, seed: number, scale = 0.5): void {
  const next = random(seed)
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue
    const values = layer.weights.map((w) => {
      const size = w.shape.reduce((a: number, b) => a * (b as number), 1)
      const data = Float32Array.from({ length: size }, () => next() * scale)
      if (/variance/.test(w.name)) data.forEach((v, i) => (data[i] = Math.abs(v) + 0.5))
      return tf.tensor(data, w.shape as number[])
    })
    layer.setWeights(values)
    tf.dispose(values)
  }
}

/** The document with random "trained" weights, as if it had been trained and saved. */
export async function withTrainedWeights(doc: ProjectDocument, seed = 7): Promise<ProjectDocument> {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  randomizeWeights(compiled.model, seed)
  const trained = await trainedWeightsFromModel(compiled.model, compiled.layerNames)
  compiled.model.dispose()
  return { ...doc, trained }
}

/** Random inputs for a model: token ids below `tokens`, floats in [-1, 1). */
export function randomInputs(model: tfjs.LayersModel, batch: number, seed: number, tokens = 10): tfjs.Tensor[] {
  const next = random(seed)
  return model.inputs.map((input) => {
    const shape = [batch, ...(input.shape.slice(1) as number[])]
    const size = shape.reduce((a, b) => a * b, 1)
    return input.dtype === 'int32'
      ? tf.tensor(
          Int32Array.from({ length: size }, () => Math.floor(((next() + 1) / 2) * tokens)),
          shape,
          'int32',
        )
      : tf.tensor(
          Float32Array.from({ length: size }, () => next()),
          shape,
        )
  })
}

export async function predictArrays(model: tfjs.LayersModel, inputs: tfjs.Tensor[]): Promise<Float32Array[]> {
  const out = model.predict(inputs.length === 1 ? inputs[0] : inputs) as tfjs.Tensor | tfjs.Tensor[]
  const list = Array.isArray(out) ? out : [out]
  const arrays = await Promise.all(list.map(async (t) => (await t.data()) as Float32Array))
  tf.dispose(list)
  return arrays
}

export function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  if (a.length !== b.length) return Infinity
  let max = 0
  a.forEach((x, i) => {
    if (x.length !== b[i].length) max = Infinity
    else x.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j]))))
  })
  return max
}

export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
}

/** Graphs that use LayerCanvas' own layers (all five) and the recurrent / merge kinds. */
export const CUSTOM_GRAPHS: Record<string, () => ProjectDocument> = {
  globalMaxPool: globalMaxPoolGraph,
  paddedCnn: paddedCnnGraph,
  dotAttention: dotAttentionGraph,
  depthwise: depthwiseGraph,
  relu: () => reluGraph(ROUND_TRIP_RELU_SETS),
  attention: () =>
    graph(
      [
        ['tokens', 'input', { mode: 'tokens', length: 6 }],
        ['embed', 'embedding', { inputDim: 10, outputDim: 8 }],
        ['pos', 'positionalEmbedding', { mode: 'learned', maxLength: 12 }],
        ['pos2', 'positionalEmbedding', { mode: 'sinusoidal' }],
        ['mha', 'multiHeadAttention', { numHeads: 2, keyDim: 4, causal: true }],
        ['norm', 'layerNormalization', {}],
        ['out', 'dense', { units: 3, activation: 'softmax' }],
      ],
      [
        ['tokens', 'embed'],
        ['embed', 'pos'],
        ['pos', 'pos2'],
        ['pos2', 'mha', 0],
        ['pos', 'mha', 1],
        ['mha', 'norm'],
        ['norm', 'out'],
      ],
    ),
  diffusion: () =>
    graph(
      [
        ['image', 'input', { mode: 'image', height: 6, width: 6, channels: 2 }],
        ['t', 'timestepInput', {}],
        ['temb', 'timestepEmbedding', { dim: 8, maxPeriod: 1000 }],
        ['proj', 'dense', { units: 8, activation: 'linear' }],
        ['conv', 'conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
        ['gn', 'groupNormalization', { groups: 2 }],
        ['film', 'condition', { mode: 'film' }],
        ['out', 'conv2d', { filters: 2, kernelSize: [1, 1], activation: 'linear' }],
      ],
      [
        ['t', 'temb'],
        ['temb', 'proj'],
        ['image', 'conv'],
        ['conv', 'gn'],
        ['gn', 'film', 0],
        ['proj', 'film', 1],
        ['film', 'out'],
      ],
    ),
  recurrent: () =>
    graph(
      [
        ['seq', 'input', { mode: 'sequence', timesteps: 5, features: 3 }],
        ['conv', 'conv1d', { filters: 4, kernelSize: 2, padding: 'same', activation: 'tanh' }],
        ['bi', 'bidirectional', { cell: 'lstm', units: 3, returnSequences: true, mergeMode: 'concat' }],
        ['gru', 'gru', { units: 6, activation: 'tanh', returnSequences: true }],
        ['rnn', 'simpleRnn', { units: 6, activation: 'relu', returnSequences: true }],
        ['sum', 'add', {}],
        ['cat', 'concatenate', { axis: -1 }],
        ['bn', 'batchNormalization', {}],
        ['drop', 'dropout', { rate: 0.3 }],
        ['lstm', 'lstm', { units: 4 }],
        ['act', 'activation', { activation: 'leakyRelu', alpha: 0.1 }],
        ['out', 'dense', { units: 2, activation: 'sigmoid' }],
      ],
      [
        ['seq', 'conv'],
        ['conv', 'bi'],
        ['conv', 'gru'],
        ['conv', 'rnn'],
        ['gru', 'sum', 0],
        ['rnn', 'sum', 1],
        ['bi', 'cat', 0],
        ['sum', 'cat', 1],
        ['cat', 'bn'],
        ['bn', 'drop'],
        ['drop', 'lstm'],
        ['lstm', 'act'],
        ['act', 'out'],
      ],
    ),
  generator: () =>
    graph(
      [
        ['z', 'noiseInput', { size: 16 }],
        ['fc', 'dense', { units: 32, activation: 'relu' }],
        ['shape', 'reshape', { targetShape: [4, 4, 2] }],
        [
          'up',
          'conv2dTranspose',
          { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' },
        ],
        ['pad', 'zeroPadding2d', { padding: [1, 1] }],
        ['ups', 'upSampling2d', { size: [2, 2], interpolation: 'nearest' }],
        ['pool', 'maxPool2d', { poolSize: [2, 2], strides: [2, 2] }],
        ['avg', 'avgPool2d', { poolSize: [3, 3], strides: [1, 1], padding: 'same' }],
        ['gap', 'globalAvgPool2d', {}],
        ['vec', 'flatten', {}],
        ['out', 'dense', { units: 3, activation: 'tanh' }],
      ],
      [
        ['z', 'fc'],
        ['fc', 'shape'],
        ['shape', 'up'],
        ['up', 'pad'],
        ['pad', 'ups'],
        ['ups', 'pool'],
        ['pool', 'avg'],
        ['avg', 'gap'],
        ['gap', 'vec'],
        ['vec', 'out'],
      ],
    ),
}
