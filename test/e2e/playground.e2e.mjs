/* global window -- used inside page.evaluate callbacks, which run in the browser */
import * as tf from '@tensorflow/tfjs'
import { tsImport } from 'tsx/esm/api'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The 2-D views in Chromium (WebGL on SwiftShader): the decision boundary on playground-mlp and
 * GAN Lab on gan-2d, during and after a short run. The numbers the app shows are compared with
 * tfjs's own outputs in Node (CPU backend), from the document with the weights the app kept:
 * the model's prediction on the same grid, each hidden layer through a truncated model, the
 * discriminator on the grid, the generator on the same noise, and tf.grad of −log D(x) at the
 * fakes. "Step" trains one batch and the picture moves.
 */

let corePromise = null
function loadCore() {
  corePromise ??= (async () => {
    const load = (path) => tsImport(`../../src/core/${path}`, import.meta.url)
    const [compile, weights, parse, custom, plane, fitted] = await Promise.all([
      load('compile/compile.ts'),
      load('training/weights.ts'),
      load('document/parse.ts'),
      load('layers/custom/index.ts'),
      load('inspect/plane.ts'),
      load('inspect/fitted-curve.ts'),
    ])
    await tf.setBackend('cpu')
    custom.customLayers(tf)
    return {
      compileModel: compile.compileModel,
      applyTrainedWeights: weights.applyTrainedWeights,
      parseProject: parse.parseProject,
      gridPoints: plane.gridPoints,
      curveGrid: fitted.curveGrid,
    }
  })()
  return corePromise
}

/** The document compiled in Node with the weights the app kept. */
async function compiledWithWeights(doc) {
  const core = await loadCore()
  const parsed = core.parseProject(doc)
  assert.ok(parsed.ok, 'the document parses')
  const compiled = core.compileModel(tf, parsed.document)
  assert.ok(compiled.ok, 'the document compiles')
  const applied = core.applyTrainedWeights(tf, compiled.model, compiled.layerNames, parsed.document.trained)
  assert.equal(applied.skipped.length, 0, `every kept weight applies: ${JSON.stringify(applied.skipped)}`)
  return { ...compiled, core }
}

const hook = (page) => page.evaluate(() => window.__layercanvasPlane.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

function closeTo(actual, expected, what, tolerance = 1e-5) {
  assert.equal(actual.length, expected.length, `${what}: length`)
  let worst = 0
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i])
    assert.ok(diff <= tolerance, `${what}[${i}]: app ${actual[i]} vs tfjs ${expected[i]}`)
    worst = Math.max(worst, diff)
  }
  return worst
}

const differs = (a, b) => a.length !== b.length || a.some((v, i) => v !== b[i])

async function openTemplate(page, baseURL, id) {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, `template-${id}`).click()
  await poll(
    () => getDocument(page),
    (d) => d.meta?.template === id,
    `${id} opened`,
    10_000,
  )
  await byTestId(page, 'dock-tab-train').click()
}

/** Pauses the run and returns the reading taken at the pause. */
async function pauseAndRead(page, after) {
  // The view's own Pause (Train / Pause toggles); dispatched: a busy page may keep re-rendering the dock.
  assert.equal(await byTestId(page, 'plane-play').innerText(), 'Pause')
  await byTestId(page, 'plane-play').dispatchEvent('click')
  await poll(
    () => status(page),
    (s) => s === 'paused',
    'paused',
    60_000,
  )
  return poll(
    () => hook(page),
    (s) => !s.pending && s.reading && s.reading.sequence > after && !s.reading.duringTraining,
    'a reading at the pause',
    30_000,
  )
}

/** Step one batch; returns the reading that shows it. */
async function stepAndRead(page, before) {
  await byTestId(page, 'plane-step').click()
  return poll(
    () => hook(page),
    (s) => s.reading && s.reading.batches > before.reading.batches && s.reading.sequence > before.reading.sequence,
    'the reading after one step',
    30_000,
  )
}

/** Stop, keep the weights, and wait for the reading of the final model. */
async function stopAndKeep(page, after) {
  await byTestId(page, 'train-stop').click()
  await poll(
    () => status(page),
    (s) => s === 'stopped',
    'stopped',
    60_000,
  )
  const last = await poll(
    () => hook(page),
    (s) => !s.pending && s.reading && s.reading.sequence > after,
    'a reading after training',
    30_000,
  )
  await byTestId(page, 'dock-tab-results').click()
  await byTestId(page, 'results-keep').click()
  const doc = await poll(
    () => getDocument(page),
    (d) => d.trained !== undefined,
    'weights kept',
    20_000,
  )
  return { last, doc }
}

for (const backend of ['cpu', 'webgl']) {
  test(
    `playground: decision boundary on playground-mlp (${backend}) — live while training, Step moves it, and it equals tfjs (1e-5)`,
    async ({ page, baseURL }) => {
      await openTemplate(page, baseURL, 'playground-mlp')
      await byTestId(page, 'train-epochs').fill('300')
      await page.evaluate(
        (preference) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 400, backend: preference }),
        backend,
      )

      await byTestId(page, 'plane-toggle').click()
      await poll(
        () => hook(page),
        (s) => s.problem?.reason === 'noModel',
        'no model yet',
        20_000,
      )
      assert.match(await byTestId(page, 'plane-problem').innerText(), /Train/)
      assert.match(await byTestId(page, 'plane-card').innerText(), /decision boundary/)

      await byTestId(page, 'plane-play').click()
      const first = await poll(
        () => hook(page),
        (s) => s.reading?.duringTraining === true,
        'a first push while training',
        120_000,
      )
      // A later push, while training, shows a moved boundary. Polled rather than compared with
      // one push: once, on a loaded CI machine (WebGL), two pushes 15 batches apart showed the
      // same boundary; not reproduced since, cause not found. A boundary that never moves still fails.
      const second = await poll(
        () => hook(page),
        (s) =>
          s.reading?.duringTraining === true &&
          s.reading.batches >= first.reading.batches + 3 &&
          differs(first.reading.output.values, s.reading.output.values),
        `a later push with a moved boundary (first: batch ${first.reading.batches}, ${JSON.stringify(first.reading.output.values.slice(0, 4))})`,
        90_000,
      )
      await poll(
        () => byTestId(page, 'plane-boundary').getAttribute('data-sequence'),
        (v) => Number(v) >= second.reading.sequence,
        'the heat map drew the push',
      )
      assert.equal(await byTestId(page, 'plane-neuron-h1-0').count(), 1, 'a tile per neuron')
      assert.equal(await byTestId(page, 'plane-edge').count(), 2 * 8 + 8 * 8, 'an edge per weight between the tiles')

      const paused = await pauseAndRead(page, second.reading.sequence)
      const stepped = await stepAndRead(page, paused)
      assert.equal(stepped.reading.batches, paused.reading.batches + 1, 'Step trained one batch')
      assert.ok(differs(paused.reading.output.values, stepped.reading.output.values), 'one batch moved the boundary')
      await byTestId(page, 'plane-show-test').click()
      assert.equal((await hook(page)).showTest, true)

      const { last, doc } = await stopAndKeep(page, stepped.reading.sequence)
      const compiled = await compiledWithWeights(doc)
      const { area: plane } = last.reading
      const cells = plane.resolution * plane.resolution
      const grid = tf.tensor2d(compiled.core.gridPoints(plane), [cells, 2])
      const worst = closeTo(last.reading.output.values, compiled.model.predict(grid).dataSync(), 'output')
      for (const layer of last.reading.layers) {
        const truncated = tf.model({
          inputs: compiled.model.inputs,
          outputs: compiled.model.getLayer(compiled.layerNames[layer.nodeId]).output,
        })
        const full = truncated.predict(grid).dataSync()
        const expected = Array.from(
          { length: layer.shown * cells },
          (_, i) => full[(i % cells) * layer.units + Math.floor(i / cells)],
        )
        closeTo(layer.values, expected, layer.nodeId)
      }
      for (const edge of last.reading.edges)
        closeTo(
          edge.weights,
          compiled.model.getLayer(compiled.layerNames[edge.to]).getWeights()[0].dataSync(),
          `${edge.from}→${edge.to}`,
        )
      grid.dispose()
      compiled.model.dispose()
      console.log(
        `    (boundary ${plane.resolution}×${plane.resolution} on ${backend}; largest difference to tfjs ${worst.toExponential(1)})`,
      )
    },
    { timeout: 300_000 },
  )
}

test(
  'playground: GAN Lab on gan-2d — D heat map, fakes and gradient arrows equal tfjs (1e-5); D only / G only steps move only that network',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'gan-2d')
    await byTestId(page, 'train-epochs').fill('300')
    await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 400, backend: 'cpu' }))
    await byTestId(page, 'plane-toggle').click()
    assert.match(await byTestId(page, 'plane-card').innerText(), /discriminator/)

    await byTestId(page, 'plane-play').click()
    const first = await poll(
      () => hook(page),
      (s) => s.reading?.duringTraining === true,
      'a first push while training',
      120_000,
    )
    const second = await poll(
      () => hook(page),
      (s) => s.reading?.duringTraining === true && s.reading.sequence > first.reading.sequence,
      'a second push',
      60_000,
    )
    assert.ok(differs(first.reading.fakes, second.reading.fakes), 'the fakes moved while training')
    assert.match(await byTestId(page, 'plane-coverage').innerText(), /Modes covered: \d of 8/)

    const paused = await pauseAndRead(page, second.reading.sequence)
    await byTestId(page, 'plane-learner-generator').click()
    const gOnly = await stepAndRead(page, paused)
    assert.equal(gOnly.reading.learner, 'generator')
    assert.ok(differs(paused.reading.fakes, gOnly.reading.fakes), 'G only: the fakes moved')
    assert.deepEqual(gOnly.reading.discriminator, paused.reading.discriminator, 'G only: D did not change')
    await byTestId(page, 'plane-learner-discriminator').click()
    const dOnly = await stepAndRead(page, gOnly)
    assert.deepEqual(dOnly.reading.fakes, gOnly.reading.fakes, 'D only: the fakes stayed')
    assert.ok(differs(gOnly.reading.discriminator, dOnly.reading.discriminator), 'D only: D changed')

    const { last, doc } = await stopAndKeep(page, dOnly.reading.sequence)
    const compiled = await compiledWithWeights(doc)
    const layer = (id) => compiled.model.getLayer(compiled.layerNames[id])
    const generator = tf.model({ inputs: layer('z').output, outputs: layer('fake').output })
    const discriminator = tf.model({ inputs: layer('x').output, outputs: layer('real').output })
    const { area: plane, latent } = last.reading
    const cells = plane.resolution * plane.resolution
    const worstD = closeTo(
      last.reading.discriminator,
      discriminator.predict(tf.tensor2d(compiled.core.gridPoints(plane), [cells, 2])).dataSync(),
      'D(x)',
    )
    const count = last.reading.z.length / latent
    const fakes = generator.predict(tf.tensor2d(last.reading.z, [count, latent]))
    const worstG = closeTo(last.reading.fakes, fakes.dataSync(), 'G(z)')
    const loss = (x) => tf.neg(tf.sum(tf.log(tf.clipByValue(discriminator.apply(x), 1e-7, 1 - 1e-7))))
    const worstArrows = closeTo(last.reading.gradients, tf.grad(loss)(fakes).dataSync(), 'gradient')
    compiled.model.dispose()
    console.log(
      `    (largest difference to tfjs: D ${worstD.toExponential(1)}, G ${worstG.toExponential(1)}, arrows ${worstArrows.toExponential(1)}; ${last.reading.coverage.covered} of ${last.reading.coverage.modes} arcs covered)`,
    )
  },
  { timeout: 300_000 },
)

test(
  'playground: fitted curve on playground-regression — live while training, Step bends it, and it equals tfjs (1e-5)',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'playground-regression')
    await byTestId(page, 'train-epochs').fill('300')
    await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 400, backend: 'cpu' }))
    assert.equal(await byTestId(page, 'plane-toggle').innerText(), 'Fitted curve')
    await byTestId(page, 'plane-toggle').click()
    assert.match(await byTestId(page, 'plane-card').innerText(), /fitted curve/)

    await byTestId(page, 'plane-play').click()
    const first = await poll(
      () => hook(page),
      (s) => s.reading?.view === 'curve' && s.reading.duringTraining === true,
      'a first push while training',
      120_000,
    )
    const second = await poll(
      () => hook(page),
      (s) => s.reading?.duringTraining === true && s.reading.batches >= first.reading.batches + 3,
      'a later push',
      60_000,
    )
    assert.ok(differs(first.reading.output.values, second.reading.output.values), 'the curve changed while training')
    await poll(
      () => byTestId(page, 'plane-curve').getAttribute('data-sequence'),
      (v) => Number(v) >= second.reading.sequence,
      'the plot drew the push',
    )
    assert.equal(await byTestId(page, 'plane-neuron-h1-7').count(), 1, 'a curve per neuron of h1')
    assert.equal(await byTestId(page, 'plane-neuron-h2-0').count(), 1, 'and of h2')

    const paused = await pauseAndRead(page, second.reading.sequence)
    const stepped = await stepAndRead(page, paused)
    assert.equal(stepped.reading.batches, paused.reading.batches + 1, 'Step trained one batch')
    assert.ok(differs(paused.reading.output.values, stepped.reading.output.values), 'one batch moved the curve')

    const { last, doc } = await stopAndKeep(page, stepped.reading.sequence)
    const compiled = await compiledWithWeights(doc)
    const { range } = last.reading
    const grid = tf.tensor2d(compiled.core.curveGrid(range), [range.count, 1])
    const worst = closeTo(last.reading.output.values, compiled.model.predict(grid).dataSync(), 'curve')
    for (const layer of last.reading.layers) {
      const truncated = tf.model({
        inputs: compiled.model.inputs,
        outputs: compiled.model.getLayer(compiled.layerNames[layer.nodeId]).output,
      })
      const full = truncated.predict(grid).dataSync()
      const expected = Array.from(
        { length: layer.shown * range.count },
        (_, i) => full[(i % range.count) * layer.units + Math.floor(i / range.count)],
      )
      closeTo(layer.values, expected, layer.nodeId)
    }
    // Mid-run too: the reading after the Step (paused, nothing trained since) shows the kept weights.
    closeTo(stepped.reading.output.values, compiled.model.predict(grid).dataSync(), 'curve after the Step')
    grid.dispose()
    compiled.model.dispose()
    console.log(`    (fitted curve over ${range.count} x values; largest difference to tfjs ${worst.toExponential(1)})`)
  },
  { timeout: 300_000 },
)
