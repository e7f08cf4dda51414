import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tanhInto } from '../../../src/core/training/wasm-elementwise'
import { installWasmTrainingKernels } from '../../../src/core/training/wasm-kernels'

/**
 * The wasm backend's typed-array kernels (wasm-elementwise.ts, wasm-pool-pad.ts) against tfjs'
 * reference 'cpu' backend, on random shapes and the edge values. All but Tanh and LeakyRelu promise
 * the cpu's results bit for bit; Tanh is a rational approximation within 2 float32 ulps, LeakyRelu
 * float32 arithmetic (the cpu's α is a double).
 */

let seed = 77
function values(size: number, spread = 4): Float32Array {
  const out = new Float32Array(size)
  for (let i = 0; i < size; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    out[i] = ((seed / 2147483648) * 2 - 1) * spread
  }
  return out
}
const randomInt = (lo: number, hi: number) => lo + Math.floor(Math.abs(values(1, 1)[0]) * (hi - lo + 1))
const EDGES = [0, -0, 1e-30, -1e-30, 1e-8, -3e-4, 0.5, -0.5, 8.99, 9, 9.5, -20, 40, Infinity, -Infinity, NaN]

type Input = { values: Float32Array | Int32Array | Uint8Array; shape: number[]; dtype?: tf.DataType }

/** Runs `fn` on `backend` and returns its output's values. */
async function on(backend: string, inputs: Input[], fn: (...t: tf.Tensor[]) => tf.Tensor): Promise<number[]> {
  await tf.setBackend(backend)
  const tensors = inputs.map((i) => tf.tensor(i.values, i.shape, i.dtype ?? 'float32'))
  const out = fn(...tensors)
  const data = Array.from(out.dataSync())
  tf.dispose([...tensors, out])
  return data
}

/** Both backends' results; `Object.is` per element (so -0 / NaN count), for the bit-exact kernels. */
async function expectIdentical(inputs: Input[], fn: (...t: tf.Tensor[]) => tf.Tensor) {
  const wasm = await on('wasm', inputs, fn)
  const cpu = await on('cpu', inputs, fn)
  expect(wasm.length).toBe(cpu.length)
  const differing = wasm.findIndex((v, i) => !Object.is(v, cpu[i]))
  expect(differing, `first difference at ${differing}: ${wasm[differing]} vs ${cpu[differing]}`).toBe(-1)
}

/** Both backends within one float32 ulp (for LeakyRelu's α, a double on cpu, a float32 on wasm). */
async function expectClose(inputs: Input[], fn: (...t: tf.Tensor[]) => tf.Tensor) {
  const wasm = await on('wasm', inputs, fn)
  const cpu = await on('cpu', inputs, fn)
  cpu.forEach((v, i) => expect(Math.abs(wasm[i] - v), `element ${i}`).toBeLessThanOrEqual(Math.abs(v) * 2 ** -23))
}

const f32 = (shape: number[], spread?: number): Input => ({
  values: values(
    shape.reduce((a, b) => a * b, 1),
    spread,
  ),
  shape,
})
const withEdges = (shape: number[]): Input => {
  const input = f32(shape)
  EDGES.forEach((v, i) => (input.values[(i * 7) % input.values.length] = v))
  return input
}

describe('wasm typed-array kernels', () => {
  beforeAll(async () => {
    installWasmTrainingKernels(tf)
    expect(await tf.setBackend('wasm')).toBe(true)
  })
  afterAll(async () => {
    await tf.setBackend('cpu')
  })

  it('tanh is within 2 float32 ulps of Math.tanh from −20 to 20 and for tiny x, ±0 and ±1 exact, NaN stays NaN', () => {
    const x = new Float32Array(400_001).map((_, i) => -20 + i * 1e-4)
    const out = new Float32Array(x.length)
    tanhInto(x, out)
    let worst = 0
    x.forEach((v, i) => {
      const ref = Math.fround(Math.tanh(v))
      const ulp = Math.max(Math.abs(ref) * 2 ** -23, 2 ** -149)
      worst = Math.max(worst, Math.abs(out[i] - ref) / ulp)
    })
    expect(worst).toBeLessThanOrEqual(2)
    const edge = new Float32Array(EDGES.length)
    tanhInto(Float32Array.from(EDGES), edge)
    EDGES.forEach((v, i) => {
      const got = edge[i]
      if (Number.isNaN(v)) return expect(got).toBeNaN()
      if (v === 0 || !Number.isFinite(v)) return expect(Object.is(got, Math.tanh(v)), `tanh(${v})`).toBe(true)
      const ref = Math.fround(Math.tanh(Math.fround(v)))
      // tiny x: x itself within 2 ulps (no cancellation to 0)
      expect(Math.abs(got - ref), `tanh(${v})`).toBeLessThanOrEqual(2 * Math.abs(ref) * 2 ** -23)
    })
  })

  it('the Tanh kernel, on random shapes and the edge values, is within 2 ulps of the cpu backend', async () => {
    for (const shape of [[7], [3, 50, 5], [2, 9, 9, 6]]) {
      const input = withEdges(shape)
      const wasm = await on('wasm', [input], (x) => tf.tanh(x))
      const cpu = await on('cpu', [input], (x) => tf.tanh(x))
      wasm.forEach((v, i) => {
        if (Number.isNaN(cpu[i])) return expect(v).toBeNaN()
        expect(Math.abs(v - cpu[i]), `${input.values[i]}`).toBeLessThanOrEqual(
          2 * Math.max(Math.abs(cpu[i]) * 2 ** -23, 1e-45),
        )
      })
    }
  })

  it.each([0.2, 0, 0.01, 1.5, -0.3])(
    'LeakyRelu with α = %s is float32 arithmetic (x < 0 ? α·x : x, α in float32) exactly, within an ulp of the cpu backend',
    async (alpha) => {
      const input = withEdges([4, 11, 13, 3])
      const wasm = await on('wasm', [input], (x) => tf.leakyRelu(x, alpha))
      const cpu = await on('cpu', [input], (x) => tf.leakyRelu(x, alpha))
      const a32 = Math.fround(alpha)
      input.values.forEach((v, i) => {
        const expected = v < 0 ? Math.fround(a32 * v) : v
        // === : XNNPACK's Prelu gives +0 where α·(−0) or 0·x is −0, a difference nothing can see
        expect(wasm[i] === expected || (Number.isNaN(expected) && Number.isNaN(wasm[i])), `x = ${v}`).toBe(true)
        if (Number.isFinite(cpu[i])) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThanOrEqual(Math.abs(cpu[i]) * 2 ** -23)
      })
      // a 1-D input, and the channel count of a DCGAN feature map
      await expectClose([f32([9])], (x) => tf.leakyRelu(x, alpha))
      await expectClose([f32([2, 3, 3, 64])], (x) => tf.leakyRelu(x, alpha))
    },
  )

  it.each([
    ['greater', tf.greater],
    ['greaterEqual', tf.greaterEqual],
    ['less', tf.less],
    ['lessEqual', tf.lessEqual],
  ] as const)('%s, same shapes, against a scalar and with broadcasting, equals the cpu backend', async (_, op) => {
    const a = withEdges([5, 6, 7])
    const b = f32([5, 6, 7])
    b.values.set(a.values.subarray(0, 40)) // ties
    await expectIdentical([a, b], (x, y) => op(x, y))
    await expectIdentical([a, { values: Float32Array.of(0.25), shape: [] }], (x, y) => op(x, y))
    await expectIdentical([a, { values: new Float32Array([0]), shape: [1] }], (x, y) => op(x, y))
    await expectIdentical([a, f32([7])], (x, y) => op(x, y)) // wasm's own broadcasting
    const ints: Input = {
      values: Int32Array.from(a.values.map((v) => (Number.isFinite(v) ? v * 10 : 3))),
      shape: a.shape,
      dtype: 'int32',
    }
    await expectIdentical([ints, { values: Int32Array.of(5), shape: [], dtype: 'int32' }], (x, y) => op(x, y))
  })

  it('AvgPoolGrad equals the cpu backend on random geometries (tiling windows, overlapping, same, valid)', async () => {
    const geometries: [number[], number[], number[], 'same' | 'valid'][] = [
      [[2, 28, 28, 6], [2, 2], [2, 2], 'valid'],
      [[2, 9, 7, 3], [2, 2], [2, 2], 'valid'], // odd sizes: the last row and column get 0
      [[2, 9, 7, 3], [2, 2], [2, 2], 'same'],
      [[1, 8, 8, 5], [3, 3], [1, 1], 'same'],
      [[2, 10, 9, 2], [3, 2], [2, 3], 'valid'],
      [[1, 7, 7, 4], [3, 3], [2, 2], 'same'],
    ]
    for (let i = 0; i < 4; i++) {
      const size = randomInt(5, 13)
      const filter = [randomInt(1, 4), randomInt(1, 4)]
      geometries.push([
        [2, size, size + 1, randomInt(1, 5)],
        filter,
        [randomInt(1, 3), randomInt(1, 3)],
        i % 2 ? 'same' : 'valid',
      ])
    }
    for (const [shape, filter, strides, pad] of geometries) {
      const info = tf.backend_util.computePool2DInfo(
        shape as [number, number, number, number],
        filter as [number, number],
        strides as [number, number],
        1,
        pad,
      )
      const dy = f32(info.outShape)
      const x = f32(shape)
      await expectIdentical([x, dy], (input, grad) =>
        tf.grad((t: tf.Tensor) =>
          tf.avgPool(t as tf.Tensor4D, filter as [number, number], strides as [number, number], pad),
        )(input, grad),
      )
    }
  })

  it('PadV2 equals the cpu backend on ranks 1–5, zero and non-zero paddings, any constant, int32', async () => {
    const cases: [number[], [number, number][], number][] = [
      [
        [2, 28, 28, 1],
        [
          [0, 0],
          [2, 2],
          [2, 2],
          [0, 0],
        ],
        0,
      ],
      [[5], [[1, 3]], -1.5],
      [
        [3, 4],
        [
          [0, 0],
          [0, 0],
        ],
        0,
      ],
      [
        [3, 4],
        [
          [2, 0],
          [0, 1],
        ],
        7,
      ],
      [
        [2, 3, 4, 5, 2],
        [
          [1, 0],
          [0, 2],
          [1, 1],
          [0, 0],
          [0, 0],
        ],
        0.25,
      ],
      [
        [2, 3, 4],
        [
          [0, 0],
          [0, 0],
          [3, 1],
        ],
        0,
      ],
      [
        [0, 3],
        [
          [1, 1],
          [2, 0],
        ],
        2,
      ],
    ]
    for (const [shape, paddings, constant] of cases) {
      await expectIdentical([withEdges(shape)], (x) => tf.pad(x, paddings, constant))
    }
    const ints: Input = { values: Int32Array.from({ length: 24 }, (_, i) => i - 5), shape: [2, 3, 4], dtype: 'int32' }
    await expectIdentical([ints], (x) =>
      tf.pad(
        x,
        [
          [1, 0],
          [0, 2],
          [1, 1],
        ],
        9,
      ),
    )
  })

  it('leaves no tensor memory behind', async () => {
    await tf.setBackend('wasm')
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(values(2 * 6 * 6 * 3), [2, 6, 6, 3])
        const y = tf.where(tf.greater(x, 0), tf.leakyRelu(tf.tanh(x), 0.2), x)
        return tf.grad((t: tf.Tensor) =>
          tf.avgPool(
            tf.pad(t, [
              [0, 0],
              [1, 1],
              [1, 1],
              [0, 0],
            ]) as tf.Tensor4D,
            2,
            2,
            'valid',
          ),
        )(y)
      })
    run().dispose()
    const before = tf.memory().numTensors
    const dataBefore = (tf.backend() as unknown as { numDataIds(): number }).numDataIds()
    run().dispose()
    expect(tf.memory().numTensors).toBe(before)
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(dataBefore)
  })
})
