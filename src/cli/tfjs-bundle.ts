import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** TensorFlow.js' browser bundle, the one the web-demo page loads (the same version the app uses). */
export function tfMinJs(): string {
  return readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.min.js'), 'utf8')
}
