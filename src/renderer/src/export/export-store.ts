import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { version } from '../../../../package.json'
import { documentStore } from '../app/document-store'
import { getPlatform } from '../app/platform-ref'
import { requestExport } from '../training/session'
import type { ExportFormat, ExportOutcome, ExportProblem } from '../worker/protocol'
import { DEFAULT_OPSET, EXPORT_FORMATS, exportName } from './formats'

/** The export dialog's state (never part of the document or undo). */
export interface ExportState {
  open: boolean
  format: ExportFormat
  opset: number
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
  running: false,
  problems: [],
  warnings: [],
  saved: null,
  error: null,
}))

export const useExport = <T>(selector: (state: ExportState) => T): T => useStore(exportStore, selector)

const cleared = { problems: [], warnings: [], saved: null, error: null }

export function openExportDialog(): void {
  exportStore.setState({ open: true, ...cleared })
}

export function closeExportDialog(): void {
  if (exportStore.getState().running) return
  exportStore.setState({ open: false })
}

export function chooseFormat(format: ExportFormat): void {
  exportStore.setState({ format, ...cleared })
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
  exportStore.setState({ running: true, ...cleared })
  let outcome: ExportOutcome
  try {
    outcome = await requestExport({ document: doc, format, opset: format === 'onnx' ? opset : undefined, version })
  } catch (error) {
    exportStore.setState({ running: false, error: (error as Error).message })
    return
  }
  if (!outcome.ok) {
    exportStore.setState({ running: false, problems: outcome.problems })
    return
  }
  try {
    const saved = await getPlatform().saveExport({ suggestedName: exportName(doc.name, info), files: outcome.files })
    exportStore.setState({ running: false, warnings: outcome.warnings, saved })
  } catch (error) {
    exportStore.setState({ running: false, warnings: outcome.warnings, error: (error as Error).message })
  }
}
