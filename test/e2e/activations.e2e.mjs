/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import { tsImport } from 'tsx/esm/api'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The activations view on real templates in Chromium: every node's thumbnail comes from the
 * worker's model (WebGL on SwiftShader), refreshes while training, and holds the numbers tfjs
 * itself computes for that sample and those weights. The reference runs here in Node: the
 * document (with the weights the app kept) is compiled again by the core, and each node's
 * output is read from a model truncated at that layer — a separate path from the view's one
 * extra model, on another backend.
 */

/** The core, loaded from its TypeScript sources on first use (run.mjs imports every test file). */
let corePromise = null
function loadCore() {
  corePromise ??= (async () => {
    const load = (path) => tsImport(`../../src/core/${path}`, import.meta.url)
    const [compile, weights, parse, custom] = await Promise.all([
      load('compile/compile.ts'),
      load('training/weights.ts'),
      load('document/parse.ts'),
      load('layers/custom/index.ts'),
    ])
    await tf.setBackend('cpu')
    custom.customLayers(tf)
    return {
      compileModel: compile.compileModel,
      applyTrainedWeights: weights.applyTrainedWeights,
      parseProject: parse.parseProject,
    }
  })()
  return corePromise
}

const hook = (page) => page.evaluate(() => window.__layercanvasActivations.getState())
const nodeOf = (page, id) => page.evaluate((nodeId) => window.__layercanvasActivations.getNode(nodeId), id)
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

/** Where included entry i of a node's values sits in its full output (NHWC / [T, U] / flat). */
function fullIndex(a, i) {
  if (a.layout === 'maps') {
    const [h, w, c] = a.shape
    return (i % (h * w)) * c + a.start + Math.floor(i / (h * w))
  }
  if (a.layout === 'sequence') return Math.floor(i / a.count) * a.shape[1] + a.start + (i % a.count)
  return a.start + i
}

/** tfjs's own output of every node for `input`, with the document's kept weights (CPU backend). */
async function reference(doc, input) {
  const { compileModel, applyTrainedWeights, parseProject } = await loadCore()
  const parsed = parseProject(doc)
  assert.ok(parsed.ok, 'the document parses')
  const compiled = compileModel(tf, parsed.document)
  assert.ok(compiled.ok, 'the document compiles')
  const applied = applyTrainedWeights(tf, compiled.model, compiled.layerNames, parsed.document.trained)
  assert.equal(applied.skipped.length, 0, `every kept weight applies: ${JSON.stringify(applied.skipped)}`)
  const x = tf.tensor(input.values, [1, ...input.shape], compiled.model.inputs[0].dtype)
  const outputs = {}
  for (const [nodeId, name] of Object.entries(compiled.layerNames)) {
    const layer = compiled.model.getLayer(name)
    if (layer.output === compiled.model.inputs[0]) continue
    const truncated = tf.model({ inputs: compiled.model.inputs, outputs: layer.output })
    const y = truncated.predict(x)
    outputs[nodeId] = { shape: y.shape.slice(1), values: y.dataSync() }
    if (typeof layer.attentionScores === 'function') {
      const scores = layer.attentionScores(tf.model({ inputs: compiled.model.inputs, outputs: layer.input }).predict(x))
      outputs[nodeId].attention = scores.dataSync()
      scores.dispose()
    }
    y.dispose()
  }
  x.dispose()
  compiled.model.dispose()
  return outputs
}

/** Compares every node the app shows with the reference; returns the largest difference. */
function compare(nodes, expected) {
  let worst = 0
  for (const node of nodes) {
    const ref = expected[node.nodeId]
    assert.ok(ref, `a reference for ${node.nodeId}`)
    assert.deepEqual(node.shape, ref.shape, `${node.nodeId}: shape`)
    for (let i = 0; i < node.values.length; i++) {
      const diff = Math.abs(node.values[i] - ref.values[fullIndex(node, i)])
      assert.ok(diff <= 1e-5, `${node.nodeId}[${i}]: app ${node.values[i]} vs tfjs ${ref.values[fullIndex(node, i)]}`)
      worst = Math.max(worst, diff)
    }
    if (node.attention) {
      for (let i = 0; i < node.attention.values.length; i++)
        assert.ok(Math.abs(node.attention.values[i] - ref.attention[i]) <= 1e-5, `${node.nodeId} attention[${i}]`)
    }
  }
  return worst
}

const allNodes = async (page) => {
  const state = await hook(page)
  return Promise.all(state.reading.nodeIds.map((id) => nodeOf(page, id)))
}

const CASES = [
  { id: 'mlp-mnist', watch: 'hidden', open: 'hidden', layout: 'vector' },
  { id: 'mlp-mnist', watch: 'hidden', open: 'hidden', layout: 'vector', backend: 'cpu' },
  { id: 'lenet5', watch: 'c1', open: 'c3', layout: 'maps', shots: true },
  { id: 'gru-classifier', watch: 'output', open: 'gru', layout: 'vector' },
  { id: 'transformer-encoder', watch: 'norm1', open: 'attention', layout: 'attention', shots: true },
]

for (const { id, watch, open, layout, shots, backend = 'webgl' } of CASES) {
  test(
    `activations ${id} (${backend}): live thumbnails while training; every node equals tfjs's output for the sample (1e-5), paused and after`,
    async ({ page, baseURL }) => {
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
      // More epochs than the test lets run (it pauses and stops the run itself): the run must
      // outlast two pushes (1.5 s apart) on any backend; the MLP on WebAssembly can finish five
      // epochs before the second.
      await byTestId(page, 'train-epochs').fill('200')
      await page.evaluate(
        (preference) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 400, backend: preference }),
        backend,
      )

      // On before any training: no model yet, and the view says what to do.
      await byTestId(page, 'activations-toggle').click()
      await poll(
        () => hook(page),
        (s) => s.problem?.reason === 'noModel',
        'no model yet',
        20_000,
      )
      assert.match(await byTestId(page, 'activations-status').innerText(), /Train/)

      // While training: pushes arrive (at most every 1.5 s) and the thumbnails change.
      await byTestId(page, 'train-start').click()
      // The reading's sequence and the node's values in one call, so a push cannot fall between them.
      const snapshot = () =>
        page.evaluate(
          (nodeId) => ({
            ...window.__layercanvasActivations.getState(),
            node: window.__layercanvasActivations.getNode(nodeId),
          }),
          watch,
        )
      const first = await poll(
        snapshot,
        (s) => s.reading?.duringTraining === true,
        'a first push while training',
        120_000,
      )
      const second = await poll(
        snapshot,
        (s) => s.reading?.duringTraining === true && s.reading.sequence > first.reading.sequence,
        'a second push',
        60_000,
      )
      const [firstValues, secondValues] = [first.node.values, second.node.values]
      assert.ok(
        firstValues.some((v, i) => v !== secondValues[i]),
        `${watch} changed between two pushes while training`,
      )
      await poll(
        () => byTestId(page, `activation-thumb-${watch}`).getAttribute('data-sequence'),
        (v) => Number(v) >= second.reading.sequence,
        'the thumbnail drew the push',
      )
      for (const v of secondValues) assert.ok(Number.isFinite(v))

      // Pause mid-run, look at another sample: this reading is from the weights at the pause.
      await byTestId(page, 'train-pause').click()
      await poll(
        () => status(page),
        (s) => s === 'paused',
        'paused',
        60_000,
      )
      await byTestId(page, 'activation-next').click()
      const paused = await poll(
        () => hook(page),
        (s) => !s.pending && s.reading?.sample.index === 1,
        'the reading for sample 2',
        30_000,
      )
      const pausedNodes = await allNodes(page)
      const analysis = await page.evaluate(() => window.__layercanvas.getAnalysis())
      const expectedIds = Object.keys(analysis.nodes).filter(
        (n) => analysis.nodes[n].outputShape && !analysis.inputs.includes(n),
      )
      assert.deepEqual([...paused.reading.nodeIds].sort(), expectedIds.sort(), 'every layer node has activations')

      // The large view: explanation, shape, value scale; the right kind of picture.
      await byTestId(page, `activation-thumb-${open}`).dispatchEvent('click') // it may sit under the minimap
      const view = byTestId(page, 'activation-view')
      await view.waitFor()
      assert.match(
        await byTestId(page, 'activation-explain').innerText(),
        layout === 'maps' ? /feature map/ : layout === 'attention' ? /attention weights/ : /activation/,
      )
      assert.match(await byTestId(page, 'activation-shape').innerText(), /Output shape \d/)
      if (layout === 'maps')
        assert.equal(await byTestId(page, 'activation-channel').count(), (await nodeOf(page, open)).count)
      if (layout === 'attention') assert.equal(await byTestId(page, 'activation-head').count(), 4)
      if (shots) {
        await mkdir('test-results', { recursive: true })
        await page.screenshot({ path: `test-results/activations-${id}-view-en-light.png` })
      }
      await byTestId(page, 'activation-close').click()

      // Stop (no batch runs after the pause), keep the weights, compare with tfjs in Node.
      await byTestId(page, 'train-stop').click()
      await poll(
        () => status(page),
        (s) => s === 'stopped',
        'stopped',
        60_000,
      )
      const after = await poll(
        () => hook(page),
        (s) => !s.pending && s.reading && s.reading.sequence > paused.reading.sequence && !s.reading.duringTraining,
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
      const expected = await reference(doc, paused.reading.sample.input)
      const worstPaused = compare(pausedNodes, expected)
      const worstAfter = compare(await allNodes(page), expected)
      assert.deepEqual(
        after.reading.sample.input.values,
        paused.reading.sample.input.values,
        'same sample after the run',
      )
      assert.equal(
        (await page.evaluate(() => window.__layercanvasTraining.getState())).backend.backend,
        // The CPU preference runs on tfjs' WebAssembly backend.
        backend === 'cpu' ? 'wasm' : backend,
        'the backend asked for',
      )
      console.log(
        `    (${id} on ${backend}: ${pausedNodes.length} nodes; largest difference to tfjs ${worstPaused.toExponential(1)} paused, ${worstAfter.toExponential(1)} after)`,
      )

      if (shots) {
        await byTestId(page, 'cmd-view.toggleTheme').click()
        await byTestId(page, 'cmd-view.toggleLanguage').click()
        await page.screenshot({ path: `test-results/activations-${id}-canvas-zh-dark.png` })
        await byTestId(page, `activation-thumb-${open}`).dispatchEvent('click') // it may sit under the minimap
        await byTestId(page, 'activation-view').waitFor()
        assert.match(
          await byTestId(page, 'activation-explain').innerText(),
          layout === 'maps' ? /特征图/ : layout === 'attention' ? /注意力权重/ : /激活值/,
        )
        await page.screenshot({ path: `test-results/activations-${id}-view-zh-dark.png` })
      }
    },
    { timeout: 300_000 },
  )
}

/**
 * The README picture (docs/activations.png): LeNet-5 after a short run, every layer's thumbnail
 * beside it. Only with E2E_SCREENSHOT=1 (as screenshot.e2e.mjs):
 *   E2E_SCREENSHOT=1 node test/e2e/run.mjs "activations screenshot"
 */
if (process.env.E2E_SCREENSHOT === '1') {
  test(
    'activations screenshot for the README (docs/activations.png)',
    async ({ page, baseURL }) => {
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
      await openApp(page, baseURL)
      await byTestId(page, 'cmd-file.openTemplate').click()
      await byTestId(page, 'template-lenet5').click()
      await poll(
        () => getDocument(page),
        (d) => d.meta?.template === 'lenet5',
        'lenet5 opened',
        10_000,
      )
      await byTestId(page, 'dock-tab-train').click()
      await byTestId(page, 'train-epochs').fill('1')
      await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 60 }))
      await byTestId(page, 'train-start').click()
      await poll(
        () => status(page),
        (s) => s === 'done',
        'trained',
        240_000,
      )
      await byTestId(page, 'activations-toggle').click()
      await poll(
        () => hook(page),
        (s) => !s.pending && s.reading !== null,
        'a reading',
        30_000,
      )
      await byTestId(page, 'dock-toggle').click()
      await byTestId(page, 'cmd-view.toggleMinimap').click()
      // A tall window, so the ten layers fit at a readable zoom; the picture is the canvas only.
      await page.setViewportSize({ width: 1440, height: 1500 })
      await page.waitForTimeout(300)
      await byTestId(page, 'cmd-view.fitView').click()
      await page.mouse.move(0, 0)
      await page.waitForTimeout(800)
      const canvas = await page.locator('.react-flow').boundingBox()
      const path = fileURLToPath(new URL('../../docs/activations.png', import.meta.url))
      await page.screenshot({ path, clip: canvas, animations: 'disabled', caret: 'hide' })
    },
    { timeout: 300_000 },
  )
}

test(
  'activations pushed every 250 ms over three epochs: the worker tensor count stays flat at every epoch end',
  async ({ page, baseURL }) => {
    await openApp(page, baseURL)
    await byTestId(page, 'dock-tab-train').click()
    await byTestId(page, 'train-epochs').fill('3')
    await poll(
      () => getDocument(page),
      (d) => d.training.epochs === 3,
      'three epochs',
    )
    await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 80 }))
    await byTestId(page, 'activations-toggle').click()
    await page.evaluate(() => window.__layercanvasActivations.setPushInterval(250))
    await byTestId(page, 'train-start').click()
    await poll(
      () => status(page),
      (s) => s === 'done' || s === 'error',
      'training finished',
      180_000,
    )
    const training = await page.evaluate(() => window.__layercanvasTraining.getState())
    assert.equal(training.status, 'done', JSON.stringify(training.error))
    const counts = training.memory.map((m) => m.numTensors)
    assert.equal(counts.length, 3, 'a reading at each epoch end')
    assert.ok(
      counts.every((n) => n === counts[0]),
      `tensor count flat: ${counts.join(', ')}`,
    )
    const state = await hook(page)
    assert.ok(state.pushes >= 3, `pushes while training: ${state.pushes}`)
    console.log(`    (${state.pushes} pushes; tensors at epoch ends ${counts.join(', ')})`)
  },
  { timeout: 240_000 },
)
