import type * as tfjs from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { conv2d } from '../../../src/core/layers/kinds/conv2d'
import { dense } from '../../../src/core/layers/kinds/dense'
import type { TfLayer } from '../../../src/core/layers/kind'
import { unfusedWhileRecording } from '../../../src/core/layers/unfused-while-recording'
import { tfjs as tf } from '../tf'

/**
 * Dense and Conv2D compute their sums unfused while gradients are recorded, so the tape skips
 * the input's gradient when nothing needs it. Checked against tfjs' own fused layers: the same
 * outputs, the same gradients for every weight and for the input, the input gradient's kernel
 * not run when no variable depends on the input, and the fused call untouched outside recording.
 */

type Case = { name: string; make: () => TfLayer; input: number[] }

const CASES: Case[] = [
  ...['linear', 'tanh', 'relu', 'softmax', 'sigmoid'].map((activation) => ({
    name: `Dense ${activation}`,
    make: () => tf.layers.dense({ units: 5, activation: activation as 'linear' }),
    input: [3, 7],
  })),
  { name: 'Dense without bias', make: () => tf.layers.dense({ units: 4, useBias: false }), input: [3, 6] },
  {
    name: 'Dense over a sequence (rank 3)',
    make: () => tf.layers.dense({ units: 4, activation: 'tanh' }),
    input: [2, 3, 6],
  },
  ...(['valid', 'same'] as const).flatMap((padding) =>
    [1, 2].map((stride) => ({
      name: `Conv2D 3×3 stride ${stride} ${padding} tanh`,
      make: () => tf.layers.conv2d({ filters: 4, kernelSize: 3, strides: stride, padding, activation: 'tanh' }),
      input: [2, 7, 6, 3],
    })),
  ),
  {
    name: 'Conv2D linear without bias, 5×3 kernel',
    make: () => tf.layers.conv2d({ filters: 2, kernelSize: [5, 3], useBias: false }),
    input: [2, 8, 8, 1],
  },
  {
    name: 'Conv2D relu',
    make: () => tf.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu' }),
    input: [2, 6, 6, 2],
  },
]

/** A stock layer and an unfused one with the same random weights. */
function pair(c: Case): { stock: TfLayer; ours: TfLayer; x: tfjs.Tensor } {
  const x = tf.randomNormal(c.input, 0, 1, 'float32', 7)
  const stock = c.make()
  const ours = unfusedWhileRecording(tf, c.make())
  stock.apply(x)
  ours.apply(x)
  // Random biases too (they start at 0, which would hide a dropped bias).
  const weights = stock.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', 11 + i))
  stock.setWeights(weights)
  ours.setWeights(weights)
  tf.dispose(weights)
  return { stock, ours, x }
}

/** The loss's gradients with respect to the layer's weights and its input, as arrays. */
function gradients(layer: TfLayer, x: tfjs.Tensor): number[][] {
  const weights = layer.trainableWeights.map((w) => w.read())
  const loss = (input: tfjs.Tensor, ...vars: tfjs.Tensor[]) => {
    void vars
    const y = layer.apply(input) as tfjs.Tensor
    return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))))
  }
  const grads = tf.grads(loss)([x, ...weights])
  const out = grads.map((g) => Array.from(g.dataSync()))
  tf.dispose(grads)
  return out
}

const close = (a: number[], b: number[]) => {
  expect(a.length).toBe(b.length)
  const scale = Math.max(1, ...b.map(Math.abs))
  a.forEach((v, i) => expect(Math.abs(v - b[i]) / scale, `element ${i}`).toBeLessThan(1e-5))
}

describe('unfusedWhileRecording', () => {
  it.each(CASES)('$name: the same gradients for the input and every weight as the fused layer', (c) => {
    const { stock, ours, x } = pair(c)
    const expected = gradients(stock, x)
    const actual = gradients(ours, x)
    expect(actual.length).toBe(expected.length)
    actual.forEach((g, i) => close(g, expected[i]))
    // and the same value while recording (a minimize step's forward pass)
    const recorded = (layer: TfLayer) => {
      let value: number[] = []
      tf.grads((input: tfjs.Tensor) => {
        const y = layer.apply(input) as tfjs.Tensor
        value = Array.from(y.dataSync())
        return tf.sum(y)
      })([x])
      return value
    }
    close(recorded(ours), recorded(stock))
  })

  it.each(CASES)('$name: outside recording the fused call runs, with bit-identical outputs', (c) => {
    const { stock, ours, x } = pair(c)
    const a = stock.apply(x) as tfjs.Tensor
    const b = ours.apply(x) as tfjs.Tensor
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()))
  })

  /** Kernel names run by one optimizer step on a model whose first layer is `first`. */
  async function kernelsOfOneStep(first: TfLayer, inputShape: number[]): Promise<string[]> {
    const input = tf.input({ shape: inputShape.slice(1) })
    const model = tf.model({ inputs: input, outputs: first.apply(input) as tfjs.SymbolicTensor })
    const x = tf.randomNormal(inputShape, 0, 1, 'float32', 3)
    const optimizer = tf.train.sgd(0.1)
    const vars = model.trainableWeights.map((w) => w.read() as tfjs.Variable)
    const info = await tf.profile(() => {
      optimizer.minimize(() => tf.sum(tf.square(model.apply(x) as tfjs.Tensor)), false, vars)
    })
    model.dispose()
    x.dispose()
    return info.kernels.map((k) => k.name)
  }

  it('a first Conv2D no longer computes the gradient of its input (the stock layer does)', async () => {
    const make = () => tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'tanh' })
    const stock = await kernelsOfOneStep(make(), [2, 8, 8, 1])
    const ours = await kernelsOfOneStep(unfusedWhileRecording(tf, make()), [2, 8, 8, 1])
    expect(stock).toContain('Conv2DBackpropInput')
    expect(ours).not.toContain('Conv2DBackpropInput')
    expect(ours).toContain('Conv2DBackpropFilter')
  })

  it('a first Dense with a linear activation no longer multiplies dy by the kernel for its input', async () => {
    const make = () => tf.layers.dense({ units: 3 })
    const matMuls = (names: string[]) => names.filter((n) => n === 'BatchMatMul' || n === '_FusedMatMul').length
    const stock = await kernelsOfOneStep(make(), [4, 6])
    const ours = await kernelsOfOneStep(unfusedWhileRecording(tf, make()), [4, 6])
    // stock: forward, dx and dW; ours: forward and dW
    expect(matMuls(stock)).toBe(3)
    expect(matMuls(ours)).toBe(2)
  })

  it("the registry's Dense and Conv2D are built this way, and save as tfjs' own classes", () => {
    const d = dense.build(
      tf,
      { units: 3, activation: 'tanh', useBias: true },
      { name: 'd', inputShapes: [[4]] },
    ) as TfLayer
    const c = conv2d.build(
      tf,
      { filters: 2, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'linear', useBias: true },
      { name: 'c', inputShapes: [[5, 5, 1]] },
    ) as TfLayer
    for (const layer of [d, c]) expect(Object.prototype.hasOwnProperty.call(layer, 'call')).toBe(true)
    expect(d.getClassName()).toBe('Dense')
    expect(c.getClassName()).toBe('Conv2D')
    const input = tf.input({ shape: [5, 5, 1] })
    const model = tf.model({ inputs: input, outputs: c.apply(input) as tfjs.SymbolicTensor })
    const topology = model.toJSON(undefined, false) as unknown as { config: { layers: { class_name: string }[] } }
    expect(topology.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Conv2D'])
    model.dispose()
  })
})
