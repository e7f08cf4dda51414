import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { documentStore } from '../app/document-store'
import { requestExportData } from '../training/session'
import type { ExportDataResult, ExportFormat } from '../worker/protocol'

/**
 * The Export dialog's "include the training data" option (PyTorch and Keras): whether it is on,
 * and data.npz's size, measured in the worker as soon as it is switched on, so the dialog shows
 * the size before anything is written.
 */
export interface DataOptionState {
  on: boolean
  /** null while measuring (or off). */
  measured: ExportDataResult | null
}

export const dataOptionStore = createStore<DataOptionState>()(() => ({ on: false, measured: null }))
export const useDataOption = <T>(selector: (state: DataOptionState) => T): T => useStore(dataOptionStore, selector)

export const formatTakesData = (format: ExportFormat): boolean => format === 'pytorch' || format === 'keras'

let measuring = 0

export async function setDataOption(on: boolean): Promise<void> {
  const ticket = ++measuring
  dataOptionStore.setState({ on, measured: null })
  if (!on) return
  const measured = await requestExportData(documentStore.getState().doc, true)
  if (ticket === measuring) dataOptionStore.setState({ measured })
}

/** data.npz's bytes for the export being written, or why there are none. */
export async function dataFile(): Promise<ExportDataResult> {
  return requestExportData(documentStore.getState().doc, false)
}

/** "31.4 MB" / "840 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`
}
