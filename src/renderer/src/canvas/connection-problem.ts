import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import {
  applyConnectionFix,
  connectionFixes,
  type Connection,
  type ConnectionFix,
} from '../../../core/shapes/connection-fixes'
import type { Diagnostic } from '../../../core/shapes/diagnostic'
import { commit, documentStore } from '../app/document-store'
import { select } from '../app/ui-store'

/**
 * A refused connection, explained beside its target layer until the user closes it or applies
 * one of the offered fixes (a toast vanished before it was read, and offered nothing).
 * Not part of the document and never in undo.
 */
export interface ConnectionProblem {
  connection: Connection
  diagnostic: Diagnostic
  fixes: ConnectionFix[]
}

export const connectionProblemStore = createStore<{ problem: ConnectionProblem | null }>()(() => ({ problem: null }))

export const useConnectionProblem = (): ConnectionProblem | null => useStore(connectionProblemStore, (s) => s.problem)

/** Loops, a full input or wiring into an Input have no layer to insert: no fixes are looked for. */
const STRUCTURAL = new Set(['selfLoop', 'inputHasNoInputs', 'duplicateEdge', 'inputFull', 'wouldCycle', 'unknownKind'])

export function showConnectionProblem(connection: Connection, diagnostic: Diagnostic): void {
  const fixes = STRUCTURAL.has(diagnostic.code) ? [] : connectionFixes(documentStore.getState().doc, connection)
  connectionProblemStore.setState({ problem: { connection, diagnostic, fixes } })
}

export function dismissConnectionProblem(): void {
  connectionProblemStore.setState({ problem: null })
}

/** Applies a fix and makes the connection (one undo step), then selects what was inserted or changed. */
export function applyConnectionProblemFix(fix: ConnectionFix): void {
  const problem = connectionProblemStore.getState().problem
  if (!problem) return
  const applied = applyConnectionFix(documentStore.getState().doc, problem.connection, fix)
  commit(applied.doc)
  dismissConnectionProblem()
  select([applied.nodeId ?? (fix.type === 'changeInput' ? fix.nodeId : problem.connection.target)])
}

// The problem is about two layers of this document: it goes when either layer does (delete,
// undo) or when another document replaces this one.
documentStore.subscribe((state, prev) => {
  const problem = connectionProblemStore.getState().problem
  if (!problem) return
  const ids = new Set(state.doc.nodes.map((n) => n.id))
  if (state.replaced !== prev.replaced || !ids.has(problem.connection.source) || !ids.has(problem.connection.target))
    dismissConnectionProblem()
})
