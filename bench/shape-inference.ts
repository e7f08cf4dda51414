/**
 * Shape-inference benchmark: analyzeGraph on a realistic 1,000-layer graph must take ≤ 5 ms,
 * because the editor re-runs it on every edit. Run with `npm run bench` (all benches) or
 * `node --import tsx bench/shape-inference.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { parseProject } from '../src/core/document/parse'
import type { Edge, LayerNode, ProjectDocument } from '../src/core/document/types'
import { setParams } from '../src/core/graph/edits'
import { analyzeGraph } from '../src/core/shapes/analyze'

const TARGET_NODES = 1000
const TARGET_MS = 5
const WARMUP = 200
const RUNS = 1000

/**
 * A ResNet/Inception-like image tower (residual blocks with Add skips, inception blocks with
 * Concatenate, max-pool downsampling) joined with a tabular Dense tower, then a Dense head.
 * Every layer is valid, so the whole graph is analysed end to end.
 */
function buildGraph(size: number): ProjectDocument {
  const nodes: LayerNode[] = []
  const edges: Edge[] = []
  const add = (kind: string, params: Record<string, unknown>, ...sources: string[]): string => {
    const id = `${kind}_${nodes.length}`
    nodes.push({ id, kind, position: { x: (nodes.length % 40) * 220, y: Math.floor(nodes.length / 40) * 140 }, params })
    sources.forEach((source, port) => edges.push({ id: `e${edges.length}`, source, target: id, targetPort: port }))
    return id
  }
  const conv = (from: string, filters: number, k = 3) =>
    add('conv2d', { filters, kernelSize: [k, k], padding: 'same', activation: 'linear' }, from)
  const bn = (from: string) => add('batchNormalization', {}, from)
  const relu = (from: string) => add('activation', { activation: 'relu' }, from)

  const image = add('input', { mode: 'image', height: 64, width: 64, channels: 3 })
  const table = add('input', { mode: 'vector', size: 32 })

  // The head, and the tabular tower, are a fixed cost; the image tower fills the rest.
  const headSize = 2 /* gap + concat */ + 2 * 3 /* dense+dropout pairs */ + 1 /* output */
  const tableTower = 24
  const towerBudget = size - nodes.length - headSize - tableTower

  let x = relu(bn(conv(image, 32)))
  let filters = 32
  const stages = 4
  const perStage = Math.floor((towerBudget - 3) / stages)
  for (let stage = 0; stage < stages; stage++) {
    const stageEnd = nodes.length + perStage - (stage > 0 ? 3 : 0)
    if (stage > 0) {
      // Downsample: 64 → 32 → 16 → 8, doubling the channels.
      filters *= 2
      x = relu(conv(add('maxPool2d', { poolSize: [2, 2], strides: [2, 2] }, x), filters, 1))
    }
    let block = 0
    while (nodes.length + 9 <= stageEnd) {
      if (block % 3 === 2) {
        // Inception block: 1×1 and 3×3 branches concatenated back to `filters` channels (4 nodes).
        const a = conv(x, filters / 2, 1)
        const b = conv(x, filters / 2, 3)
        x = relu(add('concatenate', { axis: -1 }, a, b))
      } else {
        // Residual block: conv-bn-relu-conv-bn + skip (7 nodes).
        const y = bn(conv(relu(bn(conv(x, filters))), filters))
        x = relu(add('add', {}, x, y))
      }
      block++
    }
    while (nodes.length < stageEnd) x = relu(x) // top the stage up to its exact size
  }

  let t = table
  for (let i = 0; i < tableTower / 2; i++)
    t = add('dropout', { rate: 0.1 }, add('dense', { units: 64, activation: 'relu' }, t))

  let h = add('concatenate', { axis: -1 }, add('globalAvgPool2d', {}, x), t)
  while (nodes.length < size - 1) {
    h = add('dense', { units: 128, activation: 'relu' }, h)
    if (nodes.length < size - 1) h = add('dropout', { rate: 0.2 }, h)
  }
  add('dense', { units: 10, activation: 'softmax' }, h)

  const parsed = parseProject({
    format: 'layercanvas',
    schemaVersion: 1,
    name: 'bench',
    nodes,
    edges,
    groups: [],
    meta: {},
  })
  if (!parsed.ok) throw new Error(`generated graph does not parse: ${parsed.error.message}`)
  return parsed.document
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] }
}

function time(runs: number, fn: (i: number) => void): number[] {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn(i)
    samples.push(performance.now() - start)
  }
  return samples
}

const doc = buildGraph(TARGET_NODES)
const first = analyzeGraph(doc)
if (!first.valid || doc.nodes.length !== TARGET_NODES) {
  const problem = first.diagnostics[0]
  throw new Error(
    `generated graph is not a valid ${TARGET_NODES}-node graph (${doc.nodes.length} nodes; ${problem?.code} at ${problem?.nodeId})`,
  )
}
const mix = new Map<string, number>()
for (const node of doc.nodes) mix.set(node.kind, (mix.get(node.kind) ?? 0) + 1)

// A typical edit: change one Dense layer's units in the head, then re-analyse the whole graph.
const editable = doc.nodes.filter((node) => node.kind === 'dense' && node.params.units === 128).map((node) => node.id)
const editTarget = editable[Math.floor(editable.length / 2)]

for (let i = 0; i < WARMUP; i++) analyzeGraph(doc)
const full = stats(time(RUNS, () => analyzeGraph(doc)))
let current = doc
const edit = stats(
  time(RUNS, (i) => {
    current = setParams(current, editTarget, { units: 96 + (i % 64) })
    if (!analyzeGraph(current).valid) throw new Error('edit made the graph invalid')
  }),
)

const ms = (n: number) => `${n.toFixed(3)} ms`
const verdict = (s: { p95: number; median: number }) =>
  s.median <= TARGET_MS ? (s.p95 <= TARGET_MS ? 'meets' : 'median meets, p95 misses') : 'MISSES'
console.log(
  `shape-inference: ${doc.nodes.length} layers, ${doc.edges.length} connections, ${first.totals.total.toLocaleString('en-US')} params`,
)
console.log(`  mix: ${[...mix].map(([kind, n]) => `${kind} ${n}`).join(', ')}`)
console.log(
  `  analyzeGraph        median ${ms(full.median)}  p95 ${ms(full.p95)}  (${RUNS} runs after ${WARMUP} warm-up)  target ≤ ${TARGET_MS} ms: ${verdict(full)}`,
)
console.log(
  `  edit + re-analysis  median ${ms(edit.median)}  p95 ${ms(edit.p95)}  (${RUNS} runs)  target ≤ ${TARGET_MS} ms: ${verdict(edit)}`,
)

mkdirSync('bench-results', { recursive: true })
writeFileSync(
  'bench-results/shape-inference.json',
  JSON.stringify(
    { nodes: doc.nodes.length, edges: doc.edges.length, targetMs: TARGET_MS, analyze: full, editAndAnalyze: edit },
    null,
    2,
  ) + '\n',
)
