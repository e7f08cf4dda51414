/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * Generative previews in the browser build: the DCGAN template trains on WebGL (SwiftShader in
 * headless Chromium) and its fixed-noise grid appears and changes; the DDPM template trains a
 * few batches, then Sample draws a step-by-step strip from noise to digits. Runs are kept short
 * (a preview every few batches, Stop after a few): SwiftShader is slow.
 */

const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

/** Opens a template from the gallery and the Train tab. */
async function openTemplate(page, baseURL, id, name) {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, `template-${id}`).click() // the start template is unchanged: no discard prompt
  await poll(() => getDocument(page), (d) => d.name === name, `${id} opened`, 10_000)
  await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-start').waitFor()
}

/** Types into a training setting and waits until the document holds it. */
async function setField(page, id, value, read) {
  await byTestId(page, `train-${id}`).fill(String(value))
  await poll(() => getDocument(page), (d) => read(d.training) === value, `${id} = ${value} in the document`)
}

/** Waits for the worker to report its backend; it must be WebGL. */
async function expectWebgl(page) {
  const backend = await poll(() => byTestId(page, 'train-backend').getAttribute('data-backend').catch(() => null), (v) => v !== null, 'backend badge', 30_000)
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
    const second = await poll(() => pixels(grid), (url) => url !== first, 'the grid changes with training', 30_000)
    assert.notEqual(second, first)
    assert.notEqual(await byTestId(page, 'gan-samples-at').innerText(), caption, 'the caption follows the batch')

    // The GAN's own numbers: D and G losses, D(x) and D(G(z)) between 0 and 1.
    const state = await poll(() => trainingState(page), (s) => s.last !== null && s.last.dLoss !== undefined, 'GAN metrics in batch events', 20_000)
    for (const key of ['dLoss', 'gLoss']) assert.ok(Number.isFinite(state.last[key]) && state.last[key] > 0, `${key} = ${state.last[key]}`)
    for (const key of ['dReal', 'dFake']) assert.ok(state.last[key] >= 0 && state.last[key] <= 1, `${key} = ${state.last[key]}`)
    assert.ok(Number(await byTestId(page, 'gan-d-real').getAttribute('data-value')) >= 0)
    await byTestId(page, 'chart-gan-loss').waitFor()
    await byTestId(page, 'chart-gan-verdict').waitFor()

    await byTestId(page, 'train-stop').click()
    await poll(() => status(page), (s) => s === 'stopped', 'stopped', 30_000)
    const done = await trainingState(page)
    console.log(
      `    (${done.backend.backend} [${done.backend.gpu}]: first grid ${firstAt.toFixed(1)} s after Train; ` +
        `${done.last.batch + 1} batches; D(x) ${done.last.dReal.toFixed(2)}, D(G(z)) ${done.last.dFake.toFixed(2)})`,
    )
  },
  { timeout: 90_000 },
)

test(
  'generative: DDPM template on WebGL — train briefly, Sample, the step-by-step strip renders',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'ddpm-mnist', 'Diffusion (DDPM) on MNIST')
    await setField(page, 'batchSize', 16, (t) => t.batchSize)
    await byTestId(page, 'diffusion-panel').waitFor()
    const sample = byTestId(page, 'diffusion-sample')
    assert.equal(await sample.isEnabled(), false, 'nothing to sample before training')
    await byTestId(page, 'train-start').click()
    await expectWebgl(page)
    await poll(() => trainingState(page), (s) => s.last !== null && s.last.batch >= 3, 'a few batches trained', 45_000)
    await byTestId(page, 'train-stop').click()
    await poll(() => status(page), (s) => s === 'stopped', 'stopped', 30_000)
    // Stopped mid-epoch: no epoch preview yet, so the strip that appears is the one Sample draws.
    await poll(() => sample.isEnabled(), (enabled) => enabled, 'Sample is available once the worker is idle', 10_000)

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
    // The slider scrubs the whole batch through the frames.
    const slider = byTestId(page, 'diffusion-slider')
    await poll(() => slider.inputValue(), (v) => v === String(count - 1), 'the animation ends on the final samples', 15_000)
    await slider.fill('0')
    assert.equal(await page.locator('[data-testid="diffusion-frame"].current').count(), 1)
    // DDPM works too (all T steps), from new noise.
    await byTestId(page, 'diffusion-method').selectOption('ddpm')
    await sample.click()
    await poll(() => byTestId(page, 'diffusion-trajectory').getAttribute('data-sampler'), (s) => s === 'ddpm', 'a DDPM trajectory', 45_000)
    assert.ok(Number(await byTestId(page, 'diffusion-steps').getAttribute('data-count')) >= 5)
    console.log(`    (DDIM sample of 16 digits in ${seconds.toFixed(1)} s; ${count} frames)`)
  },
  { timeout: 90_000 },
)
