import type { Edge, LayerNode, Position, ProjectDocument } from '../document/types'
import { withoutTranslationsOf } from '../i18n/names'
import type { FixSuggestion } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import { defaultParams } from '../params/schema'
import { uniqueId } from './ids'
import { adjacency } from './topology'

/**
 * Pure edits of a project document. Each returns a new document and leaves its argument
 * untouched, so the editor's undo history can keep every version it is given.
 */

export function addNode(
  doc: ProjectDocument,
  kindId: string,
  position: Position,
  params: Record<string, unknown> = {},
): { doc: ProjectDocument; nodeId: string } {
  const kind = getLayerKind(kindId)
  if (!kind) throw new Error(`addNode: unknown layer kind ${kindId}`)
  const nodeId = uniqueId(kindId, new Set(doc.nodes.map((node) => node.id)))
  const node: LayerNode = {
    id: nodeId,
    kind: kindId,
    position: { ...position },
    params: { ...defaultParams(kind.params), ...params },
  }
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, nodeId }
}

export function removeElements(doc: ProjectDocument, sel: { nodeIds?: string[]; edgeIds?: string[] }): ProjectDocument {
  const nodeIds = new Set(sel.nodeIds ?? [])
  const edgeIds = new Set(sel.edgeIds ?? [])
  if (nodeIds.size === 0 && edgeIds.size === 0) return doc
  const removedGroups = doc.groups.filter(
    (group) => group.nodeIds.length > 0 && group.nodeIds.every((id) => nodeIds.has(id)),
  )
  const next: ProjectDocument = {
    ...doc,
    nodes: doc.nodes.filter((node) => !nodeIds.has(node.id)),
    edges: doc.edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
    // Groups keep only layers that exist; a group whose last layer is removed goes with it.
    groups: doc.groups.flatMap((group) => {
      if (!group.nodeIds.some((id) => nodeIds.has(id))) return [group]
      const kept = group.nodeIds.filter((id) => !nodeIds.has(id))
      return kept.length > 0 ? [{ ...group, nodeIds: kept }] : []
    }),
  }
  return withoutTranslationsOf(next, { nodeIds, groupIds: removedGroups.map((group) => group.id) })
}

/** The lowest input port of `target` that no edge uses yet (ports beyond the kind's max count too). */
export function firstFreePort(doc: ProjectDocument, target: string): number {
  const used = new Set(doc.edges.filter((edge) => edge.target === target).map((edge) => edge.targetPort))
  let port = 0
  while (used.has(port)) port++
  return port
}

/** Adds an edge. Whether it makes sense is checkConnection's job; this only records it. */
export function connect(
  doc: ProjectDocument,
  c: { source: string; target: string; targetPort?: number },
): { doc: ProjectDocument; edgeId: string } {
  const targetPort = c.targetPort ?? firstFreePort(doc, c.target)
  const edgeId = uniqueId(`e_${c.source}_${c.target}`, new Set(doc.edges.map((edge) => edge.id)))
  const edge: Edge = { id: edgeId, source: c.source, target: c.target, targetPort }
  return { doc: { ...doc, edges: [...doc.edges, edge] }, edgeId }
}

function mapNode(doc: ProjectDocument, nodeId: string, change: (node: LayerNode) => LayerNode): ProjectDocument {
  let found = false
  const nodes = doc.nodes.map((node) => {
    if (node.id !== nodeId) return node
    found = true
    return change(node)
  })
  return found ? { ...doc, nodes } : doc
}

export function setParams(doc: ProjectDocument, nodeId: string, patch: Record<string, unknown>): ProjectDocument {
  return mapNode(doc, nodeId, (node) => ({ ...node, params: { ...node.params, ...patch } }))
}

export function renameNode(doc: ProjectDocument, nodeId: string, name: string | undefined): ProjectDocument {
  const trimmed = name?.trim()
  return mapNode(doc, nodeId, (node) => {
    const { name: _old, ...rest } = node
    return trimmed ? { ...rest, name: trimmed } : rest
  })
}

/** Moves the nodes named in `positions` (own keys only: an id never reads Object.prototype). */
export function moveNodes(doc: ProjectDocument, positions: Record<string, Position>): ProjectDocument {
  if (Object.keys(positions).length === 0) return doc
  return {
    ...doc,
    nodes: doc.nodes.map((node) =>
      Object.hasOwn(positions, node.id) ? { ...node, position: { ...positions[node.id] } } : node,
    ),
  }
}

/**
 * Puts a new layer between `nodeId` and the layer feeding its first input, e.g. a Flatten
 * before a Dense that follows a Conv2D. The new layer sits halfway between the two.
 */
export function insertBefore(
  doc: ProjectDocument,
  nodeId: string,
  kindId: string,
  params: Record<string, unknown> = {},
): { doc: ProjectDocument; nodeId: string } {
  const incoming = adjacency(doc).incoming.get(nodeId) ?? []
  const target = doc.nodes.find((node) => node.id === nodeId)
  if (!target) return { doc, nodeId }
  const edge = incoming[0]
  const source = edge ? doc.nodes.find((node) => node.id === edge.source) : undefined
  const position = source
    ? { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 }
    : { x: target.position.x, y: target.position.y - 100 }
  const added = addNode(doc, kindId, position, params)
  let next = added.doc
  if (edge) {
    next = removeElements(next, { edgeIds: [edge.id] })
    next = connect(next, { source: edge.source, target: added.nodeId, targetPort: 0 }).doc
  }
  next = connect(next, { source: added.nodeId, target: nodeId, targetPort: edge?.targetPort ?? 0 }).doc
  return { doc: next, nodeId: added.nodeId }
}

export function applyFix(doc: ProjectDocument, nodeId: string, fix: FixSuggestion): ProjectDocument {
  switch (fix.type) {
    case 'insertBefore':
      return insertBefore(doc, nodeId, fix.layerKind, fix.params).doc
    case 'setParam':
      return setParams(doc, nodeId, { [fix.param]: fix.value })
  }
}
