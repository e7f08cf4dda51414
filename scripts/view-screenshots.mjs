#!/usr/bin/env node
/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
/**
 * The README's pictures of the views ("See inside the network"): opens templates in the web
 * build, trains each briefly on the CPU backend, and captures the activations view, the unit
 * view, the gradients view, the decision boundary, the fitted curve and GAN Lab into
 * docs/view-*.png (element screenshots of a 1440 × 1700 window, light theme, English).
 *
 *   npm run build:web && node scripts/view-screenshots.mjs [name …]
 *
 * Names: activations unit gradients boundary curve gan (all when none is given).
 */
import { stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { launchChromium, openApp, poll, byTestId, getDocument } from '../test/e2e/harness.mjs'
import { startStaticServer } from '../test/e2e/server.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const status = (page) => byTestId(page, 'train-status').getAttribute('data-status')

async function openTemplate(page, baseURL, id, epochs, maxBatches) {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' })
  await openApp(page, baseURL)
  const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? document.documentElement.className)
  if (/dark/.test(theme)) await byTestId(page, 'cmd-view.toggleTheme').click()
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
    (max) => window.__layercanvasTraining.setRunOptions({ maxBatchesPerEpoch: max, backend: 'cpu' }),
    maxBatches,
  )
}

const trained = (page, timeout = 300_000) =>
  poll(
    () => status(page),
    (s) => s === 'done',
    'trained',
    timeout,
  )

async function capture(page, testId, name) {
  await page.mouse.move(0, 0)
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(800) // the last push drawn, animations settled
  const path = `${root}docs/view-${name}.png`
  await byTestId(page, testId).screenshot({ path, animations: 'disabled', caret: 'hide' })
  console.log(`docs/view-${name}.png  ${Math.round((await stat(path)).size / 1024)} KB`)
}

/** Each shot: what to open, how long to train, what to capture. */
const SHOTS = {
  async activations(page, baseURL) {
    await openTemplate(page, baseURL, 'lenet5', 1, 8)
    await byTestId(page, 'activations-toggle').click()
    await byTestId(page, 'train-start').click()
    await trained(page)
    await byTestId(page, 'activation-thumb-c1').dispatchEvent('click')
    await byTestId(page, 'activation-view').waitFor()
    await capture(page, 'activation-view', 'activations')
    await byTestId(page, 'activation-open-unit').click()
    await byTestId(page, 'unit-view').waitFor()
    await page.waitForTimeout(1500)
    await capture(page, 'unit-view', 'unit')
  },
  async gradients(page, baseURL) {
    await openTemplate(page, baseURL, 'rnn-sine', 2, 30)
    await byTestId(page, 'gradients-toggle').click()
    await page.evaluate(() => window.__layercanvasExplain.setIntervals(0, 200))
    await byTestId(page, 'train-start').click()
    await trained(page)
    await capture(page, 'gradients-view', 'gradients')
  },
  async boundary(page, baseURL) {
    await openTemplate(page, baseURL, 'playground-mlp', 15, 400)
    await byTestId(page, 'plane-toggle').click()
    await byTestId(page, 'plane-play').click()
    await trained(page)
    await capture(page, 'plane-card', 'boundary')
  },
  async curve(page, baseURL) {
    await openTemplate(page, baseURL, 'playground-regression', 40, 400)
    await byTestId(page, 'plane-toggle').click()
    await byTestId(page, 'plane-play').click()
    await trained(page)
    await capture(page, 'plane-card', 'curve')
  },
  async gan(page, baseURL) {
    await openTemplate(page, baseURL, 'gan-2d', 50, 400)
    await byTestId(page, 'plane-toggle').click()
    await byTestId(page, 'plane-play').click()
    await trained(page, 600_000)
    await capture(page, 'plane-card', 'gan')
  },
}

const wanted = process.argv.slice(2)
const names = wanted.length > 0 ? wanted : Object.keys(SHOTS)
const server = await startStaticServer(`${root}dist-web`)
const browser = await launchChromium()
let failed = 0
try {
  for (const name of names) {
    const shot = SHOTS[name]
    if (!shot) throw new Error(`unknown view "${name}": ${Object.keys(SHOTS).join(', ')}`)
    // Tall, so the views' cards and dialogs show whole (they scroll inside smaller windows).
    const context = await browser.newContext({ viewport: { width: 1440, height: 1700 } })
    const page = await context.newPage()
    try {
      await shot(page, server.url)
    } catch (error) {
      failed += 1
      console.error(`${name}: ${error.message}`)
    } finally {
      await context.close()
    }
  }
} finally {
  await browser.close()
  await server.close()
}
process.exit(failed > 0 ? 1 : 0)
