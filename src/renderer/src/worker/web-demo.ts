/**
 * The web-demo export in the worker: the core generator (core/export/web-demo) needs TensorFlow.js'
 * browser bundle as text. Vite emits tf.min.js as a build asset (`?url`, in the Electron and the
 * browser build alike), and it is read only when a demo is exported, never at startup.
 */
import tfMinUrl from '@tensorflow/tfjs/dist/tf.min.js?url'
import { exportWebDemo, type WebDemoResult } from '../../../core/export/web-demo/index'
import type { Tf } from '../../../core/layers/kind'
import { download } from '../data/sources'
import type { ExportMessage } from './protocol'
import { tryItData } from './tryit'

let tfMinJs: Promise<string> | null = null

function readTfMinJs(): Promise<string> {
  // Relative to this worker script's own URL (where Vite put the asset), on http(s) and file:// alike.
  tfMinJs ??= download(new URL(tfMinUrl, import.meta.url).href).then((buffer) => new TextDecoder().decode(buffer))
  tfMinJs.catch(() => (tfMinJs = null))
  return tfMinJs
}

/** The demo folder's files for the export dialog (the document holds the chosen weights as `trained`). */
export async function workerWebDemo(tf: Tf, message: ExportMessage): Promise<WebDemoResult> {
  const { dataset, stats } = await tryItData(message)
  return exportWebDemo(tf, message.document, { version: message.version, dataset, normalization: stats }, { tfMinJs: await readTfMinJs() })
}
