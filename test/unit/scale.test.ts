import { describe, expect, it } from 'vitest'
import { parseProjectText, serializeProject } from '../../src/core/document/parse'
import type { ProjectDocument } from '../../src/core/document/types'
import { kerasLayerOrder } from '../../src/core/export/keras-file'
import { planGraph } from '../../src/core/export/python/plan'
import { compileModel } from '../../src/core/compile/compile'
import { duplicateNodes } from '../../src/core/graph/clipboard'
import { groupBoundary } from '../../src/core/graph/groups'
import { topologicalOrder } from '../../src/core/graph/topology'
import { formatDiagnostic } from '../../src/core/i18n/format'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { tfjs as tf } from './tf'

/**
 * The largest projects the parser accepts (20,000 layers) go through every graph walk. Speed
 * is measured in `npm run bench` (bench/graph-scale.ts); here only results are checked, with
 * guards generous enough for a busy machine that still catch a walk gone quadratic.
 */
const LAYERS = 20_000

/** One Input and 19,999 Dense layers: a chain, or all fed by the Input (fan-out). */
function bigProject(shape: 'chain' | 'fan', layers = LAYERS): string {
  const nodes: unknown[] = [{ id: 'in', kind: 'input', params: { mode: 'vector', size: 8 } }]
  const edges: unknown[] = []
  for (let i = 1; i < layers; i++) {
    nodes.push({ id: `d${i}`, kind: 'dense', params: { units: 8 } })
    const source = shape === 'fan' || i === 1 ? 'in' : `d${i - 1}`
    edges.push({ id: `e${i}`, source, target: `d${i}` })
  }
  return JSON.stringify({ format: 'layercanvas', schemaVersion: 1, name: shape, nodes, edges })
}

function open(text: string): ProjectDocument {
  const parsed = parseProjectText(text)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.document
}

const PER_DENSE = 8 * 8 + 8

describe('20,000-layer projects', () => {
  it('a chain: parses, analyses, orders and plans its export completely', () => {
    const doc = open(bigProject('chain'))
    const analysis = analyzeGraph(doc)
    expect(analysis.valid).toBe(true)
    expect(analysis.order).toHaveLength(LAYERS)
    expect(analysis.order[LAYERS - 1]).toBe(`d${LAYERS - 1}`)
    expect(analysis.outputs).toEqual([`d${LAYERS - 1}`])
    expect(analysis.totals.total).toBe((LAYERS - 1) * PER_DENSE)
    const plan = planGraph(doc, 'pytorch', analysis)
    expect(plan.ok && plan.plan.nodes.length).toBe(LAYERS)
    // The .keras writer's layer order walks depth-first from the output (it overflowed the stack).
    expect(analysis.needed).toEqual(analysis.order)
    expect(kerasLayerOrder([`d${LAYERS - 1}`], analysis.inputsByPort)).toEqual(analysis.order)
    // Saved and opened again: the same document.
    expect(open(serializeProject(doc))).toEqual(doc)
  })

  it('a fan-out: every layer is an output; a group of them all has every one as entry and exit', () => {
    const doc = open(bigProject('fan'))
    const analysis = analyzeGraph(doc)
    expect(analysis.valid).toBe(true)
    expect(analysis.outputs).toHaveLength(LAYERS - 1)
    const members = doc.nodes.slice(1).map((node) => node.id)
    const boundary = groupBoundary(doc, { id: 'g', name: 'g', role: 'block', nodeIds: members, collapsed: false })
    expect(boundary.entries).toEqual(members)
    expect(boundary.exits).toEqual(members)
    expect(boundary.incoming).toHaveLength(LAYERS - 1)
  })

  it('a 20,000-layer loop: one message per layer, formatted in linear time', () => {
    const doc = open(bigProject('chain'))
    doc.edges.push({ id: 'back', source: `d${LAYERS - 1}`, target: 'd1', targetPort: 1 })
    expect(topologicalOrder(doc).cyclic).toHaveLength(LAYERS - 1)
    const analysis = analyzeGraph(doc)
    expect(analysis.diagnostics.filter((d) => d.code === 'cycle')).toHaveLength(LAYERS - 1)
    const started = performance.now()
    const lines = analysis.diagnostics.map((d) => formatDiagnostic(d, doc, 'zh-CN'))
    expect(lines[LAYERS - 2]).toContain('环路')
    expect(performance.now() - started).toBeLessThan(5_000) // was a search of all layers per message
  })

  it('duplicating 20,000 layers gives fresh ids in linear time (was ~35 s: each id counted up from _1)', () => {
    const doc = open(bigProject('chain'))
    const started = performance.now()
    const copy = duplicateNodes(
      doc,
      doc.nodes.map((node) => node.id),
      { x: 10, y: 10 },
    )
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(copy.nodeIds).toHaveLength(LAYERS)
    expect(copy.nodeIds.slice(0, 3)).toEqual(['input_1', 'dense_1', 'dense_2'])
    expect(new Set(copy.doc.nodes.map((node) => node.id)).size).toBe(2 * LAYERS)
    expect(new Set(copy.doc.edges.map((edge) => edge.id)).size).toBe(2 * (LAYERS - 1))
    expect(analyzeGraph(copy.doc).valid).toBe(true)
  })

  it('a chain too deep for tfjs to build compiles to a message that says so, not an exception', () => {
    const doc = open(bigProject('chain', 8_000))
    const result = compileModel(tf, doc)
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('the network is too deep for TensorFlow.js (8000 layers'),
    })
  })
})
