/**
 * What the trainer reports. Every event is a small plain object (JSON-able, structured-clone
 * safe), so the worker can post it to the UI and the CLI can print it as one line of JSON.
 */

export type TrainerStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'error'

export interface StatusEvent {
  event: 'status'
  status: TrainerStatus
}

/**
 * Progress within an epoch, at most a few per second (one per batch when the host reads the
 * loss after every batch). `loss` and `accuracy` are the means over the batches since the
 * previous batch event; `batch` is the last of them (from 0).
 */
export interface BatchEvent {
  event: 'batch'
  epoch: number
  batch: number
  batchesPerEpoch: number
  loss: number
  /** Classification only: share of correct predictions, 0…1. */
  accuracy?: number
  learningRate: number
  samplesPerSec: number
  /** Estimated seconds until the last epoch ends (validation not included). */
  etaSeconds: number
}

/** The end of an epoch: training means over the whole epoch, then the validation split. */
export interface EpochEvent {
  event: 'epoch'
  epoch: number
  loss: number
  accuracy?: number
  /** NaN when the validation split is empty. */
  valLoss: number
  valAccuracy?: number
  /** Regression only: mean absolute error on the validation split. */
  valMae?: number
  learningRate: number
  seconds: number
}

export type TrainingErrorCode =
  | 'nonFiniteLoss'
  | 'contextLost'
  | 'outOfMemory'
  | 'shapeMismatch'
  | 'emptyDataset'
  | 'aborted'
  | 'internal'

export interface ErrorEvent {
  event: 'error'
  code: TrainingErrorCode
  message: string
  epoch?: number
  batch?: number
  /** What the learner can change to fix it. */
  suggestion: string
  /** True when the weights were put back to the last good checkpoint. */
  restored?: boolean
}

export type WarningCode = 'tensorLeak' | 'noValidation'

/** Something to look into that does not stop training. */
export interface WarningEvent {
  event: 'warning'
  code: WarningCode
  message: string
  epoch?: number
}

/** Why training ended early (stop() or early stopping) — absent when all epochs ran. */
export type EndReason = 'completed' | 'earlyStopping'

export interface DoneEvent {
  event: 'done'
  reason: EndReason
  /** Epochs that ran. */
  epochs: number
  /** Early stopping: the epoch whose weights were restored. */
  bestEpoch?: number
  /** Summary on the test split (see evaluate.ts); null when the test split is empty. */
  test: TestSummary | null
}

/** The scalar part of the evaluation, small enough for every event stream. */
export type TestSummary =
  | { task: 'classification'; loss: number; accuracy: number; samples: number }
  | { task: 'regression'; loss: number; mae: number; mse: number; r2: number; samples: number }

export type TrainingEvent = StatusEvent | BatchEvent | EpochEvent | ErrorEvent | WarningEvent | DoneEvent

export type TrainingEventListener = (event: TrainingEvent) => void
