import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { version } from '../../../../package.json'
import { documentStore } from '../app/document-store'
import { getPlatform } from '../app/platform-ref'
import { i18n } from '../i18n'
import { requestExport, requestRunWeights } from '../training/session'
import { trainingStore } from '../training/training-store'
import type { ExportFormat, ExportOutcome, ExportProblem } from '../worker/protocol'
import { DEFAULT_OPSET, EXPORT_FORMATS, exportName } from './formats'
import { dataFile, dataOptionStore, formatTakesData, setDataOption } from './data-option'
import { documentForExport, effectiveWeightsSource, weightsChoices, type WeightsSource } from './weights-source'

/** The export dialog's state (never part of the document or undo). */
export interface ExportState {
  open: boolean
  format: ExportFormat
  opset: number
  /** The weights the user picked; null: the default (the latest run's, see weights-source.ts). */
  weights: WeightsSource | null
  running: boolean
  problems: ExportProblem[]
  warnings: ExportProblem[]
  /** Where the last export went: a folder path (Electron) or a zip name (browser). */
  saved: { name: string; path?: string } | null
  error: string | null
}

export const exportStore = createStore<ExportState>()(() => ({
  open: false,
  format: 'tfjs',
  opset: DEFAULT_OPSET,
  weights: null,
  running: false,
  problems: [],
  warnings: [],
  saved: null,
  error: null,
}))

export const useExport = <T>(selector: (state: ExportState) => T): T => useStore(exportStore, selector)

const cleared = { problems: [], warnings: [], saved: null, error: null }

export function openExportDialog(): void {
  exportStore.setState({ open: true, weights: null, ...cleared })
  // The dataset may have changed since the data option last measured it.
  if (dataOptionStore.getState().on) void setDataOption(true)
}

export function closeExportDialog(): void {
  if (exportStore.getState().running) return
  exportStore.setState({ open: false })
}

export function chooseFormat(format: ExportFormat): void {
  exportStore.setState({ format, ...cleared })
}

export function chooseWeights(weights: WeightsSource): void {
  exportStore.setState({ weights, ...cleared })
}

/** The weights the export will write, from what is available now and the user's pick. */
export function currentWeightsSource(): WeightsSource {
  const choices = weightsChoices(trainingStore.getState(), documentStore.getState().doc)
  return effectiveWeightsSource(choices, exportStore.getState().weights)
}

export function chooseOpset(opset: number): void {
  exportStore.setState({ opset, ...cleared })
}

/** Runs the export in the worker, then writes a folder (Electron) or downloads a zip (browser). */
export async function runExport(): Promise<void> {
  const { format, opset, running } = exportStore.getState()
  if (running) return
  const info = EXPORT_FORMATS.find((f) => f.id === format)!
  const doc = documentStore.getState().doc
  const source = currentWeightsSource()
  exportStore.setState({ running: true, ...cleared })
  let outcome: ExportOutcome
  try {
    // The run's weights are read from the worker's model now, without touching the project.
    const runWeights = source === 'run' ? await requestRunWeights() : null
    if (source === 'run' && !runWeights) throw new Error(i18n.t('exchange.weights.runGone'))
    const exported = documentForExport(doc, source, runWeights)
    outcome = await requestExport({ document: exported, format, opset: format === 'onnx' ? opset : undefined, version })
  } catch (error) {
    exportStore.setState({ running: false, error: (error as Error).message })
    return
  }
  if (!outcome.ok) {
    exportStore.setState({ running: false, problems: outcome.problems })
    return
  }
  if (formatTakesData(format) && dataOptionStore.getState().on) {
    const data = await dataFile()
    if (!data.ok || !data.data) {
      exportStore.setState({
        running: false,
        error: i18n.t('exportData.failed', { detail: data.ok ? '' : data.message }),
      })
      return
    }
    outcome = { ...outcome, files: [...outcome.files, { path: 'data.npz', data: data.data }] }
  }
  try {
    const saved = await getPlatform().saveExport({ suggestedName: exportName(doc.name, info), files: outcome.files })
    exportStore.setState({ running: false, warnings: outcome.warnings, saved })
  } catch (error) {
    exportStore.setState({ running: false, warnings: outcome.warnings, error: (error as Error).message })
  }
}
