import type { ProjectDocument } from '../../../core/document/types'
import { autoLayout, type LayoutOptions } from '../../../core/graph/layout'
import { collapsedNodeId, FRAME_HEADER, FRAME_MIN_WIDTH, FRAME_PADDING } from '../canvas/group-elements'
import { commit, documentStore, replaceDocument } from './document-store'
import { fitViewSoon, isMeasured, measuredSize } from './flow-bridge'
import { uiStore } from './ui-store'

/** Auto Layout as the canvas draws: measured layer sizes, collapsed-node sizes, frame metrics. */
export function layoutOptions(): LayoutOptions {
  return {
    direction: uiStore.getState().layoutDirection,
    nodeSize: measuredSize,
    collapsedSize: (groupId) => measuredSize(collapsedNodeId(groupId)),
    frame: { padding: FRAME_PADDING, header: FRAME_HEADER, minWidth: FRAME_MIN_WIDTH },
  }
}

/** The Auto Layout command: one undo step, then the view fits the result. */
export function runAutoLayout(): void {
  const { doc } = documentStore.getState()
  if (doc.nodes.length === 0) return
  commit(autoLayout(doc, layoutOptions()))
  fitViewSoon()
}

/** Flips the stored layout direction and lays the graph out that way. */
export function toggleLayoutDirection(): void {
  uiStore.setState((s) => ({ layoutDirection: s.layoutDirection === 'LR' ? 'TB' : 'LR' }))
  runAutoLayout()
}

/** What React Flow draws for a document: layers, and one node per collapsed group instead of its layers. */
function drawnIds(doc: ProjectDocument): string[] {
  const hidden = new Set<string>()
  const ids: string[] = []
  for (const group of doc.groups) {
    if (!group.collapsed) continue
    for (const id of group.nodeIds) hidden.add(id)
    ids.push(collapsedNodeId(group.id))
  }
  for (const node of doc.nodes) if (!hidden.has(node.id)) ids.push(node.id)
  return ids
}

/** Frames to wait at most for React Flow to measure a freshly opened document. */
const MAX_WAIT_FRAMES = 60

/**
 * A freshly opened template is laid out with the canvas' real node sizes (so no two layers or
 * frames overlap, whatever the language's text lengths) once React Flow has measured it, and
 * then fitted readably. It replaces the opened document without an undo step: the user has not
 * done anything yet. Skipped when the user already edited the document.
 */
export function arrangeOpenedSoon(): void {
  const opened = documentStore.getState().doc
  const ids = drawnIds(opened)
  let frames = 0
  const step = () => {
    if (documentStore.getState().doc !== opened) return
    if (!ids.every(isMeasured) && frames++ < MAX_WAIT_FRAMES) {
      requestAnimationFrame(step)
      return
    }
    replaceDocument(autoLayout(opened, layoutOptions()))
    fitViewSoon()
  }
  requestAnimationFrame(step)
}
