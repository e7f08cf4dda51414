import type { Node as FlowNode } from '@xyflow/react'
import type { Group } from '../../../core/document/types'
import { boundsOf } from '../../../core/graph/groups'
import { SOURCE_HANDLE, targetHandleId, type LayerFlowNode, type ShapeFlowEdge } from './adapters'

/**
 * Groups as React Flow nodes, derived from the document's groups and the layer nodes' live
 * positions (no parentId re-parenting: layer positions stay absolute, as in the document).
 *
 * - An expanded group is a frame (`frame:<id>`) drawn behind its layers, sized to their
 *   measured bounds plus padding, so it follows the layers as they move.
 * - A collapsed group hides its layers and shows one compact node (`collapsed:<id>`) at the
 *   group's top-left; edges crossing the boundary are drawn to and from it. This is a view
 *   only: the document's edges are unchanged.
 *
 * Dragging a frame or a collapsed node moves the group's layers (useFlowElements).
 */
export interface GroupNodeData extends Record<string, unknown> {
  groupId: string
}
export type GroupFrameNode = FlowNode<GroupNodeData, 'groupFrame'>
export type GroupCollapsedNode = FlowNode<GroupNodeData, 'groupCollapsed'>
export type GroupFlowNode = GroupFrameNode | GroupCollapsedNode
export type CanvasNode = LayerFlowNode | GroupFlowNode

export const frameNodeId = (groupId: string): string => `frame:${groupId}`
export const collapsedNodeId = (groupId: string): string => `collapsed:${groupId}`

/** The group a frame or collapsed node stands for; null for a layer node. */
export function groupIdOfFlowNode(id: string): string | null {
  const match = /^(?:frame|collapsed):(.+)$/.exec(id)
  return match ? match[1] : null
}

/** Space around the layers, and the label bar above them. */
export const FRAME_PADDING = 18
export const FRAME_HEADER = 34
/**
 * A frame narrower than this grows to the left: the label bar then starts left of the layers'
 * centre line, where the shape label of an edge entering the group sits.
 */
export const FRAME_MIN_WIDTH = 310
/** A layer's size before React Flow has measured it. */
const UNMEASURED = { width: 200, height: 90 }

function frameBounds(members: readonly LayerFlowNode[]) {
  const rect = boundsOf(
    members.map((node) => ({
      x: node.position.x,
      y: node.position.y,
      width: node.measured?.width ?? UNMEASURED.width,
      height: node.measured?.height ?? UNMEASURED.height,
    })),
    FRAME_PADDING,
  )
  if (!rect) return null
  const grow = Math.max(0, FRAME_MIN_WIDTH - rect.width)
  return { x: rect.x - grow, y: rect.y - FRAME_HEADER, width: rect.width + grow, height: rect.height + FRAME_HEADER }
}

function topLeft(members: readonly LayerFlowNode[]) {
  return {
    x: Math.min(...members.map((node) => node.position.x)),
    y: Math.min(...members.map((node) => node.position.y)),
  }
}

/**
 * The group nodes for the current layers, reusing an old object when nothing it carries
 * changed (so React Flow does not re-render or re-measure it). Groups without a visible
 * layer (e.g. pointing at ids being removed) are left out.
 */
export function reconcileGroupNodes(
  prev: readonly GroupFlowNode[],
  groups: readonly Group[],
  layers: readonly LayerFlowNode[],
  selectedGroupId: string | null,
): GroupFlowNode[] {
  const byId = new Map(prev.map((node) => [node.id, node]))
  const layerById = new Map(layers.map((node) => [node.id, node]))
  const next: GroupFlowNode[] = []
  for (const group of groups) {
    const members = group.nodeIds.map((id) => layerById.get(id)).filter((node): node is LayerFlowNode => !!node)
    if (members.length === 0) continue
    const className = group.id === selectedGroupId ? 'group-selected' : undefined
    if (group.collapsed) {
      const id = collapsedNodeId(group.id)
      const old = byId.get(id) as GroupCollapsedNode | undefined
      const position = old?.dragging ? old.position : topLeft(members)
      if (old && old.className === className && old.position.x === position.x && old.position.y === position.y) {
        next.push(old)
        continue
      }
      next.push({
        ...old,
        id,
        type: 'groupCollapsed',
        position,
        data: old?.data ?? { groupId: group.id },
        selectable: false,
        className,
      })
      continue
    }
    const rect = frameBounds(members)
    if (!rect) continue
    const id = frameNodeId(group.id)
    const old = byId.get(id) as GroupFrameNode | undefined
    if (
      old &&
      old.className === className &&
      old.position.x === rect.x &&
      old.position.y === rect.y &&
      old.width === rect.width &&
      old.height === rect.height
    ) {
      next.push(old)
      continue
    }
    next.push({
      ...old,
      id,
      type: 'groupFrame',
      position: { x: rect.x, y: rect.y },
      width: rect.width,
      height: rect.height,
      data: old?.data ?? { groupId: group.id },
      selectable: false,
      focusable: false,
      // Behind the layers and the edges; only the label bar takes the pointer (see groups.css).
      zIndex: -1,
      className,
    })
  }
  const same = next.length === prev.length && next.every((node, i) => node === prev[i])
  return same ? (prev as GroupFlowNode[]) : next
}

/** Which collapsed group, if any, hides each layer. */
export function collapsedMembership(groups: readonly Group[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const group of groups) if (group.collapsed) for (const id of group.nodeIds) map.set(id, group.id)
  return map
}

const hiddenCopies = new WeakMap<LayerFlowNode, LayerFlowNode>()

/** Frames first (drawn behind), then the layers, members of collapsed groups hidden. */
export function composeNodes(
  groupNodes: readonly GroupFlowNode[],
  layers: readonly LayerFlowNode[],
  collapsed: ReadonlyMap<string, string>,
): CanvasNode[] {
  if (groupNodes.length === 0 && collapsed.size === 0) return layers as LayerFlowNode[]
  const shown = layers.map((node) => {
    if (!collapsed.has(node.id)) return node
    let copy = hiddenCopies.get(node)
    if (!copy) {
      copy = { ...node, hidden: true }
      hiddenCopies.set(node, copy)
    }
    return copy
  })
  return [...groupNodes, ...shown]
}

const routedCopies = new WeakMap<ShapeFlowEdge, { key: string; edge: ShapeFlowEdge }>()

/**
 * Edges as drawn: an end inside a collapsed group moves to that group's node; an edge with both
 * ends inside the same collapsed group is hidden.
 */
export function routeEdges(edges: readonly ShapeFlowEdge[], collapsed: ReadonlyMap<string, string>): ShapeFlowEdge[] {
  if (collapsed.size === 0) return edges as ShapeFlowEdge[]
  return edges.map((edge) => {
    const from = collapsed.get(edge.source)
    const to = collapsed.get(edge.target)
    if (!from && !to) return edge
    const key = `${from ?? ''}|${to ?? ''}`
    const cached = routedCopies.get(edge)
    if (cached?.key === key) return cached.edge
    const routed: ShapeFlowEdge =
      from && from === to
        ? { ...edge, hidden: true }
        : {
            ...edge,
            source: from ? collapsedNodeId(from) : edge.source,
            sourceHandle: SOURCE_HANDLE,
            target: to ? collapsedNodeId(to) : edge.target,
            targetHandle: to ? targetHandleId(0) : edge.targetHandle,
          }
    routedCopies.set(edge, { key, edge: routed })
    return routed
  })
}
