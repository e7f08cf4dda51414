import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { describe, expect, it } from 'vitest'
import { assembleModule, F32, I32, op } from '../../../src/core/training/wasm-assembler'
import { simdKernelsFor, simdModuleBytes } from '../../../src/core/training/wasm-simd'
import { expectIdentical, onWasmBackend, seededValues } from './helpers'

/**
 * Our WebAssembly SIMD matrix product (wasm-gemm.ts), which the wasm backend's BatchMatMul runs
 * on a B it has not seen, against XNNPACK (wasm's own kernel, which gets a B seen before: the
 * same sums in the same order, so bit for bit) and tfjs' cpu backend (other order: close).
 */

/** The WebAssembly global (a JavaScript built-in, but not in this project's Node typings). */
const WebAssemblyApi = (
  globalThis as unknown as {
    WebAssembly: {
      validate(bytes: Uint8Array): boolean
      Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { buffer: ArrayBuffer }
      Module: new (bytes: Uint8Array) => object
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
    }
  }
).WebAssembly
type Memory = { buffer: ArrayBuffer }

const values = seededValues(11)
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1)
const random = (shape: number[]) => tf.tensor(values(size(shape)), shape)

/** Counts the calls of our block kernels (the exports object is cached per memory, so it can be wrapped). */
function countOurCalls(): { count: () => number; restore: () => void } {
  const kernels = simdKernelsFor(tf.backend())
  if (!kernels) throw new Error('our SIMD kernels did not instantiate on the wasm backend')
  const originals = { ...kernels.gemm }
  let calls = 0
  for (const name of Object.keys(kernels.gemm)) {
    kernels.gemm[name] = (...args: number[]) => {
      calls++
      originals[name](...args)
    }
  }
  return { count: () => calls, restore: () => Object.assign(kernels.gemm, originals) }
}

/** The permutation that transposes the last two axes of a rank-`rank` tensor. */
const lastTwoSwapped = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2]

/** a·b twice on wasm: the first product is ours (b is new), the second XNNPACK's (b seen). */
function oursThenXnnpack(a: tf.Tensor, b: tf.Tensor, transposeA = false, transposeB = false) {
  const spy = countOurCalls()
  try {
    const ours = tf.matMul(a, b, transposeA, transposeB)
    const oursCalls = spy.count()
    const theirs = tf.matMul(a, b, transposeA, transposeB)
    const theirCalls = spy.count() - oursCalls
    return { ours, theirs, oursCalls, theirCalls }
  } finally {
    spy.restore()
  }
}

describe('the WebAssembly assembler', () => {
  it('encodes multi-byte immediates, offsets and every instruction the kernels use into a valid module', () => {
    expect(WebAssemblyApi.validate(simdModuleBytes())).toBe(true)
    // store(addr + 300, (f32) param) at a 2-byte-LEB offset; i32 constants of several LEB lengths.
    const bytes = assembleModule([
      {
        name: 'put',
        params: [I32, F32],
        locals: [I32],
        body: [
          op.i32(-200000),
          op.i32(200064),
          op.i32Add, // 64
          op.get(0),
          op.i32Add,
          op.set(2),
          op.get(2),
          op.get(1),
          op.f32StoreAt(300),
        ],
      },
    ])
    const memory = new WebAssemblyApi.Memory({ initial: 1 })
    const { put } = new WebAssemblyApi.Instance(new WebAssemblyApi.Module(bytes), { env: { memory } }).exports as {
      put: (address: number, value: number) => void
    }
    put(4, 1.5)
    expect(new Float32Array(memory.buffer)[(4 + 64 + 300) / 4]).toBe(1.5)
  })
})

describe('where our kernels cannot run', () => {
  it('a shared memory (tfjs threaded build) or a backend without wasm memory gets null: its own kernels run', () => {
    const shared = new WebAssemblyApi.Memory({ initial: 1, maximum: 4, shared: true })
    expect(simdKernelsFor({ wasm: { asm: { memory: shared } } })).toBeNull()
    expect(simdKernelsFor({ wasm: { asm: {} } })).toBeNull()
    expect(simdKernelsFor(tf.findBackend('cpu') as object)).toBeNull()
    const plain = new WebAssemblyApi.Memory({ initial: 1 })
    expect(simdKernelsFor({ wasm: { asm: { memory: plain } } })?.gemm.gemm4x8).toBeTypeOf('function')
  })
})

describe('wasm matrix products without packing', () => {
  onWasmBackend()

  // Every block path (4×8, 4×4, 4×1, 1×8, 1×4, 1×1) and the layer shapes of the templates.
  it.each([
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 8],
    [5, 17, 13],
    [13, 3, 19],
    [7, 1, 12],
    [64, 784, 128],
    [64, 128, 10],
    [784, 64, 128],
    [64, 6272, 1],
    [130, 33, 45],
  ])('M %i, K %i, N %i: equals XNNPACK bit for bit and the cpu backend closely', async (M, K, N) => {
    const a = random([M, K])
    const b = random([K, N])
    const { ours, theirs, oursCalls, theirCalls } = oursThenXnnpack(a, b)
    expect(oursCalls).toBeGreaterThan(0)
    expect(theirCalls).toBe(0)
    expectIdentical(ours, theirs)
    const values = ours.dataSync()
    await tf.setBackend('cpu')
    const reference = tf.matMul(tf.tensor(a.dataSync(), a.shape), tf.tensor(b.dataSync(), b.shape)).dataSync()
    await tf.setBackend('wasm')
    // Different summation order: within a few float32 roundings of the sum of |terms|, at most K.
    reference.forEach((v, i) => expect(Math.abs(values[i] - v), `element ${i}`).toBeLessThanOrEqual(K * 2 ** -20))
    tf.dispose([a, b, ours, theirs])
  })

  it('batched products (equal batches, or one side broadcast) equal XNNPACK', () => {
    for (const [aShape, bShape] of [
      [
        [3, 5, 6],
        [3, 6, 9],
      ],
      [
        [2, 3, 4, 5],
        [1, 5, 10],
      ],
      [
        [1, 4, 7],
        [2, 3, 7, 6],
      ],
      [
        [6, 7],
        [4, 7, 5],
      ],
    ]) {
      const a = random(aShape)
      const b = random(bShape)
      const { ours, theirs, oursCalls } = oursThenXnnpack(a, b)
      expect(oursCalls, `${aShape} · ${bShape}`).toBeGreaterThan(0)
      expectIdentical(ours, theirs)
      tf.dispose([a, b, ours, theirs])
    }
  })

  it('batch dimensions that broadcast both ways go to wasm own kernel, with the same results as the cpu', async () => {
    const a = random([2, 1, 3, 4])
    const b = random([1, 3, 4, 5])
    const spy = countOurCalls()
    const out = tf.matMul(a, b)
    expect(spy.count()).toBe(0)
    spy.restore()
    expect(out.shape).toEqual([2, 3, 3, 5])
    const values = out.dataSync()
    await tf.setBackend('cpu')
    const reference = tf.matMul(tf.tensor(a.dataSync(), a.shape), tf.tensor(b.dataSync(), b.shape)).dataSync()
    await tf.setBackend('wasm')
    reference.forEach((v, i) => expect(values[i]).toBeCloseTo(v, 5))
    tf.dispose([a, b, out])
  })

  it('a transposed operand is transposed first, so it is always new: ours, equal to XNNPACK on the transpose', () => {
    const a = random([9, 6])
    const b = random([11, 6])
    const spy = countOurCalls()
    const viaFlag = [tf.matMul(a, b, false, true)]
    const perProduct = spy.count()
    viaFlag.push(tf.matMul(a, b, false, true))
    expect(perProduct).toBeGreaterThan(0)
    expect(spy.count()).toBe(2 * perProduct)
    spy.restore()
    const bT = tf.transpose(b)
    const { ours, theirs } = oursThenXnnpack(a, bT)
    expectIdentical(viaFlag[0], theirs)
    expectIdentical(viaFlag[1], theirs)
    tf.dispose([a, b, bT, ours, theirs, ...viaFlag])
    // Ours reads a transposed A in place (every block path: M and N with remainders), batched too.
    for (const [aShape, bShape] of [
      [
        [6, 9],
        [6, 4],
      ],
      [
        [37, 13],
        [37, 21],
      ],
      [
        [64, 784],
        [64, 128],
      ],
      [
        [3, 5, 7],
        [3, 5, 10],
      ],
    ]) {
      const c = random(aShape)
      const d = random(bShape)
      const cT = tf.transpose(c, lastTwoSwapped(aShape.length))
      const flagged = tf.matMul(c, d, true, false)
      const explicit = oursThenXnnpack(cT, d)
      expectIdentical(flagged, explicit.theirs, `${aShape}ᵀ · ${bShape}`)
      tf.dispose([c, d, cT, flagged, explicit.ours, explicit.theirs])
    }
  })

  it('empty products: K = 0 gives zeros, M = 0 an empty result', () => {
    const zeros = tf.matMul(tf.zeros([3, 0]), tf.zeros([0, 5]))
    expect(zeros.shape).toEqual([3, 5])
    expect(Array.from(zeros.dataSync())).toEqual(new Array(15).fill(0))
    const empty = tf.matMul(tf.zeros([0, 4]), random([4, 5]))
    expect(empty.shape).toEqual([0, 5])
    tf.dispose([zeros, empty])
  })

  it('non-float32 products are left to wasm own kernel (which refuses them, as before)', () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32')
    expect(() => tf.matMul(a, a)).toThrow(/float32/)
    a.dispose()
  })

  it('stays right when making its output grows wasm memory (it uses addresses, not stale views)', () => {
    const memory = (tf.backend() as unknown as { wasm: { asm: { memory: Memory } } }).wasm.asm.memory
    const before = memory.buffer.byteLength
    // An output larger than the whole heap: making it must grow memory, inside our kernel.
    const side = Math.ceil(Math.sqrt(before / 4)) + 64
    const a = random([side, 1])
    const b = random([1, side])
    const out = tf.matMul(a, b)
    expect(memory.buffer.byteLength).toBeGreaterThan(before)
    const [x, y, c] = [a.dataSync(), b.dataSync(), out.dataSync()]
    for (const [i, j] of [
      [0, 0],
      [side - 1, side - 1],
      [side >> 1, 7],
      [3, side - 2],
    ]) {
      expect(c[i * side + j]).toBe(Math.fround(x[i] * y[j]))
    }
    tf.dispose([a, b, out])
  })

  it('leaves no tensor memory behind', () => {
    const a = random([20, 20])
    const b = random([20, 20])
    const start = tf.memory().numTensors
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        tf.matMul(a, tf.add(b, 0))
        tf.matMul(a, b, true, true)
      })
    }
    expect(tf.memory().numTensors).toBe(start)
    tf.dispose([a, b])
  })
})
