/**
 * Auto-layout benchmark: the layered layout (src/core/graph/layout.ts) on big graphs. Target:
 * a 20,000-layer chain, a 20,000-way fan-out and a 2,000-layer residual tower (long skip
 * edges) each lay out in well under 10 s. dagre, used before, overflowed the stack on a 2,000-layer
 * chain and took 69 s for the fan-out. Run with `npm run bench -- layout`.
 */
import { emptyDocument, type ProjectDocument } from '../src/core/document/types'
import { autoLayout } from '../src/core/graph/layout'

const TARGET_S = 10

function documentOf(ids: string[], edges: Array<[string, string]>): ProjectDocument {
  return {
    ...emptyDocument('bench'),
    nodes: ids.map((id) => ({ id, kind: 'dense', position: { x: 0, y: 0 }, params: { units: 8 } })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target, targetPort: 0 })),
  }
}

const n = 20_000
const chainIds = Array.from({ length: n }, (_, i) => `n${i}`)
const chain = documentOf(
  chainIds,
  chainIds.slice(1).map((id, i): [string, string] => [chainIds[i], id]),
)
const fan = documentOf(
  ['in', ...chainIds],
  chainIds.map((id): [string, string] => ['in', id]),
)
// Residual tower: every block's input also skips two layers ahead (an Add), as in a ResNet.
const towerIds = Array.from({ length: 2000 }, (_, i) => `t${i}`)
const towerEdges: Array<[string, string]> = towerIds.slice(1).map((id, i) => [towerIds[i], id])
for (let i = 0; i + 3 < towerIds.length; i += 3) towerEdges.push([towerIds[i], towerIds[i + 3]])
const tower = documentOf(towerIds, towerEdges)

let failed = false
for (const [name, doc] of [
  ['20,000-layer chain', chain],
  ['20,000-way fan-out', fan],
  ['2,000-layer residual tower', tower],
] as const) {
  const started = performance.now()
  autoLayout(doc)
  const seconds = (performance.now() - started) / 1000
  const ok = seconds < TARGET_S
  failed ||= !ok
  console.log(`  ${name}: ${seconds.toFixed(2)} s ${ok ? '✓' : '✗'} (target < ${TARGET_S} s)`)
}
process.exitCode = failed ? 1 : 0
