import type { ReactFlowInstance } from '@xyflow/react'
import type { Rect } from '../../../core/graph/groups'
import { readableViewport } from '../canvas/readable-viewport'
import { uiStore } from './ui-store'

/**
 * The mounted React Flow instance, for commands that act on the view (fit, centre, measured
 * node sizes). Set by the canvas on init; commands run fine (as no-ops) before that.
 */
let instance: ReactFlowInstance | null = null
let container: HTMLElement | null = null
/** A fit asked for before the canvas mounted (start-up) runs once it does. */
let fitPending = false

export function setFlow(next: ReactFlowInstance | null, element: HTMLElement | null): void {
  instance = next
  container = element
  if (instance && fitPending) fitViewSoon()
}

export function getFlow(): ReactFlowInstance | null {
  return instance
}

/**
 * After React Flow has measured the latest nodes (next frames), shows the graph at a readable
 * zoom: whole when it fits at ≥ 0.6, else its start (canvas/readable-viewport.ts).
 */
export function fitViewSoon(): void {
  if (!instance) {
    fitPending = true
    return
  }
  fitPending = false
  requestAnimationFrame(() => requestAnimationFrame(() => fitReadable()))
}

/** Fit View: the whole graph, however small it gets, in the part of the canvas the minimap leaves free. */
export function fitWhole(): void {
  fitReadable(WHOLE_MIN_ZOOM)
}

/** The canvas' smallest zoom (Canvas.tsx minZoom). */
const WHOLE_MIN_ZOOM = 0.1

function fitReadable(minZoom?: number): void {
  if (!instance || !container) return
  const rects = visibleNodeRects()
  const box = container.getBoundingClientRect()
  const minimap = container.querySelector('.react-flow__minimap')?.getBoundingClientRect()
  const viewport = readableViewport(
    rects,
    {
      width: box.width,
      height: box.height,
      minimap:
        minimap && minimap.width > 0 ? { width: box.right - minimap.left, height: box.bottom - minimap.top } : null,
    },
    uiStore.getState().layoutDirection,
    minZoom,
  )
  if (viewport) void instance.setViewport(viewport, { duration: 200 })
}

/** Every node drawn on the canvas (layers, group frames, collapsed groups) as a rectangle. */
export function visibleNodeRects(): Rect[] {
  if (!instance) return []
  return instance
    .getNodes()
    .filter((node) => !node.hidden)
    .map((node) => ({
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? node.width ?? 200,
      height: node.measured?.height ?? node.height ?? 90,
    }))
}

/**
 * Pans (at the same zoom) to a node that is out of sight, e.g. a layer just added below the
 * selected one at the bottom edge of the view; a node in view stays where it is.
 */
export function revealSoon(nodeId: string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const node = instance?.getInternalNode(nodeId)
      if (!instance || !container || !node) return
      const { x, y } = node.internals.positionAbsolute
      const width = node.measured.width ?? 200
      const height = node.measured.height ?? 90
      const box = container.getBoundingClientRect()
      const topLeft = instance.flowToScreenPosition({ x, y })
      const bottomRight = instance.flowToScreenPosition({ x: x + width, y: y + height })
      const inView =
        topLeft.x >= box.left && topLeft.y >= box.top && bottomRight.x <= box.right && bottomRight.y <= box.bottom
      if (!inView) void instance.setCenter(x + width / 2, y + height / 2, { zoom: instance.getZoom(), duration: 200 })
    }),
  )
}

/** The flow coordinates of the centre of the visible canvas (where keyboard-added layers go). */
export function viewportCentre(): { x: number; y: number } {
  if (!instance || !container) return { x: 0, y: 0 }
  const rect = container.getBoundingClientRect()
  return instance.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
}

/** Measured size of a node, for auto layout; a typical node size before the first measure. */
export function measuredSize(nodeId: string): { width: number; height: number } {
  const node = instance?.getInternalNode(nodeId)
  return { width: node?.measured.width ?? 200, height: node?.measured.height ?? 90 }
}

/** Whether React Flow has measured this node (it is drawn and sized). */
export function isMeasured(flowNodeId: string): boolean {
  return (instance?.getInternalNode(flowNodeId)?.measured.width ?? 0) > 0
}
