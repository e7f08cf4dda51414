/* global window, document -- used inside page.evaluate callbacks, which run in the browser */
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'

/**
 * The few pieces the e2e test files share: a test registry (read by run.mjs), polling
 * assertions, and helpers that drive the LayerCanvas editor through its data-testids.
 */

export const registry = []

/** Headless Debian Chromium (override with CHROMIUM_PATH); `extraArgs` for a test that needs its own (a fake camera). */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  })
}

/** Registers a test. `fn` receives `{ page, context, baseURL, expectConsoleError, tmpDir }`. */
export function test(name, fn, options = {}) {
  registry.push({ name, fn, timeout: options.timeout ?? 60_000 })
}

/**
 * A 1440×900 context. Headless Chromium has showOpenFilePicker, but Playwright cannot answer
 * it (it aborts at once), so the page is made to use its <input type=file> fallback, which
 * raises Playwright's 'filechooser' event.
 */
export async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  await context.addInitScript(() => {
    Object.defineProperty(window, 'showOpenFilePicker', { value: undefined, configurable: true })
  })
  return context
}

export { assert }

const sleep = (ms) => new Promise((done) => setTimeout(done, ms))

/** Re-evaluates `read` until `check(value)` holds; fails with the last value after `timeout`. */
export async function poll(read, check, message, timeout = 5_000) {
  const until = Date.now() + timeout
  let value
  for (;;) {
    value = await read()
    if (check(value)) return value
    if (Date.now() > until) assert.fail(`${message} (last value: ${JSON.stringify(value)})`)
    await sleep(50)
  }
}

/** Polls until `read()` deep-equals `expected`. */
export const pollEqual = (read, expected, message, timeout) =>
  poll(read, (value) => isDeepEqual(value, expected), `${message}: expected ${JSON.stringify(expected)}`, timeout)

function isDeepEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b)
    return true
  } catch {
    return false
  }
}

// ── The app ────────────────────────────────────────────────────────────────────────────────

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)

/** Opens the editor and waits for the start template and the debug hook. */
export async function openApp(page, baseURL) {
  await page.goto(baseURL)
  await page.waitForFunction(() => Boolean(window.__layercanvas?.getDocument), null, { timeout: 20_000 })
  await byTestId(page, 'node-output').waitFor({ timeout: 20_000 })
  await waitForStableViewport(page)
}

/** Waits until the canvas viewport (pan/zoom) stops changing, e.g. after the fit-view on load. */
export async function waitForStableViewport(page) {
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => el.style.transform)
  let last = await transform()
  for (let stable = 0; stable < 3;) {
    await sleep(100)
    const now = await transform()
    stable = now === last ? stable + 1 : 0
    last = now
  }
}

// Weights are Float32Arrays in the app; the page hands them over as plain arrays, turned back here.
export const getDocument = async (page) =>
  JSON.parse(
    await page.evaluate(() =>
      JSON.stringify(window.__layercanvas.getDocument(), (_, v) =>
        v instanceof Float32Array ? { float32: Array.from(v) } : v,
      ),
    ),
    (_, v) => (v && typeof v === 'object' && Array.isArray(v.float32) ? Float32Array.from(v.float32) : v),
  )
export const getAnalysis = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__layercanvas.getAnalysis())))

/** The graph part of a document, in a comparable form (order-independent, no positions). */
export function graphOf(doc) {
  const nodes = doc.nodes.map(({ id, kind, params }) => ({ id, kind, params })).sort((a, b) => a.id.localeCompare(b.id))
  const edges = doc.edges
    .map(({ id, source, target, targetPort }) => ({ id, source, target, targetPort: targetPort ?? 0 }))
    .sort((a, b) => a.id.localeCompare(b.id))
  return { nodes, edges }
}

/** The status bar's total, digits only: "Total 101,770 params" → "101770". */
export const totalDigits = async (page) =>
  (await byTestId(page, 'status-total-params').innerText()).replace(/[^\d]/g, '')

export const waitForTotal = (page, digits, message = 'status total') =>
  pollEqual(() => totalDigits(page), digits, message)

/** The centre of an element's box in page coordinates. */
export async function centreOf(locator) {
  const box = await locator.boundingBox()
  assert.ok(box, 'element has no box (not visible?)')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Drags with real mouse events from one point to another in small steps. */
export async function mouseDrag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 })
  await page.mouse.move(to.x, to.y, { steps })
  await page.mouse.up()
}

/** Connects `source`'s output handle to `target`'s first input handle. */
export async function connect(page, sourceId, targetId) {
  const from = await centreOf(page.locator(`.react-flow__node[data-id="${sourceId}"] .react-flow__handle.source`))
  const to = await centreOf(page.locator(`.react-flow__node[data-id="${targetId}"] .react-flow__handle.target`).first())
  await mouseDrag(page, from, to)
}

/**
 * Clicks empty canvas (clears the selection; keys then go to the canvas): the first point, on
 * a coarse grid over the pane, where nothing lies on top of it — no node, frame, edge label or
 * overlay such as the Activations toggle or the minimap.
 */
export async function clickEmptyPane(page) {
  const pane = page.locator('.react-flow__pane')
  const box = await pane.boundingBox()
  assert.ok(box, 'the canvas pane has no box')
  const point = await page.evaluate(({ x, y, width, height }) => {
    const target = document.querySelector('.react-flow__pane')
    for (let dy = 20; dy < height - 20; dy += 24) {
      for (let dx = 20; dx < width - 20; dx += 24)
        if (document.elementFromPoint(x + dx, y + dy) === target) return { x: dx, y: dy }
    }
    return null
  }, box)
  assert.ok(point, 'no empty spot on the canvas')
  await pane.click({ position: point })
}

/** Clicks a node's header (selects it without dragging). */
export async function selectNode(page, id) {
  await page.locator(`[data-testid="node-${id}"] .layer-node-header`).click()
}

export const nodeCount = async (page) => (await getDocument(page)).nodes.length
