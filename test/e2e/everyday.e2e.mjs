/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import { unzipSync } from 'fflate'
import { assert, byTestId, centreOf, connect, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The paths a newcomer walks, end to end in the browser build: train, then export what was
 * trained (checked by loading the download with tfjs in Node and scoring it on MNIST digits);
 * a new project does not show the old run; a GAN shows its first samples at once; a refused
 * connection is explained with fixes that work; Undo never blanks the Inspector.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

/** Exports with the dialog's current weights choice (`weights` picks one first); returns the zip's entries. */
async function exportTfjs(page, tmpDir, weights) {
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-dialog').waitFor()
  await byTestId(page, 'export-format-tfjs').click()
  if (weights) await byTestId(page, `export-weights-${weights}`).click()
  const shown = {
    source: await byTestId(page, 'export-weights').getAttribute('data-source'),
    text: await byTestId(page, 'export-weights').innerText(),
  }
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await byTestId(page, 'export-run-button').click()
  const file = join(tmpDir, `${weights ?? 'default'}-${(await download).suggestedFilename()}`)
  await (await download).saveAs(file)
  await byTestId(page, 'export-saved').waitFor({ timeout: 10_000 })
  await page.keyboard.press('Escape')
  await byTestId(page, 'export-dialog').waitFor({ state: 'detached' })
  return { shown, entries: unzipSync(new Uint8Array(await readFile(file))) }
}

/** The exported model, loaded by tfjs from the zip's model.json + weights.bin. */
async function loadExported(entries) {
  const json = JSON.parse(new TextDecoder().decode(entries['model.json']))
  const bin = entries['weights.bin']
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }),
  )
}

/** `count` MNIST digits spread evenly over the app's own asset (it is grouped by digit), as the dataset feeds them (pixels / 255). */
async function mnistDigits(count) {
  const bytes = new Uint8Array(await readFile(join(root, 'dist-web', 'datasets', 'mnist.bin')))
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  const [height, width, n] = [view.getUint16(6, true), view.getUint16(8, true), view.getUint32(12, true)]
  const pixels = height * width
  const images = new Float32Array(count * pixels)
  const labels = []
  for (let j = 0; j < count; j++) {
    const i = Math.floor((j * n) / count)
    for (let p = 0; p < pixels; p++) images[j * pixels + p] = bytes[16 + i * pixels + p] / 255
    labels.push(bytes[16 + n * pixels + i])
  }
  return { x: tf.tensor4d(images, [count, height, width, 1]), labels }
}

function accuracyOf(model, digits) {
  const predicted = tf.tidy(() => model.predict(digits.x).argMax(-1).arraySync())
  return predicted.filter((p, i) => p === digits.labels[i]).length / digits.labels.length
}

/** The document's kept weights, per layer in order, as float arrays. */
const keptArrays = (trained) => ['hidden', 'output'].flatMap((id) => trained.layers[id].map((w) => Array.from(w.data)))

test(
  'everyday: after training, the smoothed loss is bias-corrected (slider), File → Export writes the trained weights (not fresh ones), a new project drops the run',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    // A short run (120 batches of 64) is enough to tell trained (≈ 0.85+) from fresh (≈ 0.1) weights.
    // Every batch's loss is read back (not one point per 200 ms): the chart's point count must not
    // depend on the machine's speed.
    await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 120, readbackMs: 0 }))
    await byTestId(page, 'dock-tab-train').click()
    await byTestId(page, 'train-start').click()
    await poll(
      () => status(page),
      (s) => s === 'done' || s === 'error',
      'training finished',
      150_000,
    )
    const state = await trainingState(page)
    assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)
    const testAccuracy = state.evaluation.accuracy

    // The smoothed loss is TensorBoard's bias-corrected EMA of the raw points (weight 0.6 by
    // default), so it starts at the first value and does not trail behind; the slider sets it.
    assert.equal(await byTestId(page, 'chart-smoothing-value').innerText(), '0.60')
    const lossSeries = () => page.evaluate(() => window.__layercanvasTraining.getLossSeries())
    const series = await lossSeries()
    let biased = 0
    const expected = series.raw.map((y, i) => {
      biased = 0.6 * biased + 0.4 * y
      return biased / (1 - 0.6 ** (i + 1))
    })
    assert.equal(series.raw.length, 120, 'a loss point per batch')
    series.smoothed.forEach((y, i) =>
      assert.ok(Math.abs(y - expected[i]) < 1e-9, `smoothed point ${i}: ${y} vs ${expected[i]}`),
    )
    await byTestId(page, 'chart-smoothing').focus()
    await page.keyboard.press('Home') // the slider's minimum: no smoothing
    await poll(
      () => lossSeries(),
      (s) => s.smoothing === 0 && s.smoothed.every((y, i) => y === s.raw[i]),
      'smoothing 0 shows the raw values',
    )
    assert.equal(await byTestId(page, 'chart-smoothing-value').innerText(), '0.00')

    // The default is the run's weights, and the dialog says which: epochs and test accuracy.
    const trained = await exportTfjs(page, tmpDir)
    assert.equal(trained.shown.source, 'run')
    assert.match(trained.shown.text, /1 of 1 epochs/)
    assert.ok(trained.shown.text.includes(`test accuracy ${(testAccuracy * 100).toFixed(1)}%`), trained.shown.text)
    // Untrained only on request.
    const fresh = await exportTfjs(page, tmpDir, 'initial')
    assert.equal(fresh.shown.source, 'initial')
    assert.match(fresh.shown.text, /untrained/i)
    // The exported READMEs say the same.
    const readme = (entries) => new TextDecoder().decode(entries['README.md'])
    assert.match(readme(trained.entries), /with trained weights \(taken .+, test accuracy 0\.\d+\)/)
    assert.match(readme(fresh.entries), /with freshly initialised \(untrained\) weights/)

    const digits = await mnistDigits(1000)
    const trainedModel = await loadExported(trained.entries)
    const freshModel = await loadExported(fresh.entries)
    const scores = { trained: accuracyOf(trainedModel, digits), fresh: accuracyOf(freshModel, digits) }
    console.log(
      `    (exported tfjs model on 1,000 MNIST digits: trained ${scores.trained.toFixed(3)}, untrained ${scores.fresh.toFixed(3)}; app's test accuracy ${testAccuracy.toFixed(3)})`,
    )
    assert.ok(scores.trained >= 0.8, `the exported trained model scores ${scores.trained}`)
    assert.ok(Math.abs(scores.trained - testAccuracy) < 0.1, `close to the app's test accuracy ${testAccuracy}`)
    assert.ok(scores.fresh < 0.3, `the untrained export scores ${scores.fresh}`)

    // The exported weights are exactly the run's (as Keep weights stores them in the project).
    await byTestId(page, 'dock-tab-results').click()
    await byTestId(page, 'results-keep').click()
    const kept = await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'weights kept',
      10_000,
    )
    const exported = trainedModel.getWeights().map((w) => Array.from(w.dataSync()))
    assert.deepEqual(exported, keptArrays(kept.trained))
    digits.x.dispose()
    trainedModel.dispose()
    freshModel.dispose()

    // An ordinary edit keeps the run on screen …
    await byTestId(page, 'dock-tab-train').click()
    await page.locator('[data-testid="train-learningRate"]').fill('0.01')
    await poll(
      () => getDocument(page),
      (d) => d.training.optimizer.learningRate === 0.01,
      'learning rate edited',
    )
    assert.equal((await trainingState(page)).status, 'done')
    // … opening another project does not: the GAN template starts with no run, no results, no points.
    await byTestId(page, 'cmd-file.openTemplate').click()
    await byTestId(page, 'template-gan-mlp').click()
    await byTestId(page, 'confirm-ok').click() // discard the unsaved edits
    await poll(
      () => getDocument(page),
      (d) => d.training.task === 'gan',
      'the GAN template opened',
      10_000,
    )
    const after = await trainingState(page)
    assert.deepEqual(
      {
        status: after.status,
        epochs: after.epochs,
        last: after.last,
        evaluation: after.evaluation,
        hasModel: after.hasModel,
      },
      { status: 'idle', epochs: [], last: null, evaluation: null, hasModel: false },
    )
    await byTestId(page, 'dock-tab-results').click()
    assert.equal(await byTestId(page, 'results-accuracy').count(), 0, 'no accuracy from the MLP run')
    // Export now offers no run weights: this project was never trained.
    await byTestId(page, 'cmd-file.export').click()
    assert.equal(await byTestId(page, 'export-weights').getAttribute('data-source'), 'initial')
    assert.equal(await byTestId(page, 'export-weights-run').count(), 0)
  },
  { timeout: 240_000 },
)

test(
  'everyday: a GAN shows its first fixed-noise samples after the first batch, not after 100',
  async ({ page, baseURL }) => {
    await openApp(page, baseURL)
    await byTestId(page, 'cmd-file.openTemplate').click()
    await byTestId(page, 'template-gan-mlp').click()
    await poll(
      () => getDocument(page),
      (d) => d.training.task === 'gan' && d.training.gan.sampleEvery === 100,
      'gan-mlp opened',
      10_000,
    )
    await byTestId(page, 'dock-tab-train').click()
    await byTestId(page, 'train-start').click()
    await byTestId(page, 'gan-samples').waitFor({ timeout: 60_000 })
    // The caption names where the run was: epoch 1, batch 1.
    assert.match(await byTestId(page, 'gan-samples-at').innerText(), /Epoch 1, batch 1\b/)
    await byTestId(page, 'train-stop').click()
    await poll(
      () => status(page),
      (s) => s === 'stopped',
      'stopped',
      30_000,
    )
  },
  { timeout: 120_000 },
)

/** Adds a layer from the palette and moves it right of `besideId`, clear of the template column. */
async function addBeside(page, kind, besideId, dy = 120) {
  const before = new Set((await getDocument(page)).nodes.map((n) => n.id))
  await byTestId(page, `palette-item-${kind}`).click()
  const doc = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === before.size + 1,
    `${kind} added`,
  )
  const added = doc.nodes.find((n) => !before.has(n.id)).id
  const beside = await byTestId(page, `node-${besideId}`).boundingBox()
  const from = await centreOf(page.locator(`[data-testid="node-${added}"] .layer-node-header`))
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(beside.x + beside.width + 200, beside.y + dy, { steps: 10 })
  await page.mouse.up()
  return added
}

test('everyday: a refused connection is explained beside the layer until closed, and its fix works', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  const conv = await addBeside(page, 'conv2d', 'hidden', 60)
  // Dense (128 values) → Conv2D (needs an image): refused.
  await connect(page, 'hidden', conv)
  const card = byTestId(page, 'connection-problem')
  await card.waitFor({ timeout: 5_000 })
  assert.equal(await card.getAttribute('data-target'), conv)
  assert.match(await card.innerText(), /Cannot connect/)
  // Still there long after a toast would have gone.
  await page.waitForTimeout(5_000)
  assert.equal(await card.isVisible(), true)
  const fix = byTestId(page, 'connection-fix').first()
  assert.match(await fix.innerText(), /Reshape to 8×8×2/)
  await fix.click()
  const doc = await poll(
    () => getDocument(page),
    (d) => d.nodes.some((n) => n.kind === 'reshape'),
    'a Reshape was inserted',
  )
  const reshape = doc.nodes.find((n) => n.kind === 'reshape')
  assert.deepEqual(reshape.params.targetShape, [8, 8, 2])
  assert.ok(doc.edges.some((e) => e.source === 'hidden' && e.target === reshape.id))
  assert.ok(doc.edges.some((e) => e.source === reshape.id && e.target === conv))
  await card.waitFor({ state: 'detached' })
  const analysis = await page.evaluate(() => JSON.parse(JSON.stringify(window.__layercanvas.getAnalysis())))
  assert.deepEqual(analysis.nodes[conv].outputShape, [6, 6, 32])

  // A refusal with no fix (the Conv2D's only input is taken) says so, and closes with ×.
  await connect(page, 'output', conv)
  await card.waitFor()
  assert.equal(await byTestId(page, 'connection-fix').count(), 0)
  await byTestId(page, 'connection-problem-close').click()
  await card.waitFor({ state: 'detached' })
})

test('everyday: Undo that removes the selected layer leaves the Inspector on the nearest layer', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  const added = await addBeside(page, 'dense', 'output', 0)
  await page.locator(`[data-testid="node-${added}"] .layer-node-header`).click()
  const name = byTestId(page, 'inspector').locator('[data-testid="node-name"]')
  await name.waitFor()
  // Undo the move, then the add: the selected layer is gone.
  for (let i = 0; i < 3 && (await byTestId(page, `node-${added}`).count()) > 0; i++)
    await byTestId(page, 'cmd-edit.undo').click()
  await byTestId(page, `node-${added}`).waitFor({ state: 'detached' })
  // A surviving layer (the one nearest to where the removed one was) is selected and shown, not a blank panel.
  await name.waitFor({ timeout: 3_000 })
  const [selected] = await poll(
    () => page.locator('.react-flow__node.selected').evaluateAll((nodes) => nodes.map((n) => n.dataset.id)),
    (ids) => ids.length === 1,
    'one layer selected',
  )
  const analysis = await page.evaluate(() => JSON.parse(JSON.stringify(window.__layercanvas.getAnalysis())))
  assert.ok(['input', 'flatten', 'hidden', 'output'].includes(selected), `a template layer is selected (${selected})`)
  assert.equal(
    await byTestId(page, 'inspector-output-shape').innerText(),
    analysis.nodes[selected].outputShape.join('×'),
  )
})
