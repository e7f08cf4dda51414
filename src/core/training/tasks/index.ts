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

/** What the trainer and the hosts need to know about a task besides building it. */
interface TaskDefinition {
  create: (options: TaskOptions) => TaskResult
  /**
   * True: the task learns the dataset's labels (which decide how the dataset stores them), and
   * it is measured on the test split only. False: it learns the samples themselves (generative),
   * is chosen by the document's `training.task`, and reports final metrics on the training
   * samples when there is no test split.
   */
  learnsLabels: boolean
}

const TASKS: Record<Task, TaskDefinition> = {
  classification: { create: classificationTask, learnsLabels: true },
  regression: { create: regressionTask, learnsLabels: true },
  autoencoder: { create: autoencoderTask, learnsLabels: false },
  gan: { create: ganTask, learnsLabels: false },
  diffusion: { create: diffusionTask, learnsLabels: false },
  languageModel: { create: languageModelTask, learnsLabels: false },
}

export function learnsLabels(task: Task): boolean {
  return TASKS[task].learnsLabels
}

/**
 * Which task a run trains: the one asked for; else the document's `training.task` when it is a
 * generative one; else the dataset's own task (classification or regression), which decides
 * how its labels are stored — so documents from before tasks existed train as they did.
 */
export function trainerTask(
  requested: Task | undefined,
  config: Pick<TrainingConfig, 'task'>,
  dataset: Pick<Dataset, 'task'>,
): Task {
  if (requested) return requested
  return learnsLabels(config.task) ? dataset.task : config.task
}

/**
 * Builds the task: checks the model against the data and the task's conventions (docs/tasks.md),
 * finds its parts (a GAN's generator and discriminator, …), makes its optimizers. Never throws:
 * a model that does not fit comes back as a `shapeMismatch` error event with advice.
 */
export function createTask(id: Task, options: TaskOptions): TaskResult {
  try {
    return TASKS[id].create(options)
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
