import { analyzeGraph, type GraphAnalysis } from '../../../core/shapes/analyze'
import type { LayerNode, ProjectDocument } from '../../../core/document/types'
import { documentStore, useDocumentStore } from './document-store'

/**
 * Shape analysis of the current document, computed once per document object (edits are
 * immutable, so object identity is the cache key) and shared by every reader.
 */
let cached: { doc: ProjectDocument; analysis: GraphAnalysis } | null = null

export function analysisOf(doc: ProjectDocument): GraphAnalysis {
  if (cached?.doc !== doc) cached = { doc, analysis: analyzeGraph(doc) }
  return cached.analysis
}

export const getAnalysis = (): GraphAnalysis => analysisOf(documentStore.getState().doc)

/** Subscribes to a narrow slice of the analysis; pair with useShallow for derived objects. */
export function useAnalysis<T>(selector: (analysis: GraphAnalysis) => T): T {
  return useDocumentStore((state) => selector(analysisOf(state.doc)))
}

export interface DocumentIndex {
  nodeById: Map<string, LayerNode>
  /** For each node, one more than the highest input port in use (0 when nothing is connected). */
  usedPorts: Map<string, number>
}

let indexed: { doc: ProjectDocument; index: DocumentIndex } | null = null

/** O(1) lookups into the current document, rebuilt once per document object. */
export function indexOf(doc: ProjectDocument): DocumentIndex {
  if (indexed?.doc === doc) return indexed.index
  const nodeById = new Map(doc.nodes.map((node) => [node.id, node]))
  const usedPorts = new Map<string, number>()
  for (const edge of doc.edges) usedPorts.set(edge.target, Math.max(usedPorts.get(edge.target) ?? 0, edge.targetPort + 1))
  indexed = { doc, index: { nodeById, usedPorts } }
  return indexed.index
}
