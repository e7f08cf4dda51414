import type { TFunction } from 'i18next'

/** Small number and time formats shared by the training panels. */

export function formatDuration(seconds: number, t: TFunction): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–'
  if (seconds < 60)
    return t('training.time.seconds', { value: seconds < 10 ? seconds.toFixed(1) : Math.round(seconds) })
  if (seconds < 3600) return t('training.time.minutes', { m: Math.floor(seconds / 60), s: Math.round(seconds % 60) })
  return t('training.time.hours', { h: Math.floor(seconds / 3600), m: Math.round((seconds % 3600) / 60) })
}

/** Loss-like values: 4 significant digits, exponent for very small or large ones. */
export function formatMetric(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–'
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2)
  return Number(value.toPrecision(4)).toString()
}

/** 0.9123 → "91.2%". */
export function formatPercent(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  return `${(value * 100).toFixed(digits)}%`
}

export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–'
  return value >= 100 ? Math.round(value).toLocaleString() : value.toFixed(1)
}
