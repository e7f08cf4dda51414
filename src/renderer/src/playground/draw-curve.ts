import { curveGrid, type CurveRange } from '../../../core/inspect/fitted-curve'
import { classCss } from './draw-plane'

/**
 * Drawing of the fitted-curve view (1-D regression): the data's (x, y) points with the model's
 * prediction over the x grid as a line, and each hidden neuron's output over x as a small curve.
 */
interface CurveBox {
  width: number
  height: number
  yMin: number
  yMax: number
}

/** The y extent that holds every point and the whole curve, with a margin. */
export function curveBox(width: number, height: number, points: Float32Array[], curve: ArrayLike<number>): CurveBox {
  let yMin = Infinity
  let yMax = -Infinity
  const take = (y: number) => {
    if (!Number.isFinite(y)) return
    yMin = Math.min(yMin, y)
    yMax = Math.max(yMax, y)
  }
  for (const pairs of points) for (let i = 1; i < pairs.length; i += 2) take(pairs[i])
  for (let i = 0; i < curve.length; i++) take(curve[i])
  if (yMin > yMax) return { width, height, yMin: -1, yMax: 1 }
  const pad = 0.08 * Math.max(yMax - yMin, 1e-3)
  return { width, height, yMin: yMin - pad, yMax: yMax + pad }
}

const toX = (range: CurveRange, box: CurveBox, x: number) => ((x - range.xMin) / (range.xMax - range.xMin)) * box.width
const toY = (box: CurveBox, y: number) => ((box.yMax - y) / (box.yMax - box.yMin)) * box.height

/** The data points (class colour 1 = blue for training, 0 = orange for test, as in Playground) and the curve. */
export function drawFittedCurve(
  ctx: CanvasRenderingContext2D,
  range: CurveRange,
  box: CurveBox,
  points: Float32Array,
  pointColour: string,
  curve: ArrayLike<number>,
): void {
  ctx.clearRect(0, 0, box.width, box.height)
  ctx.fillStyle = '#fafafa'
  ctx.fillRect(0, 0, box.width, box.height)
  if (box.yMin < 0 && box.yMax > 0) {
    ctx.strokeStyle = '#d0d0d0'
    ctx.lineWidth = 1
    ctx.beginPath()
    ctx.moveTo(0, toY(box, 0))
    ctx.lineTo(box.width, toY(box, 0))
    ctx.stroke()
  }
  ctx.fillStyle = pointColour
  for (let i = 0; i + 1 < points.length; i += 2) {
    ctx.beginPath()
    ctx.arc(toX(range, box, points[i]), toY(box, points[i + 1]), 2.5, 0, 2 * Math.PI)
    ctx.fill()
  }
  strokeCurve(ctx, range, box, curve, '#222', 2.5)
}

/** One neuron's output over x on a small tile, its own scale ±extent (0 in the middle). */
export function drawNeuronCurve(
  ctx: CanvasRenderingContext2D,
  range: CurveRange,
  size: { width: number; height: number },
  values: ArrayLike<number>,
  extent: number,
): void {
  const box: CurveBox = { ...size, yMin: -extent || -1, yMax: extent || 1 }
  ctx.clearRect(0, 0, size.width, size.height)
  ctx.fillStyle = '#f4f4f4'
  ctx.fillRect(0, 0, size.width, size.height)
  ctx.strokeStyle = '#d8d8d8'
  ctx.lineWidth = 1
  ctx.beginPath()
  ctx.moveTo(0, size.height / 2)
  ctx.lineTo(size.width, size.height / 2)
  ctx.stroke()
  strokeCurve(ctx, range, box, values, classCss(1), 1.5)
}

function strokeCurve(
  ctx: CanvasRenderingContext2D,
  range: CurveRange,
  box: CurveBox,
  values: ArrayLike<number>,
  colour: string,
  width: number,
): void {
  const xs = curveGrid(range)
  ctx.strokeStyle = colour
  ctx.lineWidth = width
  ctx.beginPath()
  for (let i = 0; i < values.length && i < xs.length; i++) {
    const px = toX(range, box, xs[i])
    const py = toY(box, values[i])
    if (i === 0) ctx.moveTo(px, py)
    else ctx.lineTo(px, py)
  }
  ctx.stroke()
}
