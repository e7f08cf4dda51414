import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../../src/core/compile/compile'
import {
  explainUnit,
  TOP_CONTRIBUTIONS,
  type ConvExplanation,
  type DenseExplanation,
} from '../../../src/core/inspect/explain-unit'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'

function compiled(id: string) {
  const result = compileModel(tf, loadTemplate(id))
  if (!result.ok) throw new Error(result.message)
  return result
}

function sampleFor(model: tfjs.LayersModel) {
  const shape = model.inputs[0].shape.slice(1) as number[]
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Float32Array.from({ length: size }, (_, i) => Math.abs((Math.sin(i * 12.9898) * 43758.5453) % 1))
  return { values, shape, dtype: 'float32' as const }
}

/** A layer's real output for the sample, from a model truncated at that layer (tfjs). */
function outputOf(
  model: tfjs.LayersModel,
  name: string,
  sample: ReturnType<typeof sampleFor>,
  input = false,
): Float32Array {
  return tf.tidy(() => {
    const layer = model.getLayer(name)
    const truncated = tf.model({
      inputs: model.inputs,
      outputs: (input ? layer.input : layer.output) as tfjs.SymbolicTensor,
    })
    return (truncated.predict(tf.tensor(sample.values, [1, ...sample.shape])) as tfjs.Tensor).dataSync() as Float32Array
  })
}

describe('how one unit computes', () => {
  it('dense unit: the real inputs, weights and output; contributions add up to the pre-activation', () => {
    const c = compiled('mlp-mnist')
    const sample = sampleFor(c.model)
    const result = explainUnit(tf, c, sample, { nodeId: 'hidden', unit: 5 }, null)
    const unit = result.unit as DenseExplanation
    expect(unit.kind).toBe('dense')
    expect(unit.activation).toBe('relu')
    const x = outputOf(c.model, c.layerNames.hidden, sample, true)
    const [kernel, bias] = c.model
      .getLayer(c.layerNames.hidden)
      .getWeights()
      .map((w) => w.dataSync())
    expect(unit.top).toHaveLength(TOP_CONTRIBUTIONS)
    for (const term of unit.top) {
      expect(term.x).toBe(x[term.index])
      expect(term.w).toBe(kernel[term.index * 128 + 5])
    }
    expect(unit.bias).toBe(bias[5])
    const sum = unit.top.reduce((a, t) => a + t.product, 0) + unit.restSum
    expect(Math.abs(sum - unit.sum)).toBeLessThan(1e-5)
    const real = outputOf(c.model, c.layerNames.hidden, sample)[5]
    expect(unit.output).toBe(real)
    expect(Math.abs(Math.max(0, unit.preActivation) - real)).toBeLessThan(1e-5)
    expect(result.softmax).toBeNull()
  })

  it('output: softmax of the recomputed logits equals the model output; losses as the trainer computes them', () => {
    const c = compiled('mlp-mnist')
    const sample = sampleFor(c.model)
    const result = explainUnit(tf, c, sample, { nodeId: 'output', unit: 3 }, { task: 'classification', index: 7 })
    const softmax = result.softmax!
    expect(softmax.logitsFrom).toBe('preActivation')
    expect(softmax.check).toBeLessThan(1e-6)
    const probabilities = outputOf(c.model, c.layerNames.output, sample)
    softmax.probabilities.forEach((p, i) => expect(p).toBe(probabilities[i]))
    softmax.exp.forEach((e, i) => expect(Math.abs(e / softmax.expSum - probabilities[i])).toBeLessThan(1e-6))
    // The dense unit 3 of the output: its pre-activation is logit 3.
    expect(Math.abs((result.unit as DenseExplanation).preActivation - softmax.logits[3])).toBeLessThan(1e-5)
    const loss = result.loss!
    expect(loss.label).toBe(7)
    expect(loss.crossEntropy).toBeCloseTo(-Math.log(probabilities[7]), 5)
    const mse = probabilities.reduce((a, p, i) => a + (p - (i === 7 ? 1 : 0)) ** 2, 0) / 10
    expect(loss.meanSquaredError).toBeCloseTo(mse, 6)
  })

  it('conv filter: window × kernel summed over every input channel + bias = the real output at that position', () => {
    const c = compiled('lenet5')
    const sample = sampleFor(c.model)
    const result = explainUnit(tf, c, sample, { nodeId: 'c3', unit: 4, row: 3, col: 6 }, null)
    const unit = result.unit as ConvExplanation
    expect(unit.kind).toBe('conv')
    expect([unit.row, unit.col, unit.filter, unit.outHeight, unit.outWidth]).toEqual([3, 6, 4, 10, 10])
    expect(unit.input.channels).toBe(6)
    expect(unit.channelSums).toHaveLength(6)
    const real = outputOf(c.model, c.layerNames.c3, sample)
    expect(unit.output).toBe(real[(3 * 10 + 6) * 16 + 4])
    expect(Math.abs(Math.tanh(unit.preActivation) - unit.output)).toBeLessThan(1e-5)
    // The products shown are the window's inputs times the kernel: check one by hand.
    const input = outputOf(c.model, c.layerNames.c3, sample, true)
    const kernel = c.model.getLayer(c.layerNames.c3).getWeights()[0].dataSync()
    const [ch, i, j] = [2, 1, 4]
    expect(unit.products[(ch * 5 + i) * 5 + j]).toBe(
      Math.fround(kernel[((i * 5 + j) * 6 + ch) * 16 + 4] * input[((3 + i) * 14 + 6 + j) * 6 + ch]),
    )
    // The whole output map of the filter is the layer's real output.
    unit.outputMap.forEach((v, p) => expect(v).toBe(real[p * 16 + 4]))
  })

  it('leaves no tensor behind and says when a layer has no unit to explain', () => {
    const c = compiled('lenet5')
    const sample = sampleFor(c.model)
    explainUnit(tf, c, sample, { nodeId: 's2', unit: 0 }, null)
    const before = tf.memory().numTensors
    const result = explainUnit(tf, c, sample, { nodeId: 's2', unit: 0 }, null)
    expect(tf.memory().numTensors).toBe(before)
    expect(result.unit).toBeNull()
    expect(result.unsupported).toBe('layerKind')
  })
})
