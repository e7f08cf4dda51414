import type { Lang } from '../../../core/i18n/text'

const counts = new Map<Lang, Intl.NumberFormat>()

/** 101770 → `101,770` (both languages use the comma grouping). */
export function formatCount(value: number, lang: Lang): string {
  let format = counts.get(lang)
  if (!format) {
    format = new Intl.NumberFormat(lang)
    counts.set(lang, format)
  }
  return format.format(value)
}

const compacts = new Map<Lang, Intl.NumberFormat>()

/** 416520 → `417K` / `42万`: for figures shown where space is short (the full one goes in a tooltip). */
export function formatCompact(value: number, lang: Lang): string {
  let format = compacts.get(lang)
  if (!format) {
    format = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 })
    compacts.set(lang, format)
  }
  return format.format(value)
}

/** Weight memory at 4 bytes per float32 parameter, in B / KB / MB / GB. */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`
}
