import type { Position, ProjectDocument } from '../../../core/document/types'
import { applyFix } from '../../../core/graph/edits'
import { nearestFreeSlot } from '../../../core/graph/placement'
import type { FixSuggestion } from '../../../core/layers/kind'
import { commit, documentStore } from './document-store'
import { visibleNodeRects } from './flow-bridge'

/** A new layer's size before React Flow has measured it (a typical card). */
export const NEW_LAYER_SIZE = { width: 200, height: 90 }
/** Space kept between a new layer and its neighbours. */
const GAP = 24

/**
 * Moves the layers that `after` has and `before` had not to the nearest free spot from where
 * the edit put them, clear of every layer and group frame on the canvas and of each other, so
 * a new layer never lands on top of another.
 */
export function placeNewLayers(before: ProjectDocument, after: ProjectDocument): ProjectDocument {
  const old = new Set(before.nodes.map((node) => node.id))
  if (after.nodes.every((node) => old.has(node.id))) return after
  const obstacles = visibleNodeRects()
  const moved = new Map<string, Position>()
  for (const node of after.nodes) {
    if (old.has(node.id)) continue
    const at = nearestFreeSlot(obstacles, NEW_LAYER_SIZE, node.position, GAP)
    const rounded = { x: Math.round(at.x), y: Math.round(at.y) }
    moved.set(node.id, rounded)
    obstacles.push({ ...rounded, ...NEW_LAYER_SIZE })
  }
  return {
    ...after,
    nodes: after.nodes.map((node) => (moved.has(node.id) ? { ...node, position: moved.get(node.id)! } : node)),
  }
}

/** A diagnostic's one-click fix (e.g. insert a Flatten) as one edit, a new layer in free space. */
export function applyFixPlaced(nodeId: string, fix: FixSuggestion): void {
  const { doc } = documentStore.getState()
  commit(placeNewLayers(doc, applyFix(doc, nodeId, fix)))
}
