import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeBase64, decodeFloat32, encodeBase64, encodeFloat32 } from '../../../src/core/training/base64'
import { applyTrainedWeights, trainedWeightsFromModel } from '../../../src/core/training/weights'

function build(hidden = 5) {
  const input = tf.input({ shape: [3], name: 'in' })
  const h = tf.layers.dense({ units: hidden, activation: 'relu', name: 'hidden' }).apply(input) as tf.SymbolicTensor
  const n = tf.layers.batchNormalization({ name: 'norm' }).apply(h) as tf.SymbolicTensor
  const out = tf.layers.dense({ units: 2, activation: 'softmax', name: 'out_1' }).apply(n) as tf.SymbolicTensor
  return tf.model({ inputs: input, outputs: out })
}
const names = { input: 'in', hidden: 'hidden', norm: 'norm', 'out-1': 'out_1' }

describe('base64', () => {
  it("matches Node's Buffer for any bytes and round-trips", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes))
      }),
    )
  })

  it('float32 little-endian, exact', () => {
    const values = new Float32Array([0, -1.5, 3.1415927, 1e-30, Number.MAX_VALUE, Number.NaN])
    const text = encodeFloat32(values)
    expect(text).toBe(Buffer.from(values.buffer).toString('base64'))
    expect(Object.is(decodeFloat32(text)[5], Number.NaN)).toBe(true)
    expect(Array.from(decodeFloat32(text)).slice(0, 5)).toEqual(Array.from(values).slice(0, 5))
  })

  it('rejects bad input', () => {
    expect(() => decodeBase64('abc')).toThrow()
    expect(() => decodeBase64('ab$=')).toThrow()
    expect(() => decodeFloat32('AAA=')).toThrow()
  })
})

describe('trained weights in the document', () => {
  it('round-trips: trainedWeightsFromModel → applyTrainedWeights → identical predictions', async () => {
    const a = build()
    const trained = await trainedWeightsFromModel(a, names, {
      savedAt: '2026-01-01T00:00:00.000Z',
      metrics: { accuracy: 0.5 },
    })
    expect(Object.keys(trained.layers).sort()).toEqual(['hidden', 'norm', 'out-1'])
    expect(trained.layers.hidden.map((w) => [w.name, w.shape])).toEqual([
      ['hidden/kernel', [3, 5]],
      ['hidden/bias', [5]],
    ])
    expect(trained.layers.norm).toHaveLength(4)
    expect(trained.metrics).toEqual({ accuracy: 0.5 })
    // As it travels to and from the training worker (the file form: document/project-file.test.ts).
    const fromFile = structuredClone(trained)
    const b = build()
    const result = applyTrainedWeights(tf, b, names, fromFile)
    expect(result.restored.sort()).toEqual(['hidden', 'norm', 'out-1'])
    expect(result.skipped).toEqual([])
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 3)
    expect(Array.from((b.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((a.predict(x) as tf.Tensor).dataSync()),
    )
  })

  it('skips nodes whose shapes changed, whose layer is gone, or whose data is corrupt', async () => {
    const trained = await trainedWeightsFromModel(build(5), names)
    trained.layers.ghost = trained.layers.hidden
    trained.layers['out-1'] = trained.layers['out-1'].map((w) => ({ ...w, data: w.data.slice(0, -4) }))
    const changed = build(6)
    const before = tf.memory().numTensors
    const result = applyTrainedWeights(tf, changed, names, trained)
    expect(tf.memory().numTensors).toBe(before)
    expect(result.restored).toEqual([])
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { nodeId: 'hidden', reason: 'shapeChanged' },
        { nodeId: 'norm', reason: 'shapeChanged' },
        { nodeId: 'ghost', reason: 'noLayer' },
        { nodeId: 'out-1', reason: 'shapeChanged' },
      ]),
    )
    const same = build(5)
    const partial = applyTrainedWeights(tf, same, names, trained)
    expect(partial.restored.sort()).toEqual(['hidden', 'norm'])
    expect(partial.skipped).toEqual(expect.arrayContaining([{ nodeId: 'out-1', reason: 'corrupt' }]))
  })
})
