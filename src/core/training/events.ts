import type { LocalText } from '../i18n/text'
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
/**
 * The metrics a task reports besides the loss (batch and epoch events, means over the batches):
 *  - accuracy: classification and language model, share of correct predictions 0…1;
 *  - dLoss, gLoss: GAN, the discriminator's and the generator's binary cross-entropy;
 *  - dReal, dFake: GAN, the discriminator's mean output on real samples, D(x), and on the
 *    generator's, D(G(z)) (0…1; both drift towards 0.5 when the two play evenly).
 * For a GAN, `loss` is dLoss + gLoss.
 */
export interface TaskMetrics {
  accuracy?: number
  dLoss?: number
  gLoss?: number
  dReal?: number
  dFake?: number
}
export type TaskMetricName = keyof TaskMetrics

export interface BatchEvent extends TaskMetrics {
  event: 'batch'
  epoch: number
  batch: number
  batchesPerEpoch: number
  loss: number
  learningRate: number
  samplesPerSec: number
  /** Estimated seconds until the last epoch ends (validation not included). */
  etaSeconds: number
}

/** The end of an epoch: training means over the whole epoch, then the validation split. */
export interface EpochEvent extends TaskMetrics {
  event: 'epoch'
  epoch: number
  loss: number
  /** NaN when the validation split is empty. */
  valLoss: number
  valAccuracy?: number
  /** Regression only: mean absolute error on the validation split. */
  valMae?: number
  learningRate: number
  seconds: number
}

export type TrainingErrorCode =
  'nonFiniteLoss' | 'contextLost' | 'outOfMemory' | 'shapeMismatch' | 'emptyDataset' | 'aborted' | 'internal'

export interface ErrorEvent {
  event: 'error'
  code: TrainingErrorCode
  message: string
  epoch?: number
  batch?: number
  /** What the learner can change to fix it. */
  suggestion: string
  /** Both sentences in both languages, when the core has them (core/i18n/training-messages.ts). */
  text?: { message: LocalText; suggestion: LocalText }
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

/**
 * The scalar part of the evaluation, small enough for every event stream. Generative tasks
 * report their own final metrics (on the test split, or the training split when it is empty).
 */
export type TestSummary =
  | { task: 'classification'; loss: number; accuracy: number; samples: number }
  | { task: 'regression'; loss: number; mae: number; mse: number; r2: number; samples: number }
  /** Reconstruction loss (the project's loss) and mean squared error per value. */
  | { task: 'autoencoder'; loss: number; mse: number; samples: number }
  | { task: 'gan'; dLoss: number; gLoss: number; dReal: number; dFake: number; samples: number }
  /** The noise-prediction loss (MSE between the true and the predicted noise ε) at random timesteps. */
  | { task: 'diffusion'; loss: number; samples: number }
  /** Next-character cross-entropy, accuracy, and perplexity = e^loss (how many characters it hesitates between). */
  | { task: 'languageModel'; loss: number; accuracy: number; perplexity: number; samples: number }

/**
 * Previews a generative task shows while it trains. Plain objects with typed arrays: cheap to
 * post from the worker (structured clone); the CLI writes the arrays as JSON lists.
 * Pixel and point values are in the data's own units (after the project's normalization).
 */
export type SamplesPayload =
  /** Generated images (GAN, diffusion), each height × width × channels values, row-major. */
  | { kind: 'imageGrid'; width: number; height: number; channels: number; images: Float32Array[] }
  /** Generated points (1-D or 2-D data): `count` × `dims` values, with as many real ones to compare. */
  | { kind: 'points'; dims: number; points: Float32Array; real: Float32Array }
  /**
   * A diffusion sampler's trajectory, pure noise first: each step holds every sample
   * (count × product(shape) values) after denoising at timestep `t` (0 = the final samples).
   */
  | {
      kind: 'diffusionSteps'
      sampler: 'ddpm' | 'ddim'
      shape: number[]
      count: number
      steps: { t: number; values: Float32Array }[]
    }
  /** Language model: generated lines (names or text), from `prompts` when the data has no start token. */
  | { kind: 'text'; temperature: number; lines: string[]; prompts?: string[] }
  /** Autoencoder: what went in (noisy for a denoiser), what came out, and the clean target. */
  | {
      kind: 'reconstructions'
      shape: number[]
      pairs: { input: Float32Array; output: Float32Array; target: Float32Array }[]
    }
  /**
   * Autoencoder with an 'encoder' group: each sample's code as a 2-D point, the code's first two
   * values (`first2`) or its two principal components (`pca`), coloured by class when known.
   */
  | {
      kind: 'latent'
      method: 'first2' | 'pca'
      dims: number
      points: Float32Array
      labels: Int32Array | null
      classNames?: string[]
    }

/** What a generative task shows now (every `sampleEvery` batches and at each epoch end). */
export interface SamplesEvent {
  event: 'samples'
  epoch: number
  /** The last batch trained (from 0); −1 before the first. */
  batch: number
  samples: SamplesPayload
}

export type TrainingEvent = StatusEvent | BatchEvent | EpochEvent | ErrorEvent | WarningEvent | DoneEvent | SamplesEvent
