/**
 * Smoothing of the per-batch loss and accuracy lines: an exponential moving average with
 * TensorBoard's bias correction. A plain EMA starts from the first value (or 0) and trails the
 * real values for dozens of points (it showed 0.7 while the loss was already 0.32); dividing by
 * 1 − wⁿ removes the weight still on that start, so the line follows the values from point one.
 */

/** The slider's range and default (TensorBoard's default is 0.6 too). */
export const SMOOTHING_MIN = 0
export const SMOOTHING_MAX = 0.99
export const DEFAULT_SMOOTHING = 0.6

/** The running state of one smoothed line. */
export interface EmaState {
  /** The biased average: Σ (1 − w)·w^(n−i)·valueᵢ, starting from 0. */
  biased: number
  /** Values seen so far. */
  count: number
}

export const emptyEma = (): EmaState => ({ biased: 0, count: 0 })

export function clampSmoothing(weight: number): number {
  if (!Number.isFinite(weight)) return DEFAULT_SMOOTHING
  return Math.min(SMOOTHING_MAX, Math.max(SMOOTHING_MIN, weight))
}

/** Adds one value; returns the smoothed value at that point. `weight` is what the past keeps (0 = no smoothing). */
export function emaStep(state: EmaState, value: number, weight: number): number {
  state.biased = state.biased * weight + (1 - weight) * value
  state.count += 1
  const debias = 1 - Math.pow(weight, state.count)
  // weight 0: debias is 1; it is never 0 for weight < 1 and count ≥ 1.
  return state.biased / debias
}
