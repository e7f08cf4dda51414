/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The CPU path in the browser build is tfjs' WebAssembly backend: with the CPU preference chosen
 * in the Train tab, LeNet-5 (convolutions, max-pooling: the kernels our wasm training kernels
 * provide) trains inside the worker on 'wasm', the badge says so in English and Chinese, and the
 * loss is finite and falls. The loss series and throughput are printed.
 */

const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length

/**
 * Chooses the CPU in the Train tab, caps the run at `maxBatches` and starts it. Every batch's
 * loss is read back (readbackMs 0), so the loss chart has one point per batch however fast the
 * machine is: by default a point comes every 200 ms, and a fast CPU did 40 batches in 4.
 */
async function startCpuRun(page, maxBatches) {
  await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-backendPreference').selectOption('cpu')
  await byTestId(page, 'train-epochs').fill('1')
  await page.evaluate(
    (n) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: n, readbackMs: 0 }),
    maxBatches,
  )
  await byTestId(page, 'train-start').click()
}

/** The backend the badge reports once the run has chosen one. */
const badgeBackend = (badge) =>
  poll(
    () => badge.getAttribute('data-backend').catch(() => null),
    (v) => v !== null,
    'backend badge',
    30_000,
  )

test(
  'CPU preference: LeNet-5 trains on WebAssembly in the worker, the badge says so, the loss falls',
  async ({ page, baseURL }) => {
    await openApp(page, baseURL)
    await byTestId(page, 'cmd-file.openTemplate').click()
    await byTestId(page, 'template-lenet5').click()
    await poll(
      () => getDocument(page),
      (d) => d.meta?.template === 'lenet5',
      'lenet5 opened',
      10_000,
    )
    await startCpuRun(page, 40)

    const badge = byTestId(page, 'train-backend')
    const backend = await badgeBackend(badge)
    assert.equal(backend, 'wasm', 'the CPU preference trains on tfjs-backend-wasm')
    // Chromium has WebAssembly SIMD; the page is not cross-origin isolated, so one thread.
    assert.equal(await badge.locator('strong').innerText(), 'CPU · WebAssembly (SIMD)')
    assert.match(await badge.getAttribute('title'), /No GPU is used: WebAssembly runs the maths/)
    assert.equal(await byTestId(page, 'train-fallback').count(), 0, 'no fallback to report')

    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'done' || s === 'error',
      'training finished',
      120_000,
    )
    const state = await trainingState(page)
    assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)
    // ownKernels: our SIMD Adam and matrix products run on the bundled backend's memory too.
    assert.deepEqual(state.backend.wasm, { simd: true, threads: 1, ownKernels: true })

    const { raw } = await page.evaluate(() => window.__layercanvasTraining.getLossSeries())
    assert.equal(raw.length, 40, 'a loss point per batch')
    assert.ok(raw.every(Number.isFinite), `finite losses: ${raw.join(', ')}`)
    const first = mean(raw.slice(0, 5))
    const last = mean(raw.slice(-5))
    assert.ok(last < first * 0.8, `the loss falls: first batches ${first.toFixed(3)}, last ${last.toFixed(3)}`)
    assert.ok(Number.isFinite(state.epochs[0].valLoss), 'a finite validation loss')

    // The same badge in Chinese.
    await byTestId(page, 'cmd-view.toggleLanguage').click()
    await poll(
      () => page.evaluate(() => document.documentElement.lang),
      (lang) => lang === 'zh-CN',
      'the UI is in Chinese',
    )
    assert.equal(await badge.locator('strong').innerText(), 'CPU · WebAssembly（SIMD）')
    assert.match(await badge.getAttribute('title'), /没有使用 GPU：由 WebAssembly 在处理器上完成计算/)
    console.log(
      `    (LeNet-5, ${raw.length} loss points on wasm: ${first.toFixed(3)} → ${last.toFixed(3)}; ` +
        `${Math.round(state.last.samplesPerSec)} samples/s at the last batch)`,
    )
  },
  { timeout: 180_000 },
)

test(
  "WebAssembly will not start (its .wasm files cannot be fetched): the run trains on tfjs' JS CPU backend and says why",
  async ({ page, context, baseURL, expectConsoleError }) => {
    // Emscripten reports the failed fetch on the console before tfjs gives up on the backend.
    expectConsoleError(/wasm|Aborted/i)
    await context.route(/\.wasm$/, (route) => route.abort())
    await openApp(page, baseURL)
    await startCpuRun(page, 20)

    const badge = byTestId(page, 'train-backend')
    const backend = await badgeBackend(badge)
    assert.equal(backend, 'cpu', 'the pure-JS CPU backend')
    assert.equal(await badge.locator('strong').innerText(), 'CPU')
    const fallback = byTestId(page, 'train-fallback')
    assert.equal(await fallback.getAttribute('data-fallback'), 'wasmUnavailable')
    assert.match(await fallback.innerText(), /WebAssembly could not start here/)
    assert.match(await fallback.getAttribute('title'), /^WebAssembly: /)
    assert.match(await badge.getAttribute('title'), /plain JavaScript runs the maths/)

    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'done' || s === 'error',
      'training finished',
      120_000,
    )
    const state = await trainingState(page)
    assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)
    const { raw } = await page.evaluate(() => window.__layercanvasTraining.getLossSeries())
    assert.ok(raw.length > 0 && raw.every(Number.isFinite), `finite losses: ${raw.join(', ')}`)
  },
  { timeout: 180_000 },
)
