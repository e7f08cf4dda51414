/**
 * Drawing helpers of the generative previews: sample images go onto a canvas at their own
 * size with putImageData (CSS scales them up, pixelated); points and latent codes are drawn
 * as small scatter plots. No chart library: a preview is redrawn whole when a new one comes.
 */

export interface ImageDims {
  height: number
  width: number
  channels: number
}

/** How a sample of `shape` is drawn: [h, w, c] and [h, w] as pictures, anything else as one row of cells. */
export function imageDims(shape: readonly number[]): ImageDims {
  if (shape.length === 3) return { height: shape[0], width: shape[1], channels: shape[2] }
  if (shape.length === 2) return { height: shape[0], width: shape[1], channels: 1 }
  return { height: 1, width: shape.reduce((a, b) => a * b, 1), channels: 1 }
}

/** True when samples of `shape` are better shown as points (1-D or 2-D data). */
export const isPointShape = (shape: readonly number[]) => shape.length <= 1 && shape.reduce((a, b) => a * b, 1) <= 3

/**
 * The value range mapped to black…white: 0…1 or −1…1 when every value fits (so pictures keep
 * their brightness from one preview to the next), else the values' own range.
 */
export function valueRange(arrays: readonly ArrayLike<number>[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (!Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (!(hi >= lo)) return [0, 1]
  const slack = 1e-3
  if (lo >= -slack && hi <= 1 + slack) return [0, 1]
  if (lo >= -1 - slack && hi <= 1 + slack) return [-1, 1]
  return hi > lo ? [lo, hi] : [lo, lo + 1]
}

/**
 * Draws `tiles` (each height × width × channels values) in a grid of `columns`, one pixel
 * apart, on `canvas` (resized to fit). Values outside `range` are clipped.
 */
export function drawTiles(
  canvas: HTMLCanvasElement,
  tiles: readonly Float32Array[],
  dims: ImageDims,
  columns: number,
  range: [number, number],
  gap = 1,
): void {
  const { height, width, channels } = dims
  const cols = Math.max(1, Math.min(columns, tiles.length))
  const rows = Math.max(1, Math.ceil(tiles.length / cols))
  const w = cols * width + (cols - 1) * gap
  const h = rows * height + (rows - 1) * gap
  if (canvas.width !== w) canvas.width = w
  if (canvas.height !== h) canvas.height = h
  const context = canvas.getContext('2d')
  if (!context || w <= 0 || h <= 0) return
  const image = context.createImageData(w, h)
  const data = image.data
  const [lo, hi] = range
  const scale = 255 / (hi - lo || 1)
  const byte = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(255, (v - lo) * scale)) : 0)
  tiles.forEach((tile, index) => {
    const x0 = (index % cols) * (width + gap)
    const y0 = Math.floor(index / cols) * (height + gap)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const source = (y * width + x) * channels
        const target = ((y0 + y) * w + x0 + x) * 4
        const r = byte(tile[source])
        data[target] = r
        data[target + 1] = channels >= 3 ? byte(tile[source + 1]) : r
        data[target + 2] = channels >= 3 ? byte(tile[source + 2]) : r
        data[target + 3] = 255
      }
    }
  })
  context.putImageData(image, 0, 0)
}

/** Sample `index` of a flat batch of `count` samples. */
export const sampleOf = (values: Float32Array, count: number, index: number): Float32Array => {
  const size = values.length / Math.max(1, count)
  return values.subarray(index * size, (index + 1) * size)
}

/** Ten colours that read on light and dark backgrounds (Tableau 10). */
export const CLASS_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
]

export interface ScatterSet {
  /** Flat: point after point, `dims` values each (1-D points get a small vertical jitter). */
  points: ArrayLike<number>
  dims: number
  /** One colour, or one per point. */
  colour: string | ((index: number) => string)
  radius?: number
  alpha?: number
}

export interface ScatterStyle {
  text: string
  grid: string
}

/** Draws point sets on `canvas` (CSS size `size` px, sharp on high-DPI screens), sharing one auto range. */
export function drawScatter(
  canvas: HTMLCanvasElement,
  sets: readonly ScatterSet[],
  size: { width: number; height: number },
  style: ScatterStyle,
  fixedRange?: { x: [number, number]; y: [number, number] },
): void {
  const ratio = Math.max(1, Math.round(globalThis.devicePixelRatio || 1))
  const W = Math.round(size.width * ratio)
  const H = Math.round(size.height * ratio)
  if (canvas.width !== W) canvas.width = W
  if (canvas.height !== H) canvas.height = H
  const context = canvas.getContext('2d')
  if (!context) return
  context.setTransform(ratio, 0, 0, ratio, 0, 0)
  context.clearRect(0, 0, size.width, size.height)
  const xy = (set: ScatterSet, i: number): [number, number] =>
    set.dims >= 2 ? [set.points[i * set.dims], set.points[i * set.dims + 1]] : [set.points[i * set.dims], jitter(i)]
  let range = fixedRange
  if (!range) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity // prettier-ignore
    for (const set of sets) {
      const n = Math.floor(set.points.length / Math.max(1, set.dims))
      for (let i = 0; i < n; i++) {
        const [x, y] = xy(set, i)
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue
        x0 = Math.min(x0, x)
        x1 = Math.max(x1, x)
        y0 = Math.min(y0, y)
        y1 = Math.max(y1, y)
      }
    }
    if (!(x1 >= x0)) [x0, x1, y0, y1] = [-1, 1, -1, 1]
    const padX = (x1 - x0 || 1) * 0.06
    const padY = (y1 - y0 || 1) * 0.06
    range = { x: [x0 - padX, x1 + padX], y: [y0 - padY, y1 + padY] }
  }
  const m = 6
  const px = (x: number) => m + ((x - range!.x[0]) / (range!.x[1] - range!.x[0] || 1)) * (size.width - 2 * m)
  const py = (y: number) =>
    size.height - m - ((y - range!.y[0]) / (range!.y[1] - range!.y[0] || 1)) * (size.height - 2 * m)
  // Axes through 0 when 0 is in view.
  context.strokeStyle = style.grid
  context.lineWidth = 1
  context.beginPath()
  if (range.x[0] < 0 && range.x[1] > 0) {
    context.moveTo(Math.round(px(0)) + 0.5, 0)
    context.lineTo(Math.round(px(0)) + 0.5, size.height)
  }
  if (range.y[0] < 0 && range.y[1] > 0) {
    context.moveTo(0, Math.round(py(0)) + 0.5)
    context.lineTo(size.width, Math.round(py(0)) + 0.5)
  }
  context.stroke()
  for (const set of sets) {
    const n = Math.floor(set.points.length / Math.max(1, set.dims))
    const r = set.radius ?? 2
    context.globalAlpha = set.alpha ?? 0.8
    for (let i = 0; i < n; i++) {
      const [x, y] = xy(set, i)
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue
      context.fillStyle = typeof set.colour === 'string' ? set.colour : set.colour(i)
      context.beginPath()
      context.arc(px(x), py(y), r, 0, Math.PI * 2)
      context.fill()
    }
  }
  context.globalAlpha = 1
}

/** A fixed pseudo-random spread in −1…1 for 1-D points (the same each redraw). */
function jitter(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453
  return (s - Math.floor(s)) * 2 - 1
}
