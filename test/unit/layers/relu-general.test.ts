import type * as tfjs from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import { parseProject } from '../../../src/core/document/parse'
import { formatDiagnostic, formatSummary } from '../../../src/core/i18n/format'
import { mapLayer } from '../../../src/core/import/keras-layers'
import { cappedRelu } from '../../../src/core/layers/kinds/capped-relu'
import type { TfLayer } from '../../../src/core/layers/kind'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { kerasRelu, RELU_PROBES, RELU_SETS, reluGraph, type ReluParams } from '../export/relu-cases'
import { graph } from '../helpers'
import { tfjs as tf } from '../tf'

/**
 * The full Keras ReLU (the cappedRelu kind): its tfjs layer against Keras' formula on every
 * boundary, its gradients against the formula's derivative and one SGD step, its validation,
 * files written before it had threshold and slope, and how Keras / tfjs ReLU configs import.
 */

const build = (p: ReluParams, name = 'relu') => cappedRelu.build(tf, p, { name, inputShapes: [[4]] }) as TfLayer

async function apply(layer: TfLayer, values: number[]): Promise<Float32Array> {
  const x = tf.tensor2d([values])
  const y = layer.apply(x) as tfjs.Tensor
  const out = (await y.data()) as Float32Array
  tf.dispose([x, y])
  return out
}

describe('tfjs build', () => {
  it.each(Object.entries(RELU_SETS))('%s equals Keras on and around every boundary', async (_, p) => {
    const out = await apply(build(p), RELU_PROBES)
    RELU_PROBES.forEach((x, i) => expect(out[i], `x = ${x}`).toBeCloseTo(kerasRelu(x, p), 6))
  })

  it('at the threshold itself the output is 0, as in Keras (x > threshold is strict)', async () => {
    const out = await apply(build(RELU_SETS.all3), [0.5, 0.5000001, 0.4999999])
    expect(out[0]).toBe(0)
    expect(out[1]).toBeGreaterThan(0.5)
    expect(out[2]).toBeLessThan(0)
  })

  it("is tfjs' stock ReLU without threshold and slope, LayerCanvas' own layer otherwise", () => {
    expect(build(RELU_SETS.relu6).getClassName()).toBe('ReLU')
    expect(build(RELU_SETS.plain).getClassName()).toBe('ReLU')
    expect(build(RELU_SETS.all3).getClassName()).toBe('LayerCanvasReLU')
    expect(build(RELU_SETS.slopeOnly).getClassName()).toBe('LayerCanvasReLU')
    expect(build(RELU_SETS.thresholdOnly).getConfig()).toMatchObject({ maxValue: null, threshold: 1, negativeSlope: 0 })
  })

  it('gradients are those of the formula (away from the kinks), and an SGD step follows them', () => {
    const p = RELU_SETS.all3
    // Derivative of Keras' ReLU: slope at or below the threshold, 1 between, 0 above the max.
    const slopeAt = (z: number) => (z > p.threshold ? (z > p.maxValue ? 0 : 1) : p.negativeSlope)
    const layer = build(p, 'relu_grad')
    const xs = [
      [1, -2, 0.5],
      [4, 1, -1],
    ]
    const w0 = [
      [0.9, -0.3, 2.5, 0.05],
      [0.2, 0.8, -0.6, 1.1],
      [-0.4, 0.35, 1.5, -2],
    ]
    const x = tf.tensor2d(xs)
    const w = tf.variable(tf.tensor2d(w0))
    const loss = () => tf.sum(layer.apply(tf.matMul(x, w)) as tfjs.Tensor) as tfjs.Scalar
    const { grads } = tf.variableGrads(loss, [w])
    const got = grads[w.name].arraySync() as number[][]
    // z = x·W; dL/dW[i][j] = Σ_b x[b][i] · f'(z[b][j]).
    const z = xs.map((row) => w0[0].map((_, j) => row.reduce((s, v, i) => s + v * w0[i][j], 0)))
    for (const row of z)
      for (const v of row) expect(Math.abs(v - p.threshold) > 1e-3 && Math.abs(v - p.maxValue) > 1e-3).toBe(true)
    w0.forEach((row, i) =>
      row.forEach((_, j) => {
        const want = xs.reduce((s, xrow, b) => s + xrow[i] * slopeAt(z[b][j]), 0)
        expect(got[i][j], `dL/dW[${i}][${j}]`).toBeCloseTo(want, 5)
      }),
    )
    // Some units sit in each part of the function, so all three derivatives were checked.
    const parts = new Set(z.flat().map(slopeAt))
    expect([...parts].sort()).toEqual([0, p.negativeSlope, 1].sort())
    tf.train.sgd(0.1).minimize(loss, false, [w])
    const moved = w.arraySync() as number[][]
    w0.forEach((row, i) => row.forEach((v, j) => expect(moved[i][j]).toBeCloseTo(v - 0.1 * got[i][j], 5)))
    tf.dispose([x, w, ...Object.values(grads)])
  })

  it('the whole test graph compiles and trains one step', async () => {
    const compiled = compileModel(tf, reluGraph())
    if (!compiled.ok) throw new Error(compiled.message)
    const { model } = compiled
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' })
    const x = tf.tensor2d([RELU_PROBES])
    const y = tf.zerosLike(model.predict(x) as tfjs.Tensor)
    const before = model.getWeights().map((t) => t.arraySync())
    const history = await model.fit(x, y, { epochs: 1, verbose: 0 })
    expect(Number.isFinite(history.history.loss[0] as number)).toBe(true)
    expect(model.getWeights().map((t) => t.arraySync())).not.toEqual(before)
    tf.dispose([x, y])
    model.dispose()
  })
})

describe('the kind', () => {
  it('keeps the shape, has no weights, and says what is set on the node', () => {
    expect(cappedRelu.inferShape([[5, 5, 3]], RELU_SETS.all3)).toEqual({ ok: true, shape: [5, 5, 3] })
    expect(cappedRelu.paramCount([[5]], RELU_SETS.all3)).toEqual({ trainable: 0, nonTrainable: 0 })
    expect(cappedRelu.summary(RELU_SETS.relu6)).toBe('max 6')
    expect(cappedRelu.summary(RELU_SETS.all3)).toBe('max 6 · θ 0.5 · slope 0.1')
    expect(cappedRelu.summary(RELU_SETS.thresholdOnly)).toBe('θ 1')
    expect(cappedRelu.summary(RELU_SETS.plain)).toBe('relu')
    expect(formatSummary('cappedRelu', RELU_SETS.all3, 'zh-CN')).toBe('上限 6 · θ 0.5 · 斜率 0.1')
  })

  it('a max value not above the threshold is refused in plain words (en + zh-CN)', () => {
    const doc = graph(
      [
        ['x', 'input', { mode: 'vector', size: 3 }],
        ['r', 'cappedRelu', { capped: true, maxValue: 1, threshold: 1 }],
      ],
      [['x', 'r']],
    )
    const [problem] = analyzeGraph(doc).nodes.r.diagnostics
    expect(problem.code).toBe('reluMaxNotAboveThreshold')
    expect(formatDiagnostic(problem, doc, 'en')).toContain('max value (1) must be above the threshold (1)')
    expect(formatDiagnostic(problem, doc, 'zh-CN')).toContain('上限（1）必须大于阈值（1）')
    // Without a cap the same threshold is fine.
    doc.nodes[1].params.capped = false
    expect(analyzeGraph(doc).nodes.r.diagnostics).toEqual([])
  })

  it('a file written when the kind had only maxValue opens unchanged (ReLU6 stays ReLU6)', () => {
    const parsed = parseProject({
      format: 'layercanvas',
      schemaVersion: 1,
      name: 'old',
      nodes: [
        { id: 'x', kind: 'input', position: { x: 0, y: 0 }, params: { mode: 'vector', size: 3 } },
        { id: 'r', kind: 'cappedRelu', position: { x: 0, y: 100 }, params: { maxValue: 2.5 } },
      ],
      edges: [{ id: 'e', source: 'x', target: 'r' }],
    })
    if (!parsed.ok) throw new Error(parsed.error.message)
    const node = parsed.document.nodes[1]
    expect(node.params).toEqual({ capped: true, maxValue: 2.5, threshold: 0, negativeSlope: 0 })
    expect(node.kindVersion).toBeUndefined()
    expect(parsed.warnings ?? []).toEqual([])
  })
})

describe('Keras / tfjs ReLU configs import', () => {
  const ctx = { consumers: [], inputs: 1 }
  const relu = (params: Partial<ReluParams>) => ({
    kind: 'cappedRelu',
    params: { capped: true, maxValue: 6, threshold: 0, negativeSlope: 0, ...params },
  })

  it('any combination of max_value, negative_slope and threshold is one cappedRelu', () => {
    expect(mapLayer('ReLU', { max_value: 6, negative_slope: 0.1, threshold: 0.5 }, ctx)).toEqual(
      relu({ negativeSlope: 0.1, threshold: 0.5 }),
    )
    expect(mapLayer('ReLU', { max_value: null, negative_slope: 0, threshold: 1 }, ctx)).toEqual(
      relu({ capped: false, threshold: 1 }),
    )
    expect(mapLayer('ReLU', { max_value: 3, negative_slope: 0.25 }, ctx)).toEqual(
      relu({ maxValue: 3, negativeSlope: 0.25 }),
    )
    expect(mapLayer('ReLU', { threshold: 0.5, negative_slope: 0.2 }, ctx)).toEqual(
      relu({ capped: false, threshold: 0.5, negativeSlope: 0.2 }),
    )
  })

  it("LayerCanvas' own tfjs layer always comes back as the kind, even with a slope alone", () => {
    expect(mapLayer('LayerCanvasReLU', { max_value: null, negative_slope: 0.3, threshold: 0 }, ctx)).toEqual(
      relu({ capped: false, negativeSlope: 0.3 }),
    )
  })

  it('what Keras itself refuses, or a max not above the threshold, is refused with the reason', () => {
    expect(mapLayer('ReLU', { threshold: -1 }, ctx)).toEqual({ reason: 'threshold -1 (0 or more)' })
    expect(mapLayer('ReLU', { negative_slope: -0.1 }, ctx)).toEqual({ reason: 'negative_slope -0.1 (0 or more)' })
    expect(mapLayer('ReLU', { max_value: 1, threshold: 2 }, ctx)).toEqual({
      reason: 'max_value 1 with threshold 2 (the max value must be above the threshold)',
    })
    expect(mapLayer('ReLU', { max_value: 'six' }, ctx)).toEqual({ reason: 'max_value "six" (above 0)' })
  })
})
