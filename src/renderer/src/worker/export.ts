/**
 * Model export inside the training worker, where tfjs lives: the core exporters compile the
 * document, load `doc.trained` where it fits and write the files. Nothing here touches a disk:
 * the files go back to the page, which writes a folder (Electron) or a zip (browser).
 */
import { normalizeDataset } from '../../../core/data/normalize'
import { loadDataset } from '../../../core/data/registry'
import { splitFor } from '../../../core/data/split'
import type { ProjectDocument } from '../../../core/document/types'
import { exportKerasFile, h5wasmMemoryWriter, type H5wasmModule } from '../../../core/export/keras-file'
import { exportKeras } from '../../../core/export/keras-python'
import { exportOnnx, ONNX_MIN_OPSET } from '../../../core/export/onnx'
import { onnxRunFiles } from '../../../core/export/onnx-files'
import { exportPyTorch } from '../../../core/export/pytorch-python'
import { exportTfjs, type TfjsExportOptions } from '../../../core/export/tfjs'
import { exportProblem } from '../../../core/i18n/export-messages'
import type { Tf } from '../../../core/layers/kind'
import { NO_DATASET } from '../../../core/training/config'
import { createDatasetSources, putUserFiles } from '../data/sources'
import type { ExportMessage, ExportOutcome, ExportProblem } from './protocol'
import { workerWebDemo } from './web-demo'

type Files = Record<string, string | Uint8Array>

/** Class names and normalisation statistics for tfjs' metadata.json, from the project's dataset (best effort). */
async function datasetMetadata(doc: ProjectDocument, message: ExportMessage): Promise<{ options: TfjsExportOptions; warning?: ExportProblem }> {
  const config = doc.training
  if (config.task !== 'classification' && config.normalization === 'none') return { options: {} }
  // No dataset chosen (an imported model): nothing to name the classes with, and nothing is wrong.
  if (config.dataset.id === NO_DATASET) return { options: {} }
  putUserFiles(message.userFiles)
  const data = await loadDataset(config.dataset, createDatasetSources({ baseUrl: message.baseUrl }))
  if (!data.ok) {
    return { options: {}, warning: exportProblem(null, 'metadataWithoutDataset', { dataset: config.dataset.id, detail: data.error }) }
  }
  const { stats } = normalizeDataset(data.dataset, splitFor(data.dataset, config.split), config.normalization)
  return { options: { ...(data.dataset.classNames ? { classNames: data.dataset.classNames } : {}), ...(stats ? { normalization: stats } : {}) } }
}

const done = (files: Files, warnings: ExportProblem[]): ExportOutcome => ({
  ok: true,
  files: Object.keys(files)
    .sort()
    .map((path) => ({ path, data: files[path] })),
  warnings,
})

async function exportFiles(tf: Tf, message: ExportMessage): Promise<ExportOutcome> {
  const doc = message.document
  switch (message.format) {
    case 'tfjs': {
      const meta = await datasetMetadata(doc, message)
      const result = await exportTfjs(tf, doc, { ...meta.options, version: message.version })
      if (!result.ok) return result
      return done(result.files, [...(meta.warning ? [meta.warning] : []), ...result.warnings])
    }
    case 'onnx': {
      const opset = message.opset ?? ONNX_MIN_OPSET
      const result = await exportOnnx(tf, doc, { opset })
      if (!result.ok) return result
      return done({ 'model.onnx': result.bytes, ...onnxRunFiles(doc, { inputs: result.inputs, outputs: result.outputs, opset }) }, result.warnings)
    }
    case 'keras': {
      const result = await exportKeras(tf, doc)
      return result.ok ? done(result.files, []) : result
    }
    case 'pytorch': {
      const result = await exportPyTorch(tf, doc)
      return result.ok ? done(result.files, []) : result
    }
    case 'keras-file': {
      // h5wasm (the HDF5 library as WebAssembly, ~4 MB) is loaded only for this format; the
      // page's CSP allows WebAssembly for it ('wasm-unsafe-eval', see src/main/csp.ts).
      const { default: h5wasm } = await import('h5wasm')
      const result = await exportKerasFile(tf, doc, h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule), { version: message.version })
      return result.ok ? done(result.files, result.warnings) : result
    }
    case 'web-demo': {
      const result = await workerWebDemo(tf, message)
      return result.ok ? done(result.files, result.warnings) : result
    }
  }
}

/** Runs one export; never throws (an unexpected failure becomes a problem of the whole graph). */
export async function runExport(tf: Tf, message: ExportMessage): Promise<ExportOutcome> {
  try {
    return await exportFiles(tf, message)
  } catch (error) {
    return { ok: false, problems: [exportProblem(null, 'exportFailed', { format: message.format, detail: String((error as Error)?.message ?? error) })] }
  }
}

/** The byte arrays of an outcome, to transfer rather than copy. */
export function exportTransferables(outcome: ExportOutcome): Transferable[] {
  if (!outcome.ok) return []
  const buffers = new Set<ArrayBuffer>()
  for (const file of outcome.files) {
    const data = file.data
    // Only arrays that own their whole buffer: a view into something larger is copied instead.
    if (typeof data !== 'string' && data.buffer instanceof ArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) buffers.add(data.buffer)
  }
  return [...buffers]
}
