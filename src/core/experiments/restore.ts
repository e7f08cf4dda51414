import type { ProjectDocument } from '../document/types'
import type { RunRecord } from './run-history'
import { applySettings, readSetting, type SettingEntry } from './settings'

export interface RestoreResult {
  document: ProjectDocument
  /** Layer settings of the run whose layer is gone (or lost that parameter), by path: not restored. */
  skipped: string[]
}

/**
 * The project with a recorded run's settings back: its training settings, and the layer
 * params a sweep set for it where the layer still exists. The run history itself is kept.
 * Pure; the app commits the result as one undoable edit.
 */
export function restoreRunSettings(doc: ProjectDocument, run: RunRecord): RestoreResult {
  const withTraining: ProjectDocument = { ...doc, training: structuredClone(run.training) }
  const layerSettings: SettingEntry[] = []
  const skipped: string[] = []
  for (const [path, value] of Object.entries(run.overrides ?? {})) {
    if (path.startsWith('training.')) continue
    if (readSetting(withTraining, path).ok) layerSettings.push([path, value])
    else skipped.push(path)
  }
  // Only training settings: the graph stays the very same objects (the app sees no graph change).
  if (layerSettings.length === 0) return { document: withTraining, skipped }
  const applied = applySettings(withTraining, layerSettings)
  // A value the layer can no longer take (its kind changed) is skipped like a missing layer.
  if (!applied.ok) return { document: withTraining, skipped: [...skipped, ...layerSettings.map(([path]) => path)] }
  return { document: { ...applied.document, ...(doc.runs ? { runs: doc.runs } : {}) }, skipped }
}
