import { parseProject } from '../document/parse'
import { SCHEMA_VERSION, type Edge, type LayerNode, type Position, type ProjectDocument } from '../document/types'
import { idAllocator } from './ids'

/** What copy puts on the clipboard: the selected layers and the edges between them. */
export interface Clipboard {
  format: 'layercanvas-clipboard'
  nodes: LayerNode[]
  edges: Edge[]
}

export function copyNodes(doc: ProjectDocument, nodeIds: string[]): Clipboard {
  const chosen = new Set(nodeIds)
  return {
    format: 'layercanvas-clipboard',
    nodes: structuredClone(doc.nodes.filter((node) => chosen.has(node.id))),
    edges: structuredClone(doc.edges.filter((edge) => chosen.has(edge.source) && chosen.has(edge.target))),
  }
}

/**
 * Pastes a clipboard (which may come from another window or a hand-edited text, so it is
 * validated like a file) with fresh ids, offset so the copy does not hide the original.
 * Returns null when the clipboard holds no valid LayerCanvas layers.
 */
export function pasteClipboard(
  doc: ProjectDocument,
  clip: unknown,
  offset: Position,
): { doc: ProjectDocument; nodeIds: string[] } | null {
  if (typeof clip !== 'object' || clip === null || (clip as Clipboard).format !== 'layercanvas-clipboard') return null
  const parsed = parseProject({
    format: 'layercanvas',
    schemaVersion: SCHEMA_VERSION,
    nodes: (clip as Clipboard).nodes,
    edges: (clip as Clipboard).edges,
  })
  if (!parsed.ok || parsed.document.nodes.length === 0) return null

  const nodeId = idAllocator(new Set(doc.nodes.map((node) => node.id)))
  const edgeId = idAllocator(new Set(doc.edges.map((edge) => edge.id)))
  const rename = new Map<string, string>()
  const nodes = parsed.document.nodes.map((node) => {
    const id = nodeId(node.kind)
    rename.set(node.id, id)
    return { ...node, id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } }
  })
  const edges = parsed.document.edges.map((edge) => {
    const source = rename.get(edge.source) as string
    const target = rename.get(edge.target) as string
    return { ...edge, id: edgeId(`e_${source}_${target}`), source, target }
  })
  return {
    doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] },
    nodeIds: nodes.map((node) => node.id),
  }
}

export function duplicateNodes(
  doc: ProjectDocument,
  nodeIds: string[],
  offset: Position,
): { doc: ProjectDocument; nodeIds: string[] } {
  return pasteClipboard(doc, copyNodes(doc, nodeIds), offset) ?? { doc, nodeIds: [] }
}
