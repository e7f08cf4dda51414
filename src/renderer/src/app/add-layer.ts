import { addNode } from '../../../core/graph/edits'
import type { Position } from '../../../core/document/types'
import { commit, documentStore } from './document-store'
import { viewportCentre } from './flow-bridge'
import { select } from './ui-store'

/** The drag payload type of palette items. */
export const LAYER_MIME = 'application/x-layercanvas-kind'

/** Typical node size: a dropped node is centred on the cursor. */
const HALF = { x: 100, y: 40 }

/** Adds a layer centred on `at` (flow coordinates) and selects it. */
export function addLayerAt(kindId: string, at: Position): string {
  const doc = documentStore.getState().doc
  let position = { x: Math.round(at.x - HALF.x), y: Math.round(at.y - HALF.y) }
  // Keyboard adds all land at the centre: step aside from a layer already sitting there.
  while (doc.nodes.some((node) => Math.abs(node.position.x - position.x) < 8 && Math.abs(node.position.y - position.y) < 8)) {
    position = { x: position.x + 24, y: position.y + 24 }
  }
  const result = addNode(doc, kindId, position)
  commit(result.doc)
  select([result.nodeId])
  return result.nodeId
}

export function addLayerAtCentre(kindId: string): string {
  return addLayerAt(kindId, viewportCentre())
}
