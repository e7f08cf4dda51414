import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { moveNodes } from '../../../core/graph/edits'
import type { Position } from '../../../core/document/types'
import type { GraphAnalysis } from '../../../core/shapes/analyze'
import { analysisOf } from '../app/analysis'
import { commit, documentStore, useDoc, useDocumentStore } from '../app/document-store'
import { select, uiStore, useUi } from '../app/ui-store'
import { reconcileEdges, reconcileNodes, type LayerFlowNode, type ShapeFlowEdge } from './adapters'
import {
  collapsedMembership,
  composeNodes,
  groupIdOfFlowNode,
  reconcileGroupNodes,
  routeEdges,
  type CanvasNode,
  type GroupFlowNode,
} from './group-elements'

/** Layers with an error get a class on React Flow's wrapper (raised above neighbours). */
function errorNodeIds(analysis: GraphAnalysis): Set<string> {
  const ids = new Set<string>()
  for (const d of analysis.diagnostics) if (d.severity === 'error' && d.nodeId) ids.add(d.nodeId)
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
  const selectedGroupId = useUi((s) => s.selectedGroupId)
  // The analysis, not the document: the dataset-fit check can add errors without an edit.
  const analysis = useDocumentStore((s) => analysisOf(s.doc, s.datasetFit))
  const erroneous = useMemo(() => errorNodeIds(analysis), [analysis])

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

  // Groups: frames and collapsed nodes follow the layers' live positions (see group-elements.ts).
  const groupNodesRef = useRef<GroupFlowNode[]>([])
  const [groupNodes, setGroupNodes] = useState<GroupFlowNode[]>([])
  useLayoutEffect(() => {
    groupNodesRef.current = reconcileGroupNodes(groupNodesRef.current, doc.groups, nodes, selectedGroupId)
    setGroupNodes(groupNodesRef.current)
  }, [doc.groups, nodes, selectedGroupId])
  const collapsed = useMemo(() => collapsedMembership(doc.groups), [doc.groups])
  const shownNodes = useMemo(() => composeNodes(groupNodes, nodes, collapsed), [groupNodes, nodes, collapsed])
  const shownEdges = useMemo(() => routeEdges(edges, collapsed), [edges, collapsed])

  const onNodesChange = useCallback((all: NodeChange<CanvasNode>[]) => {
    // Changes of frames and collapsed nodes: sizes are kept; a move drags the group's layers.
    const groupChanges = all.filter((change) => 'id' in change && groupIdOfFlowNode(change.id) !== null)
    const changes = (
      groupChanges.length === 0 ? all : all.filter((change) => !groupChanges.includes(change))
    ) as NodeChange<LayerFlowNode>[]
    if (groupChanges.length > 0) {
      const docGroups = documentStore.getState().doc.groups
      for (const change of groupChanges) {
        if (change.type !== 'position' || !change.position) continue
        const old = groupNodesRef.current.find((node) => node.id === change.id)
        const group = docGroups.find((g) => g.id === groupIdOfFlowNode(change.id))
        if (!old || !group) continue
        const dx = change.position.x - old.position.x
        const dy = change.position.y - old.position.y
        for (const id of group.nodeIds) {
          if (changes.some((c) => c.type === 'position' && c.id === id)) continue
          const member = nodesRef.current.find((node) => node.id === id)
          if (member)
            changes.push({
              type: 'position',
              id,
              dragging: change.dragging,
              position: { x: member.position.x + dx, y: member.position.y + dy },
            })
        }
      }
      const keptGroupChanges = groupChanges.filter((change) => change.type !== 'remove' && change.type !== 'select')
      groupNodesRef.current = applyNodeChanges(keptGroupChanges as NodeChange<GroupFlowNode>[], groupNodesRef.current)
      setGroupNodes(groupNodesRef.current)
    }
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

  return { nodes: shownNodes, edges: shownEdges, onNodesChange, onEdgesChange, onNodeDragStart, onNodeDragStop }
}
