/**
 * A square area over the 2-D input plane and the grid of points the views evaluate a model
 * on (the decision boundary, the discriminator's heat map). Pure arithmetic: no tensors.
 */
export interface PlaneWindow {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
  /** Cells per side: the grid has resolution × resolution points. */
  resolution: number
}

/** Cells per side of the heat maps: 40 × 40 = 1,600 points, one small batch. */
export const DEFAULT_RESOLUTION = 40

/**
 * The smallest square area (centred on the data) that holds every point with a margin, so
 * the points never sit on the edge. `points` are x, y pairs.
 */
export function planeWindow(points: ArrayLike<number>, resolution = DEFAULT_RESOLUTION, margin = 0.15): PlaneWindow {
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]
    const y = points[i + 1]
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    xMin = Math.min(xMin, x)
    xMax = Math.max(xMax, x)
    yMin = Math.min(yMin, y)
    yMax = Math.max(yMax, y)
  }
  if (xMin > xMax) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1, resolution }
  const cx = (xMin + xMax) / 2
  const cy = (yMin + yMax) / 2
  const half = Math.max(xMax - xMin, yMax - yMin, 1e-3) / 2 + margin * Math.max(xMax - xMin, yMax - yMin, 1)
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half, resolution }
}

/**
 * The grid's points as x, y pairs, row after row from the TOP of the picture (largest y) down,
 * left to right within a row: cell (row r, column c) is point r × resolution + c, at the
 * cell's centre. That is the order an ImageData is filled in.
 */
export function gridPoints(area: PlaneWindow): Float32Array {
  const n = area.resolution
  const out = new Float32Array(n * n * 2)
  const dx = (area.xMax - area.xMin) / n
  const dy = (area.yMax - area.yMin) / n
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = (r * n + c) * 2
      out[i] = area.xMin + (c + 0.5) * dx
      out[i + 1] = area.yMax - (r + 0.5) * dy
    }
  }
  return out
}

/** Where (x, y) falls in a picture `size` pixels wide and high showing the area. */
export function toPixel(area: PlaneWindow, size: number, x: number, y: number): [number, number] {
  return [((x - area.xMin) / (area.xMax - area.xMin)) * size, ((area.yMax - y) / (area.yMax - area.yMin)) * size]
}
