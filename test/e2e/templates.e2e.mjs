/* global window -- used inside page.evaluate callbacks, which run in the browser */
import { readdirSync, readFileSync } from 'node:fs'
import { assert, byTestId, getDocument, openApp, poll, test } from './harness.mjs'

/**
 * Every template trains in the app: opened from the gallery, two batches of one epoch on WebGL
 * in the training worker (the run is capped through the debug hook, which also caps the epoch
 * end's validation, the test evaluation and the previews), with finite numbers throughout.
 * ddpm-mnist then samples from its real U-Net (DDIM), so the template's own network is shown
 * turning noise into pictures, not only the small stand-in of generative.e2e.mjs.
 * AlexNet is left out: it has no bundled data (the user imports an image folder).
 */

const templatesDir = new URL('../../templates/', import.meta.url)
const TEMPLATES = readdirSync(templatesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, templatesDir), 'utf8')))
  .filter((doc) => doc.training?.dataset?.id !== 'imageFolder')

const trainingState = (page) => page.evaluate(() => window.__layercanvasTraining.getState())

/** Every number inside `value`, with its path, for the finiteness check. */
function numbersIn(value, path = '') {
  if (typeof value === 'number') return [[path, value]]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => numbersIn(inner, `${path}.${key}`))
}

for (const template of TEMPLATES) {
  const id = template.meta.template
  test(
    `template ${id}: trains two batches on WebGL with finite numbers`,
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
      await byTestId(page, 'train-epochs').fill('1')
      await poll(
        () => getDocument(page),
        (d) => d.training.epochs === 1,
        'one epoch in the document',
      )
      await page.evaluate(() => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: 2 }))

      const started = Date.now()
      await byTestId(page, 'train-start').click()
      await poll(
        () => byTestId(page, 'train-status').getAttribute('data-status'),
        (s) => s === 'done' || s === 'error',
        'training finished',
        240_000,
      )
      const seconds = (Date.now() - started) / 1000
      const state = await trainingState(page)
      assert.equal(state.status, 'done', `training ended with ${JSON.stringify(state.error)}`)
      assert.equal(state.backend.backend, 'webgl', 'trained on WebGL in the worker')
      assert.equal(state.epochs.length, 1, 'one epoch reported')
      const numbers = [...numbersIn(state.epochs[0], 'epoch'), ...numbersIn(state.done, 'done')]
      assert.ok(numbers.length >= 2, `the epoch and the end report numbers: ${JSON.stringify(state.epochs[0])}`)
      for (const [path, value] of numbers) assert.ok(Number.isFinite(value), `${path} = ${value}`)

      if (template.training.task === 'diffusion') {
        await byTestId(page, 'diffusion-sample').click()
        const strip = byTestId(page, 'diffusion-steps')
        await strip.waitFor({ timeout: 120_000 })
        assert.ok(Number(await strip.getAttribute('data-count')) >= 2, 'the step-by-step strip has frames')
      }
      console.log(`    (${id}: ${seconds.toFixed(1)} s from Train to done)`)
    },
    { timeout: 300_000 },
  )
}
