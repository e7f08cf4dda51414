import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import {
  importLayersModel,
  type ImportResult,
  type ImportWeights,
  type UnmappedLayer,
} from '../../../core/import/tfjs-model'
import { loadDocument } from '../app/files'
import { getPlatform } from '../app/platform-ref'
import { showBanner, showToast } from '../app/ui-store'
import { i18n } from '../i18n'
import type { OpenedModelFiles } from '../platform/types'
import './strings'

/**
 * File → Import Model: a TensorFlow.js / Keras model.json (+ its weight files) becomes a canvas
 * graph laid out automatically (core/import/tfjs-model.ts). Everything is checked before the
 * canvas is touched: unreadable files, unknown layers and weights that do not fit end in a dialog
 * and leave the current canvas as it was. The canvas is replaced only after the usual
 * unsaved-changes question.
 */

export interface ImportState {
  /** What the dialog shows; null = closed. */
  report: {
    name: string
    error: string | null
    unmapped: UnmappedLayer[]
    /** "Import with gaps" is offered (some layers can be imported). */
    gapsPossible: boolean
  } | null
  pending: { json: unknown; weights: ImportWeights | undefined; name: string } | null
}

export const importStore = createStore<ImportState>()(() => ({ report: null, pending: null }))
export const useImport = <T>(selector: (state: ImportState) => T): T => useStore(importStore, selector)

export const closeImportDialog = (): void => importStore.setState({ report: null, pending: null })

/** The weight files' bytes concatenated in manifest order (what importLayersModel expects). */
export function weightsFor(json: unknown, files: OpenedModelFiles['weights']): ImportWeights | undefined {
  const manifest = (json as { weightsManifest?: unknown } | null)?.weightsManifest
  if (!Array.isArray(manifest) || files.length === 0) return undefined
  const byPath = new Map(files.map((f) => [f.path, f.bytes]))
  const specs: unknown[] = []
  const parts: Uint8Array[] = []
  for (const group of manifest as { paths?: unknown; weights?: unknown }[]) {
    if (Array.isArray(group?.weights)) specs.push(...group.weights)
    for (const path of Array.isArray(group?.paths) ? group.paths : []) {
      const bytes = typeof path === 'string' ? byPath.get(path) : undefined
      if (bytes) parts.push(bytes)
    }
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const part of parts) {
    data.set(part, at)
    at += part.byteLength
  }
  return { specs, data }
}

const baseName = (name: string) => name.replace(/\.json$/i, '') || 'model'

async function finish(result: Extract<ImportResult, { ok: true }>, name: string): Promise<boolean> {
  const loaded = await loadDocument(result.document, { name: null, path: null })
  if (!loaded) return false
  const notes = [...result.unmapped.map((u) => `${u.layerName} (${u.className}): ${u.reason}`), ...result.warnings]
  if (notes.length > 0) {
    showBanner({
      kind: 'warning',
      title: i18n.t('exchange.importedWithNotes', { name, count: notes.length }),
      detail: notes.join('\n'),
    })
  }
  showToast(i18n.t('exchange.imported', { name, layers: result.document.nodes.length }))
  return true
}

/** Imports already-read files (the platform's picker result). Exposed for tests and drops. */
export async function importModelFiles(files: OpenedModelFiles): Promise<void> {
  let json: unknown
  try {
    json = JSON.parse(files.text.charCodeAt(0) === 0xfeff ? files.text.slice(1) : files.text)
  } catch (error) {
    importStore.setState({
      report: {
        name: files.name,
        error: `not valid JSON (${(error as Error).message})`,
        unmapped: [],
        gapsPossible: false,
      },
      pending: null,
    })
    return
  }
  const weights = weightsFor(json, files.weights)
  const name = baseName(files.name)
  const result = importLayersModel(json, weights, { name })
  if (result.ok) {
    await finish(result, files.name)
    return
  }
  // Would it import when the unknown layers are left out? Then offer that.
  const gaps = result.unmapped.length > 0 ? importLayersModel(json, weights, { name, allowGaps: true }) : null
  importStore.setState({
    report: {
      name: files.name,
      error: result.unmapped.length > 0 ? null : result.error,
      unmapped: result.unmapped,
      gapsPossible: gaps?.ok === true,
    },
    pending: gaps?.ok ? { json, weights, name: files.name } : null,
  })
}

export async function importModel(): Promise<void> {
  let files: OpenedModelFiles | null
  try {
    files = await getPlatform().openModelFiles()
  } catch (error) {
    importStore.setState({
      report: { name: 'model.json', error: (error as Error).message, unmapped: [], gapsPossible: false },
      pending: null,
    })
    return
  }
  if (files) await importModelFiles(files)
}

export async function importWithGaps(): Promise<void> {
  const pending = importStore.getState().pending
  if (!pending) return
  const result = importLayersModel(pending.json, pending.weights, { name: baseName(pending.name), allowGaps: true })
  closeImportDialog()
  if (result.ok) await finish(result, pending.name)
}
