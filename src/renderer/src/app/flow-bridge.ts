import type { ReactFlowInstance } from '@xyflow/react'

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

/** Fits the view after React Flow has measured the latest nodes (next frames). */
export function fitViewSoon(): void {
  if (!instance) {
    fitPending = true
    return
  }
  fitPending = false
  requestAnimationFrame(() =>
    requestAnimationFrame(() => void instance?.fitView({ padding: 0.15, duration: 200, maxZoom: 1.2 })),
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
