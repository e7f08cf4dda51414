import type { ExportFormat } from '../../../core/export/exporters'
import { ONNX_MIN_OPSET, ONNX_OPSETS } from '../../../core/export/onnx/opsets'

/** What the dialog shows of one format besides its translated name and description. */
interface FormatUi {
  /** Folder / zip name suffix. */
  suffix: string
  experimental?: boolean
  /** Shell commands only; what they need saying goes in `exchange.formats.<id>.runNote` (translated). */
  run: string[]
  runNote?: boolean
}

/** One format as the dialog lists it: the core's id (EXPORTERS) with the dialog's part. */
export interface FormatInfo extends FormatUi {
  id: ExportFormat
}

/**
 * The dialog's part of every format the core exports (its ids come from EXPORTERS in
 * core/export/exporters.ts), in the order the dialog lists them, with the shell commands that run
 * the result (code, so not translated; the README in the exported folder explains more). Typed
 * against the core's ids: a new exporter does not compile until it has an entry here.
 */
const FORMAT_UI = {
  tfjs: { suffix: 'tfjs', run: ['npm install @tensorflow/tfjs@4.22.0', 'node predict.mjs'] },
  onnx: { suffix: 'onnx', run: ['npm install onnxruntime-node', 'node predict.mjs'], runNote: true },
  keras: { suffix: 'keras', run: ['pip install -r requirements.txt', 'python model.py', 'python train.py'] },
  pytorch: {
    suffix: 'pytorch',
    run: [
      'pip install -r requirements.txt',
      'python model.py',
      'python train.py',
      'torchrun --nproc_per_node=2 train.py',
    ],
    runNote: true,
  },
  'keras-file': {
    suffix: 'keras-file',
    experimental: true,
    run: ['pip install keras', `python -c "import keras; keras.saving.load_model('model.keras').summary()"`],
  },
  'web-demo': {
    suffix: 'web-demo',
    run: ['open index.html', 'python3 -m http.server   # or any static host'],
    runNote: true,
  },
} satisfies Record<ExportFormat, FormatUi>

export const EXPORT_FORMATS: readonly FormatInfo[] = (Object.keys(FORMAT_UI) as ExportFormat[]).map((id) => ({
  id,
  ...FORMAT_UI[id],
}))

/**
 * ONNX opsets the exporter writes (core/export/onnx/opsets.ts: constants only, so the UI bundle
 * does not pull in the exporter; the worker checks the value again).
 */
export const OPSETS: readonly number[] = ONNX_OPSETS
export const DEFAULT_OPSET = ONNX_MIN_OPSET

/** A folder / file name from the project name: no path separators or characters Windows refuses. */
export function exportName(docName: string, format: FormatInfo): string {
  const base = [...docName]
    .filter((ch) => ch.charCodeAt(0) >= 32)
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 80)
  return `${base || 'model'}-${format.suffix}`
}
