import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { moveNodes } from '../../../core/graph/edits'
import type { Position, ProjectDocument } from '../../../core/document/types'
import { analysisOf } from '../app/analysis'
import { commit, documentStore, useDoc } from '../app/document-store'
import { select, uiStore, useUi } from '../app/ui-store'
import { reconcileEdges, reconcileNodes, type LayerFlowNode, type ShapeFlowEdge } from './adapters'

/** Layers with an error get a class on React Flow's wrapper (raised above neighbours). */
function errorNodeIds(doc: ProjectDocument): Set<string> {
  const ids = new Set<string>()
  for (const d of analysisOf(doc).diagnostics) if (d.severity === 'error' && d.nodeId) ids.add(d.nodeId)
  return ids
}

/**
 * React Flow's nodes and edges as a view of the document. Live drag positions stay local (so a
 * drag is smooth and the document is untouched until it ends); a finished drag or an arrow-key
 * nudge is written to the document as one edit. Selection lives in the UI store.
 */
export function useFlowElements() {
  const doc = useDoc()
  const selectedNodeIds = useUi((s) => s.selectedNodeIds)
  const selectedEdgeIds = useUi((s) => s.selectedEdgeIds)
  const nodeSelection = useMemo(() => new Set(selectedNodeIds), [selectedNodeIds])
  const edgeSelection = useMemo(() => new Set(selectedEdgeIds), [selectedEdgeIds])
  const erroneous = useMemo(() => errorNodeIds(doc), [doc])

  const nodesRef = useRef<LayerFlowNode[]>([])
  const edgesRef = useRef<ShapeFlowEdge[]>([])
  const [nodes, setNodes] = useState<LayerFlowNode[]>([])
  const [edges, setEdges] = useState<ShapeFlowEdge[]>([])
  const draggingRef = useRef(false)
  const onNodeDragStart = useCallback(() => {
    draggingRef.current = true
  }, [])
  const onNodeDragStop = useCallback(() => {
    draggingRef.current = false
  }, [])

  useLayoutEffect(() => {
    nodesRef.current = reconcileNodes(nodesRef.current, doc.nodes, nodeSelection, erroneous)
    setNodes(nodesRef.current)
  }, [doc.nodes, nodeSelection, erroneous])

  useLayoutEffect(() => {
    edgesRef.current = reconcileEdges(edgesRef.current, doc.edges, edgeSelection)
    setEdges(edgesRef.current)
  }, [doc.edges, edgeSelection])

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    // Removal goes through the edit.delete command (one undoable edit), never React Flow alone.
    const kept = changes.filter((change) => change.type !== 'remove')
    nodesRef.current = applyNodeChanges(kept, nodesRef.current)
    setNodes(nodesRef.current)

    const finished: Record<string, Position> = {}
    for (const change of kept) {
      if (change.type === 'position' && !change.dragging && change.position) finished[change.id] = change.position
    }
    if (Object.keys(finished).length > 0) {
      // The last change of a mouse drag arrives before onNodeDragStop: one drag, one entry.
      // Arrow-key nudges come without a drag: a run of them is coalesced into one entry.
      const nudge = !draggingRef.current
      commit(moveNodes(documentStore.getState().doc, finished), nudge ? { coalesce: 'nudge' } : {})
    }
    if (kept.some((change) => change.type === 'select')) {
      select(
        nodesRef.current.filter((node) => node.selected).map((node) => node.id),
        uiStore.getState().selectedEdgeIds,
      )
    }
  }, [])

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const kept = changes.filter((change) => change.type === 'select')
    if (kept.length === 0) return
    edgesRef.current = applyEdgeChanges(kept, edgesRef.current)
    setEdges(edgesRef.current)
    select(
      uiStore.getState().selectedNodeIds,
      edgesRef.current.filter((edge) => edge.selected).map((edge) => edge.id),
    )
  }, [])

  return { nodes, edges, onNodesChange, onEdgesChange, onNodeDragStart, onNodeDragStop }
}
