import { checkDatasetFit } from '../../../core/data/fit'
import { analyzeGraph, type GraphAnalysis, type NodeAnalysis } from '../../../core/shapes/analyze'
import type { LayerNode, ProjectDocument } from '../../../core/document/types'
import type { Diagnostic } from '../../../core/shapes/diagnostic'
import type { TrainingConfig } from '../../../core/training/config'
import { documentStore, type DatasetFit } from './document-store'

/**
 * Shape analysis of the current document, computed once per document object (edits are
 * immutable, so object identity is the cache key) and shared by every reader.
 *
 * When the chosen dataset is known (the store's `datasetFit`, set by data/dataset-state.ts), the
 * dataset-fit check (core/data/fit.ts) is merged in: the Input and output nodes then carry "does
 * not fit the data" diagnostics with their one-click fixes, like any shape problem.
 */
let cached: { doc: ProjectDocument; analysis: GraphAnalysis } | null = null

function shapeAnalysisOf(doc: ProjectDocument): GraphAnalysis {
  if (cached?.doc !== doc) cached = { doc, analysis: analyzeGraph(doc) }
  return cached.analysis
}

let merged: { doc: ProjectDocument; fit: DatasetFit; analysis: GraphAnalysis } | null = null
const keys = new WeakMap<object, string>()

/** A stable key of a dataset choice (id + options); cached per config object, so it is cheap. */
export function datasetKey(config: TrainingConfig['dataset']): string {
  let key = keys.get(config)
  if (key === undefined) {
    key = JSON.stringify([config.id, config.options ?? {}])
    keys.set(config, key)
  }
  return key
}

/**
 * Sets (or clears) what is known about the chosen dataset: a store input, so every reader of the
 * analysis (they select from the document store) sees it; the history records documents only.
 */
export function setDatasetFit(fit: DatasetFit | null): void {
  if (fit === documentStore.getState().datasetFit) return
  documentStore.setState({ datasetFit: fit })
}

function mergeDiagnostics(analysis: GraphAnalysis, extra: Diagnostic[]): GraphAnalysis {
  if (extra.length === 0) return analysis
  const nodes: Record<string, NodeAnalysis> = { ...analysis.nodes }
  for (const d of extra) {
    if (d.nodeId && nodes[d.nodeId])
      nodes[d.nodeId] = { ...nodes[d.nodeId], diagnostics: [...nodes[d.nodeId].diagnostics, d] }
  }
  return { ...analysis, nodes, diagnostics: [...analysis.diagnostics, ...extra] }
}

/**
 * The analysis of `doc` with the dataset-fit diagnostics of `fit` merged in. Selectors pass
 * both from the state they are given (`analysisOf(s.doc, s.datasetFit)`); the default reads the
 * store's current value, for callers outside a selector.
 */
export function analysisOf(
  doc: ProjectDocument,
  fit: DatasetFit | null = documentStore.getState().datasetFit,
): GraphAnalysis {
  const shapes = shapeAnalysisOf(doc)
  if (!fit || fit.key !== datasetKey(doc.training.dataset)) return shapes
  if (merged?.doc !== doc || merged.fit !== fit) {
    merged = { doc, fit, analysis: mergeDiagnostics(shapes, checkDatasetFit(fit.info, doc, shapes)) }
  }
  return merged.analysis
}

export const getAnalysis = (): GraphAnalysis => analysisOf(documentStore.getState().doc)

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
  for (const edge of doc.edges)
    usedPorts.set(edge.target, Math.max(usedPorts.get(edge.target) ?? 0, edge.targetPort + 1))
  indexed = { doc, index: { nodeById, usedPorts } }
  return indexed.index
}
