/**
 * Graph-scale benchmark: the largest projects the parser accepts (20,000 layers) as a chain and
 * as a fan-out (one Input feeding 19,999 layers), through every graph walk: parse, shape
 * inference, the `check` report, export plans, groups, duplicate. `layercanvas check` on each
 * file, and `layercanvas import` of the same graph as a Keras model.json (mapping, ids, auto
 * layout), end to end in its own process, must each take well under 10 s. Run with `npm run bench --
 * scale` or `node --import tsx bench/graph-scale.ts`.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkJson, checkReport } from '../src/cli/commands/check'
import { parseProjectText } from '../src/core/document/parse'
import type { ProjectDocument } from '../src/core/document/types'
import { planGraph } from '../src/core/export/python/plan'
import { duplicateNodes } from '../src/core/graph/clipboard'
import { groupBoundary } from '../src/core/graph/groups'
import { adjacency, topologicalOrder } from '../src/core/graph/topology'
import { analyzeGraph } from '../src/core/shapes/analyze'

const LAYERS = 20_000
const CHECK_TARGET_S = 10

function projectText(shape: 'chain' | 'fan'): string {
  const nodes: unknown[] = [{ id: 'in', kind: 'input', params: { mode: 'vector', size: 8 } }]
  const edges: unknown[] = []
  for (let i = 1; i < LAYERS; i++) {
    nodes.push({ id: `d${i}`, kind: 'dense', position: { x: 0, y: i * 100 }, params: { units: 8 } })
    edges.push({ id: `e${i}`, source: shape === 'fan' || i === 1 ? 'in' : `d${i - 1}`, target: `d${i}` })
  }
  return JSON.stringify(
    { format: 'layercanvas', schemaVersion: 1, name: `${shape} of ${LAYERS}`, nodes, edges },
    null,
    2,
  )
}

/**
 * The same graph as a Keras functional model.json (no weights), for `layercanvas import`: the
 * importer maps every layer, hands out ids and lays the graph out.
 */
function modelJsonText(shape: 'chain' | 'fan'): string {
  const layers: unknown[] = [
    { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 8] }, inbound_nodes: [] },
  ]
  const outputs: unknown[] = []
  for (let i = 1; i < LAYERS; i++) {
    const source = shape === 'fan' || i === 1 ? 'in' : `d${i - 1}`
    layers.push({
      class_name: 'Dense',
      name: `d${i}`,
      config: { name: `d${i}`, units: 8, use_bias: true },
      inbound_nodes: [[[source, 0, 0, {}]]],
    })
    if (shape === 'fan' || i === LAYERS - 1) outputs.push([`d${i}`, 0, 0])
  }
  const config = { name: `${shape}-${LAYERS}`, layers, input_layers: [['in', 0, 0]], output_layers: outputs }
  return JSON.stringify({
    format: 'layers-model',
    modelTopology: { class_name: 'Functional', config },
    weightsManifest: [],
  })
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now()
  const value = fn()
  return { ms: performance.now() - start, value }
}

const dir = mkdtempSync(join(tmpdir(), 'layercanvas-scale-'))
const bin = join(import.meta.dirname, '..', 'bin', 'layercanvas.mjs')
const results: Record<string, Record<string, number>> = {}
let worstCheck = 0
try {
  for (const shape of ['chain', 'fan'] as const) {
    const text = projectText(shape)
    const file = join(dir, `${shape}.json`)
    writeFileSync(file, text)
    const parse = timed(() => parseProjectText(text))
    if (!parse.value.ok) throw new Error(`${shape}: ${parse.value.error.message}`)
    const doc: ProjectDocument = parse.value.document
    const topo = timed(() => topologicalOrder(doc, adjacency(doc)))
    const analyze = timed(() => analyzeGraph(doc))
    if (!analyze.value.valid) throw new Error(`${shape}: the generated graph is not valid`)
    const report = timed(() => checkReport(doc, analyze.value, 'en'))
    const json = timed(() => JSON.stringify(checkJson(doc, analyze.value, 'en')))
    const torch = timed(() => planGraph(doc, 'pytorch', analyze.value))
    const keras = timed(() => planGraph(doc, 'keras', analyze.value))
    const members = doc.nodes.slice(1).map((node) => node.id)
    const group = timed(() =>
      groupBoundary(doc, { id: 'g', name: 'g', role: 'block', nodeIds: members, collapsed: false }),
    )
    const duplicate = timed(() => duplicateNodes(doc, members, { x: 40, y: 40 }))
    const cli = timed(() => execFileSync(process.execPath, [bin, 'check', file, '--json'], { maxBuffer: 1 << 28 }))
    const modelDir = join(dir, `${shape}-model`)
    mkdirSync(modelDir)
    writeFileSync(join(modelDir, 'model.json'), modelJsonText(shape))
    const imported = timed(() =>
      execFileSync(
        process.execPath,
        [bin, 'import', join(modelDir, 'model.json'), '--out', join(dir, `${shape}-imported.json`)],
        { maxBuffer: 1 << 28 },
      ),
    )
    worstCheck = Math.max(worstCheck, cli.ms, imported.ms)
    results[shape] = {
      fileBytes: text.length,
      parseMs: parse.ms,
      topologyMs: topo.ms,
      analyzeMs: analyze.ms,
      checkReportMs: report.ms,
      checkJsonMs: json.ms,
      planPyTorchMs: torch.ms,
      planKerasMs: keras.ms,
      groupBoundaryMs: group.ms,
      duplicateMs: duplicate.ms,
      cliCheckMs: cli.ms,
      cliImportMs: imported.ms,
    }
    const ms = (n: number) => `${n.toFixed(0)} ms`
    console.log(
      `graph-scale: ${shape}, ${LAYERS.toLocaleString('en-US')} layers (${(text.length / 1e6).toFixed(1)} MB)`,
    )
    console.log(
      `  parse ${ms(parse.ms)}  topology ${ms(topo.ms)}  analyzeGraph ${ms(analyze.ms)}  check table ${ms(report.ms)}  check --json ${ms(json.ms)}`,
    )
    console.log(
      `  export plan: PyTorch ${ms(torch.ms)}  Keras ${ms(keras.ms)}  groupBoundary ${ms(group.ms)}  duplicate all ${ms(duplicate.ms)}`,
    )
    console.log(
      `  layercanvas check (own process, end to end) ${ms(cli.ms)}  target < ${CHECK_TARGET_S} s: ${cli.ms < CHECK_TARGET_S * 1000 ? 'meets' : 'MISSES'}`,
    )
    console.log(
      `  layercanvas import of the same model.json (map, ids, auto layout, write) ${ms(imported.ms)}  target < ${CHECK_TARGET_S} s: ${imported.ms < CHECK_TARGET_S * 1000 ? 'meets' : 'MISSES'}`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}

mkdirSync('bench-results', { recursive: true })
writeFileSync(
  'bench-results/graph-scale.json',
  JSON.stringify({ layers: LAYERS, targetCheckS: CHECK_TARGET_S, ...results }, null, 2) + '\n',
)
if (worstCheck >= CHECK_TARGET_S * 1000) process.exitCode = 1
