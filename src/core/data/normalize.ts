import type { Normalization } from '../training/config'
import type { Dataset, DatasetSplit } from './dataset'
import { featureStats, lastAxisSize } from './stats'

/**
 * Feature scaling learned from the TRAINING split only (so nothing about validation or test
 * data leaks into training), then applied to every sample: x' = (x − shift) / scale, per
 * feature along the last axis (table columns, image channels, sequence features).
 * Plain numbers, so they can be saved with an exported model and applied to new inputs.
 */
export interface NormalizationStats {
  method: Exclude<Normalization, 'none'>
  shift: number[]
  scale: number[]
}

/** Statistics of the given samples (normally the train split). */
export function computeNormalization(
  dataset: Pick<Dataset, 'features' | 'inputShape' | 'size'>,
  method: Exclude<Normalization, 'none'>,
  indices: ArrayLike<number>,
): NormalizationStats {
  const stats = featureStats(dataset, indices)
  // A constant feature (scale 0) is only shifted, never divided by zero.
  const safe = (value: number) => (value > 1e-12 ? value : 1)
  return method === 'minmax'
    ? { method, shift: stats.map((s) => s.min), scale: stats.map((s) => safe(s.max - s.min)) }
    : { method, shift: stats.map((s) => s.mean), scale: stats.map((s) => safe(s.std)) }
}

/** A normalised copy of flat features (any number of samples) with the given sample shape. */
export function applyNormalization(
  features: ArrayLike<number>,
  inputShape: readonly number[],
  stats: NormalizationStats,
): Float32Array {
  const channels = lastAxisSize(inputShape)
  if (stats.shift.length !== channels) {
    throw new Error(`normalisation has ${stats.shift.length} feature(s) but the samples have ${channels}`)
  }
  const out = new Float32Array(features.length)
  for (let i = 0; i < features.length; i++) {
    const c = i % channels
    out[i] = (features[i] - stats.shift[c]) / stats.scale[c]
  }
  return out
}

/**
 * The dataset with normalised features and the statistics used. 'none', and token-id inputs
 * (ids are not measurements), give the dataset back unchanged with `stats: null`.
 */
export function normalizeDataset(
  dataset: Dataset,
  split: DatasetSplit,
  method: Normalization,
): { dataset: Dataset; stats: NormalizationStats | null } {
  if (method === 'none' || dataset.inputDtype === 'int32') return { dataset, stats: null }
  const stats = computeNormalization(dataset, method, split.train)
  return { dataset: { ...dataset, features: applyNormalization(dataset.features, dataset.inputShape, stats) }, stats }
}
