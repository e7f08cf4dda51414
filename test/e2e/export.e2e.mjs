/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { assert, byTestId, getDocument, graphOf, openApp, poll, test, waitForStableViewport } from './harness.mjs'

/**
 * File → Export and File → Import Model in the browser build (exports arrive as one .zip
 * download), and autosave recovery through localStorage.
 */

/** Opens the export dialog, picks `format`, exports, and returns the downloaded zip's entries. */
async function exportZip(page, tmpDir, format) {
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-dialog').waitFor()
  await byTestId(page, `export-format-${format}`).click()
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await byTestId(page, 'export-run-button').click()
  const file = join(tmpDir, (await download).suggestedFilename())
  await (await download).saveAs(file)
  await byTestId(page, 'export-saved').waitFor({ timeout: 10_000 })
  return { file, entries: unzipSync(new Uint8Array(await readFile(file))) }
}

const closeExportDialog = async (page) => {
  await page.keyboard.press('Escape')
  await byTestId(page, 'export-dialog').waitFor({ state: 'detached' })
}

/** Picks files in the browser file chooser opened by File → Import Model. */
async function importFiles(page, files) {
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.import').click()
  await (await chooser).setFiles(files)
}

test('export: TensorFlow.js downloads a zip with model.json and weights.bin', async ({ page, baseURL, tmpDir }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.export').click()
  // The template has never been trained: the dialog says so.
  assert.match(await byTestId(page, 'export-weights').innerText(), /freshly initialised/i)
  await closeExportDialog(page)

  const { file, entries } = await exportZip(page, tmpDir, 'tfjs')
  assert.match(file, /-tfjs\.zip$/)
  for (const name of ['model.json', 'weights.bin', 'metadata.json', 'README.md', 'predict.mjs'])
    assert.ok(entries[name], `${name} in the zip (has ${Object.keys(entries)})`)
  const model = JSON.parse(new TextDecoder().decode(entries['model.json']))
  assert.equal(model.format, 'layers-model')
  assert.deepEqual(model.weightsManifest[0].paths, ['weights.bin'])
  // MNIST MLP: 101,770 float32 parameters.
  assert.equal(entries['weights.bin'].byteLength, 101_770 * 4)
})

test('export: ONNX downloads a zip with model.onnx', async ({ page, baseURL, tmpDir }) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-format-onnx').click()
  await byTestId(page, 'export-opset').selectOption('17')
  await closeExportDialog(page)
  const { file, entries } = await exportZip(page, tmpDir, 'onnx')
  assert.match(file, /-onnx\.zip$/)
  assert.ok(entries['model.onnx']?.byteLength > 101_770 * 4, 'model.onnx holds the weights')
  assert.ok(entries['README.md'], 'README.md in the zip')
  // ONNX models start with the ir_version field (tag 0x08).
  assert.equal(entries['model.onnx'][0], 0x08)
})

test('export → import: an exported model.json + weights rebuild the same layers', async ({ page, baseURL, tmpDir }) => {
  await openApp(page, baseURL)
  const original = await getDocument(page)
  const { entries } = await exportZip(page, tmpDir, 'tfjs')
  await closeExportDialog(page)
  const modelPath = join(tmpDir, 'model.json')
  const weightsPath = join(tmpDir, 'weights.bin')
  await writeFile(modelPath, entries['model.json'])
  await writeFile(weightsPath, entries['weights.bin'])

  // Start from an empty canvas, then import.
  await byTestId(page, 'cmd-file.new').click()
  await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 0,
    'empty canvas',
  )
  await importFiles(page, [modelPath, weightsPath])
  const imported = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === original.nodes.length,
    'model imported',
  )
  // Same layers (ids, kinds, settings) and the same connections (edge ids are new).
  const wiring = (doc) =>
    graphOf(doc)
      .edges.map(({ source, target, targetPort }) => `${source}→${target}:${targetPort}`)
      .sort()
  assert.deepEqual(graphOf(imported).nodes, graphOf(original).nodes)
  assert.deepEqual(wiring(imported), wiring(original))
  assert.ok(imported.trained, 'the weights came along')
  assert.deepEqual(Object.keys(imported.trained.layers).sort(), ['hidden', 'output'])
  for (const node of original.nodes) await byTestId(page, `node-${node.id}`).waitFor()
  await waitForStableViewport(page)
  // Exporting again now says the weights are trained ones.
  await byTestId(page, 'cmd-file.export').click()
  assert.match(await byTestId(page, 'export-weights').innerText(), /trained weights from/i)
})

test('export/import: a model.json with an unknown layer is listed by name and leaves the canvas unchanged', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  const before = await getDocument(page)
  const modelPath = join(tmpDir, 'model.json')
  const layer = (className, config) => ({ class_name: className, config })
  await writeFile(
    modelPath,
    JSON.stringify({
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'mystery_model',
          layers: [
            layer('Dense', { name: 'dense_in', units: 4, activation: 'relu', batch_input_shape: [null, 8] }),
            layer('MysteryLayer', { name: 'mystery_1' }),
            layer('Dense', { name: 'dense_out', units: 2 }),
          ],
        },
      },
      weightsManifest: [],
    }),
  )
  await importFiles(page, [modelPath])
  const dialog = byTestId(page, 'import-dialog')
  await dialog.waitFor()
  const rows = byTestId(page, 'import-unmapped-layer')
  assert.equal(await rows.count(), 1)
  assert.equal(await rows.first().getAttribute('data-layer'), 'mystery_1')
  assert.match(await rows.first().innerText(), /MysteryLayer/)
  assert.match(await dialog.innerText(), /canvas was not changed/i)
  await byTestId(page, 'import-close').click()
  await dialog.waitFor({ state: 'detached' })
  const after = await getDocument(page)
  assert.deepEqual(graphOf(after), graphOf(before))
  assert.equal(after.name, before.name)
})

test('export/autosave: after a reload the unsaved edit is offered back and restored', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  // Leaving a page with unsaved changes asks first; accept, as a user closing the tab would.
  page.on('dialog', (dialog) => void dialog.accept())
  await byTestId(page, 'palette-item-dense').click() // adds a Dense layer: unsaved work
  const edited = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 5,
    'a Dense layer was added',
  )
  // The draft is written a few seconds after the last edit, not on every change.
  const drafts = () =>
    page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('layercanvas.draft.')).length)
  assert.equal(await drafts(), 0, 'no draft right after the edit')
  await poll(drafts, (n) => n === 1, 'the draft was autosaved', 8_000)

  await page.reload()
  const offer = byTestId(page, 'restore-dialog')
  await offer.waitFor({ timeout: 20_000 })
  assert.match(await offer.innerText(), /Restore unsaved work/i)
  await byTestId(page, 'restore-accept').click()
  await offer.waitFor({ state: 'detached' })
  const restored = await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 5,
    'the edit is back',
  )
  assert.deepEqual(graphOf(restored), graphOf(edited))
  // Still unsaved (marked dirty), and saving or discarding is up to the user.
  assert.ok(await page.evaluate(() => document.title.startsWith('●')), 'restored work is marked unsaved')
})

test('export/autosave: discarding the offer deletes the draft', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  page.on('dialog', (dialog) => void dialog.accept())
  await byTestId(page, 'palette-item-dense').click()
  await poll(
    () => getDocument(page),
    (d) => d.nodes.length === 5,
    'a Dense layer was added',
  )
  await page.reload() // pagehide writes the pending draft at once
  await byTestId(page, 'restore-dialog').waitFor({ timeout: 20_000 })
  await byTestId(page, 'restore-discard').click()
  await byTestId(page, 'restore-dialog').waitFor({ state: 'detached' })
  assert.equal((await getDocument(page)).nodes.length, 4, 'the template, not the draft')
  const left = await page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('layercanvas.draft.')),
  )
  assert.deepEqual(left, [])
  assert.ok(await page.evaluate(() => Boolean(window.__layercanvas)))
})
