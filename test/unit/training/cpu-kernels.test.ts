import * as tf from '@tensorflow/tfjs'
// The upstream kernel itself (a pure function of its arguments), to compare against.
import { conv2DBackpropFilter as upstream } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installFastCpuKernels } from '../../../src/core/training/cpu-kernels'

const KERNEL = 'Conv2DBackpropFilter'
const originalFunc = upstream as unknown as tf.KernelFunc

/** Registers `kernelFunc` as the cpu Conv2DBackpropFilter kernel, replacing whatever is there. */
function register(kernelFunc: tf.KernelFunc): void {
  if (tf.getKernel(KERNEL, 'cpu') as tf.KernelConfig | undefined) tf.unregisterKernel(KERNEL, 'cpu')
  tf.registerKernel({ kernelName: KERNEL, backendName: 'cpu', kernelFunc })
}

let seed = 12345
function random(shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = new Float32Array(size)
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    values[i] = (seed / 2147483648) * 2 - 1
  }
  return tf.tensor(values, shape)
}

/** The kernel called directly (tf.conv2dBackpropFilter is not in tfjs' public namespace). */
function backpropFilter(
  x: tf.Tensor,
  dy: tf.Tensor,
  filterShape: number[],
  stride: number,
  pad: 'same' | 'valid',
  dataFormat = 'NHWC',
): tf.Tensor {
  const attrs = { strides: [stride, stride], pad, dataFormat, dimRoundingMode: undefined, filterShape }
  return tf.engine().runKernel(KERNEL, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor
}

/** Max abs difference, relative to the larger magnitude (at least 1). */
function scaledDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape)
  const av = a.dataSync()
  const bv = b.dataSync()
  let diff = 0
  let scale = 1
  for (let i = 0; i < av.length; i++) {
    diff = Math.max(diff, Math.abs(av[i] - bv[i]))
    scale = Math.max(scale, Math.abs(av[i]), Math.abs(bv[i]))
  }
  return diff / scale
}

/** Runs `f` with the upstream kernel registered, then the fast one; returns both results. */
function both<T extends tf.Tensor>(f: () => T): [T, T] {
  register(originalFunc)
  const before = tf.tidy(f)
  installFastCpuKernels(tf)
  const after = tf.tidy(f)
  return [before, after]
}

interface Case {
  batch: number
  h: number
  w: number
  ci: number
  co: number
  k: number
  stride: 1 | 2
  pad: 'same' | 'valid'
}

const CASES: Case[] = [
  { batch: 1, h: 7, w: 9, ci: 2, co: 3, k: 3, stride: 1, pad: 'same' },
  { batch: 3, h: 7, w: 9, ci: 3, co: 2, k: 3, stride: 2, pad: 'same' },
  { batch: 1, h: 9, w: 7, ci: 2, co: 4, k: 5, stride: 1, pad: 'valid' },
  { batch: 3, h: 7, w: 9, ci: 4, co: 3, k: 5, stride: 2, pad: 'valid' },
  { batch: 3, h: 8, w: 8, ci: 2, co: 2, k: 5, stride: 2, pad: 'same' },
  { batch: 1, h: 7, w: 9, ci: 3, co: 5, k: 3, stride: 2, pad: 'valid' },
]

describe('installFastCpuKernels', () => {
  beforeAll(() => register(originalFunc))
  afterAll(() => {
    register(originalFunc)
    installFastCpuKernels(tf)
  })

  for (const c of CASES) {
    const name = `batch ${c.batch}, ${c.h}×${c.w}×${c.ci} → ${c.co}, ${c.k}×${c.k}, stride ${c.stride}, ${c.pad}`
    it(`matches the upstream kernel: ${name}`, () => {
      const x = random([c.batch, c.h, c.w, c.ci]) as tf.Tensor4D
      const filter = random([c.k, c.k, c.ci, c.co]) as tf.Tensor4D
      const dy = tf.tidy(() => random(tf.conv2d(x, filter, c.stride, c.pad).shape))
      const [a, b] = both(() => backpropFilter(x, dy, [c.k, c.k, c.ci, c.co], c.stride, c.pad))
      expect(scaledDiff(a, b)).toBeLessThanOrEqual(1e-4)

      // End to end through tf.grad of conv2d (the filter gradient is this kernel).
      const [ga, gb] = both(() =>
        tf.grad((f: tf.Tensor) =>
          tf
            .conv2d(x, f as tf.Tensor4D, c.stride, c.pad)
            .mul(dy)
            .sum(),
        )(filter),
      )
      expect(scaledDiff(ga, gb)).toBeLessThanOrEqual(1e-4)
      tf.dispose([x, filter, dy, a, b, ga, gb])
    })
  }

  it('installing twice keeps one wrapper around the upstream kernel', () => {
    register(originalFunc)
    installFastCpuKernels(tf)
    const first = tf.getKernel(KERNEL, 'cpu').kernelFunc
    expect(first).not.toBe(originalFunc)
    installFastCpuKernels(tf)
    expect(tf.getKernel(KERNEL, 'cpu').kernelFunc).toBe(first)

    const x = random([2, 7, 9, 3]) as tf.Tensor4D
    const dy = random([2, 7, 9, 2]) as tf.Tensor4D
    const [a, b] = both(() => backpropFilter(x, dy, [3, 3, 3, 2], 1, 'same'))
    expect(scaledDiff(a, b)).toBeLessThanOrEqual(1e-4)
    tf.dispose([x, dy, a, b])
  })

  it('keeps the gradient of conv2dTranspose right (it uses the same kernel)', () => {
    const x = random([3, 4, 5, 3]) as tf.Tensor4D
    const filter = random([5, 5, 2, 3]) as tf.Tensor4D // [h, w, outChannels, inChannels]
    const loss = (f: tf.Tensor) =>
      tf
        .conv2dTranspose(x, f as tf.Tensor4D, [3, 8, 10, 2], 2, 'same')
        .square()
        .sum()
    const [a, b] = both(() => tf.grad(loss)(filter))
    expect(a.shape).toEqual([5, 5, 2, 3])
    expect(scaledDiff(a, b)).toBeLessThanOrEqual(1e-4)
    tf.dispose([x, filter, a, b])
  })

  it('leaves channels-first to the upstream kernel', () => {
    const x = random([2, 3, 6, 7])
    const dy = random([2, 2, 6, 7])
    const [a, b] = both(() => backpropFilter(x, dy, [3, 3, 3, 2], 1, 'same', 'NCHW'))
    expect(a.shape).toEqual([3, 3, 3, 2])
    expect(scaledDiff(a, b)).toBe(0)
    tf.dispose([x, dy, a, b])
  })

  it('does nothing for a backend without the kernel', () => {
    tf.unregisterKernel(KERNEL, 'cpu')
    expect(() => installFastCpuKernels(tf)).not.toThrow()
    expect(tf.getKernel(KERNEL, 'cpu')).toBeUndefined()
    register(originalFunc)
  })
})
