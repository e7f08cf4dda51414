import type { LocalText } from '../i18n/text'
import type { Task } from '../training/config'

/**
 * A dataset held in memory as flat typed arrays: sample i's features are
 * `features.subarray(i * featureSize, (i + 1) * featureSize)` with featureSize = product of
 * `inputShape`. Tensors are made from slices only when a batch is needed, so a dataset can
 * live in a worker without occupying GPU memory.
 */
export interface Dataset {
  id: string
  name: LocalText
  description: LocalText
  /** Attribution shown in the Data panel (e.g. MNIST: LeCun, Cortes, Burges). */
  credit?: LocalText
  task: Task
  /** Shape of one sample without the batch dimension, e.g. [28, 28, 1]. */
  inputShape: number[]
  /** 'int32' for token ids (Embedding inputs), else 'float32'. */
  inputDtype: 'float32' | 'int32'
  features: Float32Array | Int32Array
  /**
   * Classification: class index per sample (Int32Array, length = size).
   * Regression: target values (Float32Array, length = size × product(targetShape)).
   */
  labels: Int32Array | Float32Array
  /** Regression target shape per sample (e.g. [1]); classification targets are one index. */
  targetShape: number[]
  /** Classification only: the class names, index = label. */
  classNames?: string[]
  /** Text datasets: the vocabulary, index = token id. */
  vocab?: string[]
  /** How samples should be previewed: an image grid, a table, a series, or text. */
  preview: 'image' | 'table' | 'series' | 'text' | 'points'
  /** Table datasets: the feature column names. */
  featureNames?: string[]
  size: number
}

export function featureSize(dataset: Pick<Dataset, 'inputShape'>): number {
  return dataset.inputShape.reduce((a, b) => a * b, 1)
}

export function targetSize(dataset: Pick<Dataset, 'targetShape'>): number {
  return dataset.targetShape.reduce((a, b) => a * b, 1)
}

/** Index lists of the three splits; deterministic for a given seed. */
export interface DatasetSplit {
  train: Int32Array
  validation: Int32Array
  test: Int32Array
}
