/**
 * One number for the vanishing gradient through time: the mean ‖∂loss/∂xₜ‖ of the first `k`
 * input steps over that of the last `k` (k = a sixth of the sequence, at least 1, at most 5).
 * 1 means early and late steps move the loss alike; below 0.01 the early steps' gradient has
 * vanished. The same measure as scripts/vanishing-gradients.ts and docs/vanishing-gradients.md,
 * so the view's number and the documented ones compare. Null when it cannot be formed.
 */
export function earlyToLateRatio(byTime: readonly number[]): { ratio: number; steps: number } | null {
  const n = byTime.length
  if (n < 2) return null
  const steps = Math.max(1, Math.min(5, Math.floor(n / 6)))
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length
  const late = mean(byTime.slice(n - steps))
  if (!(late > 0) || !Number.isFinite(late)) return null
  const ratio = mean(byTime.slice(0, steps)) / late
  return Number.isFinite(ratio) ? { ratio, steps } : null
}
