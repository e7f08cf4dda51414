/**
 * Chart colours from the theme's CSS variables, so light and dark both read well. Read when a
 * chart is created and again when the theme changes (charts/LiveChart.tsx).
 */
export type SeriesColour = 'accent' | 'orange' | 'green' | 'violet' | 'muted'

export interface ChartTheme {
  text: string
  grid: string
  tooltipBg: string
  series: Record<SeriesColour, string>
}

const FALLBACK: Record<SeriesColour, string> = {
  accent: '#3b6cf6',
  orange: '#f97316',
  green: '#10b981',
  violet: '#8b5cf6',
  muted: '#8a92a1',
}

export function readChartTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  return {
    text: read('--text-muted', '#5d6676'),
    grid: read('--border', '#dfe2e8'),
    tooltipBg: read('--bg-elevated', '#ffffff'),
    series: {
      accent: read('--accent', FALLBACK.accent),
      orange: read('--cat-attention', FALLBACK.orange),
      green: read('--cat-recurrent', FALLBACK.green),
      violet: read('--cat-conv', FALLBACK.violet),
      muted: read('--text-faint', FALLBACK.muted),
    },
  }
}

/** `#rrggbb` or `rgb(…)` with an alpha, for the faint raw series behind the smoothed line. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)
  if (hex) {
    const n = parseInt(hex[1], 16)
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
  }
  const rgb = /^rgba?\(([^)]+)\)$/i.exec(colour)
  if (rgb) {
    const [r, g, b] = rgb[1].split(',').map((part) => part.trim())
    return `rgba(${r}, ${g}, ${b}, ${alpha})`
  }
  return colour
}
