/**
 * The web-demo export in the worker: the core generator (core/export/web-demo) needs TensorFlow.js'
 * browser bundle as text. Vite emits tf.min.js as a build asset (`?url`, in the Electron and the
 * browser build alike), and it is read only when a demo is exported, never at startup.
 */
import tfMinUrl from '@tensorflow/tfjs/dist/tf.min.js?url'
import { download } from '../data/sources'

let tfMinJs: Promise<string> | null = null

export function readTfMinJs(): Promise<string> {
  // Relative to this worker script's own URL (where Vite put the asset), on http(s) and file:// alike.
  tfMinJs ??= download(new URL(tfMinUrl, import.meta.url).href).then((buffer) => new TextDecoder().decode(buffer))
  tfMinJs.catch(() => (tfMinJs = null))
  return tfMinJs
}
