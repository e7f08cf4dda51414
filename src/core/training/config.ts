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
  'sine',
  'names',
  'shapes',
  'csv',
  'imageFolder',
  'text',
] as const
export type DatasetId = (typeof DATASET_IDS)[number]

export const TASKS = ['classification', 'regression'] as const
export type Task = (typeof TASKS)[number]

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
export type ScheduleId = (typeof SCHEDULES)[number]

export const NORMALIZATIONS = ['none', 'minmax', 'standard'] as const
export type Normalization = (typeof NORMALIZATIONS)[number]

export const MONITORS = ['val_loss', 'val_accuracy', 'loss'] as const
export type Monitor = (typeof MONITORS)[number]

const ratio = z.number().min(0).max(1)
const positive = z.number().positive().refine(Number.isFinite, 'expected a finite number')

export const trainingConfigSchema = z
  .object({
    dataset: z
      .object({
        id: z.enum(DATASET_IDS).default('mnist'),
        /** Dataset-specific options (noise, sample count, CSV target column, …), validated by the dataset. */
        options: z.record(z.string(), z.unknown()).default({}),
      })
      .default({ id: 'mnist', options: {} }),
    split: z
      .object({ train: ratio.default(0.8), validation: ratio.default(0.1), test: ratio.default(0.1), seed: z.number().int().default(42) })
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
      .object({ enabled: z.boolean().default(false), patience: z.number().int().min(1).default(3), monitor: z.enum(MONITORS).default('val_loss') })
      .default({ enabled: false, patience: 3, monitor: 'val_loss' }),
    seed: z.number().int().default(42),
  })

export type TrainingConfig = z.infer<typeof trainingConfigSchema>

export function defaultTrainingConfig(): TrainingConfig {
  return trainingConfigSchema.parse({})
}
