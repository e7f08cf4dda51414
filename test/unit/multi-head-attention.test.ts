import { describe, expect, it } from 'vitest'
import { tfjs as tf } from './tf'
import { multiHeadAttention } from '../../src/core/layers/kinds/multi-head-attention'
import { defaultParams } from '../../src/core/params/schema'
import type { Shape } from '../../src/core/shapes/shape'
import type { TfLayer } from '../../src/core/layers/kind'

const H = 2
const K = 2

/** Deterministic "random" numbers in [-1, 1] so the expected values are reproducible. */
function fill(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.9)
}

interface Weights {
  qK: number[]
  qB: number[]
  kK: number[]
  kB: number[]
  vK: number[]
  vB: number[]
  oK: number[]
  oB: number[]
}

function makeWeights(dq: number, dv: number): Weights {
  return {
    qK: fill(dq * H * K, 1),
    qB: fill(H * K, 2),
    kK: fill(dv * H * K, 3),
    kB: fill(H * K, 4),
    vK: fill(dv * H * K, 5),
    vB: fill(H * K, 6),
    oK: fill(H * K * dq, 7),
    oB: fill(dq, 8),
  }
}

/** Attention for one sample written out with plain loops: the independent reference. */
function reference(x: number[][], z: number[][], w: Weights, causal: boolean): number[][] {
  const dq = x[0].length
  const dv = z[0].length
  // kernel [d, H, K] stored row-major: index (d * H + h) * K + k
  const project = (rows: number[][], d: number, kernel: number[], bias: number[]) =>
    Array.from({ length: H }, (_, h) =>
      rows.map((row) =>
        Array.from({ length: K }, (_, k) => {
          let s = bias[h * K + k]
          for (let i = 0; i < d; i++) s += row[i] * kernel[(i * H + h) * K + k]
          return s
        }),
      ),
    )
  const q = project(x, dq, w.qK, w.qB)
  const kk = project(z, dv, w.kK, w.kB)
  const v = project(z, dv, w.vK, w.vB)
  const context = q.map((qh, h) =>
    qh.map((qi, i) => {
      const scores = kk[h].map((kj, j) => {
        if (causal && j > i) return -Infinity
        let s = 0
        for (let k = 0; k < K; k++) s += qi[k] * kj[k]
        return s / Math.sqrt(K)
      })
      const max = Math.max(...scores)
      const exps = scores.map((s) => Math.exp(s - max))
      const total = exps.reduce((a, b) => a + b, 0)
      return Array.from({ length: K }, (_, k) => exps.reduce((s, e, j) => s + (e / total) * v[h][j][k], 0))
    }),
  )
  // output kernel [H, K, dq]: index (h * K + k) * dq + e
  return x.map((_, i) =>
    Array.from({ length: dq }, (_, e) => {
      let s = w.oB[e]
      for (let h = 0; h < H; h++) for (let k = 0; k < K; k++) s += context[h][i][k] * w.oK[(h * K + k) * dq + e]
      return s
    }),
  )
}

function makeLayer(causal: boolean, dq: number, dv: number, dropout = 0, twoInputs = false) {
  const params = { ...defaultParams(multiHeadAttention.params), numHeads: H, keyDim: K, causal, dropout }
  const shapes: Shape[] = twoInputs
    ? [
        [null, dq],
        [null, dv],
      ]
    : [[null, dq]]
  const layer = multiHeadAttention.build(tf, params, {
    name: `mha_${Math.random().toString(36).slice(2)}`,
    inputShapes: shapes,
  }) as TfLayer
  const w = makeWeights(dq, dv)
  layer.build(shapes.map((s) => [null, ...s]))
  layer.setWeights([
    tf.tensor(w.qK, [dq, H, K]),
    tf.tensor(w.qB, [H, K]),
    tf.tensor(w.kK, [dv, H, K]),
    tf.tensor(w.kB, [H, K]),
    tf.tensor(w.vK, [dv, H, K]),
    tf.tensor(w.vB, [H, K]),
    tf.tensor(w.oK, [H, K, dq]),
    tf.tensor(w.oB, [dq]),
  ])
  return { layer, w }
}

function expectClose(actual: number[][][], expected: number[][][]) {
  expect(actual.length).toBe(expected.length)
  actual.forEach((sample, b) =>
    sample.forEach((row, i) =>
      row.forEach((value, e) => expect(Math.abs(value - expected[b][i][e])).toBeLessThan(1e-5)),
    ),
  )
}

describe('MultiHeadAttention numerics (hand-computed reference)', () => {
  const x = [
    [
      [0.1, -0.4, 0.7, 0.2],
      [0.5, 0.3, -0.6, 0.9],
      [-0.8, 0.05, 0.4, -0.3],
    ],
  ]

  it('self-attention matches the reference; dropout is off at inference', () => {
    const { layer, w } = makeLayer(false, 4, 4, 0.5)
    const out = layer.apply(tf.tensor(x)) as import('@tensorflow/tfjs').Tensor
    expect(out.shape).toEqual([1, 3, 4])
    expectClose(out.arraySync() as number[][][], [reference(x[0], x[0], w, false)])
  })

  it('causal mask: position i only attends to 0…i', () => {
    const { layer, w } = makeLayer(true, 4, 4)
    const out = (layer.apply(tf.tensor(x)) as import('@tensorflow/tfjs').Tensor).arraySync() as number[][][]
    expectClose(out, [reference(x[0], x[0], w, true)])
    // Sanity: the mask changes the result except at the last position, which sees everything.
    const free = reference(x[0], x[0], w, false)
    expect(Math.abs(out[0][0][0] - free[0][0])).toBeGreaterThan(1e-4)
    expect(Math.abs(out[0][2][0] - free[2][0])).toBeLessThan(1e-5)
  })

  it('cross-attention: 2 inputs, different lengths and widths, batch of 2', () => {
    const { layer, w } = makeLayer(false, 4, 3, 0, true)
    const z = [
      [
        [0.2, -0.1, 0.3],
        [0.9, 0.4, -0.2],
        [-0.5, 0.6, 0.1],
        [0.3, -0.7, 0.8],
        [0.0, 0.2, -0.4],
      ],
      [
        [-0.3, 0.5, 0.2],
        [0.1, 0.1, 0.1],
        [0.7, -0.2, -0.6],
        [-0.1, 0.8, 0.3],
        [0.4, 0.0, 0.5],
      ],
    ]
    const xs = [x[0], x[0].map((row) => row.map((v) => -v))]
    const out = layer.apply([tf.tensor(xs), tf.tensor(z)]) as import('@tensorflow/tfjs').Tensor
    expect(out.shape).toEqual([2, 3, 4])
    expectClose(out.arraySync() as number[][][], [reference(xs[0], z[0], w, false), reference(xs[1], z[1], w, false)])
  })
})

describe("MultiHeadAttention.attentionScores (the activations view's attention matrices)", () => {
  const x = [
    [
      [0.1, -0.4, 0.7, 0.2],
      [0.5, 0.3, -0.6, 0.9],
      [-0.8, 0.05, 0.4, -0.3],
    ],
  ]

  it.each([false, true])("causal %s: rows sum to 1, and scores · V · Wo + bo is the layer's output", (causal) => {
    const { layer, w } = makeLayer(causal, 4, 4, 0.5)
    const input = tf.tensor(x)
    const scores = (
      layer as unknown as { attentionScores(t: unknown): import('@tensorflow/tfjs').Tensor }
    ).attentionScores(input)
    expect(scores.shape).toEqual([1, H, 3, 3])
    const a = (scores.arraySync() as number[][][][])[0]
    for (const head of a) for (const row of head) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6)
    if (causal) expect(a[0][0][2]).toBeLessThan(1e-9)
    // V per head from the value kernel (plain loops), then scores · V, then the output projection.
    const dq = 4
    const v = Array.from({ length: H }, (_, h) =>
      x[0].map((row) =>
        Array.from({ length: K }, (_, k) =>
          row.reduce((s, value, i) => s + value * w.vK[(i * H + h) * K + k], w.vB[h * K + k]),
        ),
      ),
    )
    const expected = x[0].map((_, i) =>
      Array.from({ length: dq }, (_, e) => {
        let s = w.oB[e]
        for (let h = 0; h < H; h++)
          for (let k = 0; k < K; k++)
            s += a[h][i].reduce((c, weight, j) => c + weight * v[h][j][k], 0) * w.oK[(h * K + k) * dq + e]
        return s
      }),
    )
    const out = (layer.apply(input) as import('@tensorflow/tfjs').Tensor).arraySync() as number[][][]
    expectClose(out, [expected])
    tf.dispose([input, scores])
  })
})

describe('multiHeadAttention kind: shapes and params agree with tfjs', () => {
  const cases: { inputs: Shape[]; numHeads: number; keyDim: number; useBias: boolean }[] = [
    { inputs: [[10, 16]], numHeads: 4, keyDim: 8, useBias: true },
    { inputs: [[null, 12]], numHeads: 3, keyDim: 5, useBias: false },
    {
      inputs: [
        [7, 16],
        [9, 6],
      ],
      numHeads: 2,
      keyDim: 4,
      useBias: true,
    },
    {
      inputs: [
        [7, 5],
        [null, 11],
      ],
      numHeads: 1,
      keyDim: 3,
      useBias: false,
    },
  ]
  for (const c of cases) {
    it(`${JSON.stringify(c.inputs)} heads ${c.numHeads} keyDim ${c.keyDim} bias ${c.useBias}`, () => {
      const params = { ...defaultParams(multiHeadAttention.params), ...c }
      const inferred = multiHeadAttention.inferShape(c.inputs, params)
      expect(inferred).toEqual({ ok: true, shape: c.inputs[0] })
      const layer = multiHeadAttention.build(tf, params, {
        name: `mha_shape_${c.numHeads}_${c.keyDim}_${c.inputs.length}_${c.useBias}`,
        inputShapes: c.inputs,
      }) as TfLayer
      const symbolic = c.inputs.map((s) => tf.input({ shape: [...s] }))
      const out = layer.apply(
        symbolic.length === 1 ? symbolic[0] : symbolic,
      ) as import('@tensorflow/tfjs').SymbolicTensor
      expect(out.shape.slice(1)).toEqual([...c.inputs[0]])
      const count = multiHeadAttention.paramCount(c.inputs, params)
      expect(count.trainable + count.nonTrainable).toBe(layer.countParams())
      // Keras layout, so exporters can copy the arrays.
      const [dq, dv] = [c.inputs[0][1], (c.inputs[1] ?? c.inputs[0])[1]]
      expect(layer.getWeights().map((t) => t.shape)).toEqual(
        c.useBias
          ? [
              [dq, c.numHeads, c.keyDim],
              [c.numHeads, c.keyDim],
              [dv, c.numHeads, c.keyDim],
              [c.numHeads, c.keyDim],
              [dv, c.numHeads, c.keyDim],
              [c.numHeads, c.keyDim],
              [c.numHeads, c.keyDim, dq],
              [dq],
            ]
          : [
              [dq, c.numHeads, c.keyDim],
              [dv, c.numHeads, c.keyDim],
              [dv, c.numHeads, c.keyDim],
              [c.numHeads, c.keyDim, dq],
            ],
      )
    })
  }

  it('explains inputs that are not sequences', () => {
    const params = defaultParams(multiHeadAttention.params)
    expect(multiHeadAttention.inferShape([[16]], params)).toMatchObject({ ok: false, issue: { code: 'needsSequence' } })
    expect(
      multiHeadAttention.inferShape(
        [
          [8, 16],
          [4, 4, 4],
        ],
        params,
      ),
    ).toMatchObject({ ok: false, issue: { code: 'needsSequence' } })
    expect(multiHeadAttention.inferShape([[8, null]], params)).toMatchObject({
      ok: false,
      issue: { code: 'unknownDim' },
    })
  })
})
