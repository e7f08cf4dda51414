/**
 * Colour scales for activations. Values that take both signs get a diverging scale centred on
 * 0 (blue below, white at 0, red above) so "negative" and "positive" read at a glance; values
 * of one sign (after ReLU, softmax, attention weights) get a sequential scale, dark to bright.
 * Pure functions: unit-tested without a DOM.
 */
export interface ColourScale {
  kind: 'diverging' | 'sequential'
  /** The values at the two ends of the legend. */
  low: number
  high: number
}

type Rgb = [number, number, number]

// Perceptually ordered stops (viridis-like), dark to bright.
const SEQUENTIAL: Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
]
const DIVERGING: Rgb[] = [
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
]

export function scaleFor(min: number, max: number): ColourScale {
  if (min < 0 && max > 0) {
    const extent = Math.max(-min, max)
    return { kind: 'diverging', low: -extent, high: extent }
  }
  return { kind: 'sequential', low: min, high: max }
}

/** Where `value` sits on the scale, 0–1 (a flat range maps to the middle). */
export function position(scale: ColourScale, value: number): number {
  const span = scale.high - scale.low
  if (!(span > 0)) return 0.5
  return Math.min(1, Math.max(0, (value - scale.low) / span))
}

export function colourAt(scale: ColourScale, value: number): Rgb {
  const stops = scale.kind === 'diverging' ? DIVERGING : SEQUENTIAL
  const t = position(scale, value) * (stops.length - 1)
  const i = Math.min(stops.length - 2, Math.floor(t))
  const f = t - i
  const [a, b] = [stops[i], stops[i + 1]]
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ]
}

/** The CSS gradient of the legend bar. */
export function legendGradient(scale: ColourScale): string {
  const stops = scale.kind === 'diverging' ? DIVERGING : SEQUENTIAL
  return `linear-gradient(to right, ${stops.map((c, i) => `rgb(${c.join(',')}) ${(i / (stops.length - 1)) * 100}%`).join(', ')})`
}

/** RGBA pixels of a rows × cols block of `values` starting at `offset` (row-major). */
export function heatPixels(
  values: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  scale: ColourScale,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(rows * cols * 4)
  for (let i = 0; i < rows * cols; i++) {
    const [r, g, b] = colourAt(scale, values[offset + i])
    pixels[i * 4] = r
    pixels[i * 4 + 1] = g
    pixels[i * 4 + 2] = b
    pixels[i * 4 + 3] = 255
  }
  return pixels
}

/** A compact number for legends: 3 significant digits, exponent for very large/small. */
export function formatValue(value: number): string {
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(2)
  return String(Number(value.toPrecision(3)))
}
