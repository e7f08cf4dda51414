/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * Generative previews in the browser build: the DCGAN template trains on WebGL (SwiftShader in
 * headless Chromium) and its fixed-noise grid appears and changes; a diffusion model trains a
 * few batches, then Sample draws a step-by-step strip from noise to digits (a small Dense
 * denoiser: the ddpm-mnist template's convolutions take seconds per batch on SwiftShader). Runs are kept short
 * (a preview every few batches, Stop after a few): SwiftShader is slow.
 */

const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

/** Opens a template from the gallery and the Train tab. */
async function openTemplate(page, baseURL, id, name) {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, `template-${id}`).click() // the start template is unchanged: no discard prompt
  await poll(
    () => getDocument(page),
    (d) => d.name === name,
    `${id} opened`,
    10_000,
  )
  await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-start').waitFor()
}

/** Types into a training setting and waits until the document holds it. */
async function setField(page, id, value, read) {
  await byTestId(page, `train-${id}`).fill(String(value))
  await poll(
    () => getDocument(page),
    (d) => read(d.training) === value,
    `${id} = ${value} in the document`,
  )
}

/** Waits for the worker to report its backend; it must be WebGL. */
async function expectWebgl(page) {
  const backend = await poll(
    () =>
      byTestId(page, 'train-backend')
        .getAttribute('data-backend')
        .catch(() => null),
    (v) => v !== null,
    'backend badge',
    30_000,
  )
  assert.equal(backend, 'webgl', 'trains on WebGL inside the worker')
}

const pixels = (locator) => locator.evaluate((canvas) => canvas.toDataURL())

test(
  'generative: DCGAN template on WebGL — the fixed-noise grid appears and changes, D/G metrics are charted',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'dcgan-mnist', 'DCGAN (MNIST)')
    // A preview every 2 batches (the template shows one every 100) and small batches: quick on SwiftShader.
    await setField(page, 'gan-sampleEvery', 2, (t) => t.gan.sampleEvery)
    await setField(page, 'batchSize', 16, (t) => t.batchSize)
    await byTestId(page, 'gan-panel').waitFor()
    const started = Date.now()
    await byTestId(page, 'train-start').click()
    await expectWebgl(page)

    const grid = byTestId(page, 'gan-samples')
    await grid.waitFor({ timeout: 45_000 })
    const firstAt = (Date.now() - started) / 1000
    assert.equal(await grid.getAttribute('data-count'), '16', '16 samples from the fixed noise')
    const first = await pixels(grid)
    const caption = await byTestId(page, 'gan-samples-at').innerText()
    // The next preview, two batches later: the generator has moved, so the pictures differ.
    const second = await poll(
      () => pixels(grid),
      (url) => url !== first,
      'the grid changes with training',
      30_000,
    )
    assert.notEqual(second, first)
    assert.notEqual(await byTestId(page, 'gan-samples-at').innerText(), caption, 'the caption follows the batch')

    // The GAN's own numbers: D and G losses, D(x) and D(G(z)) between 0 and 1.
    const state = await poll(
      () => trainingState(page),
      (s) => s.last !== null && s.last.dLoss !== undefined,
      'GAN metrics in batch events',
      20_000,
    )
    for (const key of ['dLoss', 'gLoss'])
      assert.ok(Number.isFinite(state.last[key]) && state.last[key] > 0, `${key} = ${state.last[key]}`)
    for (const key of ['dReal', 'dFake'])
      assert.ok(state.last[key] >= 0 && state.last[key] <= 1, `${key} = ${state.last[key]}`)
    assert.ok(Number(await byTestId(page, 'gan-d-real').getAttribute('data-value')) >= 0)
    await byTestId(page, 'chart-gan-loss').waitFor()
    await byTestId(page, 'chart-gan-verdict').waitFor()

    await byTestId(page, 'train-stop').click()
    await poll(
      () => status(page),
      (s) => s === 'stopped',
      'stopped',
      30_000,
    )
    const done = await trainingState(page)
    console.log(
      `    (${done.backend.backend} [${done.backend.gpu}]: first grid ${firstAt.toFixed(1)} s after Train; ` +
        `${done.last.batch + 1} batches; D(x) ${done.last.dReal.toFixed(2)}, D(G(z)) ${done.last.dFake.toFixed(2)})`,
    )
  },
  { timeout: 90_000 },
)

/**
 * A small DDPM denoiser on MNIST (Dense layers; the ddpm-mnist template's convolutions take
 * seconds per batch on SwiftShader): x_t → Dense(128) + embed(t) → Dense(128) → Dense(784) → ε.
 */
const tinyDiffusion = {
  format: 'layercanvas',
  schemaVersion: 1,
  name: 'Tiny diffusion (e2e)',
  nodes: [
    { id: 'xt', kind: 'input', params: { mode: 'image', height: 28, width: 28, channels: 1 } },
    { id: 'flat', kind: 'flatten' },
    { id: 'h1', kind: 'dense', params: { units: 128, activation: 'linear' } },
    { id: 't', kind: 'timestepInput' },
    { id: 'temb', kind: 'timestepEmbedding', params: { dim: 32 } },
    { id: 'tproj', kind: 'dense', params: { units: 128, activation: 'swish' } },
    { id: 'cond', kind: 'condition', params: { mode: 'add' } },
    { id: 'act', kind: 'activation', params: { activation: 'swish' } },
    { id: 'h2', kind: 'dense', params: { units: 128, activation: 'swish' } },
    { id: 'out', kind: 'dense', params: { units: 784, activation: 'linear' } },
    { id: 'eps', kind: 'reshape', params: { targetShape: [28, 28, 1] } },
  ],
  edges: [
    { id: 'e1', source: 'xt', target: 'flat' },
    { id: 'e2', source: 'flat', target: 'h1' },
    { id: 'e3', source: 't', target: 'temb' },
    { id: 'e4', source: 'temb', target: 'tproj' },
    { id: 'e5', source: 'h1', target: 'cond', targetPort: 0 },
    { id: 'e6', source: 'tproj', target: 'cond', targetPort: 1 },
    { id: 'e7', source: 'cond', target: 'act' },
    { id: 'e8', source: 'act', target: 'h2' },
    { id: 'e9', source: 'h2', target: 'out' },
    { id: 'e10', source: 'out', target: 'eps' },
  ],
  training: {
    task: 'diffusion',
    dataset: { id: 'mnist' },
    batchSize: 32,
    epochs: 1,
    optimizer: { type: 'adam', learningRate: 0.001 },
    diffusion: { timesteps: 50, schedule: 'cosine', samplingSteps: 10, keepSteps: 8, samples: 16 },
  },
}

/** Opens `file` through the toolbar's Open and the browser file chooser. */
async function openFile(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.open').click()
  await (await chooser).setFiles(file)
}

test(
  'generative: diffusion on WebGL — train briefly, Sample (DDIM, then DDPM), the step-by-step strip renders',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    const file = join(tmpDir, 'tiny-diffusion.layercanvas.json')
    await writeFile(file, JSON.stringify(tinyDiffusion))
    await openFile(page, file)
    await poll(
      () => getDocument(page),
      (d) => d.name === tinyDiffusion.name,
      'the diffusion document opened',
      10_000,
    )
    await byTestId(page, 'dock-tab-train').click()
    await byTestId(page, 'diffusion-panel').waitFor()
    const sample = byTestId(page, 'diffusion-sample')
    assert.equal(await sample.isEnabled(), false, 'nothing to sample before training')
    await byTestId(page, 'train-start').click()
    await expectWebgl(page)
    await poll(
      () => trainingState(page),
      (s) => s.last !== null && s.last.batch >= 20,
      'a few batches trained',
      45_000,
    )
    await byTestId(page, 'train-stop').click()
    await poll(
      () => status(page),
      (s) => s === 'stopped',
      'stopped',
      30_000,
    )
    // Stopped mid-epoch: no epoch preview yet, so the strip that appears is the one Sample draws.
    await poll(
      () => sample.isEnabled(),
      (enabled) => enabled,
      'Sample is available once the worker is idle',
      10_000,
    )

    const t0 = Date.now()
    await sample.click()
    const strip = byTestId(page, 'diffusion-steps')
    await strip.waitFor({ timeout: 30_000 })
    const seconds = (Date.now() - t0) / 1000
    const frames = strip.locator('[data-testid="diffusion-frame"]')
    const count = await frames.count()
    assert.ok(count >= 5, `${count} frames in the strip (≥ 5)`)
    assert.equal(await strip.getAttribute('data-count'), String(count))
    assert.equal(await byTestId(page, 'diffusion-trajectory').getAttribute('data-sampler'), 'ddim')
    // Every frame is drawn (pixels on a canvas), and the first (noise) differs from the last.
    const urls = await frames.locator('canvas').evaluateAll((canvases) => canvases.map((c) => c.toDataURL()))
    assert.equal(urls.length, count)
    assert.notEqual(urls[0], urls[urls.length - 1], 'noise first, a sample last')
    // It plays from noise to the final samples; the slider scrubs back.
    const slider = byTestId(page, 'diffusion-slider')
    await poll(
      () => slider.inputValue(),
      (v) => v === String(count - 1),
      'the animation ends on the final samples',
      15_000,
    )
    await slider.fill('0')
    await poll(
      () => page.locator('[data-testid="diffusion-frame"].current').getAttribute('class'),
      Boolean,
      'a current frame',
    )
    assert.equal(await frames.first().getAttribute('class'), 'gen-frame current', 'the slider picks the noise frame')
    // DDPM (all T steps) from new noise.
    await byTestId(page, 'diffusion-method').selectOption('ddpm')
    await sample.click()
    await poll(
      () => byTestId(page, 'diffusion-trajectory').getAttribute('data-sampler'),
      (s) => s === 'ddpm',
      'a DDPM trajectory',
      30_000,
    )
    assert.ok(Number(await byTestId(page, 'diffusion-steps').getAttribute('data-count')) >= 5)
    console.log(
      `    (DDIM sample of 16 digits in ${seconds.toFixed(1)} s after ${(await trainingState(page)).last.batch + 1} batches; ${count} frames)`,
    )
  },
  { timeout: 90_000 },
)
