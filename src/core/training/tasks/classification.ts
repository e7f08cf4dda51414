import { supervisedTask } from './supervised'
import type { TaskOptions, TaskResult } from './task'

/**
 * Classification: one Input → class probabilities (softmax over the classes, or one sigmoid
 * unit for two classes), trained on the dataset's class labels. Reports accuracy.
 */
export function classificationTask(options: TaskOptions): TaskResult {
  return supervisedTask('classification', options)
}
