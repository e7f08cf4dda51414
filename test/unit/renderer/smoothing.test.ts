import { describe, expect, it } from 'vitest'
import type { BatchEvent } from '../../../src/core/training/events'
import { appendBatch, getSeries, resetSeries, setSmoothing } from '../../../src/renderer/src/training/series'
import { clampSmoothing, DEFAULT_SMOOTHING, emaStep, emptyEma } from '../../../src/renderer/src/training/smoothing'

const smoothAll = (values: number[], weight: number) => {
  const state = emptyEma()
  return values.map((v) => emaStep(state, v, weight))
}

describe('bias-corrected EMA (TensorBoard smoothing)', () => {
  it('matches hand-computed values for weight 0.6', () => {
    // biased: 0.4·1 = 0.4 → /0.4 = 1;  0.6·0.4 + 0.4·0.5 = 0.44 → /0.64 = 0.6875;
    // 0.6·0.44 + 0.4·0.2 = 0.344 → /0.784 = 0.438775…
    const out = smoothAll([1, 0.5, 0.2], 0.6)
    expect(out[0]).toBeCloseTo(1, 12)
    expect(out[1]).toBeCloseTo(0.6875, 12)
    expect(out[2]).toBeCloseTo(0.344 / 0.784, 12)
  })

  it('starts at the first value (not 0) and keeps a constant series constant', () => {
    expect(smoothAll([2.3], 0.9)).toEqual([2.3])
    for (const y of smoothAll([0.32, 0.32, 0.32, 0.32], 0.99)) expect(y).toBeCloseTo(0.32, 12)
  })

  it('weight 0 is the raw line', () => {
    expect(smoothAll([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5])
  })

  it('clamps the weight to the slider range', () => {
    expect(clampSmoothing(1.5)).toBe(0.99)
    expect(clampSmoothing(-1)).toBe(0)
    expect(clampSmoothing(Number.NaN)).toBe(DEFAULT_SMOOTHING)
  })
})

describe('chart series', () => {
  const batch = (index: number, loss: number, accuracy: number): BatchEvent =>
    ({
      event: 'batch',
      epoch: 0,
      batch: index,
      batchesPerEpoch: 100,
      loss,
      accuracy,
      learningRate: 0.001,
    }) as BatchEvent

  it('smooths loss and accuracy with the chosen weight and recomputes when it changes', () => {
    resetSeries()
    setSmoothing(0.6)
    appendBatch(batch(0, 1, 0.1))
    appendBatch(batch(1, 0.5, 0.3))
    appendBatch(batch(2, 0.2, 0.6))
    expect(getSeries().lossSmooth.map((p) => p.x)).toEqual([1, 2, 3])
    expect(getSeries().lossSmooth[1].y).toBeCloseTo(0.6875, 12)
    expect(getSeries().lossSmooth[2].y).toBeCloseTo(0.344 / 0.784, 12)
    // accuracy: 0.04/0.4 = 0.1; (0.024 + 0.12)/0.64 = 0.225
    expect(getSeries().accuracySmooth[1].y).toBeCloseTo(0.225, 12)

    setSmoothing(0)
    expect(getSeries().lossSmooth.map((p) => p.y)).toEqual([1, 0.5, 0.2])
    // The running state continues from the recomputed line.
    appendBatch(batch(3, 0.1, 0.7))
    expect(getSeries().lossSmooth[3].y).toBe(0.1)
    setSmoothing(0.6)
    resetSeries()
  })
})
