import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * The cluster round trip in the browser build: the Export dialog's data option (data.npz, its
 * size shown before writing) and File → Load Trained Weights (weights.json + weights.bin as the
 * exported train.py writes them), with a mismatch listed and the project left as it was.
 */

test('cluster: PyTorch export with the data option shows the size, then the zip holds data.npz of that size', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-format-pytorch').click()
  await byTestId(page, 'export-data-option').locator('input').check()
  const size = byTestId(page, 'export-data-size')
  await poll(
    () => size.innerText(),
    (text) => /MB/.test(text),
    'data size shown',
  )
  assert.match(await size.innerText(), /8000 training, 1000 validation, 1000 test samples, 31\.4 MB/)
  const download = page.waitForEvent('download', { timeout: 120_000 })
  await byTestId(page, 'export-run-button').click()
  const file = join(tmpDir, (await download).suggestedFilename())
  await (await download).saveAs(file)
  const entries = unzipSync(new Uint8Array(await readFile(file)))
  assert.ok(entries['data.npz'], `data.npz in the zip (has ${Object.keys(entries)})`)
  assert.ok(
    Math.abs(entries['data.npz'].byteLength - 31.4e6) < 0.06e6,
    `data.npz is ${entries['data.npz'].byteLength} bytes`,
  )
  assert.ok(entries['train.py'], 'train.py in the zip')
})

test('cluster: File → Load Trained Weights keeps fitting weights and lists a shape that does not fit', async ({
  page,
  baseURL,
  tmpDir,
}) => {
  await openApp(page, baseURL)
  await byTestId(page, 'cmd-file.export').click()
  await byTestId(page, 'export-format-pytorch').click()
  await byTestId(page, 'export-data-option').locator('input').uncheck()
  const download = page.waitForEvent('download', { timeout: 60_000 })
  await byTestId(page, 'export-run-button').click()
  const zip = join(tmpDir, (await download).suggestedFilename())
  await (await download).saveAs(zip)
  await page.keyboard.press('Escape')
  const entries = unzipSync(new Uint8Array(await readFile(zip)))
  // What train.py's save_tfjs_weights writes: the manifest by layer name, naming weights.bin.
  const manifest = JSON.parse(new TextDecoder().decode(entries['weights.json']))
  const written = {
    format: 'layercanvas-weights',
    layers: manifest.layers.map((l) => ({ name: l.name, weights: l.weights })),
    weightsManifest: [{ paths: ['weights.bin'], weights: [] }],
  }
  const jsonPath = join(tmpDir, 'weights.json')
  const binPath = join(tmpDir, 'weights.bin')
  await writeFile(jsonPath, JSON.stringify(written))
  await writeFile(binPath, entries['weights.bin'])

  const before = await getDocument(page)
  assert.equal(before.trained, undefined)
  let chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.loadTrained').click()
  await (await chooser).setFiles([jsonPath, binPath])
  const loaded = await poll(
    () => getDocument(page),
    (d) => d.trained !== undefined,
    'weights loaded',
  )
  assert.deepEqual(Object.keys(loaded.trained.layers).sort(), ['hidden', 'output'])

  written.layers[0].weights[0].shape = [3, 3]
  await writeFile(jsonPath, JSON.stringify(written))
  chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.loadTrained').click()
  await (await chooser).setFiles([jsonPath, binPath])
  const banner = byTestId(page, 'error-banner')
  await poll(
    () => banner.innerText(),
    (text) => /do not fit this project/.test(text),
    'mismatch banner',
  )
  assert.match(await banner.innerText(), /expects shape \[784, 128\], weights\.json has \[3, 3\]/)
  assert.deepEqual((await getDocument(page)).trained, loaded.trained)
})
