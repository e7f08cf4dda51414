import type { Edge, ProjectDocument } from '../document/types'

/** Incoming and outgoing edges per node; incoming sorted by port so inputs keep their order. */
export interface Adjacency {
  incoming: Map<string, Edge[]>
  outgoing: Map<string, Edge[]>
}

export function adjacency(doc: ProjectDocument): Adjacency {
  const incoming = new Map<string, Edge[]>()
  const outgoing = new Map<string, Edge[]>()
  for (const node of doc.nodes) {
    incoming.set(node.id, [])
    outgoing.set(node.id, [])
  }
  for (const edge of doc.edges) {
    incoming.get(edge.target)?.push(edge)
    outgoing.get(edge.source)?.push(edge)
  }
  for (const list of incoming.values()) {
    list.sort((a, b) => a.targetPort - b.targetPort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
  return { incoming, outgoing }
}

/**
 * Kahn's algorithm. Returns the nodes in an order where every edge points forward, and the
 * nodes that could not be ordered because they sit on (or behind) a cycle.
 */
export function topologicalOrder(
  doc: ProjectDocument,
  adj: Adjacency = adjacency(doc),
): { order: string[]; cyclic: string[] } {
  const indegree = new Map<string, number>()
  for (const node of doc.nodes) indegree.set(node.id, adj.incoming.get(node.id)?.length ?? 0)
  // Seed in document order so the result is deterministic.
  const queue = doc.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id)
  const order: string[] = []
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]
    order.push(id)
    for (const edge of adj.outgoing.get(id) ?? []) {
      const left = (indegree.get(edge.target) ?? 0) - 1
      indegree.set(edge.target, left)
      if (left === 0) queue.push(edge.target)
    }
  }
  const placed = new Set(order)
  return { order, cyclic: doc.nodes.filter((node) => !placed.has(node.id)).map((node) => node.id) }
}

/** Every node reachable from `start` by following edges forward (including `start`). */
export function reachableFrom(start: Iterable<string>, adj: Adjacency): Set<string> {
  const seen = new Set<string>()
  const stack = [...start]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (seen.has(id)) continue
    seen.add(id)
    for (const edge of adj.outgoing.get(id) ?? []) stack.push(edge.target)
  }
  return seen
}
