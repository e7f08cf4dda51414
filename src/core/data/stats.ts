import type { Dataset } from './dataset'

/** Summary numbers of one feature (or one channel, for images and sequences). */
export interface FeatureStats {
  name: string
  min: number
  max: number
  mean: number
  std: number
}

export interface DatasetStats {
  size: number
  /** Classification: samples per class, index = label. */
  classCounts?: number[]
  /** Regression: the target values. */
  target?: Omit<FeatureStats, 'name'>
  /**
   * Per feature along the LAST axis: table columns, image channels, sequence features
   * (the grouping normalisation uses too, like Keras' Normalization(axis=-1)).
   * Empty for token-id inputs, whose numbers are ids, not measurements.
   */
  features: FeatureStats[]
  /** Classification: the first few sample indices of each class, for previews. */
  examples?: number[][]
  /** Regression / unlabelled: the first few sample indices. */
  firstSamples: number[]
}

/** Number of classes implied by the labels (largest label + 1). */
export function classCountOf(labels: ArrayLike<number>): number {
  let max = -1
  for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i]
  return max + 1
}

/** How many values the last axis has (1 for a scalar sample). */
export function lastAxisSize(shape: readonly number[]): number {
  return shape.length === 0 ? 1 : shape[shape.length - 1]
}

/** Min / max / mean / std per last-axis feature over the given samples (all when `indices` is omitted). */
export function featureStats(
  dataset: Pick<Dataset, 'features' | 'inputShape' | 'size'>,
  indices?: ArrayLike<number>,
): Omit<FeatureStats, 'name'>[] {
  const channels = lastAxisSize(dataset.inputShape)
  const perSample = dataset.inputShape.reduce((a, b) => a * b, 1)
  const min = new Float64Array(channels).fill(Infinity)
  const max = new Float64Array(channels).fill(-Infinity)
  const sum = new Float64Array(channels)
  const sumSq = new Float64Array(channels)
  const n = indices ? indices.length : dataset.size
  const { features } = dataset
  for (let k = 0; k < n; k++) {
    const base = (indices ? indices[k] : k) * perSample
    for (let j = 0; j < perSample; j++) {
      const c = j % channels
      const v = features[base + j]
      if (v < min[c]) min[c] = v
      if (v > max[c]) max[c] = v
      sum[c] += v
      sumSq[c] += v * v
    }
  }
  const count = (n * perSample) / channels
  return Array.from({ length: channels }, (_, c) => {
    const mean = count > 0 ? sum[c] / count : 0
    const variance = count > 0 ? Math.max(0, sumSq[c] / count - mean * mean) : 0
    return { min: count > 0 ? min[c] : 0, max: count > 0 ? max[c] : 0, mean, std: Math.sqrt(variance) }
  })
}

function channelNames(dataset: Dataset, channels: number): string[] {
  if (dataset.featureNames && dataset.featureNames.length === channels) return dataset.featureNames
  if (dataset.inputShape.length === 3 && channels === 3) return ['red', 'green', 'blue']
  if (dataset.inputShape.length === 3 && channels === 1) return ['grey']
  return Array.from({ length: channels }, (_, i) => `feature ${i + 1}`)
}

export function datasetStats(dataset: Dataset, examplesPerClass = 8): DatasetStats {
  const features =
    dataset.inputDtype === 'int32'
      ? []
      : featureStats(dataset).map((s, i, all) => ({ name: channelNames(dataset, all.length)[i], ...s }))
  const firstSamples = Array.from({ length: Math.min(examplesPerClass, dataset.size) }, (_, i) => i)
  if (dataset.task === 'classification') {
    const classes = dataset.classNames?.length ?? classCountOf(dataset.labels)
    const classCounts = new Array<number>(classes).fill(0)
    const examples = Array.from({ length: classes }, () => [] as number[])
    for (let i = 0; i < dataset.size; i++) {
      const label = dataset.labels[i]
      classCounts[label]++
      if (examples[label].length < examplesPerClass) examples[label].push(i)
    }
    return { size: dataset.size, classCounts, features, examples, firstSamples }
  }
  // Every target value pooled (a regression target is one number for every dataset we ship).
  const [target] = featureStats({ features: dataset.labels, inputShape: [1], size: dataset.labels.length })
  return { size: dataset.size, target, features, firstSamples }
}
