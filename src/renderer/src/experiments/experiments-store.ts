import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { SettingEntry } from '../../../core/experiments/settings'
import type { CurveMetric, SortKey } from './runs-view'

/**
 * The Runs tab's view state (never part of the document or undo): which recorded runs are
 * compared, how the table is sorted, the sweep in progress. The runs themselves live in the
 * project document (`runs`).
 */

export type { CurveMetric, SortKey } from './runs-view'

export interface SweepProgress {
  id: string
  combinations: SettingEntry[][]
  /** The combination being trained now. */
  index: number
  /** The runs this sweep recorded so far. */
  recorded: number
  state: 'running' | 'finished' | 'stopped'
}

export interface ExperimentsState {
  /** Ids of the runs whose curves are overlaid. */
  selected: string[]
  metric: CurveMetric
  sort: { key: SortKey; descending: boolean }
  /** Keep each run's weights in the history (a preference; off by default). */
  keepWeights: boolean
  sweep: SweepProgress | null
  /** The sweep form's text, one `path=values` per line. */
  sweepText: string
  sweepMode: 'grid' | 'random'
  sweepCount: number
  /** The last restore, as the panel reports it. */
  notice: { key: 'restored' | 'restoredSkipped'; run: string; paths?: string } | null
}

const PREFS_KEY = 'layercanvas.experiments'

function loadKeepWeights(): boolean {
  try {
    return (JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as { keepWeights?: unknown }).keepWeights === true
  } catch {
    return false
  }
}

export const experimentsStore = createStore<ExperimentsState>()(() => ({
  selected: [],
  metric: 'valLoss',
  sort: { key: 'order', descending: false },
  keepWeights: loadKeepWeights(),
  sweep: null,
  sweepText: 'training.optimizer.learningRate=0.0003,0.001,0.003',
  sweepMode: 'grid',
  sweepCount: 5,
  notice: null,
}))

experimentsStore.subscribe((state, prev) => {
  if (state.keepWeights === prev.keepWeights) return
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ keepWeights: state.keepWeights }))
  } catch {
    // Private mode: the preference is simply not remembered.
  }
})

export const useExperiments = <T>(selector: (state: ExperimentsState) => T): T => useStore(experimentsStore, selector)

export function toggleSelected(id: string): void {
  experimentsStore.setState((state) => ({
    selected: state.selected.includes(id) ? state.selected.filter((other) => other !== id) : [...state.selected, id],
  }))
}
