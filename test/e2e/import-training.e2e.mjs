import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * An imported model has no dataset chosen: Train says to choose one instead of training on
 * MNIST, and the Data panel says none is chosen.
 */

test('import: a 1000-way classifier comes without a dataset; Train asks for one', async ({ page, baseURL, tmpDir }) => {
  await openApp(page, baseURL)
  const modelPath = join(tmpDir, 'model.json')
  const layer = (className, config) => ({ class_name: className, config })
  await writeFile(
    modelPath,
    JSON.stringify({
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'wide_classifier',
          layers: [
            layer('Dense', { name: 'hidden', units: 16, activation: 'relu', batch_input_shape: [null, 8] }),
            layer('Dense', { name: 'predictions', units: 1000, activation: 'softmax' }),
          ],
        },
      },
      weightsManifest: [],
    }),
  )
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 })
  await byTestId(page, 'cmd-file.import').click()
  await (await chooser).setFiles([modelPath])
  const doc = await poll(
    () => getDocument(page),
    (d) => d.name === 'wide_classifier',
    'model imported',
  )
  assert.deepEqual(doc.training.dataset, { id: 'none', options: {} })
  assert.equal(doc.training.task, 'classification')

  await byTestId(page, 'dock-tab-train').click()
  await byTestId(page, 'train-start').click()
  await poll(
    () => byTestId(page, 'train-status').getAttribute('data-status'),
    (s) => s === 'error' || s === 'done',
    'training refused',
    60_000,
  )
  assert.match(await byTestId(page, 'train-error').innerText(), /choose a dataset first/)

  await byTestId(page, 'dock-tab-data').click()
  await byTestId(page, 'data-panel').waitFor()
  assert.match(await page.locator('.data-title').innerText(), /No dataset chosen/)
  assert.match(await byTestId(page, 'data-error').innerText(), /choose a dataset first/)
  // No "Try again": loading again cannot help until a dataset is picked.
  assert.equal(await byTestId(page, 'data-error').locator('button').count(), 0)
})
