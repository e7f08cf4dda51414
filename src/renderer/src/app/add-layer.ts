import { addNode } from '../../../core/graph/edits'
import type { Position } from '../../../core/document/types'
import { commit, documentStore } from './document-store'
import { measuredSize, revealSoon, viewportCentre } from './flow-bridge'
import { NEW_LAYER_SIZE, placeNewLayers } from './placement'
import { select, uiStore } from './ui-store'

/** The drag payload type of palette items. */
export const LAYER_MIME = 'application/x-layercanvas-kind'

/** Between a selected layer and a layer added next to it, along the layout direction (as Auto Layout). */
const NEIGHBOUR_GAP = { TB: 56, LR: 100 }

/**
 * Adds a layer centred on `at` (flow coordinates), moved to the nearest free spot when a layer
 * or a group frame is already there, and selects it.
 */
export function addLayerAt(kindId: string, at: Position): string {
  const doc = documentStore.getState().doc
  const position = { x: Math.round(at.x - NEW_LAYER_SIZE.width / 2), y: Math.round(at.y - NEW_LAYER_SIZE.height / 2) }
  const result = addNode(doc, kindId, position)
  commit(placeNewLayers(doc, result.doc))
  select([result.nodeId])
  revealSoon(result.nodeId)
  return result.nodeId
}

/**
 * Click or Enter in the palette: next to the one selected layer (below it, or right of it in a
 * left-to-right layout), else the centre of the view; in free space either way.
 */
export function addLayerAtCentre(kindId: string): string {
  const { selectedNodeIds, layoutDirection } = uiStore.getState()
  const neighbour =
    selectedNodeIds.length === 1
      ? documentStore.getState().doc.nodes.find((node) => node.id === selectedNodeIds[0])
      : undefined
  if (!neighbour) return addLayerAt(kindId, viewportCentre())
  const size = measuredSize(neighbour.id)
  const { x, y } = neighbour.position
  const centre =
    layoutDirection === 'LR'
      ? { x: x + size.width + NEIGHBOUR_GAP.LR + NEW_LAYER_SIZE.width / 2, y: y + size.height / 2 }
      : { x: x + size.width / 2, y: y + size.height + NEIGHBOUR_GAP.TB + NEW_LAYER_SIZE.height / 2 }
  return addLayerAt(kindId, centre)
}
