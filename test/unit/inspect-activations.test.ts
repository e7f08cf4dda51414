import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../src/core/compile/compile'
import { readActivations, type NodeActivation } from '../../src/core/inspect/activations'
import { loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

function compiled(id: string) {
  const result = compileModel(tf, loadTemplate(id))
  if (!result.ok) throw new Error(result.message)
  return result
}

/** A deterministic sample in [0, 1) of the model's input shape. */
function sampleFor(model: tfjs.LayersModel) {
  const shape = model.inputs[0].shape.slice(1) as number[]
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Float32Array.from({ length: size }, (_, i) => Math.abs((Math.sin(i * 12.9898) * 43758.5453) % 1))
  return { values, shape, dtype: 'float32' as const }
}

/** The node's output computed independently: a model truncated at that layer, run by tfjs. */
function truncatedOutput(
  model: tfjs.LayersModel,
  layerName: string,
  sample: ReturnType<typeof sampleFor>,
): { shape: number[]; values: Float32Array } {
  return tf.tidy(() => {
    const truncated = tf.model({
      inputs: model.inputs,
      outputs: model.getLayer(layerName).output as tfjs.SymbolicTensor,
    })
    const y = truncated.predict(tf.tensor(sample.values, [1, ...sample.shape])) as tfjs.Tensor
    return { shape: y.shape.slice(1) as number[], values: y.dataSync() as Float32Array }
  })
}

/** Where `activation` sits in the full output (NHWC / [T, U] / flat) for included entry i. */
function fullIndex(a: NodeActivation, i: number): number {
  if (a.layout === 'maps') {
    const [h, w, c] = a.shape
    const channel = a.start + Math.floor(i / (h * w))
    return (i % (h * w)) * c + channel
  }
  if (a.layout === 'sequence') {
    const units = a.shape[1]
    return Math.floor(i / a.count) * units + a.start + (i % a.count)
  }
  return a.start + i
}

function expectMatches(
  activations: NodeActivation[],
  model: tfjs.LayersModel,
  layerNames: Record<string, string>,
  sample: ReturnType<typeof sampleFor>,
) {
  for (const a of activations) {
    const reference = truncatedOutput(model, layerNames[a.nodeId], sample)
    expect(a.shape, a.nodeId).toEqual(reference.shape)
    const expectedLength =
      a.layout === 'maps' ? a.shape[0] * a.shape[1] * a.count : a.layout === 'sequence' ? a.shape[0] * a.count : a.count
    expect(a.values.length, a.nodeId).toBe(expectedLength)
    let worst = 0
    for (let i = 0; i < a.values.length; i++)
      worst = Math.max(worst, Math.abs(a.values[i] - reference.values[fullIndex(a, i)]))
    expect(worst, a.nodeId).toBeLessThanOrEqual(1e-6)
    expect(a.min).toBe(Math.min(...a.values))
    expect(a.max).toBe(Math.max(...a.values))
  }
}

describe('readActivations', () => {
  it.each(['mlp-mnist', 'lenet5'])(
    '%s: every node equals the model truncated at it (1e-6), and the tensor count is unchanged',
    async (id) => {
      const { model, layerNames } = compiled(id)
      try {
        const sample = sampleFor(model)
        const before = tf.memory().numTensors
        const activations = readActivations(tf, { model, layerNames }, sample)
        expect(tf.memory().numTensors).toBe(before)
        const nodes = loadTemplate(id)
          .nodes.filter((n) => n.kind !== 'input')
          .map((n) => n.id)
        expect(activations.map((a) => a.nodeId).sort()).toEqual(nodes.sort())
        expectMatches(activations, model, layerNames, sample)
        // Again (the inspect model is cached): still no tensor left behind.
        readActivations(tf, { model, layerNames }, sample)
        expect(tf.memory().numTensors).toBe(before)
      } finally {
        model.dispose()
      }
    },
  )

  it('lenet5: conv layers are feature maps, dense layers vectors; big layers come in pages', async () => {
    const { model, layerNames } = compiled('lenet5')
    try {
      const sample = sampleFor(model)
      const pages = { c3: 1, f5: 2, c1: 7 }
      const activations = readActivations(tf, { model, layerNames }, sample, {
        pages,
        pageSize: { maps: 10, vector: 50 },
      })
      const byId = new Map(activations.map((a) => [a.nodeId, a]))
      const c3 = byId.get('c3')!
      // c3 has 16 channels: page 1 of 10 per page is channels 10–15.
      expect([c3.layout, c3.axisSize, c3.start, c3.count, c3.page, c3.pageCount]).toEqual(['maps', 16, 10, 6, 1, 2])
      const f5 = byId.get('f5')!
      expect([f5.layout, f5.axisSize, f5.start, f5.count, f5.pageCount]).toEqual(['vector', 120, 100, 20, 3])
      // A page past the end is clamped to the last one.
      const c1 = byId.get('c1')!
      expect([c1.page, c1.start, c1.count]).toEqual([0, 0, 6])
      expectMatches(activations, model, layerNames, sample)
    } finally {
      model.dispose()
    }
  })

  it('gru-classifier: a recurrent layer is a time × units map', async () => {
    const { model, layerNames } = compiled('gru-classifier')
    try {
      const sample = sampleFor(model)
      const activations = readActivations(tf, { model, layerNames }, sample)
      const gru = activations.find((a) => a.nodeId === 'gru')!
      const output = activations.find((a) => a.nodeId === 'output')!
      expect(output.layout).toBe('vector')
      expect(gru.layout).toBe(gru.shape.length === 2 ? 'sequence' : 'vector')
      expectMatches(activations, model, layerNames, sample)
    } finally {
      model.dispose()
    }
  })

  it('transformer-encoder: attention weights per head, every row summing to 1', async () => {
    const { model, layerNames } = compiled('transformer-encoder')
    try {
      const sample = sampleFor(model)
      const before = tf.memory().numTensors
      const activations = readActivations(tf, { model, layerNames }, sample)
      expect(tf.memory().numTensors).toBe(before)
      const attention = activations.find((a) => a.nodeId === 'attention')!
      expect(attention.layout).toBe('sequence')
      const scores = attention.attention!
      expect([scores.heads, scores.queries, scores.keys]).toEqual([4, 28, 28])
      for (let row = 0; row < scores.heads * scores.queries; row++) {
        const sum = scores.values.subarray(row * scores.keys, (row + 1) * scores.keys).reduce((a, b) => a + b, 0)
        expect(sum).toBeCloseTo(1, 5)
      }
      expect(activations.filter((a) => a.attention).map((a) => a.nodeId)).toEqual(['attention'])
      expectMatches(activations, model, layerNames, sample)
    } finally {
      model.dispose()
    }
  })
})
