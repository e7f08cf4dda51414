import { boundsOf, type Rect } from '../../../core/graph/groups'

/**
 * Where to put the camera so a graph opens readable. A graph that fits at zoom ≥ 0.6 is shown
 * whole, centred. A bigger one (AlexNet, the diffusion U-Net) is not shrunk until its text
 * is unreadable: it opens at a readable zoom on its start — the input and the first layers —
 * from which the user scrolls along the flow. Space under the minimap and beside the zoom
 * controls is left free, so no layer or fix button starts out hidden behind them.
 */
export interface Viewport {
  x: number
  y: number
  zoom: number
}

export interface ViewArea {
  width: number
  height: number
  /** The minimap's box in the bottom-right corner (its width and height from the edges); null when hidden. */
  minimap: { width: number; height: number } | null
}

export const MIN_ZOOM = 0.6
export const START_ZOOM = 0.8
export const MAX_FIT_ZOOM = 1.2
/** Around the content; the left side also clears the zoom controls, the top the navigation hint. */
const PAD = { left: 60, right: 24, top: 48, bottom: 24 }

/** Callers pass at least one rect (readableViewport returns early for none). */
const bounds = (rects: readonly Rect[]): Rect => boundsOf(rects)!

/**
 * `minZoom` below which the start view is used instead of the whole graph; Fit View passes the
 * canvas' own minimum, so it always shows everything (still clear of the minimap).
 */
export function readableViewport(
  nodes: readonly Rect[],
  view: ViewArea,
  direction: 'TB' | 'LR',
  minZoom = MIN_ZOOM,
): Viewport | null {
  if (nodes.length === 0 || view.width <= 0 || view.height <= 0) return null
  const all = bounds(nodes)
  const mm = view.minimap
  // The content goes either left of the minimap or above it, whichever allows the larger zoom.
  const areas = mm
    ? [
        { width: view.width - mm.width, height: view.height },
        { width: view.width, height: view.height - mm.height },
      ]
    : [{ width: view.width, height: view.height }]
  const fitIn = (area: { width: number; height: number }) =>
    Math.min(
      (area.width - PAD.left - PAD.right) / all.width,
      (area.height - PAD.top - PAD.bottom) / all.height,
      MAX_FIT_ZOOM,
    )
  let best = areas[0]
  for (const area of areas) if (fitIn(area) > fitIn(best)) best = area
  const fitZoom = fitIn(best)
  if (fitZoom >= minZoom) {
    return {
      zoom: fitZoom,
      x: PAD.left + (best.width - PAD.left - PAD.right - all.width * fitZoom) / 2 - all.x * fitZoom,
      y: PAD.top + (best.height - PAD.top - PAD.bottom - all.height * fitZoom) / 2 - all.y * fitZoom,
    }
  }
  // Too big: the start of the flow at a readable zoom. The content runs past the far edge
  // along the flow, so the minimap's strip across the flow is kept clear (right of a
  // top-to-bottom graph, below a left-to-right one).
  const lr = direction === 'LR'
  const area = { width: view.width - (!lr && mm ? mm.width : 0), height: view.height - (lr && mm ? mm.height : 0) }
  const crossRoom = lr ? area.height - PAD.top - PAD.bottom : area.width - PAD.left - PAD.right
  const crossSize = lr ? all.height : all.width
  const zoom = Math.max(MIN_ZOOM, Math.min(START_ZOOM, crossRoom / crossSize))
  // The layers within the first screenful along the flow decide where to look across it.
  const reach = (lr ? area.width : area.height) / zoom
  const start = nodes.filter((r) => (lr ? r.x - all.x : r.y - all.y) < reach)
  const head = bounds(start.length > 0 ? start : nodes)
  if (lr) {
    const fits = head.height * zoom <= crossRoom
    return {
      zoom,
      x: PAD.left - all.x * zoom,
      y: fits ? PAD.top + (crossRoom - head.height * zoom) / 2 - head.y * zoom : PAD.top - head.y * zoom,
    }
  }
  const fits = head.width * zoom <= crossRoom
  return {
    zoom,
    x: fits ? PAD.left + (crossRoom - head.width * zoom) / 2 - head.x * zoom : PAD.left - head.x * zoom,
    y: PAD.top - all.y * zoom,
  }
}
