import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../../src/core/compile/compile'
import { explainUnit, type ConvExplanation } from '../../../src/core/inspect/explain-unit'
import { graph } from '../helpers'
import { tfjs as tf } from '../tf'

/**
 * How one Conv1D filter computes: the kernel sliding along time. No template has a Conv1D, so
 * this checks the explanation against tf.conv1d on a small sequence network (unit level only).
 */
function conv1dModel(padding: 'same' | 'valid', strides: number) {
  const doc = graph(
    [
      ['seq', 'input', { mode: 'sequence', timesteps: 12, features: 3 }],
      ['conv', 'conv1d', { filters: 4, kernelSize: 3, strides, padding, activation: 'tanh' }],
    ],
    [['seq', 'conv']],
  )
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  return compiled
}

const sample = {
  values: Float32Array.from({ length: 12 * 3 }, (_, i) => Math.sin(i * 1.7) * 0.9),
  shape: [12, 3],
  dtype: 'float32' as const,
}

describe('how one Conv1D filter computes', () => {
  for (const [padding, strides] of [
    ['same', 1],
    ['same', 2],
    ['valid', 1],
  ] as const) {
    it(`${padding}, stride ${strides}: window × kernel per channel + bias = tf.conv1d at every time step`, () => {
      const c = conv1dModel(padding, strides)
      const layer = c.model.getLayer(c.layerNames.conv)
      const [kernel, bias] = layer.getWeights()
      const x = tf.tensor3d(sample.values, [1, 12, 3])
      const expected = tf.tidy(() =>
        tf.add(tf.conv1d(x, kernel as tfjs.Tensor3D, strides, padding), bias).dataSync(),
      ) as Float32Array
      const real = (c.model.predict(x) as tfjs.Tensor).dataSync()
      const steps = expected.length / 4
      const before = tf.memory().numTensors
      for (let t = 0; t < steps; t++) {
        const result = explainUnit(tf, c, sample, { nodeId: 'conv', unit: 2, col: t }, null)
        const unit = result.unit as ConvExplanation
        expect(unit.axis).toBe('time')
        expect([unit.outHeight, unit.outWidth, unit.col, unit.filter]).toEqual([1, steps, t, 2])
        expect(unit.input.height).toBe(1)
        expect(unit.input.width).toBe(12)
        expect(unit.kernel.width).toBe(3)
        // Σ over channels of the window's products, plus the bias: tf.conv1d's pre-activation.
        expect(Math.abs(unit.preActivation - expected[t * 4 + 2])).toBeLessThan(1e-5)
        expect(unit.channelSums.reduce((a, b) => a + b, 0) + unit.bias).toBeCloseTo(unit.preActivation, 6)
        expect(unit.output).toBe(real[t * 4 + 2])
        expect(Math.abs(Math.tanh(unit.preActivation) - unit.output)).toBeLessThan(1e-5)
      }
      expect(tf.memory().numTensors).toBe(before)
      // One product by hand: kernel[j, channel, filter] × x[t·stride − pad + j, channel].
      const t = 1
      const unit = explainUnit(tf, c, sample, { nodeId: 'conv', unit: 2, col: t }, null).unit as ConvExplanation
      const k = kernel.dataSync()
      const [ch, j] = [1, 2]
      const at = t * strides - unit.padLeft + j
      expect(unit.products[ch * 3 + j]).toBe(Math.fround(k[(j * 3 + ch) * 4 + 2] * sample.values[at * 3 + ch]))
      x.dispose()
      c.model.dispose()
    })
  }
})
