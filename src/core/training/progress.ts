import type { BatchEvent, TaskMetrics } from './events'

/**
 * The trainer's running figures: size-weighted sums of the loss and of the task's metrics over
 * the recent batches (for batch events, with throughput and ETA) and over the epoch (for the
 * epoch event).
 */

export interface Progress {
  /** Adds a batch read back from the device: its loss, and its metrics at values[offset + k]. */
  add(size: number, loss: number, values: ArrayLike<number>, offset: number): void
  /**
   * The batch event for the recent batches (`last` being the newest), then starts a new window.
   * `remainingBatches` is what is left of the whole run, for the ETA.
   */
  batchEvent(
    last: { epoch: number; batch: number; learningRate: number },
    batchesPerEpoch: number,
    remainingBatches: number,
    batchSize: number,
  ): BatchEvent
  /** Starts a new window for the throughput, without a batch event (after a pause). */
  restartWindow(): void
  /** Starts a new epoch's totals. */
  startEpoch(): void
  /** The epoch's means so far: loss and task metrics. */
  epochMeans(): { loss: number } & TaskMetrics
}

export function createProgress(metricNames: readonly string[], clock: () => number): Progress {
  const zeros = () => metricNames.map(() => 0)
  let rateEma = 0
  let recent = { start: clock(), samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
  let epochTotals = { lossSum: 0, sums: zeros(), samples: 0 }

  /** The means of the task's metrics as event fields (accuracy, dLoss, …). */
  const metricFields = (sums: number[], samples: number): TaskMetrics =>
    Object.fromEntries(metricNames.map((name, i) => [name, sums[i] / Math.max(1, samples)])) as TaskMetrics

  return {
    add(size, loss, values, offset) {
      recent.lossSum += loss * size
      recent.samples += size
      recent.batches++
      epochTotals.lossSum += loss * size
      epochTotals.samples += size
      for (let k = 0; k < metricNames.length; k++) {
        const value = values[offset + k] * size
        recent.sums[k] += value
        epochTotals.sums[k] += value
      }
    },
    batchEvent(last, batchesPerEpoch, remainingBatches, batchSize) {
      const now = clock()
      const seconds = Math.max(1e-6, (now - recent.start) / 1000)
      const rate = recent.samples / seconds
      rateEma = rateEma === 0 ? rate : 0.7 * rateEma + 0.3 * rate
      const event: BatchEvent = {
        event: 'batch',
        epoch: last.epoch,
        batch: last.batch,
        batchesPerEpoch,
        loss: recent.lossSum / recent.samples,
        ...metricFields(recent.sums, recent.samples),
        learningRate: last.learningRate,
        samplesPerSec: rate,
        etaSeconds: rateEma > 0 ? (remainingBatches * batchSize) / rateEma : 0,
      }
      recent = { start: now, samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
      return event
    },
    restartWindow() {
      recent = { ...recent, start: clock(), samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
    },
    startEpoch() {
      epochTotals = { lossSum: 0, sums: zeros(), samples: 0 }
    },
    epochMeans() {
      return {
        loss: epochTotals.lossSum / Math.max(1, epochTotals.samples),
        ...metricFields(epochTotals.sums, epochTotals.samples),
      }
    },
  }
}
