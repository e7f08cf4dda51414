/* global document -- used inside page.evaluate callbacks, which run in the browser */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { assert, byTestId, getDocument, openApp, poll, pollEqual, selectNode, test } from './harness.mjs'

/**
 * The Data panel (src/renderer/src/data/DataPanel.tsx) in the training dock's Data tab:
 * previews and statistics of the built-in datasets, CSV import errors, and the dataset-fit
 * diagnostics it feeds to the canvas.
 */

async function openDataPanel(page) {
  await byTestId(page, 'dock-tab-data').click()
  await byTestId(page, 'data-panel').waitFor({ timeout: 5_000 })
}

/** Waits until the preview shows the given kind (the data is loaded in a worker). */
async function waitForPreview(page, kind) {
  await page.locator(`[data-testid="data-preview"][data-kind="${kind}"]`).waitFor({ timeout: 20_000 })
}

/** How many pixels of a canvas are not transparent (0 for a blank canvas). */
const paintedPixels = (locator) =>
  locator.evaluate((canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    let painted = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++
    return painted
  })

test('Data panel: MNIST shows a grid of digits and 10 class counts', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await openDataPanel(page)
  assert.equal(
    await byTestId(page, 'dataset-mnist').getAttribute('aria-pressed'),
    'true',
    'the template trains on MNIST',
  )
  await byTestId(page, 'dataset-mnist').click()
  await waitForPreview(page, 'image')
  const thumbs = byTestId(page, 'data-preview').locator('canvas.data-thumb')
  assert.equal(await thumbs.count(), 80, '8 digits of each of the 10 classes')
  assert.ok((await paintedPixels(thumbs.first())) > 0, 'the first digit is drawn')
  const counts = byTestId(page, 'data-class-counts').locator('li')
  assert.equal(await counts.count(), 10)
  assert.match(await counts.first().innerText(), /^0\s+\d[\d,]*$/)
  assert.equal((await byTestId(page, 'data-size').innerText()).replace(/\D/g, ''), '10000')
  // 80 / 10 / 10 of 10,000.
  assert.match(await byTestId(page, 'data-split-sizes').innerText(), /8,000.*1,000.*1,000/)
  assert.match(await byTestId(page, 'data-panel').innerText(), /LeCun/, 'MNIST is credited')
})

test('Data panel: spiral draws a scatter plot; options and split are undoable document edits', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  await openDataPanel(page)
  await byTestId(page, 'dataset-spiral').click()
  await waitForPreview(page, 'points')
  const scatter = byTestId(page, 'data-scatter')
  await poll(
    () => paintedPixels(scatter),
    (n) => n > 500,
    'the scatter plot has points',
  )
  await pollEqual(() => byTestId(page, 'data-class-counts').locator('li').count(), 3, 'three spiral arms')
  let doc = await getDocument(page)
  assert.deepEqual(doc.training.dataset, { id: 'spiral', options: {} })

  await byTestId(page, 'data-option-classes').fill('5')
  await pollEqual(
    () => byTestId(page, 'data-class-counts').locator('li').count(),
    5,
    'five arms after the option change',
  )
  doc = await getDocument(page)
  assert.equal(doc.training.dataset.options.classes, 5)

  await byTestId(page, 'split-validation').fill('20')
  doc = await poll(
    () => getDocument(page),
    (d) => d.training.split.validation === 0.2,
    'validation share 20 %',
  )
  assert.ok(
    Math.abs(doc.training.split.train + doc.training.split.validation + doc.training.split.test - 1) < 1e-9,
    'shares add up to 1',
  )
  assert.equal(doc.training.split.train, 0.7)

  await byTestId(page, 'cmd-edit.undo').click()
  await poll(
    () => getDocument(page),
    (d) => d.training.split.validation === 0.1,
    'undo restores the split',
  )
  await byTestId(page, 'cmd-edit.undo').click()
  await poll(
    () => getDocument(page),
    (d) => d.training.dataset.options.classes === undefined,
    'undo restores the option',
  )
})

test('Data panel: a CSV with a bad cell names its row and column; a good one previews as a table', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  await openDataPanel(page)
  const bad = join(tmpDir, 'flowers.csv')
  await writeFile(bad, 'length,width,kind\n1.5,0.2,a\n1.4,0.3,b\n1.7,oops,a\n1.6,0.2,b\n1.2,0.1,a\n')
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'dataset-csv').click()
  await (await chooser).setFiles(bad)
  const dialog = byTestId(page, 'csv-dialog')
  await dialog.waitFor()
  assert.equal(await byTestId(page, 'csv-target-kind').isChecked(), true, 'the last column is suggested as the target')
  await byTestId(page, 'csv-use').click()
  const error = byTestId(page, 'csv-error')
  await error.waitFor()
  const message = await error.innerText()
  assert.match(message, /row 4/, `names the row: ${message}`)
  assert.match(message, /"width"/, `names the column: ${message}`)
  assert.match(message, /oops/)
  assert.equal((await getDocument(page)).training.dataset.id, 'mnist', 'nothing changed yet')

  // Leaving the bad column out makes the table usable.
  await dialog.getByRole('checkbox', { name: /width/ }).check()
  await byTestId(page, 'csv-use').click()
  await dialog.waitFor({ state: 'detached' })
  const doc = await getDocument(page)
  assert.equal(doc.training.dataset.id, 'csv')
  assert.equal(doc.training.dataset.options.target, 'kind')
  assert.deepEqual(doc.training.dataset.options.ignore, ['width'])
  assert.equal(typeof doc.training.dataset.options.text, 'string', 'a small table is saved with the project')
  await waitForPreview(page, 'table')
  assert.equal(await byTestId(page, 'data-table').locator('tbody tr').count(), 5)
  await pollEqual(() => byTestId(page, 'data-class-counts').locator('li').count(), 2, 'two classes')
})

test('Data panel: an Input that does not fit the dataset shows the problem on the node, and its fix repairs it', async ({
  page,
  baseURL,
}) => {
  await openApp(page, baseURL)
  await openDataPanel(page)
  await byTestId(page, 'dataset-mnist').click()
  assert.equal(await page.locator('[data-testid="node-error"]').count(), 0, 'the template fits MNIST')
  await selectNode(page, 'input')
  await byTestId(page, 'param-height').fill('32')
  await poll(
    () => getDocument(page),
    (d) => d.nodes.find((n) => n.id === 'input').params.height === 32,
    'height 32',
  )
  const badge = byTestId(page, 'node-input').locator('[data-testid="node-error"]')
  await badge.waitFor({ timeout: 5_000 })
  const text = await badge.getAttribute('title')
  assert.match(text, /28×28×1/, `names the dataset's sample shape: ${text}`)
  assert.match(text, /Height/, `names the param by its label: ${text}`)
  const fix = byTestId(page, 'node-input').locator('[data-testid="node-fix"]')
  assert.match(await fix.innerText(), /28/)
  await fix.click()
  await poll(
    () => getDocument(page),
    (d) => d.nodes.find((n) => n.id === 'input').params.height === 28,
    'the fix sets height 28',
  )
  await poll(
    () => page.locator('[data-testid="node-error"]').count(),
    (n) => n === 0,
    'no error left',
  )

  // Another dataset, another fit: iris needs a vector Input of 4 and 3 output classes.
  await byTestId(page, 'dataset-iris').click()
  await byTestId(page, 'node-output').locator('[data-testid="node-error"]').waitFor({ timeout: 5_000 })
  assert.match(
    await byTestId(page, 'node-output').locator('[data-testid="node-error"]').getAttribute('title'),
    /3 classes/,
  )
})

test('Data panel: names and sine preview as text and series; 中文 labels', async ({ page, baseURL }) => {
  await openApp(page, baseURL)
  await openDataPanel(page)
  await byTestId(page, 'dataset-names').click()
  await waitForPreview(page, 'text')
  assert.ok((await byTestId(page, 'data-text').locator('li').count()) > 5, 'text samples listed')
  await byTestId(page, 'dataset-sine').click()
  await waitForPreview(page, 'series')
  await poll(
    () => paintedPixels(byTestId(page, 'data-series')),
    (n) => n > 200,
    'the series plot is drawn',
  )
  assert.match(await byTestId(page, 'data-task').innerText(), /Regression/)
  assert.equal((await getDocument(page)).training.task, 'regression', 'the task follows the dataset')
  await byTestId(page, 'cmd-view.toggleLanguage').click()
  await pollEqual(async () => (await byTestId(page, 'data-task').innerText()).split(' ')[0], '回归', 'task in Chinese')
  assert.match(await byTestId(page, 'dataset-mnist').innerText(), /手写数字/)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
})

/** A width × height PNG of one colour (RGB), written without dependencies. */
function solidPng(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    data.copy(out, 8)
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([r, g, b], y * (1 + width * 3) + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

test('Data panel: an image folder (one sub-folder per class) is decoded, resized and previewed', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  const root = join(tmpDir, 'colours')
  for (const [name, colour] of [
    ['red', [230, 30, 30]],
    ['blue', [30, 30, 230]],
  ]) {
    await mkdir(join(root, name), { recursive: true })
    for (let i = 0; i < 3; i++) await writeFile(join(root, name, `${i}.png`), solidPng(40 + i * 10, 30, colour))
  }
  await writeFile(join(root, 'README.txt'), 'not in a class folder')
  await openApp(page, baseURL)
  await openDataPanel(page)
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'dataset-imageFolder').click()
  await (await chooser).setFiles(root)
  const dialog = byTestId(page, 'folder-dialog')
  await dialog.waitFor()
  assert.match(await dialog.innerText(), /6 pictures in 2 class folders/)
  // The template's Input is 28×28×1: the pictures are resized to fit it.
  assert.equal(await byTestId(page, 'data-option-height').inputValue(), '28')
  await byTestId(page, 'folder-use').click()
  await waitForPreview(page, 'image')
  const doc = await getDocument(page)
  assert.equal(doc.training.dataset.id, 'imageFolder')
  assert.match(doc.training.dataset.options.source, /^memory:/)
  assert.equal(await byTestId(page, 'data-preview').locator('canvas.data-thumb').count(), 6)
  assert.deepEqual(await byTestId(page, 'data-class-counts').locator('.data-class-label').allInnerTexts(), [
    'blue',
    'red',
  ])
  // Greyscale 28×28 fits the template's Input: no dataset-fit error on it; 2 classes do not fit its 10 outputs.
  assert.equal(await byTestId(page, 'node-input').locator('[data-testid="node-error"]').count(), 0)
  await byTestId(page, 'node-output').locator('[data-testid="node-error"]').waitFor({ timeout: 5_000 })
})
