import type { Dataset } from '../data/dataset'
import { splitFor } from '../data/split'
import type { ProjectDocument } from '../document/types'
import type { TryItSpec } from './spec'

/** How many test windows the spec carries to pick from (raw values, before normalisation). */
export const TRYIT_WINDOWS = 4

/**
 * Try it on sequence regression (a forecaster such as rnn-sine): an input window of numbers —
 * one of the test windows, or typed — and the predicted value(s) drawn `horizon` steps after
 * the window's last value. The horizon is the dataset's option when it has one (sine), else 1.
 */
export function seriesSpec(withStats: TryItSpec, doc: ProjectDocument, dataset: Dataset): TryItSpec {
  if (dataset.inputShape.length !== 2 || dataset.inputShape[1] !== 1 || dataset.inputDtype !== 'float32') {
    return withStats
  }
  const length = dataset.inputShape[0]
  const test = splitFor(dataset, doc.training.split).test
  const examples = Array.from(test.slice(0, TRYIT_WINDOWS), (i) =>
    Array.from(dataset.features.subarray(i * length, (i + 1) * length)),
  )
  const option = doc.training.dataset.options.horizon
  const horizon = typeof option === 'number' && option >= 1 ? Math.round(option) : 1
  return { ...withStats, input: { kind: 'series', length, horizon }, result: 'values', examples }
}

/**
 * A window typed as text ("0.1, 0.25 -0.3 …") → its numbers, or why not: the count must be the
 * window's length and every entry a finite number.
 */
export function parseWindow(
  text: string,
  length: number,
): { ok: true; values: Float32Array } | { ok: false; error: 'count' | 'number'; count: number } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '')
  const values = parts.map(Number)
  if (values.some((v) => !Number.isFinite(v))) return { ok: false, error: 'number', count: parts.length }
  if (values.length !== length) return { ok: false, error: 'count', count: values.length }
  return { ok: true, values: Float32Array.from(values) }
}

/** A window as the text field shows it (4 significant digits keep it short and exact enough to edit). */
export function windowText(values: ArrayLike<number>): string {
  return Array.from(values, (v) => String(Number(v.toPrecision(4)))).join(', ')
}
