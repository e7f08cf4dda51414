import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react'
import type { Edge, LayerNode } from '../../../core/document/types'

/**
 * The document → React Flow adapters. React Flow only sees ids, positions and selection; the
 * node and edge components read kind, params and analysis from the stores by id. Objects are
 * reused when nothing they carry changed, so React Flow re-renders only what moved.
 */
export type LayerFlowNode = FlowNode<Record<string, never>, 'layer'>
export type ShapeFlowEdge = FlowEdge<Record<string, never>, 'shape'>

const NO_DATA: Record<string, never> = Object.freeze({}) as Record<string, never>

export const SOURCE_HANDLE = 'out'
export const targetHandleId = (port: number): string => `in-${port}`

/** The input port a React Flow handle id stands for (`in-2` → 2). */
export function portOfHandle(handle: string | null | undefined): number | undefined {
  const match = /^in-(\d+)$/.exec(handle ?? '')
  return match ? Number(match[1]) : undefined
}

export function reconcileNodes(
  prev: LayerFlowNode[],
  nodes: readonly LayerNode[],
  selected: ReadonlySet<string>,
  erroneous: ReadonlySet<string>,
): LayerFlowNode[] {
  const byId = new Map(prev.map((node) => [node.id, node]))
  let changed = prev.length !== nodes.length
  const next = nodes.map((node, i) => {
    const old = byId.get(node.id)
    const isSelected = selected.has(node.id)
    const className = erroneous.has(node.id) ? 'has-error' : undefined
    // Keep React Flow's live position while a drag is in progress.
    const position = old?.dragging ? old.position : node.position
    if (
      old &&
      old.selected === isSelected &&
      old.className === className &&
      old.position.x === position.x &&
      old.position.y === position.y
    ) {
      if (prev[i] !== old) changed = true
      return old
    }
    changed = true
    return { ...old, id: node.id, type: 'layer' as const, position, data: NO_DATA, selected: isSelected, className }
  })
  return changed ? next : prev
}

export function reconcileEdges(
  prev: ShapeFlowEdge[],
  edges: readonly Edge[],
  selected: ReadonlySet<string>,
): ShapeFlowEdge[] {
  const byId = new Map(prev.map((edge) => [edge.id, edge]))
  let changed = prev.length !== edges.length
  const next = edges.map((edge, i) => {
    const old = byId.get(edge.id)
    const isSelected = selected.has(edge.id)
    const targetHandle = targetHandleId(edge.targetPort)
    if (
      old &&
      old.source === edge.source &&
      old.target === edge.target &&
      old.targetHandle === targetHandle &&
      old.selected === isSelected
    ) {
      if (prev[i] !== old) changed = true
      return old
    }
    changed = true
    return {
      id: edge.id,
      type: 'shape' as const,
      source: edge.source,
      target: edge.target,
      sourceHandle: SOURCE_HANDLE,
      targetHandle,
      data: NO_DATA,
      selected: isSelected,
    }
  })
  return changed ? next : prev
}
