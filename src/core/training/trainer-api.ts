import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset, DatasetSplit } from '../data/dataset'
import type { Tf } from '../layers/kind'
import type { BatchProbe } from './batch-probe'
import type { WeightSnapshot } from './checkpoint'
import type { Task, TrainingConfig } from './config'
import type { Evaluation } from './evaluate'
import type {
  EpochEvent,
  ErrorEvent,
  SamplesPayload,
  TestSummary,
  TrainerStatus,
  TrainingErrorCode,
  TrainingEvent,
} from './events'
import type { TaskGraph, TrainingTask } from './tasks/task'

/** The trainer's public contract (createTrainer in trainer.ts): its options, its handle and its result. */

export interface TrainerOptions {
  /** The tfjs namespace with its backend already chosen (WebGL in the worker, CPU or node in the CLI). */
  tf: Tf
  /**
   * The compiled document model (compileModel's result). Classification and regression want
   * one input and one output; the other tasks find their parts in it through `graph`.
   */
  model: tfjs.LayersModel
  /**
   * The document and compileModel's maps (`layerNames`, `inputs`, `outputs`): required for a
   * GAN (its groups and noise Input) and diffusion (its timestep Input); lets an autoencoder
   * find its encoder group. Classification and regression ignore it.
   */
  graph?: TaskGraph
  dataset: Dataset
  split: DatasetSplit
  config: TrainingConfig
  /**
   * The task. Default: the config's when it is a generative one (autoencoder, gan, diffusion,
   * languageModel), else the dataset's (which decides how its labels are stored).
   */
  task?: Task
  onEvent: (event: TrainingEvent) => void
  /** Milliseconds; defaults to performance.now() or Date.now(). */
  clock?: () => number
  /**
   * Read the recent batches' losses back from the device at most this often (ms). Every read
   * is a GPU→CPU sync, so the worker keeps the default 200; the CLI and tests may pass 0 to
   * read (and report) every batch.
   */
  readbackMs?: number
  /** Give the event loop a turn at most this often (ms), so pause/stop messages arrive. Default 50. */
  yieldMs?: number
  /** How to give the event loop a turn: a macrotask. Defaults to globalThis.setTimeout(…, 0). */
  yieldToHost?: () => Promise<void>
  /**
   * Caps the training batches per epoch (quick smoke runs). A capped run also caps the
   * evaluation (`maxEvaluationSamples`) and keeps previews cheap (`quickPreviews`) unless those
   * are given: otherwise the epoch-end validation, the test evaluation and the previews cost
   * far more than the few batches trained.
   */
  maxBatchesPerEpoch?: number
  /**
   * Evaluate at most this many samples: of the validation split at each epoch end, and of the
   * split the final metrics use (test; for generative tasks the training split when test is
   * empty). The first ones of each split are used (a fixed random subset, since splits are
   * shuffled when made); `done.test.samples` and the evaluation's `samples` say how many.
   * Default: maxBatchesPerEpoch × batchSize when maxBatchesPerEpoch is set (as many samples as
   * one capped epoch trains on), else every sample. `Infinity`: whole splits in a capped run too.
   */
  maxEvaluationSamples?: number
  /**
   * Previews once, at the end of training (the last epoch, or the one early stopping ends on),
   * instead of every `sampleEvery` batches and every epoch end, and in each task's cheap form
   * (`TrainingTask.samples({ quick: true })`: diffusion samples with DDIM only, …; see
   * docs/tasks.md). Default: true when maxBatchesPerEpoch is set, else false.
   */
  quickPreviews?: boolean
  /**
   * Tasks that preview mid-epoch (`sampleEvery` > 0): also preview when this many ms passed
   * since the last preview, so a slow machine still sees the samples change. Default 0: by
   * batch count only (after the first batch, then every `sampleEvery`).
   */
  previewEveryMs?: number
  /** Debug: compare tf.memory().numTensors at each epoch end and warn when it grows. */
  checkLeaks?: boolean
  /** Batch size for validation and test (inference only). Default: up to 256, by sample size. */
  evaluationBatchSize?: number
  /** Looks at some training steps (gradients, weight changes); see batch-probe.ts. Default: none. */
  batchProbe?: BatchProbe
}

export interface TrainingResult {
  status: 'done' | 'stopped' | 'error'
  epochs: EpochEvent[]
  /** Classification and regression: the full test evaluation when training finished (status 'done') and the test split is not empty. */
  evaluation?: Evaluation
  /** The final metrics (the done event's `test`), for every task. */
  summary?: TestSummary
  /** The last previews of a generative task. */
  samples?: SamplesPayload[]
  error?: ErrorEvent
}

export interface Trainer {
  /** Runs the training; resolves when it is done, stopped or failed (never rejects). Idempotent. */
  start(): Promise<TrainingResult>
  /** Pauses before the next batch; the 'paused' status event says when it is effective. */
  pause(): void
  resume(): void
  /** Ends after the current batch; keeps the weights as they are. */
  stop(): void
  /** While paused: runs one batch, reports it, and stays paused. Resolves when the batch is done. */
  step(): Promise<void>
  /**
   * Ends after the current batch because something outside went wrong (the worker's WebGL
   * context was lost, …): restores the last checkpoint and reports an error with `code`.
   */
  abort(code: TrainingErrorCode, detail?: string): void
  /**
   * Puts the last checkpoint (the weights at the last good epoch end, or before training)
   * into `model` (default: the trained one; after a context loss, a rebuilt one).
   * False when there is no checkpoint yet.
   */
  restoreCheckpoint(model?: tfjs.LayersModel): boolean
  readonly status: TrainerStatus
  /**
   * The last checkpoint, in host memory: every weight of the compiled document model, so of
   * every model of the task (a GAN's generator and discriminator share its layers).
   */
  readonly checkpoint: WeightSnapshot | null
  readonly epochs: readonly EpochEvent[]
  /** The task being trained (its models and its `samples()`), once start() has built it. */
  readonly task: TrainingTask | null
}
