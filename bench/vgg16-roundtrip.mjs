#!/usr/bin/env node
/**
 * VGG16 with weights through the command line (issue #13): tfjs builds VGG16 (138,357,544
 * parameters, random weights, 224×224×3) and saves it as a tfjs model (model.json + 4 MB
 * shards, 553 MB); then `layercanvas import` → `check` → `export --format tfjs`, `onnx`,
 * `pytorch`, each in its own process with its peak RSS measured; then the outputs on one input
 * are compared: tfjs' own model, the exported tfjs model, onnxruntime, PyTorch (Debian's
 * /usr/bin/python3 with torch, running the exported model.py). Fails when a step passes 4 GB,
 * an output differs by more than 1e-4 (relative to the largest output) or a step fails.
 *
 *   node bench/vgg16-roundtrip.mjs      (npm run bench -- vgg16); heavy: run it with `nice`
 *   env BENCH_KEEP=1 keeps the temp folder (2.2 GB of files) and prints its path
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hasTorch, MAX_STEP_RSS_BYTES, megabytes, roundTrip, VGG16, VGG16_PARAMS } from '../scripts/model-roundtrip.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
// The pre-built CLI: what users run, and the steps then measure the command, not tsx.
execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' })

const dir = mkdtempSync(join(tmpdir(), 'layercanvas-vgg16-'))
const torch = hasTorch()
if (!torch) console.log('  (no /usr/bin/python3 with torch: the PyTorch comparison is left out)')
let failed = false
try {
  const result = await roundTrip(VGG16, dir, { torch, log: (line) => console.log(`  ${line}`) })
  const rows = result.steps.map((s) => [s.step, s.seconds.toFixed(1), megabytes(s.rssBytes)])
  const widths = [0, 1, 2].map((c) => Math.max(...[['step', 's', 'peak RSS MB'], ...rows].map((r) => r[c].length)))
  const line = (r) => `  ${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`
  console.log(`\n${line(['step', 's', 'peak RSS MB'])}`)
  for (const r of rows) console.log(line(r))
  console.log(`\n  parameters: ${result.params.toLocaleString('en')} (VGG16: ${VGG16_PARAMS.toLocaleString('en')})`)
  for (const [runtime, diff] of Object.entries(result.differences))
    console.log(`  ${runtime} vs tfjs' own output: ${diff.toExponential(2)} relative`)
  if (result.params !== VGG16_PARAMS) {
    console.log('  ✗ the model is not VGG16')
    failed = true
  }
  for (const s of result.steps)
    if (s.rssBytes === null || s.rssBytes > MAX_STEP_RSS_BYTES) {
      console.log(`  ✗ ${s.step}: peak RSS ${megabytes(s.rssBytes)} MB, past the 4 GB bound (or not measured)`)
      failed = true
    }
  for (const [runtime, diff] of Object.entries(result.differences))
    if (!(diff <= 1e-4)) {
      console.log(`  ✗ ${runtime}: the output differs by ${diff} relative (bound 1e-4)`)
      failed = true
    }
} catch (error) {
  console.log(`  ✗ ${error.message}`)
  failed = true
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`  files kept in ${dir}`)
  else rmSync(dir, { recursive: true, force: true })
}
process.exitCode = failed ? 1 : 0
