// Rewrites test/golden/exports.json: hashes of every template exported in every deterministic
// format (run: npm run golden:update — only when a change of the exported files is intended).
import { writeFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs'
import { customLayers } from '../src/core/layers/custom/index'
import { computeGolden, GOLDEN_FILE } from '../test/golden/export-golden'

await tf.setBackend('cpu')
await tf.ready()
customLayers(tf)
const golden = await computeGolden(tf)
writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`)
console.log('wrote test/golden/exports.json')
