/**
 * Model export inside the training worker, where tfjs lives: the core exporters compile the
 * document, load `doc.trained` where it fits and write the files. Nothing here touches a disk:
 * the files go back to the page, which writes a folder (Electron) or a zip (browser).
 */
import { exportProject, type ExportRequest } from '../../../core/export/exporters'
import { h5wasmMemoryWriter, type H5wasmModule } from '../../../core/export/hdf5-writer'
import type { Tf } from '../../../core/layers/kind'
import { createDatasetSources, putUserFiles } from '../data/sources'
import type { ExportMessage, ExportOutcome } from './protocol'
import { readTfMinJs } from './web-demo'

/** The page's request as the core's: the format with its own options. */
function exportRequest(message: ExportMessage): ExportRequest {
  if (message.format === 'onnx') return { format: 'onnx', options: { opset: message.opset } }
  return { format: message.format, options: {} }
}

/** Runs one export through the core's one pipeline; never throws (failures come back as problems). */
export async function runExport(tf: Tf, message: ExportMessage): Promise<ExportOutcome> {
  const result = await exportProject(tf, message.document, exportRequest(message), {
    version: message.version,
    datasetSources() {
      putUserFiles(message.userFiles)
      return createDatasetSources({ baseUrl: message.baseUrl })
    },
    async hdf5Writer() {
      // h5wasm (the HDF5 library as WebAssembly, ~4 MB) is loaded only for this format; the
      // page's CSP allows WebAssembly for it ('wasm-unsafe-eval', see src/main/csp.ts).
      const { default: h5wasm } = await import('h5wasm')
      return h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule)
    },
    webDemoAssets: async () => ({ tfMinJs: await readTfMinJs() }),
  })
  if (!result.ok) return result
  const files = Object.keys(result.files)
    .sort()
    .map((path) => ({ path, data: result.files[path] }))
  return { ok: true, files, warnings: result.warnings }
}

/** The byte arrays of an outcome, to transfer rather than copy. */
export function exportTransferables(outcome: ExportOutcome): Transferable[] {
  if (!outcome.ok) return []
  const buffers = new Set<ArrayBuffer>()
  for (const file of outcome.files) {
    const data = file.data
    // Only arrays that own their whole buffer: a view into something larger is copied instead.
    if (
      typeof data !== 'string' &&
      data.buffer instanceof ArrayBuffer &&
      data.byteOffset === 0 &&
      data.byteLength === data.buffer.byteLength
    )
      buffers.add(data.buffer)
  }
  return [...buffers]
}
