import type * as tfjs from '@tensorflow/tfjs'
import { featureSize, targetSize, type Dataset } from '../data/dataset'
import type { Tf } from '../layers/kind'

/** A batch as tensors; the caller disposes both (or makes them inside a tf.tidy). */
export interface BatchTensors {
  x: tfjs.Tensor
  /** Classification: int32 class indices [n]; regression: float32 [n, ...targetShape]. */
  y: tfjs.Tensor
  size: number
}

/**
 * Copies samples `order[start…end)` out of the dataset's flat arrays into fresh typed arrays
 * and wraps them as tensors. Fresh arrays each time: some backends keep the array they are
 * given instead of copying it. `inputShape` is the model's (without batch); it may differ from
 * the dataset's as long as the sizes match (e.g. 784 vs 28×28×1).
 */
export function makeBatch(
  tf: Tf,
  dataset: Dataset,
  order: Int32Array,
  start: number,
  end: number,
  inputShape: number[] = dataset.inputShape,
): BatchTensors {
  const size = end - start
  const fSize = featureSize(dataset)
  const xs = dataset.inputDtype === 'int32' ? new Int32Array(size * fSize) : new Float32Array(size * fSize)
  const features = dataset.features
  for (let i = 0; i < size; i++) {
    const sample = order[start + i]
    xs.set(features.subarray(sample * fSize, (sample + 1) * fSize), i * fSize)
  }
  const x = tf.tensor(xs, [size, ...inputShape], dataset.inputDtype)
  let y: tfjs.Tensor
  if (dataset.task === 'classification') {
    const labels = new Int32Array(size)
    for (let i = 0; i < size; i++) labels[i] = dataset.labels[order[start + i]]
    y = tf.tensor1d(labels, 'int32')
  } else {
    const tSize = targetSize(dataset)
    const targets = new Float32Array(size * tSize)
    for (let i = 0; i < size; i++) {
      const sample = order[start + i]
      targets.set(dataset.labels.subarray(sample * tSize, (sample + 1) * tSize), i * tSize)
    }
    y = tf.tensor(targets, [size, ...dataset.targetShape], 'float32')
  }
  return { x, y, size }
}

/** Number of batches for `n` samples (the last one may be smaller). */
export function batchCount(n: number, batchSize: number): number {
  return Math.ceil(n / Math.max(1, batchSize))
}
