/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { assert, byTestId, getDocument, openApp, poll, selectNode, test } from './harness.mjs'

/**
 * Training in the browser build: the worker trains the MNIST MLP template (the start document)
 * on WebGL (SwiftShader in headless Chromium), the panel shows the validation accuracy and the
 * confusion matrix; stopping mid-run leaves the editor usable. The measured epoch time and
 * accuracy are printed, so a slow machine shows up in the log.
 */

const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())

async function openTrainTab(page, baseURL) {
  await openApp(page, baseURL)
  await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-start').waitFor()
}

test(
  'trains the MNIST MLP for one epoch on WebGL: validation accuracy ≥ 0.85 and a confusion matrix',
  async ({ page, baseURL }) => {
    await openTrainTab(page, baseURL)
    const doc = await getDocument(page)
    assert.equal(doc.training.epochs, 1, 'the template trains one epoch')
    const started = Date.now()
    await byTestId(page, 'train-start').click()

    // The worker reports its backend before training: WebGL, not the CPU fallback.
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

    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'done' || s === 'error',
      'training finished',
      150_000,
    )
    const seconds = (Date.now() - started) / 1000
    const state = await trainingState(page)
    assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)

    const shown = await byTestId(page, 'train-val-accuracy').getAttribute('data-value')
    const valAccuracy = Number(shown)
    assert.ok(valAccuracy >= 0.85, `validation accuracy ${valAccuracy} ≥ 0.85`)
    assert.match(await byTestId(page, 'train-val-accuracy').innerText(), /\d+\.\d%/)
    // The tensor count at the epoch end was reported (the leak guard's reading).
    assert.ok(Number(await byTestId(page, 'train-tensors').getAttribute('data-value')) > 0)

    await byTestId(page, 'dock-tab-results').click()
    const matrix = byTestId(page, 'confusion-matrix')
    await matrix.waitFor({ timeout: 20_000 })
    assert.equal(await matrix.getAttribute('data-classes'), '10')
    assert.equal(await matrix.locator('[data-testid="confusion-cell"]').count(), 100, '10×10 cells')
    const testAccuracy = Number(await byTestId(page, 'results-accuracy').getAttribute('data-value'))
    assert.ok(testAccuracy >= 0.85, `test accuracy ${testAccuracy}`)
    // Mistakes first in the gallery, drawn as pictures.
    const first = byTestId(page, 'gallery-item').first()
    assert.equal(await first.getAttribute('data-wrong'), 'true')
    assert.ok((await first.locator('canvas').count()) === 1)
    console.log(
      `    (one epoch on ${state.backend.backend} [${state.backend.gpu}]: ${state.epochs[0].seconds.toFixed(1)} s; ` +
        `${seconds.toFixed(1)} s from click to results; validation accuracy ${valAccuracy.toFixed(3)}, test ${testAccuracy.toFixed(3)})`,
    )

    // Keep the weights with the project: the document holds them, one undo step takes them out.
    await byTestId(page, 'results-keep').click()
    const kept = await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'trained weights in the document',
      10_000,
    )
    assert.deepEqual(Object.keys(kept.trained.layers).sort(), ['hidden', 'output'])
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.trained === undefined,
      'undo removes the weights',
    )
  },
  { timeout: 180_000 },
)

test(
  'stopping mid-training leaves the app usable (edit, undo, train controls)',
  async ({ page, baseURL }) => {
    await openTrainTab(page, baseURL)
    // Several epochs, so there is time to stop it.
    const epochs = page.locator('[data-testid="train-epochs"]')
    await epochs.fill('5')
    await poll(
      () => getDocument(page),
      (d) => d.training.epochs === 5,
      'epochs in the document',
    )
    await byTestId(page, 'train-start').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'running',
      'running',
      60_000,
    )
    await poll(
      () => trainingState(page),
      (s) => s.last !== null,
      'a batch was reported',
      60_000,
    )

    // Pause, step one batch, resume: the controls follow the state.
    await byTestId(page, 'train-pause').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'paused',
      'paused',
      20_000,
    )
    const before = (await trainingState(page)).last
    await byTestId(page, 'train-step').click()
    await poll(
      () => trainingState(page),
      (s) =>
        s.last.epoch * s.last.batchesPerEpoch + s.last.batch ===
        before.epoch * before.batchesPerEpoch + before.batch + 1,
      'one more batch after Step',
      20_000,
    )
    await byTestId(page, 'train-resume').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'running',
      'running again',
      20_000,
    )

    await byTestId(page, 'train-stop').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'stopped',
      'stopped',
      30_000,
    )
    assert.equal(await byTestId(page, 'train-start').isEnabled(), true, 'Train is available again')

    // The editor still works: edit a layer parameter, then undo it (dock folded away first).
    await byTestId(page, 'dock-toggle').click()
    await selectNode(page, 'hidden')
    const units = byTestId(page, 'param-units')
    await units.fill('64')
    await poll(
      () => getDocument(page),
      (d) => d.nodes.find((n) => n.id === 'hidden').params.units === 64,
      'units edited',
    )
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.nodes.find((n) => n.id === 'hidden').params.units === 128,
      'undo restored units',
    )

    // A training setting is an undoable document edit too.
    await byTestId(page, 'dock-tab-train').click()
    const templateRate = (await getDocument(page)).training.optimizer.learningRate
    await page.locator('[data-testid="train-learningRate"]').fill('0.01')
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === 0.01,
      'learning rate edited',
    )
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === templateRate,
      'undo restored the learning rate',
    )
  },
  { timeout: 120_000 },
)

test(
  'guards: a NaN loss stops with epoch, batch and advice; a lost WebGL context restores the checkpoint',
  async ({ page, baseURL }) => {
    await openTrainTab(page, baseURL)
    // A learning rate far too high makes the loss blow up within a few batches.
    await page.locator('[data-testid="train-optimizer"]').selectOption('sgd')
    await page.locator('[data-testid="train-learningRate"]').fill('1e38')
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === 1e38,
      'learning rate edited',
    )
    await byTestId(page, 'train-start').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'error' || s === 'done',
      'the guard stopped training',
      60_000,
    )
    const error = byTestId(page, 'train-error')
    assert.equal(await error.getAttribute('data-code'), 'nonFiniteLoss')
    assert.match(await byTestId(page, 'train-error-where').innerText(), /epoch 1, batch \d+/)
    assert.match(await error.innerText(), /learning rate/)
    assert.match(await error.innerText(), /put back to the last good checkpoint/)

    // Back to a sane rate, then lose the context mid-run (as a driver reset would).
    await byTestId(page, 'cmd-edit.undo').click()
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.type === 'adam',
      'settings restored',
    )
    await byTestId(page, 'train-start').click()
    await poll(
      () => page.evaluate(() => window.__layercanvasTraining.getState()),
      (s) => s.epochs.length === 0 && s.last !== null && s.last.batch >= 5,
      'training is under way',
      60_000,
    )
    await page.evaluate(() => window.__layercanvasTraining.loseContext())
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'error',
      'stopped on context loss',
      30_000,
    )
    assert.equal(await byTestId(page, 'train-error').getAttribute('data-code'), 'contextLost')
    assert.match(await byTestId(page, 'train-error').innerText(), /put back to the last good checkpoint/)
    // The worker rebuilt its backend: training works again.
    await poll(
      () => page.evaluate(() => window.__layercanvasTraining.getState().phase),
      (p) => p === null,
      'worker idle',
      20_000,
    )
    await byTestId(page, 'train-start').click()
    await poll(
      () => page.evaluate(() => window.__layercanvasTraining.getState()),
      (s) => s.status === 'running' && s.last !== null,
      'training again after the loss',
      60_000,
    )
    await byTestId(page, 'train-stop').click()
    await poll(
      () => byTestId(page, 'train-status').getAttribute('data-status'),
      (s) => s === 'stopped',
      'stopped',
      30_000,
    )
  },
  { timeout: 150_000 },
)
