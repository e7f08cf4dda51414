import type { Dataset } from '../../data/dataset'
import type { Task, TrainingConfig } from '../config'
import { autoencoderTask } from './autoencoder'
import { classificationTask } from './classification'
import { diffusionTask } from './diffusion'
import { ganTask } from './gan'
import { languageModelTask } from './language-model'
import { regressionTask } from './regression'
import type { TaskOptions, TaskResult } from './task'

export type { PreviewOptions, StepResult, TaskGraph, TaskOptions, TaskResult, TrainingTask } from './task'

const FACTORIES: Record<Task, (options: TaskOptions) => TaskResult> = {
  classification: classificationTask,
  regression: regressionTask,
  autoencoder: autoencoderTask,
  gan: ganTask,
  diffusion: diffusionTask,
  languageModel: languageModelTask,
}

/** Tasks that learn the samples themselves rather than the dataset's labels. */
export const GENERATIVE_TASKS: readonly Task[] = ['autoencoder', 'gan', 'diffusion', 'languageModel']

/**
 * Which task a run trains: the one asked for; else the document's `training.task` when it is a
 * generative one; else the dataset's own task (classification or regression), which decides
 * how its labels are stored — so documents from before tasks existed train as they did.
 */
export function trainerTask(requested: Task | undefined, config: Pick<TrainingConfig, 'task'>, dataset: Pick<Dataset, 'task'>): Task {
  if (requested) return requested
  return GENERATIVE_TASKS.includes(config.task) ? config.task : dataset.task
}

/**
 * Builds the task: checks the model against the data and the task's conventions (docs/tasks.md),
 * finds its parts (a GAN's generator and discriminator, …), makes its optimizers. Never throws:
 * a model that does not fit comes back as a `shapeMismatch` error event with advice.
 */
export function createTask(id: Task, options: TaskOptions): TaskResult {
  try {
    return FACTORIES[id](options)
  } catch (error) {
    return {
      ok: false,
      error: {
        event: 'error',
        code: 'internal',
        message: `The ${id} task could not be set up: ${String((error as Error)?.message ?? error)}`,
        suggestion: 'Check the model against docs/tasks.md, then train again.',
      },
    }
  }
}
