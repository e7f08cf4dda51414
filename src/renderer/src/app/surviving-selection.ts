import type { ProjectDocument } from '../../../core/document/types'

/**
 * After an edit that removes selected layers or connections (Undo of an add, Redo of a delete,
 * a paste undone…), the selection keeps only what still exists. When every selected layer is
 * gone, the one nearest to where they were is selected, so the Inspector shows a layer instead
 * of going blank; with no layers left it shows the project.
 */
export function repairSelection(
  prev: ProjectDocument,
  doc: ProjectDocument,
  selection: { nodeIds: string[]; edgeIds: string[] },
): { nodeIds: string[]; edgeIds: string[] } | null {
  const nodeIds = new Set(doc.nodes.map((n) => n.id))
  const edgeIds = new Set(doc.edges.map((e) => e.id))
  const keptNodes = selection.nodeIds.filter((id) => nodeIds.has(id))
  const keptEdges = selection.edgeIds.filter((id) => edgeIds.has(id))
  if (keptNodes.length === selection.nodeIds.length && keptEdges.length === selection.edgeIds.length) return null
  if (keptNodes.length > 0 || keptEdges.length > 0 || selection.nodeIds.length === 0)
    return { nodeIds: keptNodes, edgeIds: keptEdges }
  // Every selected layer is gone: the surviving layer nearest to their centre.
  const gone = prev.nodes.filter((n) => selection.nodeIds.includes(n.id))
  if (gone.length === 0 || doc.nodes.length === 0) return { nodeIds: [], edgeIds: [] }
  const cx = gone.reduce((s, n) => s + n.position.x, 0) / gone.length
  const cy = gone.reduce((s, n) => s + n.position.y, 0) / gone.length
  let nearest = doc.nodes[0]
  let best = Infinity
  for (const node of doc.nodes) {
    const d = (node.position.x - cx) ** 2 + (node.position.y - cy) ** 2
    if (d < best) {
      best = d
      nearest = node
    }
  }
  return { nodeIds: [nearest.id], edgeIds: [] }
}
