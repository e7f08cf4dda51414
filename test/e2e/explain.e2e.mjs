/* global window -- used inside page.evaluate callbacks, which run in the browser */
import * as tf from '@tensorflow/tfjs'
import { tsImport } from 'tsx/esm/api'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * "How one unit computes" and the weights-and-gradients view on real templates in Chromium.
 * The numbers the views show (read through their test hook, window.__layercanvasExplain) are
 * compared with tfjs' own: the document with the weights the app kept is compiled again here in
 * Node by the core, and the layer's input, weights and output are read from models truncated at
 * that layer — a separate path from the worker's, on another backend.
 */

let corePromise = null
function loadCore() {
  corePromise ??= (async () => {
    const load = (path) => tsImport(`../../src/core/${path}`, import.meta.url)
    const [compile, weights, parse, custom, stats] = await Promise.all([
      load('compile/compile.ts'),
      load('training/weights.ts'),
      load('document/parse.ts'),
      load('layers/custom/index.ts'),
      load('inspect/gradient-stats.ts'),
    ])
    await tf.setBackend('cpu')
    custom.customLayers(tf)
    return {
      compileModel: compile.compileModel,
      applyTrainedWeights: weights.applyTrainedWeights,
      parseProject: parse.parseProject,
      histogram: stats.histogram,
    }
  })()
  return corePromise
}

/** The kept document compiled in Node with its weights. */
async function compiledWithWeights(doc) {
  const { compileModel, applyTrainedWeights, parseProject } = await loadCore()
  const parsed = parseProject(doc)
  assert.ok(parsed.ok, 'the document parses')
  const compiled = compileModel(tf, parsed.document)
  assert.ok(compiled.ok, 'the document compiles')
  const applied = applyTrainedWeights(tf, compiled.model, compiled.layerNames, parsed.document.trained)
  assert.equal(applied.skipped.length, 0, 'every kept weight applies')
  return compiled
}

/** A layer's input and output for the sample, and its weights, as tfjs computes them. */
function layerReference(compiled, nodeId, input) {
  const { model } = compiled
  const layer = model.getLayer(compiled.layerNames[nodeId])
  const x = tf.tensor(input.values, [1, ...input.shape])
  const read = (symbolic) =>
    symbolic === model.inputs[0]
      ? x.dataSync()
      : tf.model({ inputs: model.inputs, outputs: symbolic }).predict(x).dataSync()
  const result = {
    input: read(layer.input),
    output: read(layer.output),
    final: model.predict(x).dataSync(),
    weights: layer.getWeights().map((w) => w.dataSync()),
  }
  x.dispose()
  return result
}

const near = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-5, `${what}: app ${a} vs tfjs ${b}`)
const explainState = (page) => page.evaluate(() => window.__layercanvasExplain.getState())
const activations = (page) => page.evaluate(() => window.__layercanvasActivations.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

async function openTemplate(page, baseURL, id, epochs, maxBatches, backend = 'auto') {
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
  await byTestId(page, 'train-epochs').fill(String(epochs))
  await page.evaluate(
    ([max, preference]) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: max, backend: preference }),
    [maxBatches, backend],
  )
}

/** Opens a node's unit view from its activations view. */
async function openUnit(page, nodeId) {
  await byTestId(page, `activation-thumb-${nodeId}`).dispatchEvent('click') // it may sit under the minimap
  await byTestId(page, 'activation-view').waitFor()
  await byTestId(page, 'activation-open-unit').click()
  await byTestId(page, 'unit-view').waitFor()
}

/** Stops after a pause (no batch runs after the reading) and keeps the weights; returns the document. */
async function stopAndKeep(page) {
  await byTestId(page, 'train-stop').click()
  await poll(
    () => status(page),
    (s) => s === 'stopped',
    'stopped',
    60_000,
  )
  await byTestId(page, 'dock-tab-results').click()
  await byTestId(page, 'results-keep').click()
  return poll(
    () => getDocument(page),
    (d) => d.trained !== undefined,
    'weights kept',
    20_000,
  )
}

test(
  'unit view on mlp-mnist: a dense unit, softmax from the real logits and the loss equal tfjs (1e-5), live while training',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'mlp-mnist', 5, 400)
    await byTestId(page, 'activations-toggle').click()
    await byTestId(page, 'train-start').click()
    await poll(
      () => activations(page),
      (s) => s.reading?.duringTraining === true,
      'a push while training',
      120_000,
    )

    // During training: the unit view re-reads with every activations push.
    await openUnit(page, 'hidden')
    assert.match(await byTestId(page, 'unit-explain').innerText(), /weight/)
    const first = await poll(
      () => explainState(page),
      (s) => s.result?.ok && s.result.explanation.unit,
      'a dense explanation',
      30_000,
    )
    await poll(
      () => explainState(page),
      (s) => s.result?.ok && s.result.explanation.unit.preActivation !== first.result.explanation.unit.preActivation,
      'the unit changes while training',
      60_000,
    )
    await byTestId(page, 'unit-next').click()
    await poll(
      () => explainState(page),
      (s) => !s.pending && s.result?.ok && s.result.explanation.unit.unit === 1,
      'unit 2',
      30_000,
    )

    // The dialog is modal: close it to reach the dock, pause, and open it again.
    await byTestId(page, 'unit-close').click()
    await byTestId(page, 'train-pause').click()
    await poll(
      () => status(page),
      (s) => s === 'paused',
      'paused',
      60_000,
    )
    // After the pause: readings from the paused weights.
    await openUnit(page, 'hidden')
    await byTestId(page, 'unit-next').click()
    await poll(
      () => explainState(page),
      (s) => !s.pending && s.result?.ok && s.result.explanation.unit.unit === 1,
      'unit 2 again',
      30_000,
    )
    await byTestId(page, 'unit-next').click()
    const dense = (
      await poll(
        () => explainState(page),
        (s) => !s.pending && s.result?.ok && s.result.explanation.unit.unit === 2,
        'unit 3',
        30_000,
      )
    ).result
    assert.equal(await byTestId(page, 'unit-term').count(), 12)
    assert.equal(await byTestId(page, 'unit-dense').getAttribute('data-output'), String(dense.explanation.unit.output))
    await byTestId(page, 'unit-close').click()

    await openUnit(page, 'output')
    const output = (
      await poll(
        () => explainState(page),
        (s) => !s.pending && s.result?.ok && s.result.explanation.nodeId === 'output',
        'the output explained',
        30_000,
      )
    ).result
    assert.equal(await byTestId(page, 'unit-class').count(), 10)
    assert.match(await byTestId(page, 'unit-loss').innerText(), /cross-entropy/)
    const sample = (await activations(page)).reading.sample
    await byTestId(page, 'unit-close').click()

    const doc = await stopAndKeep(page)
    const compiled = await compiledWithWeights(doc)
    const hidden = layerReference(compiled, 'hidden', sample.input)
    const unit = dense.explanation.unit
    const [kernel, bias] = hidden.weights
    for (const term of unit.top) {
      near(term.x, hidden.input[term.index], `x${term.index}`)
      near(term.w, kernel[term.index * 128 + 2], `w${term.index}`)
    }
    near(unit.bias, bias[2], 'bias')
    let pre = bias[2]
    for (let i = 0; i < 784; i++) pre += kernel[i * 128 + 2] * hidden.input[i]
    near(unit.preActivation, pre, 'pre-activation')
    near(unit.output, hidden.output[2], 'the unit output')

    const out = layerReference(compiled, 'output', sample.input)
    const [w, b] = out.weights
    const logits = Array.from({ length: 10 }, (_, k) => out.input.reduce((a, x, i) => a + x * w[i * 10 + k], b[k]))
    output.explanation.softmax.logits.forEach((z, k) => near(z, logits[k], `logit ${k}`))
    output.explanation.softmax.probabilities.forEach((p, k) => near(p, out.output[k], `probability ${k}`))
    const { label } = output.explanation.loss
    near(output.explanation.loss.crossEntropy, -Math.log(out.output[label]), 'cross-entropy')
    near(
      output.explanation.loss.meanSquaredError,
      out.output.reduce((a, p, k) => a + (p - (k === label ? 1 : 0)) ** 2, 0) / 10,
      'mean squared error',
    )
    compiled.model.dispose()
  },
  { timeout: 300_000 },
)

test(
  'unit view on lenet5: the conv window slides; window × kernel over every channel + bias equals tfjs (1e-5)',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'lenet5', 1, 6)
    await byTestId(page, 'activations-toggle').click()
    await byTestId(page, 'train-start').click()
    await poll(
      () => status(page),
      (s) => s === 'done',
      'trained',
      240_000,
    )
    await poll(
      () => activations(page),
      (s) => !s.pending && s.reading && !s.reading.duringTraining,
      'a reading after training',
      30_000,
    )
    await openUnit(page, 'c3')
    assert.match(await byTestId(page, 'unit-explain').innerText(), /kernel/)
    await poll(
      () => explainState(page),
      (s) => !s.pending && s.result?.ok && s.result.explanation.unit?.kind === 'conv',
      'a conv explanation',
      30_000,
    )
    assert.equal(await byTestId(page, 'unit-channel').count(), 6)
    await byTestId(page, 'unit-step').click()
    await byTestId(page, 'unit-step').click()
    await byTestId(page, 'unit-next').click()
    const conv = (
      await poll(
        () => explainState(page),
        (s) =>
          !s.pending && s.result?.ok && s.result.explanation.unit.col === 2 && s.result.explanation.unit.filter === 1,
        'filter 2 at column 3',
        30_000,
      )
    ).result.explanation.unit
    assert.equal(conv.row, 0)
    const sample = (await activations(page)).reading.sample
    await byTestId(page, 'unit-close').click()
    await byTestId(page, 'dock-tab-results').click()
    await byTestId(page, 'results-keep').click()
    const doc = await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'weights kept',
      20_000,
    )
    const compiled = await compiledWithWeights(doc)
    const ref = layerReference(compiled, 'c3', sample.input)
    const [kernel, bias] = ref.weights
    let worst = 0
    for (let c = 0; c < 6; c++) {
      let sum = 0
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          const product =
            kernel[((i * 5 + j) * 6 + c) * 16 + 1] * ref.input[((conv.row + i) * 14 + conv.col + j) * 6 + c]
          near(conv.products[(c * 5 + i) * 5 + j], product, `product c${c} ${i},${j}`)
          worst = Math.max(worst, Math.abs(conv.products[(c * 5 + i) * 5 + j] - product))
          sum += product
        }
      }
      near(conv.channelSums[c], sum, `channel ${c} sum`)
    }
    near(conv.bias, bias[1], 'bias')
    near(conv.output, ref.output[(conv.row * 10 + conv.col) * 16 + 1], 'the output at the window')
    conv.outputMap.forEach((v, p) => near(v, ref.output[p * 16 + 1], `output map ${p}`))
    console.log(`    (lenet5 c3 filter 2 at (1, 3): largest product difference ${worst.toExponential(1)})`)
    compiled.model.dispose()
  },
  { timeout: 300_000 },
)

test(
  'weights and gradients on rnn-sine: live per-layer rows, the input gradient per time step, verdicts in words; final histograms equal the kept weights',
  async ({ page, baseURL }) => {
    // CPU: on the CI machine's software WebGL (SwiftShader) the SimpleRNN's orthogonal
    // initialiser alone takes minutes to compile, with or without this view.
    await openTemplate(page, baseURL, 'rnn-sine', 2, 30, 'cpu')
    await byTestId(page, 'gradients-toggle').click()
    await byTestId(page, 'gradients-view').waitFor()
    assert.match(await byTestId(page, 'gradients-explain').innerText(), /gradient/)
    // Every batch probed, pushed every 100 ms (the defaults are 500 ms and 1 s).
    await page.evaluate(() => window.__layercanvasExplain.setIntervals(0, 100))
    await byTestId(page, 'train-start').click()
    const live = await poll(
      () => explainState(page),
      (s) => s.gradients?.ok && s.gradients.running && s.gradients.steps.length >= 2,
      'probed steps while training',
      120_000,
    )
    assert.deepEqual(live.gradients.layers, ['rnn', 'output'])
    await poll(
      () => status(page),
      (s) => s === 'done',
      'trained',
      240_000,
    )
    const done = await poll(
      () => explainState(page),
      (s) => s.gradients?.ok && !s.gradients.running,
      'the final push',
      30_000,
    )
    const { steps } = done.gradients
    assert.ok(steps.length >= 30, `every batch probed: ${steps.length}`)
    for (const step of steps) {
      assert.equal(step.inputGradByTime.length, 30)
      for (const layer of step.layers)
        assert.ok(
          Number.isFinite(layer.gradNorm) && layer.gradNorm > 0 && Number.isFinite(layer.updateRatio),
          JSON.stringify(layer),
        )
    }
    assert.equal(await byTestId(page, 'gradients-layer').count(), 2)
    assert.ok((await byTestId(page, 'gradients-verdict').count()) >= 1)
    assert.equal(await byTestId(page, 'gradients-time').count(), 1)
    const verdicts = await byTestId(page, 'gradients-verdict').allInnerTexts()
    const last = steps[steps.length - 1]
    // The vanishing gradient as one number: the first 5 steps' mean gradient over the last 5's.
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length
    const early = mean(last.inputGradByTime.slice(0, 5)) / mean(last.inputGradByTime.slice(25))
    const shown = Number(await byTestId(page, 'gradients-time-ratio').getAttribute('data-ratio'))
    assert.ok(Math.abs(shown - early) <= 1e-9 * Math.max(1, early), `time ratio ${shown} vs ${early}`)
    assert.match(await byTestId(page, 'gradients-time-ratio').innerText(), /first 5 steps/)
    console.log(
      `    (rnn-sine: first/last input gradient ${(last.inputGradByTime[0] / last.inputGradByTime[29]).toExponential(2)}; ${verdicts.join(' | ')})`,
    )

    // In Chinese, the words are the tutorial's.
    await byTestId(page, 'cmd-view.toggleLanguage').click()
    assert.match(await byTestId(page, 'gradients-explain').innerText(), /梯度/)
    await byTestId(page, 'gradients-close').click()

    // The last probed step's histograms are of the weights after the last batch: the kept weights.
    await byTestId(page, 'dock-tab-results').click()
    await byTestId(page, 'results-keep').click()
    const doc = await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'weights kept',
      20_000,
    )
    const compiled = await compiledWithWeights(doc)
    const { histogram } = await loadCore()
    for (const layer of last.layers) {
      const weights = compiled.model
        .getLayer(compiled.layerNames[layer.nodeId])
        .trainableWeights.filter((w) => !/bias$/i.test(w.originalName))
      const values = Float32Array.from(weights.flatMap((w) => Array.from(w.read().dataSync())))
      const expected = histogram(values)
      near(layer.histogram.min, expected.min, `${layer.nodeId} min`)
      near(layer.histogram.max, expected.max, `${layer.nodeId} max`)
      assert.deepEqual(layer.histogram.counts, expected.counts, `${layer.nodeId} counts`)
    }
    compiled.model.dispose()
  },
  { timeout: 300_000 },
)

test(
  'weights and gradients on gan-2d: D’s and G’s layers from their own losses, verdicts per network in words; final histograms equal the kept weights',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'gan-2d', 1, 12, 'cpu')
    await byTestId(page, 'gradients-toggle').click()
    await byTestId(page, 'gradients-view').waitFor()
    await page.evaluate(() => window.__layercanvasExplain.setIntervals(0, 100))
    await byTestId(page, 'train-start').click()
    const live = await poll(
      () => explainState(page),
      (s) => s.gradients?.ok && s.gradients.running && s.gradients.steps.length >= 2,
      'probed steps while training',
      120_000,
    )
    assert.deepEqual(live.gradients.layers, ['d1', 'd2', 'real', 'g1', 'g2', 'fake'])
    await poll(
      () => status(page),
      (s) => s === 'done',
      'trained',
      240_000,
    )
    const done = await poll(
      () => explainState(page),
      (s) => s.gradients?.ok && !s.gradients.running,
      'the final push',
      30_000,
    )
    const { steps } = done.gradients
    assert.ok(steps.length >= 12, `every batch probed: ${steps.length}`)
    for (const step of steps) {
      assert.deepEqual(
        step.losses.map((l) => l.network),
        ['discriminator', 'generator'],
      )
      assert.ok(Math.abs(step.loss - step.losses[0].loss - step.losses[1].loss) < 1e-5)
      for (const layer of step.layers) {
        assert.equal(
          layer.network,
          layer.nodeId.startsWith('g') || layer.nodeId === 'fake' ? 'generator' : 'discriminator',
        )
        assert.ok(Number.isFinite(layer.gradNorm) && layer.gradNorm > 0 && layer.updateRatio > 0, JSON.stringify(layer))
      }
    }
    assert.equal(await byTestId(page, 'gradients-layer').count(), 6)
    assert.match(await byTestId(page, 'gradients-generative').innerText(), /discriminator/)
    assert.match(await byTestId(page, 'gradients-losses').innerText(), /generator \(G\) loss/)
    const verdicts = await byTestId(page, 'gradients-verdict').allInnerTexts()
    assert.ok(verdicts.length >= 1)
    console.log(`    (gan-2d: ${steps.length} probed steps; ${verdicts.join(' | ')})`)
    await byTestId(page, 'cmd-view.toggleLanguage').click()
    assert.match(await byTestId(page, 'gradients-generative').innerText(), /判别器/)
    assert.match(await byTestId(page, 'gradients-losses').innerText(), /生成器/)
    await byTestId(page, 'gradients-close').click()

    await byTestId(page, 'dock-tab-results').click()
    await byTestId(page, 'results-keep').click()
    const doc = await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'weights kept',
      20_000,
    )
    const compiled = await compiledWithWeights(doc)
    const { histogram } = await loadCore()
    for (const layer of steps[steps.length - 1].layers) {
      const weights = compiled.model
        .getLayer(compiled.layerNames[layer.nodeId])
        .trainableWeights.filter((w) => !/bias$/i.test(w.originalName))
      const expected = histogram(Float32Array.from(weights.flatMap((w) => Array.from(w.read().dataSync()))))
      near(layer.histogram.min, expected.min, `${layer.nodeId} min`)
      near(layer.histogram.max, expected.max, `${layer.nodeId} max`)
      assert.deepEqual(layer.histogram.counts, expected.counts, `${layer.nodeId} counts`)
    }
    compiled.model.dispose()
  },
  { timeout: 300_000 },
)
