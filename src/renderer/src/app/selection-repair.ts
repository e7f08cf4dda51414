import { documentStore } from './document-store'
import { repairSelection } from './surviving-selection'
import { select, uiStore } from './ui-store'

/** Keeps the selection valid on every document change; a replaced document starts unselected. */
export function installSelectionRepair(): void {
  documentStore.subscribe((state, prev) => {
    if (state.doc === prev.doc) return
    if (state.replaced !== prev.replaced) return select([])
    const ui = uiStore.getState()
    const repaired = repairSelection(prev.doc, state.doc, { nodeIds: ui.selectedNodeIds, edgeIds: ui.selectedEdgeIds })
    if (repaired) select(repaired.nodeIds, repaired.edgeIds)
  })
}
