import type { TrainingConfig } from './config'

export type ScheduleConfig = TrainingConfig['schedule']

export interface SchedulePoint {
  /** Counts from 0. */
  epoch: number
  /** Total epochs of the run (cosine decays to its minimum at the last one). */
  epochs: number
  /** The batch about to run within the epoch, from 0 (only the warm-up looks at it). */
  batch?: number
  batchesPerEpoch?: number
}

/**
 * The learning rate for one batch of training. Pure, so the training panel can draw the whole
 * curve before training starts.
 *
 * Warm-up climbs linearly to the base rate over `warmupEpochs`, batch by batch (the first
 * batch already gets a small positive rate). The schedule proper then starts counting its
 * epochs from the end of the warm-up:
 * - constant: the base rate;
 * - step: × factor every `stepEpochs` epochs;
 * - exponential: × factor every epoch;
 * - cosine: half a cosine from the base rate down to `minLearningRate` at the last epoch.
 */
export function learningRateAt(
  schedule: ScheduleConfig,
  baseRate: number,
  { epoch, epochs, batch = 0, batchesPerEpoch = 1 }: SchedulePoint,
): number {
  const warmup = schedule.warmupEpochs
  if (warmup > 0 && epoch < warmup) {
    // Step k of the warm-up (k = 1 … warmup × batchesPerEpoch) gets k / total of the base rate.
    const perEpoch = Math.max(1, batchesPerEpoch)
    const steps = warmup * perEpoch
    const step = epoch * perEpoch + Math.min(batch, perEpoch - 1) + 1
    return (baseRate * step) / steps
  }
  const t = epoch - warmup
  switch (schedule.type) {
    case 'constant':
      return baseRate
    case 'step':
      return baseRate * schedule.factor ** Math.floor(t / schedule.stepEpochs)
    case 'exponential':
      return baseRate * schedule.factor ** t
    case 'cosine': {
      const span = Math.max(1, epochs - warmup - 1)
      const min = Math.min(schedule.minLearningRate, baseRate)
      return min + ((baseRate - min) * (1 + Math.cos((Math.PI * Math.min(t, span)) / span))) / 2
    }
  }
}

/** The rate at the start of every epoch: for the schedule preview and for tests. */
export function learningRateCurve(schedule: ScheduleConfig, baseRate: number, epochs: number): number[] {
  return Array.from({ length: epochs }, (_, epoch) => learningRateAt(schedule, baseRate, { epoch, epochs }))
}

/** True while the rate changes batch by batch (warm-up); otherwise it changes per epoch. */
export function changesPerBatch(schedule: ScheduleConfig, epoch: number): boolean {
  return epoch < schedule.warmupEpochs
}
