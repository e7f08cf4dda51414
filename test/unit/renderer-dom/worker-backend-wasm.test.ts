import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/renderer/src/worker/backend'
import type { WasmLoader } from '../../../src/renderer/src/worker/wasm-backend'

/**
 * The training worker's backend choice on the CPU path, with the real tfjs WebAssembly backend
 * (Node loads its .wasm files from node_modules; the browser build's loader differs only in
 * where the files are). In Node there is no WebGL, so 'auto' lands on the CPU path as it does in
 * a browser without a GPU.
 */

const loadFromNodeModules: WasmLoader = () => import('@tensorflow/tfjs-backend-wasm')

/** A tiny conv net (conv → max-pool → dense), trained with Adam: the kernels the bridge and ours provide. */
async function trainTinyConvNet(steps: number): Promise<number[]> {
  const model = tf.sequential({
    layers: [
      // Seeded: unseeded initial weights made the "loss halves in 30 steps" check fail about one run in three.
      tf.layers.conv2d({
        inputShape: [8, 8, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        padding: 'same',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 2,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }),
      }),
    ],
  })
  // Two classes a conv net separates at once: bright top half vs bright bottom half.
  const images = tf.tidy(() => {
    const rows = tf.range(0, 8).reshape([1, 8, 1, 1])
    const top = rows.less(4).cast('float32').tile([8, 1, 8, 1])
    return tf.concat([top, tf.sub(1, top)])
  })
  const labels = tf.oneHot(tf.tensor1d([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], 'int32'), 2)
  const optimizer = tf.train.adam(0.01)
  const losses: number[] = []
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(labels, model.apply(images) as tf.Tensor) as tf.Scalar,
      true,
    )!
    losses.push((await loss.data())[0])
    loss.dispose()
  }
  tf.dispose([images, labels])
  model.dispose()
  optimizer.dispose()
  return losses
}

afterAll(async () => {
  await tf.setBackend('cpu')
})

describe('selectBackend: the CPU path is WebAssembly', () => {
  it("the 'cpu' preference sets tfjs' wasm backend, with SIMD and one thread in Node, and no fallback", async () => {
    const info = await selectBackend(tf, 'cpu', 'contextLost', undefined, loadFromNodeModules)
    expect(info).toEqual({
      backend: 'wasm',
      gpu: null,
      software: false,
      wasm: { simd: true, threads: 1, ownKernels: true },
    })
    expect(tf.getBackend()).toBe('wasm')
  })

  it('installs the training kernels: a conv net trains on wasm, its loss finite and falling', async () => {
    await selectBackend(tf, 'cpu', undefined, undefined, loadFromNodeModules)
    // wasm 4.22 has no Conv2DBackpropFilter of its own: this one is ours.
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined()
    const losses = await trainTinyConvNet(30)
    expect(tf.getBackend()).toBe('wasm')
    expect(losses.every(Number.isFinite)).toBe(true)
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.5)
  })

  it("'auto' without WebGL falls to the wasm CPU path and says WebGL was unavailable", async () => {
    const info = await selectBackend(tf, 'auto', undefined, undefined, loadFromNodeModules)
    expect(info.backend).toBe('wasm')
    expect(info.fallback).toBe('webglUnavailable')
    expect(tf.getBackend()).toBe('wasm')
  })
})
