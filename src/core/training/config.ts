import { z } from 'zod'

/**
 * How a project trains: the data and its split, the loss, the optimizer and its schedule.
 * Stored in the project document (`training`), so a template opens ready to train. Every
 * field has a default, so older files and hand-written ones need only what they change.
 */

export const DATASET_IDS = [
  'mnist',
  'iris',
  'spiral',
  'xor',
  'circles',
  'gaussians',
  'ring',
  'sine',
  'curve',
  'names',
  'shapes',
  'csv',
  'imageFolder',
  'text',
] as const
export type DatasetId = (typeof DATASET_IDS)[number]

/**
 * `training.dataset.id` when no dataset is chosen yet: an imported model says nothing about its
 * data, and training it on MNIST by default would be wrong. Training then asks for a dataset.
 * Not a DatasetId: nothing loads it.
 */
export const NO_DATASET = 'none'
const DATASET_CHOICES = [...DATASET_IDS, NO_DATASET] as const
export type DatasetChoice = (typeof DATASET_CHOICES)[number]

/**
 * What the project learns (see src/core/training/tasks and docs/tasks.md): the first two learn
 * the dataset's labels; the others learn the samples themselves.
 */
export const TASKS = ['classification', 'regression', 'autoencoder', 'gan', 'diffusion', 'languageModel'] as const
export type Task = (typeof TASKS)[number]

/** Tasks whose targets are the dataset's labels (how a dataset stores them). */
export const LABEL_TASKS = ['classification', 'regression'] as const
export type LabelTask = (typeof LABEL_TASKS)[number]

export const NOISE_SCHEDULES = ['linear', 'cosine'] as const

/** How often a task shows samples, in batches; 0 = only at the end of each epoch. */
const sampleEvery = (fallback: number) => z.number().int().min(0).max(1_000_000).default(fallback)
/** How many samples a preview shows. */
const sampleCount = (fallback: number) => z.number().int().min(1).max(256).default(fallback)

const ganOptions = z.object({
  /** Discriminator updates per generator update (k in Goodfellow et al.). */
  dSteps: z.number().int().min(1).max(10).default(1),
  /** One-sided label smoothing: real images are labelled 1 − labelSmoothing for the discriminator. */
  labelSmoothing: z.number().min(0).max(0.5).default(0.1),
  sampleEvery: sampleEvery(100),
  samples: sampleCount(16),
})
const diffusionOptions = z.object({
  /** T: noising steps from clean data to pure noise. */
  timesteps: z.number().int().min(2).max(4000).default(100),
  schedule: z.enum(NOISE_SCHEDULES).default('linear'),
  /**
   * Linear schedule: β of the first and the last step for T = 1000; other T scale both by
   * 1000/T so the last step is still nearly pure noise (cosine ignores them).
   */
  betaStart: z.number().positive().max(0.5).default(0.0001),
  betaEnd: z.number().positive().max(0.999).default(0.02),
  /** DDIM: denoising steps when sampling fast (≤ timesteps). */
  samplingSteps: z.number().int().min(1).max(4000).default(20),
  /** How many intermediate steps the step-by-step view keeps (the last one is always kept). */
  keepSteps: z.number().int().min(1).max(100).default(10),
  sampleEvery: sampleEvery(0),
  samples: sampleCount(16),
})
const autoencoderOptions = z.object({
  /** Denoising: standard deviation of the gaussian noise added to the input (the target stays clean); 0 = plain autoencoder. */
  inputNoise: z.number().min(0).max(10).default(0),
  sampleEvery: sampleEvery(0),
  samples: sampleCount(8),
  /** Points of the latent map (encoder group only). */
  latentPoints: z.number().int().min(2).max(5000).default(500),
})
const languageModelOptions = z.object({
  /** Sampling temperature: below 1 safer, above 1 more surprising. */
  temperature: z.number().positive().max(10).default(0.8),
  /** Characters generated per sample at most (a name also ends at <end>). */
  sampleLength: z.number().int().min(1).max(2000).default(20),
  sampleEvery: sampleEvery(0),
  samples: sampleCount(8),
})

export const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
] as const
export type LossId = (typeof LOSSES)[number]

export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const
export type OptimizerId = (typeof OPTIMIZERS)[number]

export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine'] as const

export const NORMALIZATIONS = ['none', 'minmax', 'standard'] as const
export type Normalization = (typeof NORMALIZATIONS)[number]

export const MONITORS = ['val_loss', 'val_accuracy', 'loss'] as const
export type Monitor = (typeof MONITORS)[number]

const ratio = z.number().min(0).max(1)
const positive = z.number().positive().refine(Number.isFinite, 'expected a finite number')

export const trainingConfigSchema = z.object({
  dataset: z
    .object({
      id: z.enum(DATASET_CHOICES).default('mnist'),
      /** Dataset-specific options (noise, sample count, CSV target column, …), validated by the dataset. */
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .default({ id: 'mnist', options: {} }),
  split: z
    .object({
      train: ratio.default(0.8),
      validation: ratio.default(0.1),
      test: ratio.default(0.1),
      seed: z.number().int().default(42),
    })
    .default({ train: 0.8, validation: 0.1, test: 0.1, seed: 42 })
    .refine((s) => Math.abs(s.train + s.validation + s.test - 1) < 1e-6, 'train + validation + test must add up to 1')
    .refine((s) => s.train > 0, 'the training share must be above 0'),
  normalization: z.enum(NORMALIZATIONS).default('none'),
  task: z.enum(TASKS).default('classification'),
  loss: z.enum(LOSSES).default('categoricalCrossentropy'),
  optimizer: z
    .object({
      type: z.enum(OPTIMIZERS).default('adam'),
      learningRate: positive.default(0.001),
      /** SGD and RMSprop. */
      momentum: z.number().min(0).max(0.999).default(0),
      /** SGD only. */
      nesterov: z.boolean().default(false),
      /** Adam and Adamax. */
      beta1: z.number().min(0).max(0.9999).default(0.9),
      beta2: z.number().min(0).max(0.99999).default(0.999),
    })
    .default({ type: 'adam', learningRate: 0.001, momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999 }),
  schedule: z
    .object({
      type: z.enum(SCHEDULES).default('constant'),
      /** Linear warm-up from 0 over this many epochs, before the schedule proper. */
      warmupEpochs: z.number().int().min(0).default(0),
      /** step: multiply by `factor` every `stepEpochs`; exponential: multiply by `factor` each epoch. */
      factor: z.number().positive().max(1).default(0.5),
      stepEpochs: z.number().int().min(1).default(10),
      /** cosine: the rate it decays to at the last epoch. */
      minLearningRate: z.number().min(0).default(0),
    })
    .default({ type: 'constant', warmupEpochs: 0, factor: 0.5, stepEpochs: 10, minLearningRate: 0 }),
  batchSize: z.number().int().min(1).max(65_536).default(64),
  epochs: z.number().int().min(1).max(100_000).default(5),
  earlyStopping: z
    .object({
      enabled: z.boolean().default(false),
      patience: z.number().int().min(1).default(3),
      monitor: z.enum(MONITORS).default('val_loss'),
    })
    .default({ enabled: false, patience: 3, monitor: 'val_loss' }),
  seed: z.number().int().default(42),
  /** Options of the generative tasks; each only read when `task` is that one. */
  gan: ganOptions.default(() => ganOptions.parse({})),
  diffusion: diffusionOptions.default(() => diffusionOptions.parse({})),
  autoencoder: autoencoderOptions.default(() => autoencoderOptions.parse({})),
  languageModel: languageModelOptions.default(() => languageModelOptions.parse({})),
})

export type TrainingConfig = z.infer<typeof trainingConfigSchema>

export function defaultTrainingConfig(): TrainingConfig {
  return trainingConfigSchema.parse({})
}
