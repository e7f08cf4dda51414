import type { TrainerOptions } from './trainer-api'

/**
 * What a run is allowed to spend: the trainer reads these once, from TrainerOptions. A capped
 * run (`maxBatchesPerEpoch`, the CLI's --max-batches) is a smoke run, so by default it also caps
 * what happens around the training batches — the epoch-end validation, the final test
 * evaluation and the previews — which otherwise cost far more than two batches of a conv net.
 */
export interface RunLimits {
  /** Training batches per epoch. */
  batchesPerEpoch: number
  /** Most samples validated at each epoch end and evaluated at the end (Infinity: all). */
  evaluationSamples: number
  /** Previews only once, at the end of training, in each task's cheap form. */
  quickPreviews: boolean
}

export function runLimits(
  options: Pick<TrainerOptions, 'maxBatchesPerEpoch' | 'maxEvaluationSamples' | 'quickPreviews'>,
  fullBatchesPerEpoch: number,
  batchSize: number,
): RunLimits {
  const cap = options.maxBatchesPerEpoch
  const capped = cap !== undefined
  return {
    batchesPerEpoch: Math.min(fullBatchesPerEpoch, cap ?? Number.POSITIVE_INFINITY),
    // As many samples as one capped epoch trains on: the evaluation stays in proportion to the training.
    evaluationSamples:
      options.maxEvaluationSamples ?? (capped ? Math.max(1, cap * batchSize) : Number.POSITIVE_INFINITY),
    quickPreviews: options.quickPreviews ?? capped,
  }
}

/**
 * The first `limit` indices of a split. Splits are shuffled once when they are made, so this is
 * a fixed random subset: the same samples every epoch, so capped validation losses compare.
 */
export function firstOf(indices: Int32Array, limit: number): Int32Array {
  return indices.length > limit ? indices.subarray(0, Math.max(0, Math.floor(limit))) : indices
}
