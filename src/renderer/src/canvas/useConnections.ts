import type { Connection, FinalConnectionState, IsValidConnection, OnConnect, OnConnectEnd } from '@xyflow/react'
import { useCallback } from 'react'
import { connect } from '../../../core/graph/edits'
import { checkConnection } from '../../../core/shapes/check-connection'
import { commit, documentStore } from '../app/document-store'
import { portOfHandle, type ShapeFlowEdge } from './adapters'
import { dismissConnectionProblem, showConnectionProblem } from './connection-problem'

/**
 * Wiring rules come from the core: `checkConnection` decides while dragging (silently), and on
 * an attempted drop that it refuses, the reason and its fixes are shown beside the target
 * layer (ConnectionProblemCard) until closed. Dropping a wire on
 * a node's body connects it to the first free input when that is allowed.
 */
function pointOf(event: MouseEvent | TouchEvent): { x: number; y: number } {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event
  return { x: point.clientX, y: point.clientY }
}

function nodeIdAt(point: { x: number; y: number }): string | null {
  const element = document.elementFromPoint(point.x, point.y)
  return element?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null
}

function tryConnect(c: { source: string; target: string; targetPort?: number }): boolean {
  const doc = documentStore.getState().doc
  const check = checkConnection(doc, c)
  if (!check.ok) {
    // Explained beside the target layer, with the fixes that work, until the user closes it.
    showConnectionProblem(c, check.diagnostic)
    return false
  }
  dismissConnectionProblem()
  commit(connect(doc, { ...c, targetPort: check.targetPort }).doc)
  return true
}

export function useConnections() {
  const isValidConnection = useCallback<IsValidConnection<ShapeFlowEdge>>((c) => {
    if (!c.source || !c.target) return false
    return checkConnection(documentStore.getState().doc, {
      source: c.source,
      target: c.target,
      targetPort: portOfHandle(c.targetHandle),
    }).ok
  }, [])

  const onConnect = useCallback<OnConnect>((c: Connection) => {
    tryConnect({ source: c.source, target: c.target, targetPort: portOfHandle(c.targetHandle) })
  }, [])

  const onConnectEnd = useCallback<OnConnectEnd>((event, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode || !state.fromHandle) return
    const at = pointOf(event)
    const fromSource = state.fromHandle.type === 'source'
    const other = state.toNode?.id ?? nodeIdAt(at)
    if (!other) return // dropped on empty canvas: nothing was attempted
    if (other === state.fromNode.id && !state.toHandle) return
    const port = state.toHandle ? portOfHandle(state.toHandle.id) : undefined
    if (fromSource) tryConnect({ source: state.fromNode.id, target: other, targetPort: port })
    else tryConnect({ source: other, target: state.fromNode.id, targetPort: portOfHandle(state.fromHandle.id) })
  }, [])

  return { isValidConnection, onConnect, onConnectEnd }
}
