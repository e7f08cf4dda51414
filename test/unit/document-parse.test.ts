import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseProject, parseProjectText, serializeProject } from '../../src/core/document/parse'
import { LAYER_KINDS } from '../../src/core/layers/registry'
import { defaultParams } from '../../src/core/params/schema'

const mlp = JSON.parse(readFileSync(new URL('../../templates/mlp-mnist.json', import.meta.url), 'utf8'))

function withNode(index: number, change: (node: Record<string, unknown>) => void) {
  const doc = structuredClone(mlp)
  change(doc.nodes[index])
  return doc
}

describe('parseProject', () => {
  it('accepts a template and round-trips it unchanged', () => {
    const first = parseProject(mlp)
    expect(first.ok).toBe(true)
    if (!first.ok) return
    const again = parseProjectText(serializeProject(first.document))
    expect(again.ok && again.document).toEqual(first.document)
  })

  it('names the exact path of a bad param', () => {
    const result = parseProject(withNode(3, (node) => ((node.params as Record<string, unknown>).units = -4)))
    expect(result).toEqual({
      ok: false,
      error: {
        path: 'nodes[3].params.units',
        message: 'nodes[3].params.units: expected a whole number 1–1000000, got -4',
      },
    })
  })

  it('fills missing params with defaults and warns about unknown ones', () => {
    const result = parseProject(withNode(2, (node) => (node.params = { units: 16, colour: 'blue' })))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.document.nodes[2].params).toEqual({ units: 16, activation: 'relu', useBias: true })
    expect(result.warnings).toEqual(['nodes[2].params.colour: unknown parameter, ignored'])
  })

  it.each([
    ['', 'the file is empty'],
    ['{"format": "layercanvas", ', 'not valid JSON'],
    ['[]', 'expected a JSON object'],
    ['{"format": "other"}', 'format: not a LayerCanvas project'],
    ['{"format": "layercanvas", "schemaVersion": 99}', 'newer LayerCanvas'],
    [
      '{"format": "layercanvas", "schemaVersion": 1, "nodes": [{"id": "a", "kind": "warpDrive"}]}',
      'nodes[0].kind: Unknown layer kind "warpDrive"',
    ],
    [
      '{"format": "layercanvas", "schemaVersion": 1, "nodes": [{"id": "a", "kind": "dense"}, {"id": "a", "kind": "dense"}]}',
      'nodes[1].id: duplicate id',
    ],
    [
      '{"format": "layercanvas", "schemaVersion": 1, "nodes": [], "edges": [{"id": "e", "source": "x", "target": "y"}]}',
      'edges[0].source: no layer with id "x"',
    ],
    [
      '{"format": "layercanvas", "schemaVersion": 1, "nodes": [{"id": "a", "kind": "dense", "position": {"x": "left", "y": 0}}]}',
      'nodes[0].position.x',
    ],
  ])('rejects %j with a one-line message', (text, expected) => {
    const result = parseProjectText(text)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toContain(expected)
    expect(result.error.message).not.toContain('\n')
  })

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseProject(value)
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 500 },
    )
  })

  it('never throws on mutated documents, and every failure names a path inside the document', () => {
    // Replace one value somewhere inside a real document with an arbitrary JSON value.
    const paths: (string | number)[][] = []
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path)
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]))
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
    }
    walk(mlp, [])
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue(), (index, replacement) => {
        const doc = structuredClone(mlp)
        const path = paths[index]
        let parent = doc
        for (const key of path.slice(0, -1)) parent = parent[key]
        parent[path[path.length - 1]] = replacement
        const result = parseProject(doc)
        if (result.ok) {
          // A valid result is a complete document: every node has every param of its kind.
          for (const node of result.document.nodes) {
            const kind = LAYER_KINDS.find((k) => k.id === node.kind)!
            expect(Object.keys(node.params).sort()).toEqual(Object.keys(defaultParams(kind.params)).sort())
          }
        } else {
          expect(result.error.message.startsWith(result.error.path)).toBe(true)
          expect(result.error.message).not.toContain('\n')
        }
      }),
      { numRuns: 400 },
    )
  })

  it('accepts random valid documents built from the registry', () => {
    const kindArb = fc.constantFrom(...LAYER_KINDS)
    const docArb = fc.array(kindArb, { minLength: 0, maxLength: 12 }).map((kinds) => ({
      format: 'layercanvas',
      schemaVersion: 1,
      name: 'random',
      nodes: kinds.map((kind, i) => ({
        id: `n${i}`,
        kind: kind.id,
        position: { x: i, y: i },
        params: defaultParams(kind.params),
      })),
      edges: kinds.slice(1).map((_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}`, targetPort: 0 })),
      groups: [],
      meta: {},
    }))
    fc.assert(
      fc.property(docArb, (doc) => {
        const result = parseProjectText(JSON.stringify(doc))
        expect(result.ok).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
