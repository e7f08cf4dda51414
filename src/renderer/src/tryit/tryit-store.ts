import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { ProjectDocument } from '../../../core/document/types'
import type { TryItOutcome } from '../../../core/tryit/run'
import type { TryItSpec } from '../../../core/tryit/spec'
import { documentStore } from '../app/document-store'
import { userFilesFor } from '../data/sources'
import { documentForExport, effectiveWeightsSource, weightsChoices, type WeightsSource } from '../export/weights-source'
import { requestRunWeights, requestTryIt } from '../training/session'
import { trainingStore } from '../training/training-store'
import type { ExportProblem, TryItAction } from '../worker/protocol'

/**
 * The Try-it panel's state (never part of the document or undo): the model prepared in the
 * worker — for which document and weights — and the last answer.
 */
export interface TryItState {
  spec: TryItSpec | null
  weights: WeightsSource | null
  /** What the prepared model was built from: the document object and the run. */
  preparedFor: { doc: ProjectDocument; runId: number; finishedAt: number | null } | null
  pending: boolean
  outcome: TryItOutcome | null
  error: { kind: 'busy' | 'problems' | 'failed'; message: string; problems?: ExportProblem[] } | null
}

export const tryItStore = createStore<TryItState>()(() => ({
  spec: null,
  weights: null,
  preparedFor: null,
  pending: false,
  outcome: null,
  error: null,
}))
export const useTryIt = <T>(selector: (state: TryItState) => T): T => useStore(tryItStore, selector)

/** Is the prepared model still the one to try (same document, same run)? */
export function isCurrent(): boolean {
  const { preparedFor } = tryItStore.getState()
  const run = trainingStore.getState()
  if (preparedFor === null || preparedFor.doc !== documentStore.getState().doc) return false
  return preparedFor.runId === run.runId && preparedFor.finishedAt === run.finishedAt
}

/**
 * Builds the model to try in the worker, with the current weights: the latest run's when
 * there is one, else the project's saved ones, else fresh (the panel says which).
 */
export async function prepareTryIt(): Promise<void> {
  const doc = documentStore.getState().doc
  const run = trainingStore.getState()
  tryItStore.setState({ pending: true, error: null, outcome: null })
  try {
    const source = effectiveWeightsSource(weightsChoices(run, doc), null)
    const runWeights = source === 'run' ? await requestRunWeights() : null
    const weights = source === 'run' && !runWeights ? (doc.trained ? 'project' : 'initial') : source
    const document = documentForExport(doc, weights, runWeights)
    const userFiles = userFilesFor(doc.training.dataset)
    const baseUrl = window.document.baseURI
    const answer = await requestTryIt({ kind: 'prepare', document, baseUrl, userFiles, backend: run.backendPreference })
    const preparedFor = { doc, runId: run.runId, finishedAt: run.finishedAt }
    if (answer.ok) tryItStore.setState({ spec: answer.spec, weights, preparedFor, pending: false })
    else {
      const kind = answer.reason === 'notPrepared' ? 'failed' : answer.reason
      tryItStore.setState({
        spec: null,
        preparedFor,
        pending: false,
        error: { kind, message: answer.message, problems: answer.problems },
      })
    }
  } catch (error) {
    tryItStore.setState({ spec: null, pending: false, error: { kind: 'failed', message: (error as Error).message } })
  }
}

/** The input waiting while another runs (only the latest counts: sliders fire many events). */
let queued: Exclude<TryItAction, { kind: 'prepare' }> | null = null
let running = false

/** Runs one input through the prepared model (preparing it again first when the project or run changed). */
export async function tryInput(action: Exclude<TryItAction, { kind: 'prepare' }>): Promise<void> {
  queued = action
  if (running) return
  running = true
  try {
    while (queued) {
      const next = queued
      queued = null
      if (!isCurrent()) await prepareTryIt()
      if (!tryItStore.getState().spec) return
      tryItStore.setState({ pending: true, error: null })
      const answer = await requestTryIt(next)
      if (answer.ok) tryItStore.setState({ pending: false, outcome: answer.outcome })
      else {
        const kind = answer.reason === 'busy' ? 'busy' : 'failed'
        tryItStore.setState({ pending: false, error: { kind, message: answer.message } })
      }
    }
  } finally {
    running = false
  }
}
