#!/usr/bin/env node
/* global window -- used inside page.evaluate callbacks, which run in the browser */
/**
 * Training throughput, side by side in one run: the app's trainer (src/core/training/trainer.ts,
 * as the training worker drives it) against a hand-written tfjs `model.fit` on the same model,
 * data (MNIST), batch size and backend.
 *
 *   node bench/train-throughput.mjs          (builds dist-web first when it is missing)
 *
 * 1. Headless Chromium, WebGL inside the training worker (the app's own worker, through its
 *    debug hook; SwiftShader when the machine has no GPU).
 * 2. Node, the tfjs CPU backend (the same measuring code, src/renderer/src/worker/throughput.ts).
 * Models: the MNIST MLP template and LeNet-5 (a small CNN). For each: samples/s of both after a
 * warm-up, their ratio (target ≥ 0.95), the tensor-count growth over 5 epochs (target 0) and
 * the time to the first finished batch (cold: shader compilation included).
 * Env: BENCH_BATCHES (timed batches, default 30 on WebGL and for the MLP on CPU; the CNN on CPU
 * uses 6, it runs at tens of samples per second), BENCH_SKIP_BROWSER=1, BENCH_SKIP_NODE=1.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'
import { launchChromium, newContext, openApp } from '../test/e2e/harness.mjs'
import { startStaticServer } from '../test/e2e/server.mjs'

register()
const root = fileURLToPath(new URL('..', import.meta.url))
const distWeb = join(root, 'dist-web')
const BATCH = 64
const BATCHES = process.env.BENCH_BATCHES ? Number(process.env.BENCH_BATCHES) : undefined
const load = (path) => import(pathToFileURL(join(root, path)).href)

const { parseProject } = await load('src/core/document/parse.ts')
const template = (id) => {
  const parsed = parseProject(JSON.parse(readFileSync(join(root, 'templates', `${id}.json`), 'utf8')))
  if (!parsed.ok) throw new Error(`templates/${id}.json: ${parsed.error.message}`)
  return parsed.document
}
const MODELS = [
  { name: 'MNIST MLP', document: template('mlp-mnist') },
  { name: 'LeNet-5 CNN', document: template('lenet5') },
]

function report(title, result) {
  console.log(
    `\n${title}: backend ${result.backend.backend}${result.backend.gpu ? ` (${result.backend.gpu}${result.backend.software ? ', software' : ''})` : ''}, batch ${BATCH}`,
  )
  const rows = result.models.map((m) => ({
    model: m.name,
    params: m.params,
    'trainer samples/s': m.trainerSamplesPerSec.toFixed(0),
    'fit samples/s': m.fitSamplesPerSec.toFixed(0),
    'ratio (≥0.95)': `${m.ratio.toFixed(2)} ${m.ratio >= 0.95 ? '✓' : '✗'}`,
    'first batch ms (trainer / fit*)': `${m.trainerFirstBatchMs.toFixed(0)} / ${m.fitFirstBatchMs.toFixed(0)}`,
    'tensor growth, 5 epochs (0)': `${m.tensorGrowth} ${m.tensorGrowth === 0 ? '✓' : '✗'} [${m.tensorsPerEpoch.join(', ')}]`,
  }))
  console.table(rows)
}

async function browserRun() {
  if (!existsSync(join(distWeb, 'index.html'))) {
    console.log('dist-web missing: building it…')
    execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts'], { cwd: root, stdio: 'inherit' })
  }
  const server = await startStaticServer(distWeb)
  const browser = await launchChromium()
  try {
    const page = await (await newContext(browser)).newPage()
    await openApp(page, server.url)
    await page.waitForFunction(() => Boolean(window.__layercanvasTraining), null, { timeout: 20_000 })
    const results = { backend: null, models: [] }
    for (const model of MODELS) {
      const spec = {
        models: [model],
        batchSize: BATCH,
        warmupBatches: 5,
        timedBatches: BATCHES ?? 30,
        leakEpochs: 5,
        leakBatches: 4,
        backend: 'webgl',
      }
      const result = await page.evaluate((s) => window.__layercanvasTraining.bench(s), spec)
      if (result.error) throw new Error(`browser bench: ${result.error}`)
      results.backend = result.backend
      results.models.push(...result.models)
    }
    report('Headless Chromium, training worker', results)
  } finally {
    await browser.close()
    await server.close()
  }
}

async function nodeRun() {
  const tf = await import('@tensorflow/tfjs')
  tf.enableProdMode()
  await tf.setBackend('cpu')
  await tf.ready()
  const { customLayers } = await load('src/core/layers/custom/index.ts')
  customLayers(tf)
  const { loadDataset } = await load('src/core/data/registry.ts')
  const { nodeDatasetSources } = await load('src/cli/dataset-sources.ts')
  const { measureThroughput } = await load('src/renderer/src/worker/throughput.ts')
  const loaded = await loadDataset({ id: 'mnist', options: {} }, nodeDatasetSources())
  if (!loaded.ok) throw new Error(loaded.error)
  const models = []
  for (const model of MODELS) {
    const cnn = model.name.includes('CNN')
    models.push(
      await measureThroughput({
        tf,
        name: model.name,
        document: model.document,
        dataset: loaded.dataset,
        batchSize: BATCH,
        warmupBatches: cnn ? 2 : 5,
        timedBatches: BATCHES ?? (cnn ? 6 : 30),
        leakEpochs: 5,
        leakBatches: cnn ? 1 : 4,
      }),
    )
  }
  report('Node, tfjs CPU backend', { backend: { backend: tf.getBackend(), gpu: null }, models })
}

if (process.env.BENCH_SKIP_BROWSER !== '1') await browserRun()
if (process.env.BENCH_SKIP_NODE !== '1') await nodeRun()
console.log(
  '\n* fit runs after the trainer on the same backend, so its first batch finds most shaders already compiled.',
)
