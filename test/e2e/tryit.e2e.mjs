/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import * as tf from '@tensorflow/tfjs'
import { unzipSync } from 'fflate'
import { assert, byTestId, getDocument, launchChromium, newContext, openApp, poll, test } from './harness.mjs'

/**
 * Try it and the web demo, end to end: for five projects the app's Try-it panel and the demo
 * exported from the app (opened from file:// with every network request refused) take the same
 * kind of input — a digit drawn with the mouse (mlp-mnist), a picture file (lenet5), sliders
 * (iris), a typed prefix (lstm-names), Generate (gan-mlp) — and their outputs must equal tfjs'
 * own model.predict, run here in Node on the exported model.json + weights.bin with the input
 * each page reports (data-input), within 1e-5. Untrained projects: weights come from the
 * project's seed, so the app and the export hold the same ones and no training is needed.
 */

const TOLERANCE = 1e-5
const here = dirname(new URL(import.meta.url).pathname)
const templatesDir = join(here, '..', '..', 'templates')
const docsDir = join(here, '..', '..', 'docs')

async function openProject(page, baseURL, { template, file, name }) {
  await openApp(page, baseURL)
  if (template) {
    await byTestId(page, 'cmd-file.openTemplate').click()
    await byTestId(page, `template-${template}`).click()
  } else {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
    await byTestId(page, 'cmd-file.open').click()
    await (await chooser).setFiles(file)
  }
  await poll(
    () => getDocument(page),
    (d) => d.name === name,
    `${name} opened`,
    10_000,
  )
}

/** The iris classifier: 4 measurements → Dense 16 → Dense 3 (softmax), standardised inputs. */
async function irisProject(tmpDir) {
  const doc = JSON.parse(await readFile(join(templatesDir, 'mlp-mnist.json'), 'utf8'))
  doc.name = 'Iris <b>"flowers"</b>'
  doc.nodes = doc.nodes.filter((n) => n.id !== 'flatten')
  doc.nodes.find((n) => n.id === 'input').params = {
    ...doc.nodes.find((n) => n.id === 'input').params,
    mode: 'vector',
    size: 4,
  }
  doc.nodes.find((n) => n.id === 'hidden').params.units = 16
  doc.nodes.find((n) => n.id === 'output').params.units = 3
  doc.edges = [
    { id: 'e1', source: 'input', target: 'hidden', targetPort: 0 },
    { id: 'e2', source: 'hidden', target: 'output', targetPort: 0 },
  ]
  doc.groups = []
  doc.training = { ...doc.training, dataset: { id: 'iris', options: {} }, normalization: 'standard' }
  delete doc.trained
  const file = join(tmpDir, 'iris.json')
  await writeFile(file, JSON.stringify(doc))
  return { file, name: doc.name }
}

/** A 56×56 grey PNG of a "7" (white strokes on black), written with zlib only. */
async function sevenPng(tmpDir) {
  const size = 56
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1)
    for (let x = 0; x < size; x++) {
      const top = y >= 10 && y <= 15 && x >= 12 && x <= 44
      const stroke = y > 15 && y <= 48 && Math.abs(x - (44 - (y - 15) * 0.55)) <= 3
      row[x + 1] = top || stroke ? 255 : 0
    }
    rows.push(row)
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 0 // greyscale
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
  const file = join(tmpDir, 'seven.png')
  await writeFile(file, png)
  return file
}

/** Draws a "2" on the pad with real mouse events, at the same fractions of the pad in both pages. */
async function drawDigit(page) {
  const box = await byTestId(page, 'tryit-pad').boundingBox()
  const at = (fx, fy) => [box.x + fx * box.width, box.y + fy * box.height]
  const path = [
    [0.3, 0.3],
    [0.45, 0.2],
    [0.62, 0.25],
    [0.65, 0.4],
    [0.5, 0.55],
    [0.32, 0.75],
    [0.7, 0.75],
  ]
  await page.mouse.move(...at(...path[0]))
  await page.mouse.down()
  for (const point of path.slice(1)) await page.mouse.move(...at(...point), { steps: 6 })
  await page.mouse.up()
}

/** The same input actions in the app's panel and in the demo page (same test ids). */
const actions = {
  draw: drawDigit,
  upload: async (page, { png }) => {
    await byTestId(page, 'tryit-upload').setInputFiles(png)
  },
  sliders: async (page) => {
    // Sets two sliders as a user's drag would end (the value, then an input event), to 80% and 10% of their range.
    for (const [index, fraction] of [
      [0, 0.8],
      [2, 0.1],
    ]) {
      await byTestId(page, `tryit-slider-${index}`).evaluate((el, f) => {
        const value = Number(el.min) + f * (Number(el.max) - Number(el.min))
        Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, 'value').set.call(el, String(value))
        el.dispatchEvent(new window.Event('input', { bubbles: true }))
      }, fraction)
    }
  },
  prompt: async (page) => {
    await byTestId(page, 'tryit-prompt').fill('ma')
    await byTestId(page, 'tryit-seed').fill('7')
    await byTestId(page, 'tryit-run').click()
  },
  generate: async (page) => {
    await byTestId(page, 'tryit-seed').fill('3')
    await byTestId(page, 'tryit-run').click()
  },
  example: async (page) => {
    await byTestId(page, 'tryit-seed').fill('5')
    await byTestId(page, 'tryit-example-0').click()
  },
  window: async (page) => {
    // A window of the wrong length is refused with a message; then a typed wave of 30 values runs.
    await byTestId(page, 'tryit-window').fill('0.1, 0.2, 0.3')
    await byTestId(page, 'tryit-run').click()
    await page.locator('[data-testid="tryit-window-error"], [data-status="seriesCount"]').first().waitFor()
    const wave = Array.from({ length: 30 }, (_, i) => (0.6 * Math.sin(i / 2.5) + 0.2 * Math.sin(i / 1.3)).toFixed(4))
    await byTestId(page, 'tryit-window').fill(wave.join(', '))
    await byTestId(page, 'tryit-run').click()
  },
  diffuse: async (page) => {
    await byTestId(page, 'tryit-seed').fill(String(DIFFUSION_REQUEST.seed))
    await byTestId(page, 'tryit-steps').fill(String(DIFFUSION_REQUEST.steps))
    await byTestId(page, 'tryit-run').click()
  },
}

/** The diffusion case's Generate: seed 3, DDIM in 3 steps (each a pass of the denoiser). */
const DIFFUSION_REQUEST = { seed: 3, method: 'ddim', steps: 3 }

/** What a page shows after the action: the model's input and output as numbers. */
async function readOutput(page, before = null) {
  const output = byTestId(page, 'tryit-output')
  const read = async () => ({
    input: JSON.parse((await output.getAttribute('data-input')) ?? 'null'),
    output: JSON.parse((await output.getAttribute('data-output')) ?? 'null'),
    generated: await output
      .evaluate((el) => el.querySelector('[data-generated]')?.getAttribute('data-generated') ?? null)
      .catch(() => null),
  })
  // Settled: changed from `before` and still the same a moment later (two slider moves answer one after the other).
  let last = null
  let since = 0
  return poll(
    read,
    (v) => {
      const text = JSON.stringify(v)
      if (text !== last) [last, since] = [text, Date.now()]
      return v.output !== null && text !== JSON.stringify(before) && Date.now() - since > 600
    },
    'an output appears and settles',
    30_000,
  )
}

/** LayerCanvas' own layers (a diffusion denoiser's), from the exported module, registered once in this tfjs. */
let customLayersRegistered = false
async function registerCustomLayers(folder) {
  const file = join(folder, 'layercanvas-layers.js')
  if (customLayersRegistered || !(await readFile(file).catch(() => null))) return
  const { registerLayerCanvasLayers } = await import(pathToFileURL(file).href)
  registerLayerCanvasLayers(tf)
  customLayersRegistered = true
}

async function loadExported(folder) {
  await registerCustomLayers(folder)
  const modelJson = JSON.parse(await readFile(join(folder, 'model.json'), 'utf8'))
  const bin = await readFile(join(folder, 'weights.bin'))
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  )
}

/** Runs `fn` with tfjs in Node on `backend` ('cpu' or 'wasm'), then puts the previous backend back. */
async function onBackend(backend, fn) {
  const previous = tf.getBackend() ?? 'cpu' // undefined until something used tfjs
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm')
  await tf.setBackend(backend)
  try {
    return await fn()
  } finally {
    await tf.setBackend(previous)
  }
}

/**
 * The core's diffusion sampler (the Train tab's, run from its TypeScript source) in Node on the
 * exported model, on the page's backend: DDIM runs the U-Net at every step and rescales by
 * 1/√ᾱ, so the summation order of two backends (XNNPACK's and tfjs' JS kernels) grows to ~1e-4.
 */
async function sampleWith(folder, spec, backend) {
  const { tsImport } = await import('tsx/esm/api')
  const { runDiffusion } = await tsImport('../../src/core/tryit/diffusion-run.ts', import.meta.url)
  return onBackend(backend, async () => {
    const model = await loadExported(folder)
    const outcome = await runDiffusion(tf, spec, model, DIFFUSION_REQUEST)
    model.dispose()
    return { input: Array.from(outcome.input), output: Array.from(outcome.output) }
  })
}

/**
 * What the page should show: tfjs' model.predict, or for diffusion the core sampler, on the same
 * input. `backend`: the one the page computed on (the app's CPU preference is WebAssembly; the
 * exported demo uses tfjs' JS 'cpu').
 */
async function expectedFor(c, folder, spec, shown, backend = 'cpu') {
  if (c.kind !== 'diffusion') return predictWith(folder, spec, shown.input)
  const sample = await sampleWith(folder, spec, backend)
  assertClose(shown.input, sample.input, 'the starting noise', "the core sampler's")
  return sample.output
}

/** tfjs' model.predict in Node on the exported model, with zeros for any other input (a GAN's discriminator). */
async function predictWith(folder, spec, input) {
  const model = await loadExported(folder)
  const tensors = spec.inputs.map((t, i) =>
    i === spec.main ? tf.tensor(input, [1, ...t.shape], t.dtype) : tf.zeros([1, ...t.shape], t.dtype),
  )
  const out = model.predict(tensors.length === 1 ? tensors[0] : tensors)
  const values = Array.from(await (Array.isArray(out) ? out : [out])[spec.output].data())
  model.dispose()
  return values
}

function assertClose(actual, expected, what, against = "tfjs' model.predict") {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, ${against} has ${expected.length}`)
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - expected[i])))
  assert.ok(worst <= TOLERANCE, `${what}: differs from ${against} by ${worst}`)
}

/** Exports the web demo from the app (Try it → Export as web demo) and unpacks the zip. */
async function exportDemo(page, tmpDir) {
  await byTestId(page, 'tryit-export-demo').click()
  await byTestId(page, 'export-format-web-demo').locator('input').waitFor()
  assert.ok(await byTestId(page, 'export-format-web-demo').locator('input').isChecked(), 'web demo chosen')
  const download = page.waitForEvent('download', { timeout: 90_000 })
  await byTestId(page, 'export-run-button').click()
  const file = join(tmpDir, (await download).suggestedFilename())
  await (await download).saveAs(file)
  const folder = join(tmpDir, 'demo')
  const entries = unzipSync(new Uint8Array(await readFile(file)))
  for (const [path, data] of Object.entries(entries)) {
    await mkdir(dirname(join(folder, path)), { recursive: true })
    await writeFile(join(folder, path), data)
  }
  return { folder, entries }
}

/**
 * The page's Content-Security-Policy: it ran under it (it is ready), and a script injected into
 * the page — as an XSS through a project or class name would be — is refused.
 */
async function assertInlineScriptBlocked(page) {
  const result = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let violated = null
        document.addEventListener('securitypolicyviolation', (e) => (violated = e.violatedDirective), { once: true })
        const script = document.createElement('script')
        script.textContent = 'window.__injected = true'
        document.body.appendChild(script)
        setTimeout(() => resolve({ ran: window.__injected === true, violated }), 100)
      }),
  )
  assert.equal(result.ran, false, 'an injected inline script does not run')
  assert.match(String(result.violated), /^script-src/, 'the Content-Security-Policy refused it')
}

/** Opens the demo from file:// in a new page whose every network request is refused. */
async function openDemo(context, folder) {
  const page = await context.newPage()
  const refused = []
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue()
    refused.push(url)
    return route.abort()
  })
  const started = Date.now()
  await page.goto(pathToFileURL(join(folder, 'index.html')).href)
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 20_000 })
  await assertInlineScriptBlocked(page)
  // The page's own measure (navigation start → ready), else the wall time around it.
  const readyMs = Number(await page.locator('body').getAttribute('data-ready-ms'))
  return { page, loadSeconds: readyMs > 0 ? readyMs / 1000 : (Date.now() - started) / 1000, refused }
}

const CASES = [
  {
    title: 'mlp-mnist: a digit drawn on the pad',
    project: { template: 'mlp-mnist', name: 'MNIST MLP' },
    action: 'draw',
    kind: 'image',
    screenshots: true,
  },
  {
    title: 'lenet5: an uploaded picture',
    project: { template: 'lenet5', name: 'LeNet-5' },
    action: 'upload',
    kind: 'image',
    size: true,
  },
  { title: 'iris: sliders', project: 'iris', action: 'sliders', kind: 'features' },
  {
    title: 'lstm-names: a typed prefix',
    project: { template: 'lstm-names', name: 'LSTM name generator' },
    action: 'prompt',
    kind: 'text',
    backend: 'cpu',
  },
  {
    title: 'gan-mlp: Generate',
    project: { template: 'gan-mlp', name: 'GAN with MLPs (MNIST)' },
    action: 'generate',
    kind: 'noise',
  },
  {
    title: 'rnn-sine: a typed window, the prediction drawn after it',
    project: { template: 'rnn-sine', name: 'RNN wave forecaster' },
    action: 'window',
    kind: 'series',
  },
  {
    title: 'autoencoder-conv-denoising: a test sample, noised with seed 5, and its reconstruction',
    project: { template: 'autoencoder-conv-denoising', name: 'Convolutional denoising autoencoder' },
    action: 'example',
    kind: 'image',
  },
  {
    title: 'ddpm-mnist: Generate (DDIM, seed 3)',
    project: { template: 'ddpm-mnist', name: 'Diffusion (DDPM) on MNIST' },
    action: 'diffuse',
    kind: 'diffusion',
    backend: 'cpu',
    against: 'the core diffusion sampler',
  },
]

for (const c of CASES) {
  test(
    `tryit: ${c.title} — the app's panel and the exported demo (file://, offline) equal ${c.against ?? "tfjs' model.predict"}`,
    async ({ page, context, baseURL, tmpDir }) => {
      // scripts/screenshots-tryit.mjs: the README's pictures show a trained model (E2E_TRYIT_PROJECT, trained by the CLI).
      const trained = c.screenshots && process.env.E2E_TRYIT_PROJECT
      const project =
        c.project === 'iris'
          ? await irisProject(tmpDir)
          : trained
            ? { file: process.env.E2E_TRYIT_PROJECT, name: c.project.name }
            : c.project
      await openProject(page, baseURL, project)
      const extra = { png: c.action === 'upload' ? await sevenPng(tmpDir) : null }

      if (c.backend) {
        // The LSTM's orthogonal initialiser (a QR decomposition) takes minutes on SwiftShader's WebGL; the CPU is quicker.
        await byTestId(page, 'dock-tab-train').click()
        await byTestId(page, 'train-backendPreference').selectOption(c.backend)
      }
      await byTestId(page, 'dock-tab-tryit').click()
      await byTestId(page, 'tryit-panel').locator('xpath=.').waitFor()
      await page.locator('[data-testid="tryit-panel"][data-ready="true"]').waitFor({ timeout: 120_000 })
      assert.equal(await byTestId(page, 'tryit-input').getAttribute('data-kind'), c.kind)
      // Sliders answer at once with the training data's means; the other inputs after the action.
      const initial = c.action === 'sliders' ? await readOutput(page) : null
      await actions[c.action](page, extra)
      const app = await readOutput(page, initial)

      // E2E_SCREENSHOT=1 (set by scripts/screenshots-tryit.mjs): the README's pictures (docs/tryit.png, docs/web-demo.png).
      const screenshots = process.env.E2E_SCREENSHOT === '1' && c.screenshots
      if (screenshots) await byTestId(page, 'training-dock').screenshot({ path: join(docsDir, 'tryit.png') })
      const { folder, entries } = await exportDemo(page, tmpDir)
      const spec = JSON.parse(await readFile(join(folder, 'tryit.json'), 'utf8'))
      const against = c.against ?? "tfjs' model.predict"
      const appBackend = c.backend === 'cpu' ? 'wasm' : 'cpu'
      assertClose(app.output, await expectedFor(c, folder, spec, app, appBackend), 'the app', against)

      const demo = await openDemo(context, folder)
      assert.equal(await demo.page.title(), project.name, 'the page is titled with the project name, as written')
      const demoInitial = c.action === 'sliders' ? await readOutput(demo.page) : null
      await actions[c.action](demo.page, extra)
      const shown = await readOutput(demo.page, demoInitial)
      assertClose(shown.output, await expectedFor(c, folder, spec, shown), 'the demo', against)
      // The same input (same drawing, picture, slider steps, seed) is preprocessed the same way in both.
      assertClose(shown.input, app.input, "the demo's model input", "the app's")
      if (c.action === 'window') {
        for (const p of [page, demo.page]) await byTestId(p, 'tryit-series-prediction').waitFor()
      }
      if (c.action === 'example') {
        // The project's noise (σ = inputNoise) was added to the test sample, and both pages show the pair.
        const clean = spec.examples[0]
        assert.ok(spec.noise > 0 && shown.input.some((v, i) => Math.abs(v - clean[i]) > 0.01), 'the input is noised')
        for (const p of [page, demo.page]) await byTestId(p, 'tryit-input-picture').waitFor()
      }
      if (c.kind === 'text') assert.ok(app.generated !== null && shown.generated !== null, 'both wrote a continuation')
      assert.deepEqual(demo.refused, [], 'the demo asked the network for nothing')
      if (screenshots) await demo.page.screenshot({ path: join(docsDir, 'web-demo.png'), fullPage: true })

      if (c.size) {
        const total = Object.entries(entries).reduce(
          (n, [path, data]) => n + (path.endsWith('weights.bin') || path.endsWith('model.js') ? 0 : data.length),
          0,
        )
        console.log(
          `    lenet5 web demo: ${(total / 1e6).toFixed(2)} MB besides the weights; loaded from file:// in ${demo.loadSeconds.toFixed(2)} s`,
        )
        assert.ok(total < 2e6, `the folder is under 2 MB besides the weights (${total} bytes)`)
      }
      await demo.page.close()
    },
    { timeout: 180_000 },
  )
}

/** A picture on the pad, then the page's input and output once they have settled. */
async function dropPicture(page, png) {
  const bytes = [...(await readFile(png))]
  const dataTransfer = await page.evaluateHandle((data) => {
    const transfer = new window.DataTransfer()
    transfer.items.add(new window.File([new Uint8Array(data)], 'seven.png', { type: 'image/png' }))
    return transfer
  }, bytes)
  await byTestId(page, 'tryit-pad').dispatchEvent('dragover', { dataTransfer })
  await byTestId(page, 'tryit-pad').dispatchEvent('drop', { dataTransfer })
}

/** Opens the fake camera (a test pattern), waits for frames and snaps one. */
async function snapWebcam(page) {
  await byTestId(page, 'tryit-webcam').click()
  await page.waitForFunction(() => (document.querySelector('[data-testid="tryit-video"]')?.videoWidth ?? 0) > 0, null, {
    timeout: 10_000,
  })
  await byTestId(page, 'tryit-snap').click()
}

test(
  "tryit: mlp-mnist: a picture dragged onto the pad and a webcam snapshot (Chromium's fake camera), in the app and the demo — equal tfjs' model.predict",
  async ({ baseURL, tmpDir }) => {
    // The fake camera needs launch flags, so this test has a browser of its own.
    const browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'])
    try {
      const context = await newContext(browser)
      const page = await context.newPage()
      await openProject(page, baseURL, { template: 'mlp-mnist', name: 'MNIST MLP' })
      await byTestId(page, 'dock-tab-tryit').click()
      await page.locator('[data-testid="tryit-panel"][data-ready="true"]').waitFor({ timeout: 120_000 })
      const png = await sevenPng(tmpDir)

      await dropPicture(page, png)
      const dropped = await readOutput(page)
      await snapWebcam(page)
      const snapped = await readOutput(page, dropped)
      const { folder } = await exportDemo(page, tmpDir)
      const spec = JSON.parse(await readFile(join(folder, 'tryit.json'), 'utf8'))
      assertClose(dropped.output, await predictWith(folder, spec, dropped.input), 'the app, a dropped picture')
      assertClose(snapped.output, await predictWith(folder, spec, snapped.input), 'the app, a webcam snapshot')
      // The camera's test pattern is not black: the snapshot reached the model.
      assert.ok(new Set(snapped.input).size > 2, 'the snapshot has varied pixels')

      const demo = await openDemo(context, folder)
      await dropPicture(demo.page, png)
      const demoDropped = await readOutput(demo.page)
      assertClose(demoDropped.output, await predictWith(folder, spec, demoDropped.input), 'the demo, a dropped picture')
      assertClose(demoDropped.input, dropped.input, "the demo's model input", "the app's")
      await snapWebcam(demo.page)
      const demoSnapped = await readOutput(demo.page, demoDropped)
      assertClose(demoSnapped.output, await predictWith(folder, spec, demoSnapped.input), 'the demo, a snapshot')
      assert.ok(new Set(demoSnapped.input).size > 2, "the demo's snapshot has varied pixels")
    } finally {
      await browser.close()
    }
  },
  { timeout: 180_000 },
)
