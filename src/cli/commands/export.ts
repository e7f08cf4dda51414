import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { normalizeDataset } from '../../core/data/normalize'
import { loadDataset } from '../../core/data/registry'
import { splitFor } from '../../core/data/split'
import type { ProjectDocument } from '../../core/document/types'
import { exportKerasFile } from '../../core/export/keras-file'
import { exportKeras } from '../../core/export/keras-python'
import { exportOnnx, ONNX_MAX_OPSET, ONNX_MIN_OPSET } from '../../core/export/onnx'
import { onnxRunFiles } from '../../core/export/onnx-files'
import { exportPyTorch } from '../../core/export/pytorch-python'
import { exportTfjs, type TfjsExportOptions } from '../../core/export/tfjs'
import { problemText } from '../../core/i18n/export-messages'
import { LANGS, type Lang, type LocalText } from '../../core/i18n/text'
import type { Tf } from '../../core/layers/kind'
import { NO_DATASET } from '../../core/training/config'
import { customLayers } from '../../core/layers/custom/index'
import { CliError, EXIT, oneLine, type Command } from '../command'
import { nodeDatasetSources } from '../dataset-sources'
import { t } from '../text'
import { nodeHdf5Writer } from '../hdf5'
import { loadProject } from '../project-file'
import { loadTf } from '../train/load-tf'
import { writeFilesAtomically } from '../write-files'
import { writeDataNpz } from '../export-data'
import { cliWebDemo } from './export-web-demo'

export const EXPORT_FORMATS = ['tfjs', 'onnx', 'keras', 'pytorch', 'keras-file', 'web-demo'] as const
type Format = (typeof EXPORT_FORMATS)[number]

interface Problem {
  nodeId: string | null
  message: string
  text?: LocalText
}

type Exported = { ok: true; files: Record<string, string | Uint8Array>; warnings: Problem[] } | { ok: false; problems: Problem[] }

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Class names and normalisation statistics for metadata.json, from the project's dataset (best effort). */
async function datasetMetadata(doc: ProjectDocument, projectDir: string): Promise<{ options: TfjsExportOptions; warning?: string }> {
  const config = doc.training
  const wantsClasses = config.task === 'classification'
  if (!wantsClasses && config.normalization === 'none') return { options: {} }
  // No dataset chosen (an imported model): nothing to name the classes with, and nothing is wrong.
  if (config.dataset.id === NO_DATASET) return { options: {} }
  const data = await loadDataset(config.dataset, nodeDatasetSources({ baseDir: projectDir }))
  if (!data.ok) return { options: {}, warning: `dataset "${config.dataset.id}" could not be loaded (${data.error}); metadata.json has no class names or normalisation` }
  const split = splitFor(data.dataset, config.split)
  const { stats } = normalizeDataset(data.dataset, split, config.normalization)
  return { options: { ...(data.dataset.classNames ? { classNames: data.dataset.classNames } : {}), ...(stats ? { normalization: stats } : {}) } }
}

async function runExport(format: Format, tf: Tf, doc: ProjectDocument, opset: number | undefined, projectDir: string, warn: (text: string) => void): Promise<Exported> {
  const version = packageVersion()
  switch (format) {
    case 'tfjs': {
      const meta = await datasetMetadata(doc, projectDir)
      if (meta.warning) warn(meta.warning)
      return exportTfjs(tf, doc, { ...meta.options, version })
    }
    case 'onnx': {
      const result = await exportOnnx(tf, doc, { opset })
      if (!result.ok) return result
      const files = { 'model.onnx': result.bytes, ...onnxRunFiles(doc, { inputs: result.inputs, outputs: result.outputs, opset: opset ?? ONNX_MIN_OPSET }) }
      return { ok: true, files, warnings: result.warnings }
    }
    case 'keras': {
      const result = await exportKeras(tf, doc)
      return result.ok ? { ok: true, files: result.files, warnings: [] } : result
    }
    case 'pytorch': {
      const result = await exportPyTorch(tf, doc)
      return result.ok ? { ok: true, files: result.files, warnings: [] } : result
    }
    case 'keras-file':
      return exportKerasFile(tf, doc, nodeHdf5Writer(), { version })
    case 'web-demo':
      return cliWebDemo(tf, doc, projectDir, version, warn)
  }
}

/** How to run what was written, one or two lines per format (the README in the folder has more). */
function howToRun(format: Format, dir: string): string[] {
  const cd = `cd ${dir}`
  switch (format) {
    case 'tfjs':
      return [`${cd} && npm install @tensorflow/tfjs@4.22.0 && node predict.mjs`]
    case 'onnx':
      return [`${cd} && npm install onnxruntime-node && node predict.mjs`, '(Python: pip install onnxruntime numpy, then the command in README.md)']
    case 'keras':
      return [`${cd} && pip install -r requirements.txt && python model.py`, 'train: python train.py']
    case 'pytorch':
      return [`${cd} && pip install -r requirements.txt && python model.py`, 'train: python train.py, or in several processes: torchrun --nproc_per_node=2 train.py (see README.md)']
    case 'keras-file':
      return [`${cd} && python -c "import keras; keras.saving.load_model('model.keras').summary()"   (experimental)`]
    case 'web-demo':
      return [`open ${dir}/index.html in a browser (works offline), or put the folder on any static host (see README.md)`]
  }
}

const exportCommand: Command = {
  description:
    "Exports a project's network: tfjs (model.json + weights.bin for tf.loadLayersModel), onnx (model.onnx), keras and pytorch (Python code + weights), keras-file (a Keras 3 .keras file, experimental), web-demo (a folder with index.html that runs the model in a browser, offline or on any static host). Uses the project's trained weights when it has them, freshly initialised ones otherwise. Files are written to a temporary folder first and moved into --out when all are complete. Exits 1 when a layer cannot be exported (each named with the reason), 2 when the project cannot be read.",
  positionals: [{ name: 'project.json' }],
  options: {
    format: { type: 'string', valueName: EXPORT_FORMATS.join('|'), choices: EXPORT_FORMATS, description: 'what to write (required)' },
    out: { type: 'string', valueName: '<dir>', description: 'output folder (required; created if missing, other files in it are kept)' },
    lang: { type: 'string', valueName: 'en|zh-CN', choices: LANGS, description: 'language of problems and notes (default en)' },
    data: {
      type: 'boolean',
      description:
        "also write data.npz: the project's train/validation/test split as LayerCanvas trains on it (same seed and normalisation, images channels-last), which train.py uses by default (--format pytorch or keras only)",
    },
    opset: { type: 'string', valueName: '<n>', description: `ONNX operator set, ${ONNX_MIN_OPSET}–${ONNX_MAX_OPSET} (default ${ONNX_MIN_OPSET}; --format onnx only)` },
  },
  async run({ values, positionals }, io) {
    const format = values.format as Format | undefined
    const lang = (values.lang as Lang | undefined) ?? 'en'
    if (format === undefined) throw new CliError(`export: --format is required (${EXPORT_FORMATS.join(', ')})`)
    if (typeof values.out !== 'string' || values.out === '') throw new CliError('export: --out <dir> is required')
    let opset: number | undefined
    if (values.opset !== undefined) {
      if (format !== 'onnx') throw new CliError('export: --opset only applies to --format onnx')
      const n = Number(values.opset)
      if (!/^\d+$/.test(String(values.opset)) || n < ONNX_MIN_OPSET || n > ONNX_MAX_OPSET) {
        throw new CliError(`export: --opset must be a whole number from ${ONNX_MIN_OPSET} to ${ONNX_MAX_OPSET}, got ${JSON.stringify(values.opset)}`)
      }
      opset = n
    }
    const withData = values.data === true
    if (withData && format !== 'pytorch' && format !== 'keras') throw new CliError('export: --data only applies to --format pytorch or keras')
    const file = positionals[0]
    const outDir = resolve(io.cwd, values.out)
    const loaded = await loadProject(file, io.cwd)
    if (!loaded.ok) {
      io.err(`layercanvas: ${loaded.line}\n`)
      return EXIT.usage
    }
    for (const warning of loaded.warnings) io.err(`layercanvas: warning: ${file}: ${warning}\n`)
    const doc = loaded.document

    const { tf } = await loadTf()
    customLayers(tf)
    const warn = (text: string) => io.err(`layercanvas: warning: ${oneLine(text)}\n`)
    // Relative data sources are relative to the project file, as in `train`.
    const result = await runExport(format, tf, doc, opset, dirname(resolve(io.cwd, file)), warn)
    if (!result.ok) {
      io.err(`layercanvas: ${file}: ${t('cannotExport', lang, { format })}\n`)
      for (const p of result.problems) io.err(`  ${p.nodeId ? `[${p.nodeId}] ` : ''}${oneLine(problemText(p, lang))}\n`)
      return EXIT.problems
    }
    for (const w of result.warnings) warn(`${w.nodeId ? `[${w.nodeId}] ` : ''}${problemText(w, lang)}`)
    let written: string[]
    try {
      written = await writeFilesAtomically(outDir, result.files)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new CliError(`export: cannot write to ${values.out}: ${code ? `${code} ` : ''}${oneLine((error as Error).message)}`)
    }
    const shown = relative(io.cwd, outDir) || '.'
    if (withData) {
      const data = await writeDataNpz(doc, dirname(resolve(io.cwd, file)), outDir, (line) => io.err(`${line}\n`))
      if (!data.ok) {
        io.err(`layercanvas: ${file}: data.npz not written: ${oneLine(data.error)}\n`)
        return EXIT.usage
      }
      written.push('data.npz')
    }
    const weights = doc.trained ? 'trained weights' : 'freshly initialised weights (the project has no trained ones)'
    io.out(
      [
        `Exported "${doc.name}" as ${format} with ${weights} to ${shown}:`,
        ...written.map((name) => `  ${name}`),
        'Run it:',
        ...howToRun(format, shown).map((line) => `  ${line}`),
        '',
      ].join('\n'),
    )
    return EXIT.ok
  },
}

export default exportCommand
