import type { ExportFormat } from '../worker/protocol'

/**
 * The export formats in the order the dialog lists them, with the shell commands that run the
 * result (code, so not translated; the README in the exported folder explains more).
 */
export interface FormatInfo {
  id: ExportFormat
  /** Folder / zip name suffix. */
  suffix: string
  experimental?: boolean
  /** Shell commands only; what they need saying goes in `exchange.formats.<id>.runNote` (translated). */
  run: string[]
  runNote?: boolean
}

export const EXPORT_FORMATS: readonly FormatInfo[] = [
  { id: 'tfjs', suffix: 'tfjs', run: ['npm install @tensorflow/tfjs@4.22.0', 'node predict.mjs'] },
  { id: 'onnx', suffix: 'onnx', run: ['npm install onnxruntime-node', 'node predict.mjs'], runNote: true },
  { id: 'keras', suffix: 'keras', run: ['pip install -r requirements.txt', 'python model.py', 'python train.py'] },
  {
    id: 'pytorch',
    suffix: 'pytorch',
    run: [
      'pip install -r requirements.txt',
      'python model.py',
      'python train.py',
      'torchrun --nproc_per_node=2 train.py',
    ],
    runNote: true,
  },
  {
    id: 'keras-file',
    suffix: 'keras-file',
    experimental: true,
    run: ['pip install keras', `python -c "import keras; keras.saving.load_model('model.keras').summary()"`],
  },
  {
    id: 'web-demo',
    suffix: 'web-demo',
    run: ['open index.html', 'python3 -m http.server   # or any static host'],
    runNote: true,
  },
]

/**
 * ONNX opsets the exporter writes: core/export/onnx.ts ONNX_MIN_OPSET…ONNX_MAX_OPSET, repeated
 * here so the UI bundle does not pull in the exporter (the worker checks the value again).
 */
export const OPSETS: readonly number[] = [13, 14, 15, 16, 17]
export const DEFAULT_OPSET = 13

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
