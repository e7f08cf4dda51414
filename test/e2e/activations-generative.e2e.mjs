/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import { tsImport } from 'tsx/esm/api'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The activations view on generated samples, in Chromium: a GAN's noise vector z through the
 * generator, G(z) (and a real sample) through the discriminator; a diffusion denoiser on a
 * noisy x_t at a chosen timestep. While training (paused mid-run) and after, every node's
 * values equal what tfjs computes here in Node for the same input, with the weights the app
 * kept (the document compiled again by the core, models truncated at each layer, CPU backend).
 */

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
    return { compile, weights, parse }
  })()
  return corePromise
}

const hook = (page) => page.evaluate(() => window.__layercanvasActivations.getState())
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')
const allNodes = (page) =>
  page.evaluate(() => {
    const api = window.__layercanvasActivations
    return api.getState().reading.nodeIds.map((id) => api.getNode(id))
  })

/** Where included entry i of a node's values sits in its full output (NHWC / [T, U] / flat). */
function fullIndex(a, i) {
  if (a.layout === 'maps') {
    const [h, w, c] = a.shape
    return (i % (h * w)) * c + a.start + Math.floor(i / (h * w))
  }
  if (a.layout === 'sequence') return Math.floor(i / a.count) * a.shape[1] + a.start + (i % a.count)
  return a.start + i
}

/** The kept document compiled in Node with its weights. */
async function compiledWithWeights(doc) {
  const { compile, weights, parse } = await loadCore()
  const parsed = parse.parseProject(doc)
  assert.ok(parsed.ok, 'the document parses')
  const compiled = compile.compileModel(tf, parsed.document)
  assert.ok(compiled.ok, 'the document compiles')
  const applied = weights.applyTrainedWeights(tf, compiled.model, compiled.layerNames, parsed.document.trained)
  assert.equal(applied.skipped.length, 0, `every kept weight applies: ${JSON.stringify(applied.skipped)}`)
  return compiled
}

/** tfjs' output of a node's layer for `inputs` (fed to the model's `inputIndices` inputs). */
function layerOutput(compiled, nodeId, inputIndices, inputs) {
  const { model } = compiled
  const layer = model.getLayer(compiled.layerNames[nodeId])
  const truncated = tf.model({ inputs: inputIndices.map((i) => model.inputs[i]), outputs: layer.output })
  return tf.tidy(() => truncated.predict(inputs.length === 1 ? inputs[0] : inputs).dataSync())
}

/** Every shown value against tfjs' full output of that node; returns the largest difference. */
function compareNode(node, expected) {
  let worst = 0
  for (let i = 0; i < node.values.length; i++) {
    const want = expected[fullIndex(node, i)]
    const diff = Math.abs(node.values[i] - want)
    assert.ok(diff <= 1e-5, `${node.nodeId}[${i}]: app ${node.values[i]} vs tfjs ${want}`)
    worst = Math.max(worst, diff)
  }
  return worst
}

/** A GAN reading: z is the seeded draw; G's nodes for z, D's for what it was shown, as tfjs says. */
function checkGan(compiled, reading, nodes) {
  const { generated } = reading
  const byId = Object.fromEntries(nodes.map((n) => [n.nodeId, n]))
  const noiseIndex = compiled.inputs.findIndex((id) => byId[id]?.values.length === generated.z.length)
  const realIndex = 1 - noiseIndex
  const noiseId = compiled.inputs[noiseIndex]
  const realId = compiled.inputs[realIndex]
  // z as the GAN task draws it (tfjs' seeded normal, the same on every backend).
  const z = tf.randomNormal([1, generated.z.length], 0, 1, 'float32', generated.seed)
  let worst = compareNode(byId[noiseId], z.dataSync())
  for (const id of generated.generatorNodes)
    worst = Math.max(worst, compareNode(byId[id], layerOutput(compiled, id, [noiseIndex], [z])))
  // What D was shown: G(z) computed here, or the real sample the app fed (checked by D's outputs).
  const shown = byId[realId]
  const dShape = compiled.model.inputs[realIndex].shape.slice(1)
  if (generated.judged === 'fake') {
    const gOut = compiled.outputs.find((id) => generated.generatorNodes.includes(id))
    worst = Math.max(worst, compareNode(shown, layerOutput(compiled, gOut, [noiseIndex], [z])))
  }
  const x = tf.tensor(shown.values, [1, ...dShape])
  for (const id of generated.discriminatorNodes)
    worst = Math.max(worst, compareNode(byId[id], layerOutput(compiled, id, [realIndex], [x])))
  const dOut = generated.discriminatorNodes[generated.discriminatorNodes.length - 1]
  assert.ok(Math.abs(generated.realProbability - layerOutput(compiled, dOut, [realIndex], [x])[0]) <= 1e-5, 'D(x)')
  tf.dispose([z, x])
  return worst
}

/** A diffusion reading: every denoiser node for the shown (x_t, t), as tfjs says. */
function checkDiffusion(compiled, reading, nodes, T) {
  const { generated } = reading
  const byId = Object.fromEntries(nodes.map((n) => [n.nodeId, n]))
  const kinds = compiled.inputs.map((id) => byId[id]?.values.length === 1 && byId[id].shape.length === 1)
  const timeId = compiled.inputs[kinds.indexOf(true)]
  const dataId = compiled.inputs[kinds.indexOf(false)]
  assert.deepEqual(byId[timeId].values, [generated.t], 't fed as the timestep')
  assert.ok(generated.t >= 0 && generated.t < T)
  const xt = tf.tensor(byId[dataId].values, [1, ...byId[dataId].shape])
  const tIn = tf.tensor2d([generated.t], [1, 1])
  const inputs = compiled.inputs.map((id) => (id === dataId ? xt : tIn))
  const order = compiled.inputs.map((_, i) => i)
  let worst = 0
  for (const node of nodes) {
    if (compiled.inputs.includes(node.nodeId)) continue
    worst = Math.max(worst, compareNode(node, layerOutput(compiled, node.nodeId, order, inputs)))
  }
  tf.dispose([xt, tIn])
  return worst
}

async function openTemplate(page, baseURL, id, backend, maxBatches) {
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
  await byTestId(page, 'train-epochs').fill('1')
  await page.evaluate(
    ([max, preference]) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: max, backend: preference }),
    [maxBatches, backend],
  )
}

const CASES = [
  { id: 'gan-mlp', backend: 'webgl', kind: 'gan' },
  // gan-2d's epochs (25 batches) take under a second on the CPU's WebAssembly backend: many of
  // them, so the run is still going when it is paused and stopped.
  { id: 'gan-2d', backend: 'cpu', kind: 'gan', epochs: 500 },
  // Diffusion on the CPU only: on WebGL (SwiftShader) the Timestep Embedding's sin/cos of t·ω
  // differ from the CPU's by ~4e-5 (measured: 3.6e-5 at t = 51), a GPU sin precision limit that
  // then flows through the U-Net; the GAN covers WebGL.
  { id: 'ddpm-mnist', backend: 'cpu', kind: 'diffusion' },
]

for (const { id, backend, kind, epochs = 1 } of CASES) {
  test(
    `activations of a generated sample, ${id} (${backend}): live while training; every node equals tfjs (1e-5) paused and after`,
    async ({ page, baseURL }) => {
      // One long epoch (or many short ones): the run is paused and stopped before it ends.
      await openTemplate(page, baseURL, id, backend, 400)
      if (epochs !== 1) {
        await byTestId(page, 'train-epochs').fill(String(epochs))
        await poll(
          () => getDocument(page),
          (d) => d.training.epochs === epochs,
          `${epochs} epochs`,
        )
      }
      await byTestId(page, 'activations-toggle').click()
      await page.evaluate(() => window.__layercanvasActivations.setPushInterval(250))
      await byTestId(page, 'train-start').click()
      const live = await poll(
        () => hook(page),
        (s) => s.reading?.duringTraining === true && s.reading.generated?.kind === kind,
        'a push of the generated sample while training',
        180_000,
      )
      assert.match(await byTestId(page, 'generated-sample').innerText(), kind === 'gan' ? /generator/ : /noise/)
      await byTestId(page, 'train-pause').click()
      await poll(
        () => status(page),
        (s) => s === 'paused',
        'paused',
        120_000,
      )
      // A new noise draw (GAN: a new z; diffusion: a new ε), and for diffusion one timestep on.
      await byTestId(page, 'generated-new-noise').click()
      if (kind === 'diffusion') {
        await byTestId(page, 'generated-timestep').focus()
        await page.keyboard.press('ArrowRight')
      }
      const paused = await poll(
        () => hook(page),
        (s) =>
          !s.pending &&
          s.reading?.generated?.seed === live.reading.generated.seed + 1 &&
          (kind === 'gan' || s.reading.generated.t === live.reading.generated.t + 1),
        'the reading for the new noise',
        60_000,
      )
      const pausedNodes = await allNodes(page)
      let real = null
      if (kind === 'gan') {
        await byTestId(page, 'generated-judged-real').click()
        real = await poll(
          () => hook(page),
          (s) => !s.pending && s.reading?.generated?.judged === 'real',
          'D shown a real sample',
          60_000,
        )
        real.nodes = await allNodes(page)
      }
      await byTestId(page, 'train-stop').click()
      await poll(
        () => status(page),
        (s) => s === 'stopped',
        'stopped',
        120_000,
      )
      const after = await poll(
        () => hook(page),
        (s) =>
          !s.pending &&
          s.reading &&
          !s.reading.duringTraining &&
          s.reading.sequence > (real ?? paused).reading.sequence,
        'a reading after training',
        60_000,
      )
      const afterNodes = await allNodes(page)
      // The card may cover the dock's tabs (as the thumbnails may sit under the minimap).
      await byTestId(page, 'dock-tab-results').dispatchEvent('click')
      await byTestId(page, 'results-keep').dispatchEvent('click')
      const doc = await poll(
        () => getDocument(page),
        (d) => d.trained !== undefined,
        'weights kept',
        30_000,
      )
      const compiled = await compiledWithWeights(doc)
      const T = doc.training.diffusion?.timesteps
      const check = (reading, nodes) =>
        kind === 'gan' ? checkGan(compiled, reading, nodes) : checkDiffusion(compiled, reading, nodes, T)
      const worst = [check(paused.reading, pausedNodes), check(after.reading, afterNodes)]
      if (real) worst.push(check(real.reading, real.nodes))
      // Every layer node of the document has a reading.
      const analysis = await page.evaluate(() => window.__layercanvas.getAnalysis())
      const expectedIds = Object.keys(analysis.nodes).filter((n) => analysis.nodes[n].outputShape)
      assert.deepEqual([...paused.reading.nodeIds].sort(), expectedIds.sort(), 'every node has activations')
      assert.equal(
        (await page.evaluate(() => window.__layercanvasTraining.getState())).backend.backend,
        // The CPU preference runs on tfjs' WebAssembly backend.
        backend === 'cpu' ? 'wasm' : backend,
        'the backend asked for',
      )
      // In Chinese, the words are the tutorial's.
      await byTestId(page, 'cmd-view.toggleLanguage').click()
      assert.match(await byTestId(page, 'generated-sample').innerText(), kind === 'gan' ? /生成器/ : /去噪/)
      console.log(
        `    (${id} on ${backend}: ${pausedNodes.length} nodes; largest difference to tfjs ${Math.max(...worst).toExponential(1)})`,
      )
      compiled.model.dispose()
    },
    { timeout: 420_000 },
  )
}

test(
  'activations of a GAN sample pushed every 250 ms over three epochs: the worker tensor count stays flat',
  async ({ page, baseURL }) => {
    await openTemplate(page, baseURL, 'gan-2d', 'cpu', 6)
    await byTestId(page, 'train-epochs').fill('3')
    await poll(
      () => getDocument(page),
      (d) => d.training.epochs === 3,
      'three epochs',
    )
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
    assert.equal(state.reading.generated.kind, 'gan')
    console.log(`    (${state.pushes} pushes; tensors at epoch ends ${counts.join(', ')})`)
  },
  { timeout: 240_000 },
)

/**
 * The README picture (docs/activations-diffusion.png): ddpm-mnist after a few batches, the U-Net's
 * thumbnails and x_t, ε̂, x̂₀ and x₀ in the card. Only with E2E_SCREENSHOT=1:
 *   E2E_SCREENSHOT=1 node test/e2e/run.mjs "generated-sample screenshot"
 */
if (process.env.E2E_SCREENSHOT === '1') {
  test(
    'generated-sample screenshot for the README (docs/activations-diffusion.png)',
    async ({ page, baseURL }) => {
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
      await page.setViewportSize({ width: 1600, height: 1100 })
      await openTemplate(page, baseURL, 'ddpm-mnist', 'cpu', 400)
      await byTestId(page, 'activations-toggle').click()
      await page.evaluate(() => window.__layercanvasActivations.setPushInterval(250))
      await byTestId(page, 'train-start').click()
      await poll(
        () => hook(page),
        (s) => s.reading?.duringTraining === true && s.reading.generated?.kind === 'diffusion',
        'a push while training',
        180_000,
      )
      await byTestId(page, 'train-stop').click()
      await poll(
        () => status(page),
        (s) => s === 'stopped',
        'stopped',
        120_000,
      )
      await byTestId(page, 'generated-timestep').focus()
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft')
      await poll(
        () => hook(page),
        (s) => !s.pending && s.reading?.generated?.t === 30,
        'the reading at t = 30',
        60_000,
      )
      await byTestId(page, 'dock-toggle').dispatchEvent('click')
      await byTestId(page, 'cmd-view.toggleMinimap').click()
      await page.waitForTimeout(300)
      await byTestId(page, 'cmd-view.fitView').click()
      await page.mouse.move(0, 0)
      await page.waitForTimeout(800)
      const canvas = await page.locator('.react-flow').boundingBox()
      const path = fileURLToPath(new URL('../../docs/activations-diffusion.png', import.meta.url))
      await page.screenshot({ path, clip: canvas, animations: 'disabled', caret: 'hide' })
    },
    { timeout: 300_000 },
  )
}
