import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { withScratch, type Backend, type WasmMemory } from './wasm-scratch'

/**
 * Element-wise kernels for tfjs' wasm backend where its own build is slow. Best of two runs on a
 * quiet machine, on a 64×28×28×6 tensor (LeNet-5's first feature map): Tanh 7.4 → 2.6 ms (a
 * typed-array loop over wasm memory), LeakyRelu 1.9 → 0.16 ms (wasm's own vectorised Prelu),
 * Greater 1.9 → 1.1 ms (a branch-free loop; likewise ≥, <, ≤). Tanh is every RNN/LSTM/GRU cell,
 * LeNet-5 and the GAN generators' output; LeakyRelu and Greater are the GANs' activation and
 * its gradient (where(x > 0, dy, α·dy)). Plain loops for Select and a per-channel bias Add were
 * tried and were slower than wasm's own on this machine, so those stay wasm's.
 *
 * Each returns null for what it does not cover (other dtypes, broadcasting beyond a scalar), and
 * the caller runs wasm's own kernel instead.
 */

type Info = tfjs.TensorInfo
type Params = Parameters<tfjs.KernelFunc>[0]
type Typed = Float32Array | Int32Array | Uint8Array

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1)

/**
 * tanh as Eigen's, XLA's and ONNX Runtime's float kernels compute it: an odd rational function
 * x·p(x²)/q(x²) (degrees 13/6) on x clamped to ±9, evaluated here in double precision. Within 2 float32
 * ulps of Math.tanh everywhere (the tests sweep −20…20), tiny x included (no cancellation, unlike
 * 1 − 2/(e^{2x} + 1)); ±0 and ±1 exact; NaN stays NaN.
 */
export function tanhInto(x: ArrayLike<number>, out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    const raw = x[i]
    const v = raw > 9 ? 9 : raw < -9 ? -9 : raw
    const v2 = v * v
    let p = v2 * -2.76076847742355e-16 + 2.00018790482477e-13
    p = p * v2 + -8.60467152213735e-11
    p = p * v2 + 5.12229709037114e-8
    p = p * v2 + 1.48572235717979e-5
    p = p * v2 + 6.37261928875436e-4
    p = p * v2 + 4.89352455891786e-3
    let q = v2 * 1.19825839466702e-6 + 1.18534705686654e-4
    q = q * v2 + 2.268434632439e-3
    q = q * v2 + 4.89352518554385e-3
    out[i] = (v * p) / q
  }
}

function floatUnary(body: (x: Float32Array, out: Float32Array, attrs: tfjs.NamedAttrMap) => void) {
  return ({ inputs, backend, attrs }: Params): Info | null => {
    const x = inputs.x as Info
    if (x.dtype !== 'float32') return null
    const wasm = backend as unknown as WasmMemory
    const out = wasm.makeOutput(x.shape, 'float32')
    // Views after the allocation: making the output may grow (and move) wasm memory.
    body(wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(out) as Float32Array, attrs ?? {})
    return out
  }
}

export const fastTanh = floatUnary((x, out) => tanhInto(x, out))

/**
 * LeakyRelu as wasm's own Prelu kernel (XNNPACK, vectorised) with α in every channel: 0.19 ms for
 * the DCGAN discriminator's 64×14×14×64 map against 1.8 ms for wasm's LeakyRelu and 3.5 for a
 * plain loop. Same float32 arithmetic as wasm's LeakyRelu, Keras and PyTorch (x < 0 ? α·x : x with
 * α rounded to float32); the cpu backend multiplies by α as a double, so it differs from both by
 * at most one ulp (and XNNPACK writes +0 where α·(−0) is −0).
 */
export function fastLeakyRelu(tf: Tf, { inputs, backend, attrs }: Params): Info | null {
  const x = inputs.x as Info
  if (x.dtype !== 'float32' || x.shape.length === 0) return null
  const channels = x.shape[x.shape.length - 1]
  return withScratch(tf, backend as Backend, ({ run, make }) => {
    const alpha = make(new Float32Array(channels).fill((attrs as { alpha: number }).alpha), [channels])
    return run('Prelu', { x, alpha })
  })
}

/** Writes a[i] ⋚ b[i·step] as 0/1 (step 0: b is one value); +(…) keeps the loop branch-free. */
type Compare = (a: Typed, b: Typed, out: Typed, n: number, step: number) => void

/** A comparison of two float32 tensors of the same shape, or of one with a one-element tensor. */
function comparison(compare: Compare) {
  return ({ inputs, backend }: Params): Info | null => {
    const { a, b } = inputs as { a: Info; b: Info }
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return null
    const n = size(a.shape)
    const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i])
    if (!sameShape && size(b.shape) !== 1) return null
    const wasm = backend as unknown as WasmMemory
    const out = wasm.makeOutput(a.shape, 'bool')
    const av = wasm.typedArrayFromHeap(a)
    const bv = wasm.typedArrayFromHeap(b)
    const ov = wasm.typedArrayFromHeap(out)
    compare(av, bv, ov, n, sameShape ? 1 : 0)
    return out
  }
}

// One loop per operator: a shared loop calling a comparison closure would not be inlined.
export const fastGreater = comparison((a, b, out, n, step) => {
  for (let i = 0; i < n; i++) out[i] = +(a[i] > b[i * step])
})
export const fastGreaterEqual = comparison((a, b, out, n, step) => {
  for (let i = 0; i < n; i++) out[i] = +(a[i] >= b[i * step])
})
export const fastLess = comparison((a, b, out, n, step) => {
  for (let i = 0; i < n; i++) out[i] = +(a[i] < b[i * step])
})
export const fastLessEqual = comparison((a, b, out, n, step) => {
  for (let i = 0; i < n; i++) out[i] = +(a[i] <= b[i * step])
})

/** Kernel name → our kernel (null: not covered, run wasm's own). */
export const ELEMENTWISE: Record<string, (tf: Tf, params: Params) => Info | null> = {
  Tanh: (_, params) => fastTanh(params),
  LeakyRelu: fastLeakyRelu,
  Greater: (_, params) => fastGreater(params),
  GreaterEqual: (_, params) => fastGreaterEqual(params),
  Less: (_, params) => fastLess(params),
  LessEqual: (_, params) => fastLessEqual(params),
}
