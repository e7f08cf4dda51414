// How fast the exported web demo is ready, and how big it is: exports the LeNet-5 template with
// `layercanvas export --format web-demo`, opens index.html from file:// in headless Chromium
// (network refused) five times, each in a fresh browser context, and reports the time from
// navigation start to the page saying it is ready (tf.min.js parsed, model.js decoded, model
// loaded, input built: body[data-ready]), as the page records it (performance.now() into data-ready-ms).
// Targets (issue #17): under 2 s to load; under 2 MB besides the weights.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchChromium } from '../test/e2e/harness.mjs'

const out = mkdtempSync(join(tmpdir(), 'layercanvas-web-demo-'))
try {
  execFileSync(
    process.execPath,
    ['bin/layercanvas.mjs', 'export', 'templates/lenet5.json', '--format', 'web-demo', '--out', out],
    { stdio: 'ignore' },
  )
  const sizes = Object.fromEntries(readdirSync(out).map((name) => [name, statSync(join(out, name)).size]))
  const weights = (sizes['weights.bin'] ?? 0) + (sizes['model.js'] ?? 0)
  const total = Object.values(sizes).reduce((a, b) => a + b, 0)
  const browser = await launchChromium()
  const times = []
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()))
    await page.goto(pathToFileURL(join(out, 'index.html')).href)
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 })
    times.push(Number(await page.locator('body').getAttribute('data-ready-ms')))
    await context.close()
  }
  await browser.close()
  times.sort((a, b) => a - b)
  const median = times[2] / 1000
  console.log(
    `  lenet5 web demo: ${(total / 1e6).toFixed(2)} MB in all, ${((total - weights) / 1e6).toFixed(2)} MB besides the weights (weights.bin + model.js) — target < 2 MB: ${total - weights < 2e6 ? 'met' : 'MISSED'}`,
  )
  console.log(
    `  ready after ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s; median ${median.toFixed(2)} s — target < 2 s: ${median < 2 ? 'met' : 'MISSED'}`,
  )
} finally {
  rmSync(out, { recursive: true, force: true })
}
