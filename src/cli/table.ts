import { safeValue } from '../core/i18n/safe-text'

/** Plain-text table and number formatting for terminal output. */

/** Code points a terminal draws two columns wide (CJK, Hangul, full-width forms, most emoji). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

/** How many terminal columns the text takes. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1
  return width
}

/** Pads to a display width (CJK-aware). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)))
  return align === 'right' ? fill + text : text + fill
}

export interface Column {
  header: string
  align?: 'left' | 'right'
}

/**
 * A Keras-summary-like table: header, a rule, the rows, a closing rule. Returns the lines
 * (no trailing spaces) so callers can add totals under it.
 */
export function renderTable(columns: Column[], rawRows: string[][], gap = 3): string[] {
  // Cells hold the user's ids and names: one line each, capped, no control characters.
  const rows = rawRows.map((row) => row.map((cell) => safeValue(cell)))
  const widths = columns.map((col, i) =>
    Math.max(displayWidth(col.header), ...rows.map((row) => displayWidth(row[i] ?? ''))),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i], columns[i].align ?? 'left'))
      .join(' '.repeat(gap))
      .trimEnd()
  const rule = '─'.repeat(widths.reduce((sum, w) => sum + w, 0) + gap * (columns.length - 1))
  return [line(columns.map((col) => col.header)), rule, ...rows.map(line), rule]
}

/** `62378344` → `62,378,344`. */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : ''
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Bytes in Keras' style: `397.54 KB`, `237.95 MB` (powers of 1024, two decimals). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(2)} ${units[unit]}`
}
