import type { BoundaryReading } from '../../../core/inspect/decision-boundary'
import { predictedClasses } from '../../../core/inspect/decision-boundary'
import { toPixel, type PlaneWindow } from '../../../core/inspect/plane'

/**
 * Pixels and marks of the 2-D views. The heat maps are resolution × resolution RGBA pixels in
 * the grid's order (plane.ts: top row first), scaled up smoothly when drawn.
 */
type Rgb = [number, number, number]

/** Class colours as in TensorFlow Playground (orange, blue), then distinct hues. */
export const CLASS_RGB: Rgb[] = [
  [245, 147, 34],
  [8, 119, 189],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [23, 190, 207],
]
export const classCss = (k: number) => `rgb(${CLASS_RGB[k % CLASS_RGB.length].join(',')})`

/** GAN Lab's colours: real = green, fake = purple. */
export const REAL_RGB: Rgb = [27, 158, 119]
export const FAKE_RGB: Rgb = [117, 82, 181]

const WHITE: Rgb = [255, 255, 255]
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
]

function pixelsOf(count: number, colour: (i: number) => Rgb): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(count * 4)
  for (let i = 0; i < count; i++) {
    const [r, g, b] = colour(i)
    pixels.set([r, g, b, 255], i * 4)
  }
  return pixels
}

/** The predicted class's colour, paler where the network is unsure (white at chance). */
export function boundaryPixels(output: BoundaryReading['output']): Uint8ClampedArray<ArrayBuffer> {
  const { classes, confidence } = predictedClasses(output)
  const chance = output.units === 1 ? 0.5 : 1 / output.units
  return pixelsOf(classes.length, (i) => {
    const sure = Math.max(0, Math.min(1, (confidence[i] - chance) / (1 - chance)))
    return mix(WHITE, CLASS_RGB[classes[i] % CLASS_RGB.length], 0.15 + 0.6 * sure)
  })
}

/** One neuron over the grid: orange below 0, white at 0, blue above (Playground's scale), ±extent. */
export function neuronPixels(
  values: ArrayLike<number>,
  offset: number,
  count: number,
  extent: number,
): Uint8ClampedArray<ArrayBuffer> {
  const span = extent > 0 ? extent : 1
  return pixelsOf(count, (i) => {
    const v = Math.max(-1, Math.min(1, values[offset + i] / span))
    return v < 0 ? mix(WHITE, CLASS_RGB[0], -v) : mix(WHITE, CLASS_RGB[1], v)
  })
}

/** D(x) over the grid: purple where D says fake (0), white at 0.5, green where it says real (1). */
export function discriminatorPixels(values: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  return pixelsOf(values.length, (i) => {
    const d = Math.max(0, Math.min(1, values[i]))
    return d < 0.5 ? mix(WHITE, FAKE_RGB, (0.5 - d) * 1.3) : mix(WHITE, REAL_RGB, (d - 0.5) * 1.3)
  })
}

/** Draws a heat map (resolution² pixels) scaled to the canvas. */
export function drawHeat(
  canvas: HTMLCanvasElement,
  pixels: Uint8ClampedArray<ArrayBuffer>,
  resolution: number,
): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const small = document.createElement('canvas')
  small.width = resolution
  small.height = resolution
  small.getContext('2d')?.putImageData(new ImageData(pixels, resolution, resolution), 0, 0)
  ctx.imageSmoothingEnabled = true
  ctx.clearRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height)
  return ctx
}

/** Dots at the points (x, y pairs), filled by `fill(i)`, with a thin white ring. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  area: PlaneWindow,
  points: ArrayLike<number>,
  fill: (i: number) => string,
  radius = 3,
): void {
  const size = ctx.canvas.width
  ctx.lineWidth = 1
  ctx.strokeStyle = 'rgba(255,255,255,0.9)'
  for (let i = 0; 2 * i + 1 < points.length; i++) {
    const [px, py] = toPixel(area, size, points[2 * i], points[2 * i + 1])
    ctx.beginPath()
    ctx.arc(px, py, radius, 0, 2 * Math.PI)
    ctx.fillStyle = fill(i)
    ctx.fill()
    ctx.stroke()
  }
}

/**
 * The generator's gradient arrows: from each fake point along −∂loss/∂x (where the update
 * pushes it), scaled so the longest is `longest` of the picture's width; relative lengths kept.
 */
export function drawArrows(
  ctx: CanvasRenderingContext2D,
  area: PlaneWindow,
  fakes: ArrayLike<number>,
  gradients: ArrayLike<number>,
  longest = 0.08,
): void {
  const size = ctx.canvas.width
  let max = 0
  for (let i = 0; 2 * i + 1 < gradients.length; i++)
    max = Math.max(max, Math.hypot(gradients[2 * i], gradients[2 * i + 1]))
  if (!(max > 0)) return
  const scale = (longest * (area.xMax - area.xMin)) / max
  ctx.strokeStyle = 'rgba(40,40,40,0.7)'
  ctx.lineWidth = 1
  for (let i = 0; 2 * i + 1 < fakes.length; i++) {
    const x = fakes[2 * i]
    const y = fakes[2 * i + 1]
    const [x0, y0] = toPixel(area, size, x, y)
    const [x1, y1] = toPixel(area, size, x - gradients[2 * i] * scale, y - gradients[2 * i + 1] * scale)
    if (Math.hypot(x1 - x0, y1 - y0) < 1) continue
    const angle = Math.atan2(y1 - y0, x1 - x0)
    ctx.beginPath()
    ctx.moveTo(x0, y0)
    ctx.lineTo(x1, y1)
    ctx.lineTo(x1 - 4 * Math.cos(angle - 0.5), y1 - 4 * Math.sin(angle - 0.5))
    ctx.moveTo(x1, y1)
    ctx.lineTo(x1 - 4 * Math.cos(angle + 0.5), y1 - 4 * Math.sin(angle + 0.5))
    ctx.stroke()
  }
}

/** Edge colour and width for a weight (Playground: blue positive, orange negative, width ∝ |w|). */
export function edgeStyle(weight: number, largest: number): { colour: string; width: number } {
  const t = largest > 0 ? Math.min(1, Math.abs(weight) / largest) : 0
  return { colour: weight >= 0 ? classCss(1) : classCss(0), width: 0.5 + 3.5 * t }
}
