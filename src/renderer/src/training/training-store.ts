import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { ProjectDocument } from '../../../core/document/types'
import type { LocalText } from '../../../core/i18n/text'
import type { Evaluation } from '../../../core/training/evaluate'
import type { BatchEvent, DoneEvent, EpochEvent, TrainingErrorCode, WarningEvent } from '../../../core/training/events'
import type { SkipReason } from '../../../core/training/weights'
import { setSmoothing } from './series'
import { clampSmoothing, DEFAULT_SMOOTHING } from './smoothing'
import type {
  BackendInfo,
  BackendPreference,
  DatasetSummary,
  FailureCode,
  GallerySamples,
  Phase,
} from '../worker/protocol'

/**
 * The training workspace's state: the dock layout and the current run as the worker reports
 * it. Not part of the document and never in undo. Per-batch chart points live in series.ts,
 * outside React, so a batch event re-renders only the few numbers that show it.
 */

export type DockTab = 'train' | 'data' | 'results' | 'runs' | 'tryit'

/** What the UI shows for the run. 'starting' covers backend, data and compile. */
export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopped' | 'done' | 'error'

export interface RunError {
  code: TrainingErrorCode | FailureCode | 'worker'
  /** The English sentence from the core or the worker (details such as shapes). */
  message: string
  local?: LocalText
  suggestion?: string
  /** The suggestion in both languages, when the core gives it (shape mismatches). */
  localSuggestion?: LocalText
  epoch?: number
  batch?: number
  restored?: boolean
  /** The learning rate when it happened (for the NaN advice). */
  learningRate?: number
}

export interface MemoryReading {
  epoch: number
  numTensors: number
  numBytes: number
}

export interface TrainingState {
  dockOpen: boolean
  tab: DockTab
  dockHeight: number
  backendPreference: BackendPreference
  /** The smoothing weight of the per-batch charts (0–0.99; a preference, not part of a run). */
  smoothing: number
  useSavedWeights: boolean

  runId: number
  status: RunStatus
  phase: Phase | null
  /** A start/evaluate message is being handled by the worker. */
  busy: boolean
  backend: BackendInfo | null
  dataset: DatasetSummary | null
  /** Total epochs of the run (from its config). */
  epochsPlanned: number
  last: BatchEvent | null
  epochs: EpochEvent[]
  done: DoneEvent | null
  error: RunError | null
  warnings: WarningEvent[]
  memory: MemoryReading[]
  evaluation: Evaluation | null
  samples: GallerySamples | null
  savedWeights: { restored: string[]; skipped: { nodeId: string; reason: SkipReason }[] } | null
  /** The worker holds a trained (or loaded) model whose weights can be kept. */
  hasModel: boolean
  /** The document the run trained (to tell whether the graph changed since). */
  runDocument: ProjectDocument | null
  /** Set when the user kept this run's weights with the project. */
  keptRunId: number | null
  startedAt: number | null
  finishedAt: number | null
  /** Seconds from start to the latest report (or to the end). */
  elapsed: number
}

const DOCK_KEY = 'layercanvas.trainingDock'

function loadDock(): Pick<TrainingState, 'dockHeight' | 'backendPreference' | 'smoothing'> {
  try {
    const saved = JSON.parse(localStorage.getItem(DOCK_KEY) ?? '{}') as Partial<TrainingState>
    return {
      dockHeight: typeof saved.dockHeight === 'number' ? saved.dockHeight : 360,
      backendPreference:
        saved.backendPreference === 'cpu' || saved.backendPreference === 'webgl' ? saved.backendPreference : 'auto',
      smoothing: typeof saved.smoothing === 'number' ? clampSmoothing(saved.smoothing) : DEFAULT_SMOOTHING,
    }
  } catch {
    return { dockHeight: 360, backendPreference: 'auto', smoothing: DEFAULT_SMOOTHING }
  }
}

export const runDefaults = (): Omit<
  TrainingState,
  'dockOpen' | 'tab' | 'dockHeight' | 'backendPreference' | 'smoothing' | 'useSavedWeights' | 'runId' | 'hasModel'
> => ({
  status: 'idle',
  phase: null,
  busy: false,
  backend: null,
  dataset: null,
  epochsPlanned: 0,
  last: null,
  epochs: [],
  done: null,
  error: null,
  warnings: [],
  memory: [],
  evaluation: null,
  samples: null,
  savedWeights: null,
  runDocument: null,
  keptRunId: null,
  startedAt: null,
  finishedAt: null,
  elapsed: 0,
})

export const trainingStore = createStore<TrainingState>()(() => ({
  dockOpen: false,
  tab: 'train',
  ...loadDock(),
  useSavedWeights: true,
  runId: 0,
  hasModel: false,
  ...runDefaults(),
}))

// The charts' smoothing follows the stored preference (series.ts recomputes the lines).
setSmoothing(trainingStore.getState().smoothing)

trainingStore.subscribe((state, prev) => {
  if (state.smoothing !== prev.smoothing) setSmoothing(state.smoothing)
  if (
    state.dockHeight !== prev.dockHeight ||
    state.backendPreference !== prev.backendPreference ||
    state.smoothing !== prev.smoothing
  ) {
    try {
      localStorage.setItem(
        DOCK_KEY,
        JSON.stringify({
          dockHeight: state.dockHeight,
          backendPreference: state.backendPreference,
          smoothing: state.smoothing,
        }),
      )
    } catch {
      // Private mode: the layout is simply not remembered.
    }
  }
})

export function useTraining<T>(selector: (state: TrainingState) => T): T {
  return useStore(trainingStore, selector)
}

export function openDock(tab?: DockTab): void {
  trainingStore.setState(tab ? { dockOpen: true, tab } : { dockOpen: true })
}

export function toggleDock(): void {
  trainingStore.setState((state) => ({ dockOpen: !state.dockOpen }))
}

/** A run is in flight: controls other than pause/stop/step are locked. */
export const isActive = (status: RunStatus): boolean =>
  status === 'starting' || status === 'running' || status === 'paused'
