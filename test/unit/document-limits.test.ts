import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MAX_DEPTH, scanJsonValue } from '../../src/core/document/limits'
import { parseProject, parseProjectText, serializeProject } from '../../src/core/document/parse'
import type { ProjectDocument } from '../../src/core/document/types'
import { moveNodes } from '../../src/core/graph/edits'
import { compileModel } from '../../src/core/compile/compile'
import { exportOnnx } from '../../src/core/export/onnx'
import { exportPyTorch } from '../../src/core/export/pytorch-python'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { tfjs as tf } from './tf'

const mlpText = readFileSync(new URL('../../templates/mlp-mnist.json', import.meta.url), 'utf8')
const mlp = () =>
  JSON.parse(mlpText) as Record<string, unknown> & {
    nodes: Record<string, unknown>[]
    edges: Record<string, unknown>[]
  }

/** `value` wrapped in `levels` arrays: [[[…value…]]]. */
function nested(value: unknown, levels: number): unknown {
  let out = value
  for (let i = 0; i < levels; i++) out = [out]
  return out
}

describe('deeply nested and oversized values', () => {
  it('refuses units inside 5,000 arrays with a path instead of overflowing the stack', () => {
    const text = mlpText.replace('"units": 128', `"units": ${'['.repeat(5000)}128${']'.repeat(5000)}`)
    expect(text).not.toBe(mlpText)
    const result = parseProjectText(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.path).toMatch(/^nodes\[\d+\]\.params\.units(\[0\])+$/)
    expect(result.error.message).toContain(`nested too deeply (more than ${MAX_DEPTH} levels)`)
  })

  it('refuses deeply nested dataset options, which could not be saved (JSON.stringify / structuredClone overflow)', () => {
    let options: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 20_000; i++) options = { a: options }
    const doc = { ...mlp(), training: { dataset: { id: 'csv', options } } }
    const result = parseProject(doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.path).toMatch(/^training\.dataset\.options(\.a)+$/)
  })

  it('accepts nesting up to the limit, and what it accepts saves and opens again unchanged', () => {
    // The document is depth 1, training 2, dataset 3, options 4; fill up to the last allowed level.
    const options = { deep: nested(7, MAX_DEPTH - 5) }
    const result = parseProject({ ...mlp(), training: { dataset: { id: 'csv', options } } })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const again = parseProjectText(serializeProject(result.document))
    expect(again.ok && again.document).toEqual(result.document)
    expect(structuredClone(result.document)).toEqual(result.document)
    // One level more is refused.
    const deeper = parseProject({
      ...mlp(),
      training: { dataset: { id: 'csv', options: { deep: nested(7, MAX_DEPTH - 4) } } },
    })
    expect(deeper.ok).toBe(false)
  })

  it('refuses values JSON cannot hold, which would change on save', () => {
    const bad: [unknown, string][] = [
      [Number.NaN, 'expected a finite number'],
      [Infinity, 'expected a finite number'],
      [() => 1, 'expected a JSON value, got a function'],
      [10n, 'expected a JSON value, got a bigint'],
      [new Date(0), 'expected plain JSON data'],
      [new Map(), 'expected plain JSON data'],
    ]
    for (const [value, message] of bad) {
      const result = parseProject({ ...mlp(), training: { dataset: { id: 'csv', options: { x: value } } } })
      expect(result).toMatchObject({ ok: false, error: { path: 'training.dataset.options.x' } })
      if (!result.ok) expect(result.error.message).toContain(message)
    }
    expect(scanJsonValue([1, undefined])).toMatchObject({ path: [1] })
    expect(scanJsonValue({ a: undefined })).toBeNull()
  })
})

describe('ids that would reach Object.prototype', () => {
  const reserved = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

  it('are refused for layers, connections and groups, naming the field', () => {
    for (const name of reserved) {
      const nodeDoc = mlp()
      nodeDoc.nodes[2].id = name
      expect(parseProject(nodeDoc)).toEqual({
        ok: false,
        error: {
          path: 'nodes[2].id',
          message: `nodes[2].id: ${JSON.stringify(name)} is a reserved name, choose another id`,
        },
      })
      const edgeDoc = mlp()
      edgeDoc.edges[1].id = name
      expect(parseProject(edgeDoc)).toMatchObject({ ok: false, error: { path: 'edges[1].id' } })
      const groupDoc = { ...mlp(), groups: [{ id: name, name: 'g', nodeIds: [] }] }
      expect(parseProject(groupDoc)).toMatchObject({ ok: false, error: { path: 'groups[0].id' } })
      const memberDoc = { ...mlp(), groups: [{ id: 'g', name: 'g', nodeIds: ['input', name] }] }
      expect(parseProject(memberDoc)).toMatchObject({ ok: false, error: { path: 'groups[0].nodeIds[1]' } })
    }
  })

  it('refuses a "__proto__" key anywhere, instead of silently dropping it', () => {
    const text = mlpText.replace('"units": 128', '"__proto__": { "units": 5 }, "units": 128')
    const result = parseProjectText(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.path).toMatch(/^nodes\[\d+\]\.params\.__proto__$/)
    const inTrained = parseProjectText(
      mlpText.replace(
        '"format": "layercanvas"',
        '"trained": { "savedAt": "x", "layers": { "__proto__": [] } }, "format": "layercanvas"',
      ),
    )
    expect(inTrained).toMatchObject({ ok: false, error: { path: 'trained.layers.__proto__' } })
  })

  it('a document built in code with such ids cannot touch Object.prototype in analysis, compile, export or moves', async () => {
    // Hosts and tests can hand analyzeGraph a document that never went through the parser.
    const doc: ProjectDocument = {
      ...(parseProject(mlp()) as { ok: true; document: ProjectDocument }).document,
    }
    const ids = ['__proto__', 'constructor', 'toString']
    doc.nodes = doc.nodes.slice(0, 3).map((node, i) => ({ ...node, id: ids[i] }))
    doc.edges = [
      { id: 'toString', source: '__proto__', target: 'constructor', targetPort: 0 },
      { id: '__proto__', source: 'constructor', target: 'toString', targetPort: 0 },
    ]
    const before = Object.getOwnPropertyNames(Object.prototype).sort()
    const analysis = analyzeGraph(doc)
    expect(analysis.valid).toBe(true)
    expect(Object.keys(analysis.nodes).sort()).toEqual([...ids].sort())
    expect(analysis.nodes['constructor' as string].outputShape).toEqual([784])
    expect(Object.keys(analysis.edges).sort()).toEqual(['__proto__', 'toString'])
    const compiled = compileModel(tf, doc, analysis)
    expect(compiled.ok).toBe(true)
    if (compiled.ok) {
      expect(Object.keys(compiled.layerNames).sort()).toEqual([...ids].sort())
      compiled.model.dispose()
    }
    // ONNX and PyTorch export read the analysis by id (they failed on these ids).
    const onnx = await exportOnnx(tf, doc)
    expect(onnx.ok).toBe(true)
    const torch = await exportPyTorch(tf, doc, { weights: false })
    expect(torch.ok).toBe(true)
    // A layout result read from JSON: "__proto__" is an own key there.
    const moved = moveNodes(doc, JSON.parse('{"__proto__": {"x": 5, "y": 6}}'))
    expect(moved.nodes.map((node) => node.position)).toEqual([
      { x: 5, y: 6 },
      doc.nodes[1].position,
      doc.nodes[2].position,
    ])
    expect(moveNodes(doc, { other: { x: 1, y: 1 } }).nodes[1].position).toEqual(doc.nodes[1].position)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})

describe('lengths', () => {
  it('long strings and lists are refused at their path, and messages stay short', () => {
    const doc = mlp()
    doc.nodes[1].kind = 'k'.repeat(1_000_000)
    expect(parseProject(doc)).toMatchObject({ ok: false, error: { path: 'nodes[1].kind' } })
    const result = parseProject({ ...mlp(), format: 'x'.repeat(1_000_000) })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200)
    const meta = parseProject({ ...mlp(), meta: { description: { en: 'x'.repeat(20_000), 'zh-CN': '' } } })
    expect(meta).toMatchObject({ ok: false, error: { path: 'meta.description.en' } })
  })
})
