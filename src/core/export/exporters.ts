/**
 * THE list of export formats: each entry turns a document into files, with one result type
 * (ExportOutcome) and its own typed options. The CLI and the app's worker both call
 * `exportProject`; registering a format is one entry in EXPORTERS (and its options type).
 */
import type { DatasetSources } from '../data/registry'
import type { ProjectDocument } from '../document/types'
import { exportProblem } from '../i18n/export-messages'
import type { Tf } from '../layers/kind'
import { datasetMetadata } from './dataset-metadata'
import { exportSizeProblem } from './export-size'
import type { Hdf5Writer } from './hdf5-writer'
import { exportKerasFile } from './keras-file'
import { exportKeras } from './keras-python'
import { exportOnnx, ONNX_MIN_OPSET } from './onnx'
import { onnxRunFiles } from './onnx-files'
import type { ExportOutcome } from './problem'
import { exportPyTorch } from './pytorch-python'
import { exportTfjs } from './tfjs'
import { webDemoData } from './web-demo/data'
import { exportWebDemo, type WebDemoAssets } from './web-demo/index'

/** What an exporter may need from the host (the CLI in Node, the app's worker). */
export interface ExportHost {
  /** LayerCanvas' version, written into READMEs and metadata. */
  version: string
  /**
   * Where the project's dataset is read from (tfjs' metadata.json names its classes and keeps its
   * normalisation); asked for only when needed.
   */
  datasetSources(): DatasetSources
  /** The HDF5 writer for .keras files: loaded only when that format is asked for (the wasm is ~4 MB). */
  hdf5Writer(): Promise<Hdf5Writer>
  /** TensorFlow.js' browser bundle for the web demo: asked for only when that format is. */
  webDemoAssets(): Promise<WebDemoAssets>
}

interface Exporter<Id extends string, Options> {
  id: Id
  run(tf: Tf, doc: ProjectDocument, options: Options, host: ExportHost): Promise<ExportOutcome>
}

const define = <Id extends string, Options = Record<string, never>>(exporter: Exporter<Id, Options>) => exporter

const tfjsExporter = define({
  id: 'tfjs',
  async run(tf, doc, _options, host) {
    const meta = await datasetMetadata(doc, () => host.datasetSources())
    const result = await exportTfjs(tf, doc, { ...meta.options, version: host.version })
    if (!result.ok) return result
    return { ok: true, files: result.files, warnings: [...(meta.warning ? [meta.warning] : []), ...result.warnings] }
  },
})

const onnxExporter = define<'onnx', { opset?: number }>({
  id: 'onnx',
  async run(tf, doc, options) {
    const opset = options.opset ?? ONNX_MIN_OPSET
    const result = await exportOnnx(tf, doc, { opset })
    if (!result.ok) return result
    const run = onnxRunFiles(doc, { inputs: result.inputs, outputs: result.outputs, opset })
    const files = { 'model.onnx': result.bytes, ...run }
    return { ok: true, files, warnings: result.warnings }
  },
})

const kerasExporter = define({
  id: 'keras',
  async run(tf, doc) {
    const result = await exportKeras(tf, doc)
    return result.ok ? { ok: true, files: result.files, warnings: [] } : result
  },
})

const pytorchExporter = define({
  id: 'pytorch',
  async run(tf, doc) {
    const result = await exportPyTorch(tf, doc)
    return result.ok ? { ok: true, files: result.files, warnings: [] } : result
  },
})

const kerasFileExporter = define({
  id: 'keras-file',
  async run(tf, doc, _options, host) {
    const result = await exportKerasFile(tf, doc, await host.hdf5Writer(), { version: host.version })
    return result.ok ? { ok: true, files: result.files, warnings: result.warnings } : result
  },
})

const webDemoExporter = define({
  id: 'web-demo',
  async run(tf, doc, _options, host) {
    const data = await webDemoData(doc, () => host.datasetSources())
    const options = { version: host.version, dataset: data.dataset, normalization: data.normalization }
    const result = await exportWebDemo(tf, doc, options, await host.webDemoAssets())
    if (!result.ok) return result
    return { ok: true, files: result.files, warnings: [...(data.warning ? [data.warning] : []), ...result.warnings] }
  },
})

export const EXPORTERS = [
  tfjsExporter,
  onnxExporter,
  kerasExporter,
  pytorchExporter,
  kerasFileExporter,
  webDemoExporter,
] as const

type AnyExporter = (typeof EXPORTERS)[number]
export type ExportFormat = AnyExporter['id']
export const EXPORT_FORMATS: readonly ExportFormat[] = EXPORTERS.map((exporter) => exporter.id)

/** The options of one format, as its exporter declares them. */
export type ExportOptions<F extends ExportFormat> = Parameters<Extract<AnyExporter, { id: F }>['run']>[2]

/** One export to run: the format and its own options. */
export type ExportRequest = { [F in ExportFormat]: { format: F; options: ExportOptions<F> } }[ExportFormat]

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value)
}

/**
 * Exports the document in the requested format. Never throws: an unexpected failure becomes a
 * problem of the whole graph naming the format. Files past the size policy's MAX_EXPORT_BYTES
 * are refused (one problem) before any host writes them.
 */
export async function exportProject(
  tf: Tf,
  doc: ProjectDocument,
  request: ExportRequest,
  host: ExportHost,
): Promise<ExportOutcome> {
  const exporter = EXPORTERS.find((candidate) => candidate.id === request.format) as
    Exporter<ExportFormat, unknown> | undefined
  try {
    if (!exporter) throw new Error(`unknown export format ${JSON.stringify(request.format)}`)
    const outcome = await exporter.run(tf, doc, request.options, host)
    const tooLarge = outcome.ok ? exportSizeProblem(outcome.files, request.format) : null
    return tooLarge ? { ok: false, problems: [tooLarge] } : outcome
  } catch (error) {
    const detail = String((error as Error)?.message ?? error)
    return { ok: false, problems: [exportProblem(null, 'exportFailed', { format: request.format, detail })] }
  }
}
