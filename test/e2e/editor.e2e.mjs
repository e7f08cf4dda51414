/* global document, window -- used inside page.evaluate callbacks, which run in the browser */
import { writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import {
  assert,
  byTestId,
  centreOf,
  clickEmptyPane,
  connect,
  getDocument,
  graphOf,
  nodeCount,
  openApp,
  poll,
  pollEqual,
  selectNode,
  test,
  totalDigits,
  waitForTotal,
} from './harness.mjs'

const MLP_NODES = ['input', 'flatten', 'hidden', 'output']

test('loads the MNIST MLP template with no console errors', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  for (const id of MLP_NODES) assert.ok(await byTestId(page, `node-${id}`).isVisible(), `node-${id} visible`)
  await waitForTotal(page, '101770')
  assert.match(await byTestId(page, 'status-total-params').innerText(), /101,770/)
  const doc = await getDocument(page)
  assert.deepEqual(doc.nodes.map((n) => n.id).sort(), [...MLP_NODES].sort())
  assert.equal(doc.edges.length, 3)
  assert.equal(await byTestId(page, 'node-error').count(), 0, 'the template has no errors')
})

test('drags Dense from the palette onto the canvas', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  const before = await getDocument(page)
  const hidden = await byTestId(page, 'node-hidden').boundingBox()
  const pane = page.locator('.react-flow__pane')
  const paneBox = await pane.boundingBox()
  // Empty canvas to the right of the template's column.
  const drop = {
    x: Math.min(hidden.x + hidden.width + 220, paneBox.x + paneBox.width - 60),
    y: hidden.y + hidden.height / 2,
  }
  await byTestId(page, 'palette-item-dense').dragTo(pane, {
    targetPosition: { x: drop.x - paneBox.x, y: drop.y - paneBox.y },
  })
  const after = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === before.nodes.length + 1,
    'a node was added',
  )
  const added = after.nodes.find((n) => !before.nodes.some((o) => o.id === n.id))
  assert.equal(added.kind, 'dense')
  assert.equal(after.nodes.filter((n) => n.kind === 'dense').length, 3)
  const box = await byTestId(page, `node-${added.id}`).boundingBox()
  assert.ok(box, 'the new node is on screen')
  // Dropped where the mouse was: the node is centred near the drop point.
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  assert.ok(
    Math.abs(centre.x - drop.x) < 120 && Math.abs(centre.y - drop.y) < 80,
    `node near drop point ${JSON.stringify({ centre, drop })}`,
  )
})

test('connecting two layers draws an edge labelled with the shape', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'palette-item-dense').click() // adds at the viewport centre
  const { nodes } = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 5,
    'a Dense node was added',
  )
  const added = nodes.find((n) => !MLP_NODES.includes(n.id)).id
  // Move the new node clear of the template column so both handles are reachable.
  const header = page.locator(`[data-testid="node-${added}"] .layer-node-header`)
  const hidden = await byTestId(page, 'node-hidden').boundingBox()
  const from = await centreOf(header)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(hidden.x + hidden.width + 260, hidden.y + hidden.height + 120, { steps: 10 })
  await page.mouse.up()

  await connect(page, 'hidden', added)
  const doc = await poll(
    () => getDocument(page),
    (d) => d.edges.some((e) => e.source === 'hidden' && e.target === added),
    'edge hidden → new',
  )
  const edge = doc.edges.find((e) => e.source === 'hidden' && e.target === added)
  const label = page.locator(`[data-testid="edge-label"][data-edge-id="${edge.id}"]`)
  await pollEqual(async () => (await label.innerText()).trim(), '128', 'edge label')
  const units = nodes.find((n) => n.id === added).params.units
  const shape = byTestId(page, `node-${added}`).locator('[data-testid="node-shape"]')
  await pollEqual(async () => (await shape.innerText()).replace(/[^\d×]/g, ''), String(units), 'new node output shape')
})

test('wrong wiring shows the error on the node and its fix inserts a Flatten', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await selectNode(page, 'flatten')
  await page.keyboard.press('Delete')
  await poll(
    () => getDocument(page),
    (d) => !d.nodes.some((n) => n.id === 'flatten'),
    'flatten deleted',
  )
  await connect(page, 'input', 'hidden')
  await poll(
    () => getDocument(page),
    (d) => d.edges.some((e) => e.source === 'input' && e.target === 'hidden'),
    'edge input → hidden',
  )

  const badge = byTestId(page, 'node-hidden').locator('[data-testid="node-error"]')
  await badge.waitFor({ timeout: 5_000 })
  const message = `${await badge.getAttribute('title')} ${await badge.innerText()}`
  assert.match(message, /Flatten/, 'the error names Flatten')
  assert.match(message, /28×28×1/, 'the error names the incoming shape')

  await byTestId(page, 'node-hidden').locator('[data-testid="node-fix"]').click()
  const doc = await poll(
    () => getDocument(page),
    (d) => d.nodes.filter((n) => n.kind === 'flatten').length === 1,
    'a Flatten was inserted',
  )
  const flatten = doc.nodes.find((n) => n.kind === 'flatten').id
  assert.ok(
    doc.edges.some((e) => e.source === 'input' && e.target === flatten),
    'input → flatten',
  )
  assert.ok(
    doc.edges.some((e) => e.source === flatten && e.target === 'hidden'),
    'flatten → hidden',
  )
  await poll(
    () => page.locator('[data-testid="node-error"]').count(),
    (n) => n === 0,
    'no error left',
  )
  await waitForTotal(page, '101770')
})

test('undo and redo restore a deleted layer (toolbar and shortcuts)', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  const original = graphOf(await getDocument(page))
  await selectNode(page, 'output')
  await page.keyboard.press('Delete')
  await byTestId(page, 'node-output').waitFor({ state: 'detached' })
  await waitForTotal(page, '100480')

  await byTestId(page, 'cmd-edit.undo').click()
  await byTestId(page, 'node-output').waitFor()
  assert.deepEqual(graphOf(await getDocument(page)), original)
  await waitForTotal(page, '101770')

  await byTestId(page, 'cmd-edit.redo').click()
  await byTestId(page, 'node-output').waitFor({ state: 'detached' })

  await clickEmptyPane(page)
  await page.keyboard.press('Control+z')
  await byTestId(page, 'node-output').waitFor()
  assert.deepEqual(graphOf(await getDocument(page)), original)
  await page.keyboard.press('Control+Shift+z')
  await byTestId(page, 'node-output').waitFor({ state: 'detached' })
})

test('a parameter edit updates the node and the total; undo restores it', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await selectNode(page, 'hidden')
  const units = byTestId(page, 'param-units')
  await units.fill('64')
  // 784·64 + 64 = 50,240 (hidden) + 64·10 + 10 = 650 (output)
  await pollEqual(
    async () =>
      (await byTestId(page, 'node-hidden').locator('[data-testid="node-params"]').innerText()).replace(/[^\d]/g, ''),
    '50240',
    'hidden params',
  )
  await waitForTotal(page, '50890')
  const hidden = (await getDocument(page)).nodes.find((n) => n.id === 'hidden')
  assert.equal(hidden.params.units, 64)
  await byTestId(page, 'cmd-edit.undo').click()
  await waitForTotal(page, '101770')
  assert.equal((await getDocument(page)).nodes.find((n) => n.id === 'hidden').params.units, 128)
})

test('switching to 中文 changes the labels, and back', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  const dense = byTestId(page, 'palette-item-dense').locator('.palette-label')
  assert.equal((await dense.innerText()).trim(), 'Dense')
  // The status item holding the total: its label ("Total") is translated, the number is not.
  const status = page.locator('.status-item', { has: byTestId(page, 'status-total-params') })
  const statusBefore = await status.innerText()
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await pollEqual(async () => (await dense.innerText()).trim(), '全连接层', 'palette label in Chinese')
  assert.equal(await byTestId(page, 'cmd-file.save').getAttribute('aria-label'), '保存')
  await poll(
    () => status.innerText(),
    (text) => /[\u4e00-\u9fff]/.test(text) && text !== statusBefore,
    'status bar in Chinese',
  )
  assert.equal(await totalDigits(page), '101770')
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await pollEqual(async () => (await dense.innerText()).trim(), 'Dense', 'palette label back in English')
  await pollEqual(() => status.innerText(), statusBefore, 'status bar back in English')
})

/** Opens `file` through the toolbar's Open and the browser file chooser; confirms discarding if asked. */
async function openFile(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.open').click()
  await (await chooser).setFiles(file)
}

/** Answers the in-app "discard unsaved changes?" dialog (data-testid confirm-ok). */
async function confirmDiscard(page) {
  const ok = page.locator('[aria-modal="true"] [data-testid="confirm-ok"]')
  await ok.waitFor({ timeout: 5_000 })
  await ok.click()
  await ok.waitFor({ state: 'detached' })
}

/** The trained weights in the page, exactly (JSON would turn Float32Arrays into objects): id → arrays. */
const pageWeights = (page) =>
  page.evaluate(() => {
    const doc = window.__layercanvas.getDocument()
    const layers = Object.entries(doc.trained?.layers ?? {}).map(([id, list]) => [
      id,
      list.map((w) => ({ name: w.name, shape: w.shape, data: Array.from(w.data) })),
    ])
    return { layers: Object.fromEntries(layers), metrics: doc.trained?.metrics ?? null }
  })

/** Trains the open template a few batches and keeps the weights in the document. */
async function trainAndKeep(page) {
  await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 4 }))
  if ((await byTestId(page, 'train-start').count()) === 0) await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-epochs').fill('1')
  await byTestId(page, 'train-start').click()
  await poll(
    () => byTestId(page, 'train-status').getAttribute('data-status'),
    (s) => s === 'done' || s === 'error',
    'training finished',
    120_000,
  )
  assert.equal(await byTestId(page, 'train-status').getAttribute('data-status'), 'done')
  await byTestId(page, 'dock-tab-results').click()
  await byTestId(page, 'results-keep').click()
  await poll(
    () => getDocument(page),
    (d) => d.trained !== undefined,
    'weights kept in the document',
    20_000,
  )
}

test(
  'save → open round-trips the project; a trained one as a .layercanvas container, and old base64 files open',
  async ({ page, baseURL, tmpDir }) => {
    await openApp(page, baseURL)
    const download = page.waitForEvent('download', { timeout: 5_000 })
    await byTestId(page, 'cmd-file.save').click()
    const file = join(tmpDir, (await download).suggestedFilename())
    assert.match(file, /\.layercanvas\.json$/)
    await (await download).saveAs(file)
    const saved = JSON.parse(await readFile(file, 'utf8'))
    assert.equal(saved.format, 'layercanvas')
    const current = await getDocument(page)
    assert.deepEqual(graphOf(saved), graphOf(current))
    assert.deepEqual(
      saved.nodes.map((n) => n.position),
      current.nodes.map((n) => n.position),
    )

    // Change the canvas, then reopen the saved file.
    await selectNode(page, 'output')
    await page.keyboard.press('Delete')
    await poll(
      () => nodeCount(page),
      (n) => n === 3,
      'output deleted',
    )
    await openFile(page, file)
    await confirmDiscard(page) // the canvas has unsaved changes
    const reopened = await poll(
      () => getDocument(page),
      (d) => d.nodes.length === 4,
      'document reopened',
    )
    assert.deepEqual(graphOf(reopened), graphOf(saved))
    assert.deepEqual(
      reopened.nodes.map((n) => n.position),
      saved.nodes.map((n) => n.position),
    )
    await waitForTotal(page, '101770')
    await byTestId(page, 'node-output').waitFor()

    // Trained: the weights go into a container beside the JSON file, under the other extension.
    await trainAndKeep(page)
    const before = await pageWeights(page)
    assert.deepEqual(Object.keys(before.layers).sort(), ['hidden', 'output'])
    // Autosave in the browser keeps the unsaved work in localStorage, explicitly without weights.
    const [draft] = await poll(
      () =>
        page.evaluate(() =>
          Object.keys(localStorage)
            .filter((key) => key.startsWith('layercanvas.draft.'))
            .map((key) => JSON.parse(localStorage.getItem(key))),
        ),
      (drafts) => drafts.length === 1 && drafts[0].weightsOmitted === true,
      'a draft without the weights',
      10_000,
    )
    const drafted = JSON.parse(draft.text)
    assert.equal(drafted.trained, undefined, 'the draft is JSON without trained weights')
    assert.equal(drafted.nodes.length, 4)
    const containerDownload = page.waitForEvent('download', { timeout: 10_000 })
    await byTestId(page, 'cmd-file.save').click()
    const containerName = (await containerDownload).suggestedFilename()
    assert.equal(containerName, file.slice(file.lastIndexOf('/') + 1).replace(/\.layercanvas\.json$/, '.layercanvas'))
    const container = join(tmpDir, containerName)
    await (await containerDownload).saveAs(container)
    assert.match(await byTestId(page, 'toast').innerText(), /\.layercanvas file/, 'the toast says why the name changed')
    const bytes = await readFile(container)
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip container, not JSON')
    const core = await tsImport('../../src/core/document/project-file.ts', import.meta.url)
    const onDisk = core.parseProjectFile(new Uint8Array(bytes))
    assert.ok(onDisk.ok, 'the container parses in Node')
    const kernel = onDisk.document.trained.layers.hidden[0]
    assert.ok(kernel.data instanceof Float32Array)
    assert.deepEqual(Array.from(kernel.data), before.layers.hidden[0].data, 'the file holds the page’s weights')

    // Drop the weights (undo), reopen the container: the same weights, bit for bit, and metrics.
    await byTestId(page, 'cmd-edit.undo').click()
    await poll(
      () => getDocument(page),
      (d) => d.trained === undefined,
      'weights taken out',
    )
    await openFile(page, container)
    await confirmDiscard(page)
    await poll(
      () => getDocument(page),
      (d) => d.trained !== undefined,
      'container reopened',
    )
    assert.deepEqual(await pageWeights(page), before, 'weights and metrics restored exactly')

    // A project from before the container: weights as base64 inside the JSON. It opens the same.
    const legacy = JSON.parse(JSON.stringify({ ...onDisk.document, trained: undefined }))
    legacy.trained = {
      ...onDisk.document.trained,
      layers: Object.fromEntries(
        Object.entries(onDisk.document.trained.layers).map(([id, list]) => [
          id,
          list.map((w) => ({
            ...w,
            data: Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength).toString('base64'),
          })),
        ]),
      ),
    }
    legacy.name = 'Saved by an older LayerCanvas'
    const legacyFile = join(tmpDir, 'old.layercanvas.json')
    await writeFile(legacyFile, JSON.stringify(legacy))
    await openFile(page, legacyFile) // the canvas is unchanged since the open: no question
    await poll(
      async () => (await getDocument(page)).name,
      (name) => name === legacy.name,
      'the old project opened',
    )
    await poll(
      () => pageWeights(page),
      (w) => JSON.stringify(w) === JSON.stringify(before),
      'the old base64 weights decoded to the same values',
    )
  },
  { timeout: 240_000 },
)

test('opening a file with a bad value repairs it with a path-precise note; a file that is not JSON keeps the canvas', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  const project = JSON.parse(await readFile(new URL('../../templates/mlp-mnist.json', import.meta.url), 'utf8'))
  const badNode = project.nodes[2]
  badNode.params.units = -4
  const bad = join(tmpDir, 'bad.layercanvas.json')
  await writeFile(bad, JSON.stringify(project))
  await openFile(page, bad)
  // An invalid value never keeps the user from their work: the layer gets its default, and the
  // note says where and what was replaced (a warning, not an error).
  const banner = byTestId(page, 'error-banner')
  await banner.waitFor({ timeout: 5_000 })
  const text = await banner.innerText()
  if (process.env.E2E_VERBOSE) console.log(`    banner: ${JSON.stringify(text)}`)
  assert.equal(await banner.getAttribute('role'), 'status', 'a repair is a note, not an error')
  assert.match(text, /nodes\[2\]\.params\.units/, `banner names the path: ${text}`)
  assert.match(text, /-4/)
  const repaired = await getDocument(page)
  const units = repaired.nodes.find((n) => n.id === badNode.id).params.units
  assert.ok(Number.isInteger(units) && units > 0, `units repaired to a valid default, got ${units}`)
  const before = graphOf(repaired)

  // Not JSON at all: an error, and the canvas keeps the repaired project.
  await writeFile(bad, '{"format": "layercanvas", nodes: [')
  await openFile(page, bad)
  await poll(
    () => banner.innerText(),
    (t) => t !== text && t.length > 0,
    'banner shows the JSON error',
  )
  if (process.env.E2E_VERBOSE) console.log(`    banner: ${JSON.stringify(await banner.innerText())}`)
  assert.equal(await banner.getAttribute('role'), 'alert', 'an error, not a warning')
  assert.deepEqual(graphOf(await getDocument(page)), before, 'canvas unchanged')
  await byTestId(page, 'node-output').waitFor()
})

test('template gallery opens LeNet-5 (61,706 params)', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.openTemplate').click()
  await byTestId(page, 'template-lenet5').click() // the start template is unchanged: no discard prompt
  await waitForTotal(page, '61706')
  const doc = await getDocument(page)
  assert.ok(
    doc.nodes.some((n) => n.kind === 'conv2d'),
    'LeNet-5 has convolutions',
  )
  assert.equal(await page.locator('[data-testid="node-error"]').count(), 0)
})
