import { featureSize, targetSize, type Dataset, type DatasetSplit } from '../../data/dataset'
import { normalizeDataset, type NormalizationStats } from '../../data/normalize'
import { splitFor } from '../../data/split'
import type { TrainingConfig } from '../../training/config'
import type { NpyArray } from './npz'

/** The split names as they appear in data.npz: x_train, y_train, x_val, y_val, x_test, y_test. */
export const NPZ_SPLITS = [
  ['train', 'train'],
  ['validation', 'val'],
  ['test', 'test'],
] as const

export interface TrainingArrays {
  arrays: NpyArray[]
  counts: { train: number; validation: number; test: number }
  /** The normalisation fitted on the training split (null: none, or token ids). */
  stats: NormalizationStats | null
}

/** dataset[indices] as one flat array, in the order of `indices`. */
function gather<T extends Float32Array | Int32Array>(source: T, width: number, indices: Int32Array): T {
  const out = new (source.constructor as { new (n: number): T })(indices.length * width)
  for (let i = 0; i < indices.length; i++)
    out.set(source.subarray(indices[i] * width, (indices[i] + 1) * width), i * width)
  return out
}

/**
 * The data exactly as LayerCanvas' trainer sees it: the loaded dataset split with splitFor and
 * normalised with normalizeDataset (statistics from the training split), the same calls the
 * trainer's hosts make. Each split keeps the trainer's sample order (the split's index order),
 * so a script that shuffles positions with the project's seed visits the samples in the same
 * order. Features keep the dataset's layout (images channels-last); classification labels and
 * token ids become int64, regression targets float32.
 */
export function trainingArrays(raw: Dataset, config: Pick<TrainingConfig, 'split' | 'normalization'>): TrainingArrays {
  const split: DatasetSplit = splitFor(raw, config.split)
  const { dataset, stats } = normalizeDataset(raw, split, config.normalization)
  const width = featureSize(dataset)
  const xDtype = dataset.inputDtype === 'int32' ? '<i8' : '<f4'
  const classification = dataset.labels instanceof Int32Array
  const yWidth = classification ? 1 : targetSize(dataset)
  const yShape = classification ? [] : dataset.targetShape
  const arrays: NpyArray[] = []
  for (const [key, suffix] of NPZ_SPLITS) {
    const indices = split[key]
    arrays.push({
      name: `x_${suffix}`,
      dtype: xDtype,
      shape: [indices.length, ...dataset.inputShape],
      values: gather(dataset.features, width, indices),
    })
    arrays.push({
      name: `y_${suffix}`,
      dtype: classification ? '<i8' : '<f4',
      shape: [indices.length, ...yShape],
      values: gather(dataset.labels, yWidth, indices),
    })
  }
  return {
    arrays,
    counts: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    stats,
  }
}

/** "12.3 MB" / "840 KB": the size shown before writing data.npz. */
export function byteSizeText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`
}
