import { dataFailure } from '../../../core/data/errors'
import { loadDataset } from '../../../core/data/registry'
import { npzByteLength, npzChunks } from '../../../core/export/data/npz'
import { trainingArrays } from '../../../core/export/data/split-arrays'
import { NO_DATASET } from '../../../core/training/config'
import { createDatasetSources, putUserFiles } from '../data/sources'
import type { ExportDataMessage, ExportDataResult } from './protocol'

/**
 * The Export dialog's data option, in the worker (where the datasets load): the project's split
 * as the trainer sees it (core/export/data), measured first so the dialog can show the size,
 * then written as data.npz bytes. The page's save takes whole files, so the chunks are copied
 * into one buffer of exactly the announced size (no growing, no second copy).
 */
export async function exportData(message: ExportDataMessage): Promise<ExportDataResult> {
  const config = message.document.training
  if (config.dataset.id === NO_DATASET) return { ok: false, message: dataFailure('noDataset').error }
  putUserFiles(message.userFiles)
  const loaded = await loadDataset(config.dataset, createDatasetSources({ baseUrl: message.baseUrl }))
  if (!loaded.ok) return { ok: false, message: loaded.error }
  const { arrays, counts } = trainingArrays(loaded.dataset, config)
  const bytes = npzByteLength(arrays)
  if (message.sizeOnly) return { ok: true, bytes, counts }
  const data = new Uint8Array(bytes)
  let at = 0
  for (const chunk of npzChunks(arrays)) {
    data.set(chunk, at)
    at += chunk.length
  }
  return { ok: true, bytes, counts, data }
}
