import { featureSize, targetSize } from '../../../core/data/dataset'
import type { SampleInput } from '../../../core/inspect/activations'
import type { SampleLabel } from '../../../core/inspect/explain-unit'
import type { ActivationsContext } from './activations'

export type TestSample =
  | { ok: true; input: SampleInput; label: SampleLabel | null; index: number; count: number; row: number }
  | { ok: false; reason: 'noModel' | 'unsupported'; message: string }

/**
 * One test-split sample as the model is fed (normalised, in the model's input shape) and its
 * label, by position in the split: the same rule the activations view reads samples by
 * (activations.ts), so both views show the same sample for the same index.
 */
export function testSample(ctx: ActivationsContext | null, wanted: number): TestSample {
  if (!ctx)
    return {
      ok: false,
      reason: 'noModel',
      message: 'There is no model yet: train it, or press Evaluate to load its saved weights.',
    }
  const { model, dataset, split } = ctx
  if (model.inputs.length !== 1)
    return { ok: false, reason: 'unsupported', message: 'This view shows models with one input.' }
  const declared = model.inputs[0].shape.slice(1)
  const size = featureSize(dataset)
  const shape = declared.map((d, i) => d ?? dataset.inputShape[i])
  const fits = declared.some((d) => d === null)
    ? declared.length === dataset.inputShape.length
    : shape.reduce((a, b) => a * b, 1) === size
  if (!fits)
    return {
      ok: false,
      reason: 'unsupported',
      message: `The model's input [${declared.join(', ')}] does not take the data's samples [${dataset.inputShape.join(', ')}].`,
    }
  if (split.test.length === 0)
    return { ok: false, reason: 'unsupported', message: 'The test split is empty: set a test fraction in Data.' }
  const index = Math.min(Math.max(0, Math.floor(wanted)), split.test.length - 1)
  const row = split.test[index]
  const values = dataset.features.slice(row * size, (row + 1) * size)
  let label: SampleLabel | null = null
  if (dataset.task === 'classification') label = { task: 'classification', index: dataset.labels[row] }
  else if (dataset.task === 'regression') {
    const t = targetSize(dataset)
    label = { task: 'regression', target: Float32Array.from(dataset.labels.subarray(row * t, (row + 1) * t)) }
  }
  return { ok: true, input: { values, shape, dtype: dataset.inputDtype }, label, index, count: split.test.length, row }
}
