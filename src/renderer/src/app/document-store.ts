import { temporal } from 'zundo'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { DatasetFitInfo } from '../../../core/data/fit'
import { emptyDocument, type ProjectDocument } from '../../../core/document/types'

/**
 * The project document, the one source of truth of the editor, with its undo history.
 *
 * History holds only `doc` (partialize) and records a step only when the document object
 * changes (equality), so bookkeeping such as `savedDoc` never creates an undo entry. Core
 * edits are pure, so every history entry is simply an older document object.
 *
 * One user gesture = one entry: a node drag reaches the document once, on drag stop (React
 * Flow keeps the live positions while dragging); typing in a field or nudging with arrow keys
 * is coalesced by `commit(…, { coalesce })` into the entry of the first change.
 */
export interface DocumentState {
  doc: ProjectDocument
  /** The document as last opened or saved: `doc !== savedDoc` means unsaved changes. */
  savedDoc: ProjectDocument
  /**
   * Bumped each time the whole document is replaced (New, Open, template, import, draft
   * restore) but not by edits or undo: what belongs to one project (its training run, results,
   * previews) listens for it and clears itself.
   */
  replaced: number
  /**
   * What the dataset-fit check knows about the chosen dataset (data/dataset-state.ts sets it),
   * an input of the analysis (analysis.ts) beside `doc`. Not part of the history: a dataset
   * finishing loading is not an undo step.
   */
  datasetFit: DatasetFit | null
}

/** What the fit check knows about a dataset, and which dataset config (analysis.ts' datasetKey) it belongs to. */
export interface DatasetFit {
  key: string
  info: DatasetFitInfo
}

export const HISTORY_LIMIT = 200
/** Edits with the same coalesce key closer together than this become one undo entry. */
const COALESCE_MS = 1200

export const documentStore = createStore<DocumentState>()(
  temporal(
    (): DocumentState => {
      const doc = emptyDocument()
      return { doc, savedDoc: doc, replaced: 0, datasetFit: null }
    },
    {
      partialize: (state) => ({ doc: state.doc }),
      equality: (past, current) => past.doc === current.doc,
      limit: HISTORY_LIMIT,
    },
  ),
)

export const historyStore = documentStore.temporal

let lastCoalesce: { key: string; at: number } | null = null

/**
 * Applies an edit to the document. With `coalesce`, a run of edits sharing the key (typing
 * "128" into Units, holding an arrow key) stays one undo step.
 */
export function commit(next: ProjectDocument, options: { coalesce?: string } = {}): void {
  const { doc } = documentStore.getState()
  if (next === doc) return
  const now = Date.now()
  const merge =
    options.coalesce !== undefined &&
    lastCoalesce !== null &&
    lastCoalesce.key === options.coalesce &&
    now - lastCoalesce.at < COALESCE_MS &&
    historyStore.getState().pastStates.length > 0
  lastCoalesce = options.coalesce === undefined ? null : { key: options.coalesce, at: now }
  if (merge) {
    historyStore.getState().pause()
    documentStore.setState({ doc: next })
    historyStore.getState().resume()
  } else {
    documentStore.setState({ doc: next })
  }
}

/** Replaces the whole document (new, open, template): clean history, nothing unsaved. */
export function replaceDocument(doc: ProjectDocument): void {
  lastCoalesce = null
  historyStore.getState().pause()
  documentStore.setState((state) => ({ doc, savedDoc: doc, replaced: state.replaced + 1 }))
  historyStore.getState().resume()
  historyStore.getState().clear()
}

export function undo(): void {
  lastCoalesce = null
  historyStore.getState().undo()
}

export function redo(): void {
  lastCoalesce = null
  historyStore.getState().redo()
}

export function useDocumentStore<T>(selector: (state: DocumentState) => T): T {
  return useStore(documentStore, selector)
}

export const useDoc = (): ProjectDocument => useDocumentStore((state) => state.doc)
export const useDirty = (): boolean => useDocumentStore((state) => state.doc !== state.savedDoc)

export function useCanUndo(): boolean {
  return useStore(historyStore, (state) => state.pastStates.length > 0)
}
export function useCanRedo(): boolean {
  return useStore(historyStore, (state) => state.futureStates.length > 0)
}
