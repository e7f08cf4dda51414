import { supervisedTask } from './supervised'
import type { TaskOptions, TaskResult } from './task'

/** Regression: one Input → the target values (linear output), trained on the dataset's targets. Reports MAE. */
export function regressionTask(options: TaskOptions): TaskResult {
  return supervisedTask('regression', options)
}
