import type { NodeActivation } from '../../../core/inspect/activations'
import { heatPixels, scaleFor, type ColourScale } from './colour-scale'

/**
 * Draws activations onto canvases: each block of values becomes an ImageData at its own
 * resolution, scaled up without smoothing (one value = one crisp square).
 */
export function drawBlock(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  rect: { x: number; y: number; w: number; h: number },
  scale: ColourScale,
): void {
  if (rows <= 0 || cols <= 0) return
  const image = new ImageData(heatPixels(values, offset, rows, cols, scale), cols, rows)
  const scratch = new OffscreenCanvas(cols, rows)
  scratch.getContext('2d')!.putImageData(image, 0, 0)
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(scratch, rect.x, rect.y, rect.w, rect.h)
}

/** A sequence [T, U] as the thumbnail and the large view draw it: time across, units down. */
export function timeMajorToUnitRows(node: NodeActivation): Float32Array {
  const steps = node.shape[0]
  const units = node.count
  const out = new Float32Array(steps * units)
  for (let t = 0; t < steps; t++) for (let u = 0; u < units; u++) out[u * steps + t] = node.values[t * units + u]
  return out
}

/** The colour scale of attention weights: sequential over the weights' own min and max. */
export function attentionScale(values: ArrayLike<number>): ColourScale {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i])
    max = Math.max(max, values[i])
  }
  return scaleFor(Math.max(0, min), max)
}

/** Largest square per feature map / head in a thumbnail, so one channel does not make a tall tile. */
const MAX_CELL = 56

/** The shape a thumbnail takes for a node: how many rows/cols of what. */
export function thumbnailHeight(node: NodeActivation, width: number): number {
  if (node.attention) return Math.min(MAX_CELL, Math.floor(width / Math.min(node.attention.heads, 4)))
  if (node.layout === 'maps') {
    const cols = Math.min(8, node.count)
    return Math.ceil(node.count / cols) * Math.min(MAX_CELL, Math.floor(width / cols))
  }
  if (node.layout === 'sequence') return 40
  return 14
}

/** The thumbnail's width: a few feature maps or heads take only the room they need. */
export function thumbnailWidth(node: NodeActivation, maxWidth: number): number {
  if (node.attention) {
    const shown = Math.min(node.attention.heads, 4)
    return shown * Math.min(MAX_CELL, Math.floor(maxWidth / shown))
  }
  if (node.layout === 'maps') {
    const cols = Math.min(8, node.count)
    return cols * Math.min(MAX_CELL, Math.floor(maxWidth / cols))
  }
  return maxWidth
}

/** Draws a node's thumbnail (feature-map grid, time × units map, heat strip, or attention heads). */
export function drawThumbnail(canvas: HTMLCanvasElement, node: NodeActivation): void {
  const width = canvas.width
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  ctx.clearRect(0, 0, width, canvas.height)
  if (node.attention) {
    const { heads, queries, keys, values } = node.attention
    const shown = Math.min(heads, 4)
    const cell = Math.floor(width / shown)
    // Their own range, not 0–1: early in training every weight is close to 1/keys, and a 0–1
    // scale would paint every head one flat colour.
    const scale = attentionScale(values)
    for (let h = 0; h < shown; h++)
      drawBlock(ctx, values, h * queries * keys, queries, keys, { x: h * cell + 1, y: 0, w: cell - 2, h: cell }, scale)
    return
  }
  const scale = scaleFor(node.min, node.max)
  if (node.layout === 'maps') {
    const [height, mapWidth] = node.shape
    const cols = Math.min(8, node.count)
    const cell = Math.floor(width / cols)
    for (let c = 0; c < node.count; c++) {
      const x = (c % cols) * cell
      const y = Math.floor(c / cols) * cell
      drawBlock(
        ctx,
        node.values,
        c * height * mapWidth,
        height,
        mapWidth,
        { x: x + 1, y: y + 1, w: cell - 2, h: cell - 2 },
        scale,
      )
    }
    return
  }
  if (node.layout === 'sequence') {
    drawBlock(
      ctx,
      timeMajorToUnitRows(node),
      0,
      node.count,
      node.shape[0],
      { x: 0, y: 0, w: width, h: canvas.height },
      scale,
    )
    return
  }
  drawBlock(ctx, node.values, 0, 1, node.count, { x: 0, y: 0, w: width, h: canvas.height }, scale)
}
