import { appendRun, type RunStatus } from '../../../core/experiments/run-history'
import { applySettings, type SettingEntry } from '../../../core/experiments/settings'
import { expandSweep, parseSweep } from '../../../core/experiments/sweep-spec'
import { commit, documentStore } from '../app/document-store'
import { requestRunWeights, startTraining, stopTraining } from '../training/session'
import { isActive, trainingStore } from '../training/training-store'
import { experimentsStore } from './experiments-store'

/**
 * Records every run the app trains in the project's run history, and drives sweeps: the
 * training session tells this module when a run starts and when it has finished (after its
 * test evaluation); a finished sweep run starts the next one.
 */

interface StartedRun {
  runId: number
  startedAt: Date
  /** The sweep settings of this run, when it belongs to a sweep. */
  sweep?: { id: string; index: number; of: number; settings: SettingEntry[] }
}

let started: StartedRun | null = null
/** The sweep run to attach to the next start (set just before startTraining is called). */
let pendingSweepRun: StartedRun['sweep'] | undefined

/** Called by the session when it sends a run to the worker. */
export function runStarted(runId: number): void {
  started = { runId, startedAt: new Date(), ...(pendingSweepRun ? { sweep: pendingSweepRun } : {}) }
  pendingSweepRun = undefined
}

const STATUS: Record<string, RunStatus | undefined> = { done: 'done', stopped: 'stopped', error: 'failed' }

/** Called by the session when the worker says a run or evaluation has ended. */
export async function runFinished(runId: number, workerStatus: string): Promise<void> {
  const run = started
  if (!run || run.runId !== runId) return
  started = null
  const state = trainingStore.getState()
  const status = STATUS[workerStatus]
  // A run that never trained an epoch (no dataset, a model that does not build) is no run to compare.
  if (status && state.epochs.length > 0 && state.runDocument) {
    const weights = experimentsStore.getState().keepWeights && status !== 'failed' ? await requestRunWeights() : null
    const doc = documentStore.getState().doc
    // The project was replaced meanwhile (Open, New): the run belonged to the old one.
    if (trainingStore.getState().runId === runId) {
      commit({
        ...doc,
        runs: appendRun(doc.runs, {
          startedAt: run.startedAt,
          source: run.sweep ? 'sweep' : 'app',
          status,
          seconds: state.elapsed,
          backend: state.backend?.backend ?? 'unknown',
          training: state.runDocument.training,
          ...(run.sweep
            ? {
                overrides: Object.fromEntries(run.sweep.settings),
                sweep: { id: run.sweep.id, index: run.sweep.index, of: run.sweep.of },
              }
            : {}),
          epochs: state.epochs,
          test: state.evaluation ?? state.done?.test ?? null,
          ...(weights ? { weights } : {}),
        }),
      })
      const id = documentStore.getState().doc.runs?.at(-1)?.id
      if (id) experimentsStore.setState((s) => ({ selected: [...s.selected, id] }))
    }
  }
  if (run.sweep) continueSweep(run.sweep.id)
}

function startSweepRun(): void {
  const sweep = experimentsStore.getState().sweep
  if (!sweep || sweep.state !== 'running') return
  const settings = sweep.combinations[sweep.index]
  const applied = applySettings(documentStore.getState().doc, settings)
  if (!applied.ok) {
    // An edit since the sweep began made this combination invalid: skip it.
    continueSweep(sweep.id, false)
    return
  }
  pendingSweepRun = { id: sweep.id, index: sweep.index, of: sweep.combinations.length, settings }
  startTraining(applied.document)
  if (!isActive(trainingStore.getState().status)) pendingSweepRun = undefined
}

function continueSweep(id: string, recorded = true): void {
  const sweep = experimentsStore.getState().sweep
  if (!sweep || sweep.id !== id) return
  const next = sweep.index + 1
  const count = sweep.recorded + (recorded ? 1 : 0)
  if (sweep.state !== 'running' || next >= sweep.combinations.length) {
    experimentsStore.setState({
      sweep: { ...sweep, recorded: count, state: sweep.state === 'running' ? 'finished' : sweep.state },
    })
    return
  }
  experimentsStore.setState({ sweep: { ...sweep, index: next, recorded: count } })
  // After this message is handled: the worker has ended the previous run.
  setTimeout(startSweepRun, 0)
}

/** Starts a sweep over the current project; returns the error message when the spec is invalid. */
export function startSweep(): string | null {
  const { sweepText, sweepMode, sweepCount } = experimentsStore.getState()
  const state = trainingStore.getState()
  if (isActive(state.status) || state.busy) return null
  const doc = documentStore.getState().doc
  const spec = parseSweep(doc, sweepLines(sweepText), { mode: sweepMode, count: sweepCount })
  if (!spec.ok) return spec.message
  const combinations = expandSweep(spec.value)
  experimentsStore.setState({
    sweep: { id: `sweep-${new Date().toISOString()}`, combinations, index: 0, recorded: 0, state: 'running' },
  })
  startSweepRun()
  return null
}

/** Stops the sweep: the run in progress is stopped (and recorded), no further run starts. */
export function stopSweep(): void {
  const sweep = experimentsStore.getState().sweep
  if (!sweep || sweep.state !== 'running') return
  experimentsStore.setState({ sweep: { ...sweep, state: 'stopped' } })
  stopTraining()
}

/**
 * A replaced document (Open, New, template) ends the sweep and the comparison: its runs belong
 * to the old project. The session forgets the run itself (forgetRun).
 */
export function installExperimentsReset(): void {
  documentStore.subscribe((state, prev) => {
    if (state.replaced === prev.replaced) return
    started = null
    pendingSweepRun = undefined
    const { sweep } = experimentsStore.getState()
    experimentsStore.setState({
      selected: [],
      notice: null,
      sweep: sweep && sweep.state === 'running' ? { ...sweep, state: 'stopped' } : sweep,
    })
  })
}

export const sweepLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
