import type { Histogram } from '../../../core/inspect/gradient-stats'
import { colourAt } from './colour-scale'

/**
 * Drawing for the weights-and-gradients panel: line plots on a log scale, the weights'
 * histograms over time as a heat map (TensorBoard's "distributions" seen from above), and the
 * input gradient per time step as bars.
 */

const LINE = '#3b6fd8'
const GUIDE = 'rgba(120, 120, 120, 0.55)'

/** log10, with 0 and non-finite values pinned to the floor so the line stays drawable. */
const log10 = (v: number, floor: number) => (v > 0 && Number.isFinite(v) ? Math.max(Math.log10(v), floor) : floor)

/** A log-scale line over the steps, within [low, high] (log10 units); guides at given values. */
export function drawLogLine(
  ctx: CanvasRenderingContext2D,
  values: number[],
  range: { low: number; high: number },
  guides: number[] = [],
): void {
  const { width, height } = ctx.canvas
  ctx.clearRect(0, 0, width, height)
  const span = Math.max(1e-9, range.high - range.low)
  const y = (v: number) => height - 2 - ((log10(v, range.low) - range.low) / span) * (height - 4)
  ctx.strokeStyle = GUIDE
  ctx.setLineDash([3, 3])
  ctx.lineWidth = 1
  for (const g of guides) {
    ctx.beginPath()
    ctx.moveTo(0, y(g))
    ctx.lineTo(width, y(g))
    ctx.stroke()
  }
  ctx.setLineDash([])
  if (values.length === 0) return
  ctx.strokeStyle = LINE
  ctx.lineWidth = 1.5
  ctx.beginPath()
  values.forEach((v, i) => {
    const x = values.length === 1 ? width / 2 : (i / (values.length - 1)) * (width - 2) + 1
    if (i === 0) ctx.moveTo(x, y(v))
    else ctx.lineTo(x, y(v))
  })
  ctx.stroke()
}

/** The log10 range (whole decades) that holds every finite positive value. */
export function logRange(values: number[]): { low: number; high: number } {
  const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10)
  if (logs.length === 0) return { low: -6, high: 0 }
  const low = Math.floor(Math.min(...logs))
  const high = Math.ceil(Math.max(...logs))
  return high > low ? { low, high } : { low: low - 1, high: high + 1 }
}

/**
 * One column per step, the value axis upwards over the range every step shares; a bin's
 * colour says what share of that step's weights it holds (relative to the fullest bin).
 */
export function drawHistograms(ctx: CanvasRenderingContext2D, histograms: Histogram[]): void {
  const { width, height } = ctx.canvas
  ctx.clearRect(0, 0, width, height)
  if (histograms.length === 0) return
  const low = Math.min(...histograms.map((h) => h.min))
  const high = Math.max(...histograms.map((h) => h.max))
  const rows = height
  const cols = histograms.length
  const column = new Float32Array(rows)
  const pixels = new Uint8ClampedArray(rows * cols * 4)
  const scale = { kind: 'sequential' as const, low: 0, high: 1 }
  histograms.forEach((h, x) => {
    column.fill(0)
    const bins = h.counts.length
    const binWidth = (h.max - h.min) / bins
    h.counts.forEach((count, b) => {
      const centre = binWidth === 0 ? h.min : h.min + (b + 0.5) * binWidth
      const row =
        high > low ? Math.min(rows - 1, Math.floor(((high - centre) / (high - low)) * rows)) : Math.floor(rows / 2)
      column[row] += count
    })
    const top = Math.max(1, ...column)
    for (let r = 0; r < rows; r++) {
      const [red, green, blue] = colourAt(scale, column[r] / top)
      const at = (r * cols + x) * 4
      pixels[at] = red
      pixels[at + 1] = green
      pixels[at + 2] = blue
      pixels[at + 3] = 255
    }
  })
  const scratch = new OffscreenCanvas(cols, rows)
  scratch.getContext('2d')!.putImageData(new ImageData(pixels, cols, rows), 0, 0)
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(scratch, 0, 0, width, height)
}

/** Bars of ‖∂loss/∂xₜ‖ per time step, on a log scale so a vanishing start is visible beside a strong end. */
export function drawTimeBars(ctx: CanvasRenderingContext2D, values: number[]): void {
  const { width, height } = ctx.canvas
  ctx.clearRect(0, 0, width, height)
  if (values.length === 0) return
  const range = logRange(values)
  const span = range.high - range.low
  const barWidth = width / values.length
  ctx.fillStyle = LINE
  values.forEach((v, t) => {
    const h = ((log10(v, range.low) - range.low) / span) * (height - 2)
    ctx.fillRect(t * barWidth + 1, height - h, Math.max(1, barWidth - 2), h)
  })
}
