import {
  Background,
  ControlButton,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  SelectionMode,
  type NodeMouseHandler,
  type OnNodeDrag,
  type ReactFlowInstance,
  useUpdateNodeInternals,
} from '@xyflow/react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { getLayerKind } from '../../../core/layers/registry'
import { indexOf } from '../app/analysis'
import { documentStore, useDocumentStore } from '../app/document-store'
import { fitWhole, setFlow } from '../app/flow-bridge'
import { toggleGroupCollapsed } from '../app/groups'
import { selectGroup, useUi } from '../app/ui-store'
import { IS_MAC } from '../app/accelerators'
import type { ShapeFlowEdge } from './adapters'
import { groupIdOfFlowNode, type CanvasNode } from './group-elements'
import { GroupCollapsedNode, GroupFrame } from './GroupNodes'
import { Icon } from '../panels/icons'
import { ariaLabels } from './aria-labels'
import { ConnectionProblemCard } from './ConnectionProblemCard'
import { LayerNode } from './LayerNode'
import { ShapeEdge } from './ShapeEdge'
import { useConnections } from './useConnections'
import { useDropLayer } from './useDropLayer'
import { useFlowElements } from './useFlowElements'

// Module level: React Flow warns (error 002) when these objects change between renders.
const nodeTypes = { layer: LayerNode, groupFrame: GroupFrame, groupCollapsed: GroupCollapsedNode }
const edgeTypes = { shape: ShapeEdge }
/** Figma/tldraw navigation: drag on empty canvas = box select; middle/right drag, Space+drag, wheel = pan. */
const PAN_BUTTONS = [1, 2]
const MULTI_SELECT_KEYS = ['Shift', IS_MAC ? 'Meta' : 'Control']
/**
 * Small, so it covers little of the canvas; the readable fit (app/flow-bridge.ts) also keeps the
 * content out from under it. View → Toggle Minimap hides it.
 */
const MINIMAP_STYLE = { width: 150, height: 100 }

function minimapColor(node: CanvasNode): string {
  if (node.type === 'groupFrame') return 'transparent'
  if (node.type === 'groupCollapsed') return 'var(--text-faint)'
  const layer = indexOf(documentStore.getState().doc).nodeById.get(node.id)
  const category = (layer && getLayerKind(layer.kind)?.category) ?? 'core'
  return `var(--cat-${category})`
}

export function Canvas() {
  const { t, i18n } = useTranslation()
  const theme = useUi((s) => s.theme)
  const minimap = useUi((s) => s.minimap)
  const layoutDirection = useUi((s) => s.layoutDirection)
  const updateNodeInternals = useUpdateNodeInternals()
  const empty = useDocumentStore((s) => s.doc.nodes.length === 0)
  const wrapper = useRef<HTMLDivElement>(null)
  const { nodes, edges, onNodesChange, onEdgesChange, onNodeDragStart, onNodeDragStop } = useFlowElements()
  const { isValidConnection, onConnect, onConnectEnd } = useConnections()
  const { onDragOver, onDrop } = useDropLayer()
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the language changes
  const labels = useMemo(() => ariaLabels(t), [t, i18n.language])

  const onInit = useCallback((instance: ReactFlowInstance<CanvasNode, ShapeFlowEdge>) => {
    setFlow(instance as unknown as ReactFlowInstance, wrapper.current)
  }, [])
  useEffect(() => () => setFlow(null, null), [])
  // The handles moved to other sides: React Flow re-measures them once for all nodes (the edges
  // are then drawn between the new sides).
  const directionSeen = useRef(layoutDirection)
  useEffect(() => {
    if (directionSeen.current === layoutDirection) return
    directionSeen.current = layoutDirection
    updateNodeInternals(nodes.map((node) => node.id))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the direction changes
  }, [layoutDirection, updateNodeInternals])
  // Frames and collapsed groups are not React Flow-selectable (box selection must not pick
  // them up); a click or a drag on one selects the group, i.e. its layers.
  const selectGroupOf = useCallback((node: CanvasNode) => {
    const groupId = groupIdOfFlowNode(node.id)
    const group = groupId ? documentStore.getState().doc.groups.find((g) => g.id === groupId) : undefined
    if (group) selectGroup(group.id, group.nodeIds)
  }, [])
  const onNodeClick = useCallback<NodeMouseHandler<CanvasNode>>((_event, node) => selectGroupOf(node), [selectGroupOf])
  const onNodeDoubleClick = useCallback<NodeMouseHandler<CanvasNode>>((_event, node) => {
    const groupId = groupIdOfFlowNode(node.id)
    if (groupId && node.type === 'groupCollapsed') toggleGroupCollapsed(groupId)
  }, [])
  const onDragStart = useCallback<OnNodeDrag<CanvasNode>>(
    (_event, node) => {
      onNodeDragStart()
      selectGroupOf(node)
    },
    [onNodeDragStart, selectGroupOf],
  )
  const preventMenu = useCallback((event: React.MouseEvent | MouseEvent) => event.preventDefault(), [])

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStart={onDragStart}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onInit={onInit}
        onPaneContextMenu={preventMenu}
        colorMode={theme}
        ariaLabelConfig={labels}
        deleteKeyCode={null}
        selectionOnDrag
        selectionMode={SelectionMode.Partial}
        panOnDrag={PAN_BUTTONS}
        panOnScroll
        zoomOnPinch
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        minZoom={0.1}
        maxZoom={2.5}
        connectionRadius={28}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        {/* Our own fit button: the same whole-graph fit as View → Fit View, clear of the minimap. */}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton
            className="react-flow__controls-fitview"
            onClick={fitWhole}
            title={t('aria.fitView')}
            aria-label={t('aria.fitView')}
          >
            <Icon name="fit" size={14} />
          </ControlButton>
        </Controls>
        {minimap && (
          <MiniMap<CanvasNode> pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} style={MINIMAP_STYLE} />
        )}
        <Panel position="top-right" className="canvas-hint" title={t('canvas.navigationHelp')}>
          <Icon name="info" size={13} /> {t('canvas.navigation')}
        </Panel>
        <ConnectionProblemCard />
        {empty && (
          <Panel position="top-center" className="canvas-empty">
            {t('canvas.empty')}
          </Panel>
        )}
      </ReactFlow>
    </div>
  )
}
