#!/usr/bin/env node
/**
 * Dependency-free e2e runner: serves dist-web, launches Chromium through playwright-core and
 * runs every test/e2e/*.e2e.mjs file in order, each test in a fresh browser context.
 *
 *   node test/e2e/run.mjs [filter]     (a test name or file name part; build first: npm run build:web)
 *
 * A test fails on any console error or uncaught page error it did not declare with
 * `expectConsoleError(/pattern/)`. Failures leave a screenshot in test-results/<name>.png.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { launchChromium, newContext, registry } from './harness.mjs'
import { startStaticServer } from './server.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const distWeb = join(root, 'dist-web')
const resultsDir = join(root, 'test-results')
const filter = process.argv[2] ?? ''

if (!existsSync(join(distWeb, 'index.html'))) {
  console.error('dist-web/index.html is missing: run `npm run build:web` first (npm run test:e2e does).')
  process.exit(1)
}

for (const file of (await readdir(here)).filter((name) => name.endsWith('.e2e.mjs')).sort()) {
  const before = registry.length
  await import(pathToFileURL(join(here, file)).href)
  for (const entry of registry.slice(before)) entry.file = file
}

const server = await startStaticServer(distWeb)
const browser = await launchChromium()
const safeName = (name) => name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')

/** Runs one test; resolves with null or the failure message. */
async function runOne({ name, fn, timeout }) {
  const context = await newContext(browser)
  const page = await context.newPage()
  const shot = join(resultsDir, `${safeName(name)}.png`)
  await rm(shot, { force: true }) // no stale screenshot from an earlier failure
  const tmpDir = await mkdtemp(join(tmpdir(), 'layercanvas-e2e-'))
  const expected = []
  const errors = []
  const note = (text) => {
    if (!expected.some((pattern) => pattern.test(text))) errors.push(text)
  }
  page.on('console', (message) => {
    if (message.type() === 'error') note(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => note(`pageerror: ${error.stack || error.message}`))

  let timer
  const timedOut = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`timed out after ${timeout / 1000} s`)), timeout)
  })
  let failure = null
  try {
    await Promise.race([
      fn({ page, context, baseURL: server.url, tmpDir, expectConsoleError: (pattern) => expected.push(pattern) }),
      timedOut,
    ])
    if (errors.length > 0) failure = `unexpected browser errors:\n    ${errors.join('\n    ')}`
  } catch (error) {
    failure = (error?.stack || String(error)).split('\n').slice(0, 8).join('\n    ')
    if (errors.length > 0) failure += `\n    browser errors:\n    ${errors.join('\n    ')}`
  } finally {
    clearTimeout(timer)
  }
  if (failure) {
    await mkdir(resultsDir, { recursive: true })
    await page.screenshot({ path: shot, timeout: 5_000 }).catch(() => undefined)
  }
  await context.close().catch(() => undefined)
  await rm(tmpDir, { recursive: true, force: true })
  return failure
}

let passed = 0
let failed = 0
const started = Date.now()
try {
  for (const entry of registry.filter((t) => t.name.includes(filter) || t.file.includes(filter))) {
    const t0 = Date.now()
    const failure = await runOne(entry)
    const time = `${((Date.now() - t0) / 1000).toFixed(1)} s`
    if (failure) {
      failed++
      console.log(`✗ ${entry.name} (${time})\n    ${failure}`)
    } else {
      passed++
      console.log(`✓ ${entry.name} (${time})`)
    }
  }
} finally {
  await browser.close()
  await server.close()
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
