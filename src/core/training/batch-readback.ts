import type * as tfjs from '@tensorflow/tfjs'
import type { ErrorEvent, TrainingEvent } from './events'
import { nonFiniteLossError } from './guards'
import type { Progress } from './progress'

/** A trained batch whose loss and metrics are still on the device (tensors, not yet read). */
export interface PendingBatch {
  epoch: number
  batch: number
  size: number
  learningRate: number
  loss: tfjs.Scalar
  metrics: tfjs.Scalar[]
}

/**
 * The trainer's batches between two readings: their losses and metrics stay on the device until
 * read back together, since every read waits for the device (slow on WebGL, at each batch).
 */
export interface BatchReadback {
  push(batch: PendingBatch): void
  /**
   * Reads every pending loss and metric in one transfer, checks them, reports progress, frees
   * them. The error when a loss is not finite (then no batch event), otherwise null.
   */
  read(): Promise<ErrorEvent | null>
  /** Frees the batches never read (training ended). */
  dispose(): void
  /** The clock's time when the last transfer ended. */
  readonly lastRead: number
}

export interface BatchReadbackOptions {
  tf: typeof tfjs
  metricNames: readonly string[]
  progress: Progress
  clock: () => number
  /** The clock's reading the run started with (it counts as the last read). */
  startedAt: number
  /** How many input values are not finite: counted only when a loss is, to tailor the advice. */
  badInputs: () => number
  batchesPerEpoch: number
  totalBatches: number
  batchSize: number
  emit: (event: TrainingEvent) => void
}

export function createBatchReadback(options: BatchReadbackOptions): BatchReadback {
  const { tf, metricNames, progress, clock, badInputs, emit } = options
  const perEpoch = options.batchesPerEpoch
  let pending: PendingBatch[] = []
  let lastRead = options.startedAt

  async function read(): Promise<ErrorEvent | null> {
    if (pending.length === 0) return null
    const batches = pending
    pending = []
    const scalars = [...batches.map((p) => p.loss), ...batches.flatMap((p) => p.metrics)]
    const packed = tf.stack(scalars)
    tf.dispose(scalars)
    let values: Float32Array | Int32Array | Uint8Array
    try {
      values = await packed.data()
    } finally {
      packed.dispose()
    }
    lastRead = clock()
    const m = metricNames.length
    for (let i = 0; i < batches.length; i++) {
      const p = batches[i]
      const loss = values[i]
      if (!Number.isFinite(loss)) {
        return nonFiniteLossError({
          loss,
          epoch: p.epoch,
          batch: p.batch,
          learningRate: p.learningRate,
          badInputValues: badInputs(),
          restored: false,
        })
      }
      progress.add(p.size, loss, values, batches.length + i * m)
    }
    const last = batches[batches.length - 1]
    const remaining = options.totalBatches - (last.epoch * perEpoch + last.batch + 1)
    emit(progress.batchEvent(last, perEpoch, remaining, options.batchSize))
    return null
  }

  return {
    push(batch) {
      pending.push(batch)
    },
    read,
    dispose() {
      tf.dispose(pending.flatMap((p) => [p.loss, ...p.metrics]))
      pending = []
    },
    get lastRead() {
      return lastRead
    },
  }
}
