import { describe, expect, it } from 'vitest'
import { exportOnnx } from '../../src/core/export/onnx'
import { exportTfjs } from '../../src/core/export/tfjs'
import { formatDiagnostic } from '../../src/core/i18n/format'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { MAX_PARAMS } from '../../src/core/shapes/size-limits'
import { graph } from './helpers'
import { tfjs as tf } from './tf'

/** Input image → UpSampling2D(size) → Flatten → Dense(units). */
const upsampled = (size: [number, number], units = 10) =>
  graph(
    [
      ['in', 'input', { mode: 'image', height: 8, width: 8, channels: 1 }],
      ['up', 'upSampling2d', { size }],
      ['flat', 'flatten'],
      ['out', 'dense', { units }],
    ],
    [
      ['in', 'up'],
      ['up', 'flat'],
      ['flat', 'out'],
    ],
  )

describe('sizes past what tfjs can allocate are errors on the layer, not "valid" with Infinity params', () => {
  it('a dimension beyond 2^31 − 1 (was: valid, Total params: Infinity)', () => {
    const doc = upsampled([1e200, 1e200])
    const analysis = analyzeGraph(doc)
    expect(analysis.valid).toBe(false)
    expect(Number.isFinite(analysis.totals.total)).toBe(true)
    const problem = analysis.diagnostics.find((d) => d.nodeId === 'up')
    expect(problem?.code).toBe('dimensionTooLarge')
    expect(formatDiagnostic(problem!, doc, 'en')).toMatch(
      /UpSampling.*dimension of size 8\.0e\+200, more than LayerCanvas can hold \(at most 2,147,483,647\)/,
    )
    expect(formatDiagnostic(problem!, doc, 'zh-CN')).toContain('超出了 LayerCanvas 能处理的范围')
    // Nothing after it is reported again: the first layer too large is the one to fix.
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1)
  })

  it('an output of more than 2^31 − 1 values per sample', () => {
    const analysis = analyzeGraph(upsampled([100_000, 100_000]))
    expect(analysis.diagnostics.map((d) => [d.nodeId, d.code])).toEqual([['up', 'outputTooLarge']])
  })

  it('a layer with more parameters than fit in memory (was: valid with 64,000,001,000 params)', () => {
    const doc = upsampled([1_000, 1_000], 1_000)
    const analysis = analyzeGraph(doc)
    expect(analysis.diagnostics.map((d) => [d.nodeId, d.code])).toEqual([['out', 'tooManyParams']])
    expect(formatDiagnostic(analysis.diagnostics[0], doc, 'en')).toContain('Dense would have 64,000,001,000 parameters')
  })

  it('a model whose layers each fit but whose total does not', () => {
    // 3 Dense layers of 100,000 × 10,000 weights (+ bias) each: 3.0 billion parameters in all.
    const doc = graph(
      [
        ['in', 'input', { mode: 'vector', size: 100_000 }],
        ['a', 'dense', { units: 10_000 }],
        ['b', 'dense', { units: 10_000 }],
        ['c', 'dense', { units: 10_000 }],
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
        ['in', 'c'],
      ],
    )
    const analysis = analyzeGraph(doc)
    expect(analysis.totals.total).toBeGreaterThan(MAX_PARAMS)
    expect(analysis.valid).toBe(false)
    expect(analysis.diagnostics.map((d) => [d.nodeId, d.code])).toEqual([[undefined, 'modelTooLarge']])
    expect(formatDiagnostic(analysis.diagnostics[0], doc, 'en')).toBe(
      'The model would have 3,000,030,000 parameters in total, more than LayerCanvas can hold (at most 2,147,483,647). Make some layers smaller.',
    )
  })

  it('the exporters say no instead of failing with "Invalid typed array length"', async () => {
    const doc = upsampled([1e11, 1e11])
    const tfjsResult = await exportTfjs(tf, doc)
    expect(tfjsResult.ok).toBe(false)
    const onnxResult = await exportOnnx(tf, doc)
    expect(onnxResult).toMatchObject({ ok: false, problems: [{ nodeId: 'up' }] })
  })
})
