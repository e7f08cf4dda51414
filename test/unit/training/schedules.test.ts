import { describe, expect, it } from 'vitest'
import {
  changesPerBatch,
  learningRateAt,
  learningRateCurve,
  type ScheduleConfig,
} from '../../../src/core/training/schedules'

const schedule = (over: Partial<ScheduleConfig>): ScheduleConfig => ({
  type: 'constant',
  warmupEpochs: 0,
  factor: 0.5,
  stepEpochs: 10,
  minLearningRate: 0,
  ...over,
})

describe('learning-rate schedules', () => {
  it('constant keeps the base rate', () => {
    expect(learningRateCurve(schedule({}), 0.1, 4)).toEqual([0.1, 0.1, 0.1, 0.1])
  })

  it('step multiplies by factor every stepEpochs', () => {
    const curve = learningRateCurve(schedule({ type: 'step', factor: 0.5, stepEpochs: 2 }), 0.1, 6)
    expect(curve).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025])
  })

  it('exponential multiplies by factor every epoch', () => {
    const curve = learningRateCurve(schedule({ type: 'exponential', factor: 0.9 }), 1, 4)
    curve.forEach((rate, epoch) => expect(rate).toBeCloseTo(0.9 ** epoch, 12))
  })

  it('cosine goes from the base rate to the minimum at the last epoch', () => {
    const curve = learningRateCurve(schedule({ type: 'cosine', minLearningRate: 0.01 }), 0.1, 5)
    expect(curve[0]).toBeCloseTo(0.1, 12)
    expect(curve[2]).toBeCloseTo((0.1 + 0.01) / 2, 12)
    expect(curve[4]).toBeCloseTo(0.01, 12)
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThan(curve[i - 1])
  })

  it('warm-up climbs linearly batch by batch, then the schedule starts counting', () => {
    const s = schedule({ type: 'step', warmupEpochs: 2, factor: 0.1, stepEpochs: 1 })
    const at = (epoch: number, batch: number) => learningRateAt(s, 1, { epoch, epochs: 6, batch, batchesPerEpoch: 4 })
    expect([0, 1, 2, 3].map((b) => at(0, b))).toEqual([1 / 8, 2 / 8, 3 / 8, 4 / 8])
    expect([0, 1, 2, 3].map((b) => at(1, b))).toEqual([5 / 8, 6 / 8, 7 / 8, 1])
    expect(at(2, 0)).toBe(1)
    expect(at(2, 3)).toBe(1)
    expect(at(3, 0)).toBeCloseTo(0.1, 12)
    expect(changesPerBatch(s, 1)).toBe(true)
    expect(changesPerBatch(s, 2)).toBe(false)
  })

  it('cosine after warm-up still ends at the minimum', () => {
    const s = schedule({ type: 'cosine', warmupEpochs: 1, minLearningRate: 0 })
    expect(learningRateAt(s, 0.2, { epoch: 1, epochs: 5 })).toBeCloseTo(0.2, 12)
    expect(learningRateAt(s, 0.2, { epoch: 4, epochs: 5 })).toBeCloseTo(0, 12)
  })
})
