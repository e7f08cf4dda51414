#!/usr/bin/env node
/* global window, requestAnimationFrame -- used inside page.evaluate callbacks, which run in the browser */
/**
 * Frame times while dragging one node of a 500-layer graph in the browser build.
 *
 *   node bench/drag-frame-time.mjs        (builds dist-web first when it is missing)
 *
 * Loads a generated valid project through the app's own File → Open (browser file chooser),
 * fits the view, drags one node with the mouse for ~2 s and records requestAnimationFrame
 * timestamps in the page. Env: BENCH_NODES (default 500), BENCH_SECONDS (default 2).
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium, newContext, openApp } from '../test/e2e/harness.mjs'
import { startStaticServer } from '../test/e2e/server.mjs'

const NODES = Number(process.env.BENCH_NODES ?? 500)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2)
const COLUMNS = 10
const root = fileURLToPath(new URL('..', import.meta.url))
const distWeb = join(root, 'dist-web')

/** One vector Input feeding COLUMNS chains of small Dense layers: valid, NODES layers in all. */
export function generateProject(count = NODES) {
  const nodes = [
    {
      id: 'input',
      kind: 'input',
      position: { x: (COLUMNS * 260) / 2 - 100, y: -160 },
      params: { mode: 'vector', size: 32 },
    },
  ]
  const edges = []
  for (let i = 0; i < count - 1; i++) {
    const column = i % COLUMNS
    const row = Math.floor(i / COLUMNS)
    const id = `d${i}`
    const source = row === 0 ? 'input' : `d${i - COLUMNS}`
    nodes.push({
      id,
      kind: 'dense',
      position: { x: column * 260, y: row * 160 },
      params: { units: 16 + column, activation: 'relu' },
    })
    edges.push({ id: `e_${source}_${id}`, source, target: id, targetPort: 0 })
  }
  return { format: 'layercanvas', schemaVersion: 1, name: `Bench ${count}`, nodes, edges, groups: [], meta: {} }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

export async function run() {
  if (!existsSync(join(distWeb, 'index.html'))) {
    console.log('dist-web missing: building it…')
    execFileSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts'], { cwd: root, stdio: 'inherit' })
  }
  const dir = await mkdtemp(join(tmpdir(), 'layercanvas-bench-'))
  const file = join(dir, 'bench.layercanvas.json')
  await writeFile(file, JSON.stringify(generateProject()))
  const server = await startStaticServer(distWeb)
  const browser = await launchChromium()
  try {
    const page = await (await newContext(browser)).newPage()
    await openApp(page, server.url)
    // Fresh start document is unchanged, so Open replaces it without a discard prompt.
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[data-testid="cmd-file.open"]').click()
    await (await chooser).setFiles(file)
    await page.waitForFunction((n) => window.__layercanvas.getDocument().nodes.length === n, NODES, { timeout: 30_000 })
    await page.locator('[data-testid="cmd-view.fitView"]').click()
    await page.waitForTimeout(800)
    const rendered = await page.locator('.react-flow__node').count()

    // Drag a node from the middle of the graph in a circle.
    const dragged = `d${Math.floor(NODES / 2)}`
    const target = page.locator(`.react-flow__node[data-id="${dragged}"]`)
    const box = await target.boundingBox()
    const start = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 8) }
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(start.x + 5, start.y + 5, { steps: 2 })
    await page.evaluate(() => {
      const frames = (window.__benchFrames = [])
      const tick = (t) => {
        frames.push(t)
        if (window.__benchFrames === frames) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const metrics = async () =>
      Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
    const m0 = await metrics()
    const t0 = Date.now()
    let moves = 0
    while (Date.now() - t0 < SECONDS * 1000) {
      const angle = (moves++ / 30) * Math.PI
      await page.mouse.move(start.x + 5 + 120 * Math.sin(angle), start.y + 5 + 80 * (1 - Math.cos(angle)))
    }
    const frames = await page.evaluate(() => {
      const list = window.__benchFrames
      window.__benchFrames = null
      return list
    })
    const m1 = await metrics()
    await page.mouse.up()
    const perMove = (name) => `${(((m1[name] - m0[name]) * 1000) / moves).toFixed(1)} ms`
    const moved = await page.evaluate(
      (id) => window.__layercanvas.getDocument().nodes.find((n) => n.id === id)?.position,
      dragged,
    )

    const deltas = frames
      .slice(1)
      .map((t, i) => t - frames[i])
      .sort((a, b) => a - b)
    const fmt = (ms) => `${ms.toFixed(1)} ms`
    console.log(
      `drag-frame-time: ${NODES} layers (${rendered} rendered), ${moves} mouse moves, ${deltas.length} frames in ${SECONDS} s`,
    )
    console.log(
      `  p50 ${fmt(percentile(deltas, 50))}   p95 ${fmt(percentile(deltas, 95))}   max ${fmt(deltas.at(-1))}   target ≤ 16.7 ms (60 fps)`,
    )
    console.log(
      `  ${fmt((SECONDS * 1000) / moves)} per mouse move (dispatch → handled by the page); of which script ${perMove('ScriptDuration')}, style ${perMove('RecalcStyleDuration')}, layout ${perMove('LayoutDuration')}`,
    )
    console.log(
      `  frames over 16.7 ms: ${deltas.filter((d) => d > 16.7).length}; dragged node now at ${JSON.stringify(moved)}`,
    )
    console.log('  note: headless Chromium renders with SwiftShader (software GL) on this machine — not real hardware;')
    console.log('        use the figures to compare builds, not as what users see.')
  } finally {
    await browser.close()
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run()
