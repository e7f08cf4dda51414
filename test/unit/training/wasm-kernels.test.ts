import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installFastCpuKernels } from '../../../src/core/training/cpu-kernels'
import { installWasmTrainingKernels } from '../../../src/core/training/wasm-kernels'

/**
 * The wasm backend's training kernels (ours and the cpu bridge) against tfjs' reference 'cpu'
 * backend: the same computation on both, compared within float32 rounding of sums of up to a few
 * thousand terms (relative 2e-5 of the largest magnitude).
 */

const TOLERANCE = 2e-5

let seed = 2024
function values(size: number): Float32Array {
  const out = new Float32Array(size)
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    out[i] = (seed / 2147483648) * 2 - 1
  }
  return out
}

/** Runs `fn` on `backend` with fresh copies of `inputs`, returning plain arrays of its outputs. */
async function on(
  backend: string,
  inputs: { values: Float32Array; shape: number[] }[],
  fn: (...t: tf.Tensor[]) => tf.Tensor[],
): Promise<Float32Array[]> {
  await tf.setBackend(backend)
  return tf
    .tidy(() => fn(...inputs.map((i) => tf.tensor(i.values, i.shape))))
    .map((t) => {
      const data = t.dataSync() as Float32Array
      t.dispose()
      return data
    })
}

function relativeError(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  let scale = 1e-6
  let worst = 0
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]))
    worst = Math.max(worst, Math.abs(a[i] - b[i]))
  }
  return worst / scale
}

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]]
interface Case {
  x: [number, number, number, number]
  filter: [number, number, number, number]
  strides: [number, number]
  pad: Pad
}

/** Both gradients of conv2d(x, filter) · dy, on wasm and on cpu. */
async function conv2dGrads(c: Case) {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad as 'same')
  const inputs = [
    { values: values(c.x.reduce((a, b) => a * b)), shape: c.x },
    { values: values(c.filter.reduce((a, b) => a * b)), shape: c.filter },
    { values: values(info.outShape.reduce((a, b) => a * b)), shape: info.outShape },
  ]
  const grads = (x: tf.Tensor, w: tf.Tensor, dy: tf.Tensor) =>
    tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), dy)),
    )([x, w])
  return { wasm: await on('wasm', inputs, grads), cpu: await on('cpu', inputs, grads) }
}

const GEOMETRIES: Case[] = [
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 'same' },
  { x: [3, 28, 28, 1], filter: [5, 5, 1, 6], strides: [1, 1], pad: 'same' },
  { x: [2, 14, 14, 16], filter: [5, 5, 16, 32], strides: [2, 2], pad: 'same' },
  { x: [2, 10, 11, 3], filter: [3, 2, 3, 5], strides: [1, 2], pad: 'valid' },
  // Strides larger than the filter (some phases get no tap), remainders, odd sizes.
  { x: [1, 7, 8, 2], filter: [2, 2, 2, 3], strides: [3, 3], pad: 'valid' },
  { x: [1, 7, 8, 2], filter: [4, 4, 2, 3], strides: [3, 3], pad: 'same' },
  { x: [2, 6, 5, 2], filter: [1, 1, 2, 4], strides: [2, 3], pad: 'same' },
  { x: [1, 5, 5, 1], filter: [5, 5, 1, 2], strides: [1, 1], pad: 'valid' },
  {
    x: [2, 9, 9, 3],
    filter: [3, 3, 3, 4],
    strides: [2, 2],
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
]

/**
 * Every geometry twice: as written (mostly 1–3 input channels: the input gradient's column path)
 * and with 6 input channels (its stride-phase convolutions), so both paths see every case.
 */
const CASES: Case[] = GEOMETRIES.flatMap((c) => [
  c,
  { ...c, x: [c.x[0], c.x[1], c.x[2], 6], filter: [c.filter[0], c.filter[1], 6, c.filter[3]] },
])

describe('wasm training kernels', () => {
  beforeAll(async () => {
    installFastCpuKernels(tf) // as the test setup does; said here because this file depends on it
    installWasmTrainingKernels(tf)
    expect(await tf.setBackend('wasm')).toBe(true)
  })
  afterAll(async () => {
    await tf.setBackend('cpu')
  })

  it.each(CASES)(
    'conv2d gradients equal the cpu reference: x $x filter $filter strides $strides pad $pad',
    async (c) => {
      const { wasm, cpu } = await conv2dGrads(c)
      expect(relativeError(wasm[0], cpu[0]), 'input gradient').toBeLessThan(TOLERANCE)
      expect(relativeError(wasm[1], cpu[1]), 'filter gradient').toBeLessThan(TOLERANCE)
    },
  )

  it('conv2dTranspose (whose forward pass is Conv2DBackpropInput) equals the cpu reference', async () => {
    const inputs = [
      { values: values(2 * 7 * 7 * 8), shape: [2, 7, 7, 8] },
      { values: values(5 * 5 * 4 * 8), shape: [5, 5, 4, 8] },
    ]
    const up = (x: tf.Tensor, w: tf.Tensor) => [
      tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 14, 14, 4], 2, 'same'),
    ]
    const [wasm] = await on('wasm', inputs, up)
    const [cpu] = await on('cpu', inputs, up)
    expect(relativeError(wasm, cpu)).toBeLessThan(TOLERANCE)
  })

  it('kernels wasm lacks run through the cpu bridge (depthwise conv gradients)', async () => {
    expect(tf.getKernelsForBackend('wasm').some((k) => k.kernelName === 'DepthwiseConv2dNativeBackpropFilter')).toBe(
      true,
    )
    const inputs = [
      { values: values(2 * 8 * 8 * 3), shape: [2, 8, 8, 3] },
      { values: values(3 * 3 * 3 * 2), shape: [3, 3, 3, 2] },
    ]
    const grads = (x: tf.Tensor, w: tf.Tensor) =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
      )([x, w])
    const wasm = await on('wasm', inputs, grads)
    const cpu = await on('cpu', inputs, grads)
    expect(relativeError(wasm[0], cpu[0])).toBeLessThan(TOLERANCE)
    expect(relativeError(wasm[1], cpu[1])).toBeLessThan(TOLERANCE)
  })

  it.each([
    ['max', [2, 3, 3, 4], 2, 2, 'valid'],
    ['max', [2, 7, 6, 3], 3, 2, 'same'],
    ['max', [2, 8, 8, 3], 2, 2, 'valid'],
    ['avg', [2, 3, 3, 4], 2, 2, 'valid'],
    ['avg', [2, 7, 6, 3], 3, 2, 'same'],
  ] as const)(
    '%s pooling gradient equals the cpu reference: x %j window %i stride %i %s',
    async (kind, shape, size, stride, pad) => {
      const inputs = [{ values: values(shape.reduce((a, b) => a * b, 1)), shape: [...shape] }]
      const pool = kind === 'max' ? tf.maxPool : tf.avgPool
      const grads = (x: tf.Tensor) => [
        tf.grad((a: tf.Tensor) => tf.sum(tf.square(pool(a as tf.Tensor4D, size, stride, pad))))(x),
      ]
      const [wasm] = await on('wasm', inputs, grads)
      const [cpu] = await on('cpu', inputs, grads)
      expect(relativeError(wasm, cpu)).toBeLessThan(TOLERANCE)
    },
  )

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matrix products (transposeA %s, transposeB %s, batched and fused) equal the cpu reference', async (ta, tb) => {
    const shapeA = ta ? [3, 37, 5] : [3, 5, 37]
    const shapeB = tb ? [3, 11, 37] : [3, 37, 11]
    const inputs = [
      { values: values(3 * 5 * 37), shape: shapeA },
      { values: values(3 * 37 * 11), shape: shapeB },
      { values: values(11), shape: [11] },
    ]
    const products = (a: tf.Tensor, b: tf.Tensor, bias: tf.Tensor) => [
      tf.matMul(a, b, ta, tb),
      tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' }),
      // The 2-D case (a dense layer) and its gradients, which use both transposes.
      ...tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, w, ta, tb))))([
        tf.reshape(a, ta ? [37, 15] : [15, 37]),
        tf.reshape(b, tb ? [33, 37] : [37, 33]),
      ]),
    ]
    const wasm = await on('wasm', inputs, products)
    const cpu = await on('cpu', inputs, products)
    wasm.forEach((w, i) => expect(relativeError(w, cpu[i]), `output ${i}`).toBeLessThan(TOLERANCE))
  })

  // tfjs-backend-cpu 4.22's own ResizeBilinearGrad labels a non-square gradient with height and
  // width swapped (tfjs then throws): installFastCpuKernels (the test setup) fixes it.
  it.each([
    ['nearest', 7],
    ['bilinear', 7],
  ] as const)('%s up-sampling gradient equals the cpu reference', async (kind, width) => {
    const inputs = [{ values: values(2 * 5 * width * 3), shape: [2, 5, width, 3] }]
    const resize = kind === 'nearest' ? tf.image.resizeNearestNeighbor : tf.image.resizeBilinear
    const grads = (x: tf.Tensor) => [
      tf.grad((a: tf.Tensor) => tf.sum(tf.square(resize(a as tf.Tensor4D, [10, 2 * width]))))(x),
      tf.grad((a: tf.Tensor) => tf.sum(tf.square(resize(a as tf.Tensor4D, [9, width + 4], true))))(x),
    ]
    const wasm = await on('wasm', inputs, grads)
    const cpu = await on('cpu', inputs, grads)
    wasm.forEach((w, i) => expect(relativeError(w, cpu[i]), `case ${i}`).toBeLessThan(TOLERANCE))
  })

  it('leaves no tensor memory behind', async () => {
    await tf.setBackend('wasm')
    await conv2dGrads(CASES[2]) // warm-up: the backend's own caches
    await tf.setBackend('wasm')
    const before = tf.memory().numTensors
    const dataBefore = (tf.backend() as unknown as { numDataIds(): number }).numDataIds()
    await conv2dGrads(CASES[0])
    await conv2dGrads(CASES[5])
    await tf.setBackend('wasm')
    expect(tf.memory().numTensors).toBe(before)
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(dataBefore)
  })

  it('a small conv net trains on wasm to the same losses as on cpu', async () => {
    const lossesOn = async (backend: string) => {
      await tf.setBackend(backend)
      const model = tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [8, 8, 1],
            filters: 4,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            // tanh, not relu: max pooling over tied zeros may route the gradient to either one.
            activation: 'tanh',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
          tf.layers.depthwiseConv2d({
            kernelSize: 2,
            depthwiseInitializer: tf.initializers.glorotUniform({ seed: 2 }),
          }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({
            units: 3,
            activation: 'softmax',
            kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
          }),
        ],
      })
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' })
      const x = tf.tensor(values(16 * 64), [16, 8, 8, 1])
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'), 3)
      const losses: number[] = []
      for (let step = 0; step < 5; step++) losses.push((await model.trainOnBatch(x, y)) as number)
      tf.dispose([x, y])
      model.dispose()
      return losses
    }
    const startSeed = seed
    const wasm = await lossesOn('wasm')
    seed = startSeed
    const cpu = await lossesOn('cpu')
    for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i]) / cpu[i]).toBeLessThan(1e-5)
    expect(cpu[4]).toBeLessThan(cpu[0])
  })
})
