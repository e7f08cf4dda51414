import { Graph, layout } from '@dagrejs/dagre'
import type { Position, ProjectDocument } from '../document/types'
import { moveNodes } from './edits'

export interface LayoutOptions {
  direction?: 'TB' | 'LR'
  /** Rendered node sizes when the host knows them; otherwise a typical layer card. */
  nodeSize?: (nodeId: string) => { width: number; height: number }
}

const DEFAULT_SIZE = { width: 200, height: 86 }

/**
 * Lays the network out in layers (dagre; neural networks are layered DAGs). Positions are the
 * node's top-left corner, as React Flow expects, so dagre's centre points are shifted.
 */
export function autoLayout(doc: ProjectDocument, opts: LayoutOptions = {}): ProjectDocument {
  if (doc.nodes.length === 0) return doc
  const graph = new Graph()
  graph.setGraph({ rankdir: opts.direction ?? 'TB', nodesep: 40, ranksep: 56, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of doc.nodes) {
    const size = opts.nodeSize?.(node.id) ?? DEFAULT_SIZE
    graph.setNode(node.id, { width: size.width, height: size.height })
  }
  for (const edge of doc.edges) graph.setEdge(edge.source, edge.target)
  layout(graph)
  const positions: Record<string, Position> = {}
  for (const node of doc.nodes) {
    const placed = graph.node(node.id)
    positions[node.id] = { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) }
  }
  return moveNodes(doc, positions)
}
