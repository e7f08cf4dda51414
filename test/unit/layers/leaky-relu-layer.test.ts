import type * as tfjs from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { afterAll, describe, expect, it } from 'vitest'
import { activation } from '../../../src/core/layers/kinds/activation'
import { leakyReluLayer } from '../../../src/core/layers/leaky-relu-layer'
import type { TfLayer } from '../../../src/core/layers/kind'
import { installWasmTrainingKernels } from '../../../src/core/training/wasm-kernels'
import { tfjs as tf } from '../tf'

/**
 * The LeakyReLU layer whose gradient is dy · step(x, α) while training: the same values and
 * gradients as tfjs' own layer, bit for bit, on the cpu and wasm backends; the select-based
 * gradient no longer runs; the layer is tfjs' LeakyReLU to everything else.
 */

const input = (seed: number) => {
  const x = tf.randomNormal([3, 5, 4], 0, 1, 'float32', seed)
  // exact zeros and the edges of the sign test
  const values = x.arraySync() as number[][][]
  values[0][0] = [0, -0, 1e-30, -1e-30]
  x.dispose()
  return tf.tensor(values)
}

/** The layer's output and the gradient of Σ y·w with respect to its input, as arrays. */
function outputAndGradient(layer: TfLayer, x: tfjs.Tensor): [number[], number[]] {
  const weights = tf.randomNormal(x.shape, 0, 1, 'float32', 5)
  let output: number[] = []
  const dx = tf.grad((t: tfjs.Tensor) => {
    const y = layer.apply(t) as tfjs.Tensor
    output = Array.from(y.dataSync())
    return tf.sum(tf.mul(y, weights))
  })(x)
  const gradient = Array.from(dx.dataSync())
  tf.dispose([dx, weights])
  return [output, gradient]
}

describe('leakyReluLayer', () => {
  afterAll(async () => {
    await tf.setBackend('cpu')
  })

  for (const backend of ['cpu', 'wasm']) {
    it.each([0.2, 0, 0.01, 1.5, -0.3])(
      `on ${backend}, α = %s: output and input gradient equal tfjs' layer`,
      async (alpha) => {
        if (backend === 'wasm') installWasmTrainingKernels(tf)
        expect(await tf.setBackend(backend)).toBe(true)
        const x = input(1)
        const [stockY, stockDx] = outputAndGradient(tf.layers.leakyReLU({ alpha }), x)
        const [ourY, ourDx] = outputAndGradient(leakyReluLayer(tf, alpha, 'leaky'), x)
        expect(ourY).toEqual(stockY)
        expect(ourDx).toEqual(stockDx)
        x.dispose()
      },
    )
  }

  it('a training step runs Step, not the comparison and select of the stock gradient', async () => {
    await tf.setBackend('cpu')
    const kernelsOf = async (layer: TfLayer) => {
      const x = input(2)
      const info = await tf.profile(() => {
        tf.dispose(tf.grad((t: tfjs.Tensor) => tf.sum(tf.square(layer.apply(t) as tfjs.Tensor)))(x))
      })
      x.dispose()
      return info.kernels.map((k) => k.name)
    }
    const stock = await kernelsOf(tf.layers.leakyReLU({ alpha: 0.2 }))
    const ours = await kernelsOf(leakyReluLayer(tf, 0.2, 'leaky'))
    expect(stock).toContain('Select')
    expect(ours).not.toContain('Select')
    expect(ours).toContain('Step')
  })

  it("the activation kind's Leaky ReLU is this layer, and saves as tfjs' LeakyReLU", () => {
    const layer = activation.build(
      tf,
      { activation: 'leakyRelu', alpha: 0.3 },
      { name: 'act', inputShapes: [[4]] },
    ) as TfLayer
    expect(Object.prototype.hasOwnProperty.call(layer, 'call')).toBe(true)
    expect(layer.getClassName()).toBe('LeakyReLU')
    expect(layer.getConfig()).toMatchObject({ alpha: 0.3, name: 'act' })
  })
})
