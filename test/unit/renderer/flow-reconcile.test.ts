import { describe, expect, it } from 'vitest'
import { moveNodes } from '../../../src/core/graph/edits'
import { reconcileEdges, reconcileNodes, targetHandleId } from '../../../src/renderer/src/canvas/adapters'
import { graph } from '../helpers'

const doc = graph(
  [
    ['in', 'input', { mode: 'vector', size: 4 }],
    ['a', 'dense'],
    ['b', 'dense'],
  ],
  [
    ['in', 'a'],
    ['a', 'b'],
  ],
)
const none = new Set<string>()

describe('React Flow adapters: reconcile the view with the document', () => {
  it('builds one flow node per layer and one edge per connection, with the port as handle', () => {
    const nodes = reconcileNodes([], doc.nodes, new Set(['a']), new Set(['b']))
    expect(nodes.map((n) => [n.id, n.type, n.selected, n.className])).toEqual([
      ['in', 'layer', false, undefined],
      ['a', 'layer', true, undefined],
      ['b', 'layer', false, 'has-error'],
    ])
    const edges = reconcileEdges([], doc.edges, none)
    expect(edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([
      ['in', 'a', targetHandleId(0)],
      ['a', 'b', targetHandleId(0)],
    ])
  })

  it('returns the same arrays and objects when nothing changed (React skips the render)', () => {
    const nodes = reconcileNodes([], doc.nodes, none, none)
    expect(reconcileNodes(nodes, doc.nodes, none, none)).toBe(nodes)
    const edges = reconcileEdges([], doc.edges, none)
    expect(reconcileEdges(edges, doc.edges, none)).toBe(edges)
  })

  it('replaces only the node that moved or changed selection', () => {
    const nodes = reconcileNodes([], doc.nodes, none, none)
    const moved = moveNodes(doc, { a: { x: 50, y: 60 } })
    const next = reconcileNodes(nodes, moved.nodes, new Set(['b']), none)
    expect(next).not.toBe(nodes)
    expect(next[0]).toBe(nodes[0])
    expect(next[1].position).toEqual({ x: 50, y: 60 })
    expect(next[2]).not.toBe(nodes[2])
    expect(next[2].selected).toBe(true)
  })

  it('keeps React Flow’s live position while a node is dragged', () => {
    const nodes = reconcileNodes([], doc.nodes, none, none)
    const dragging = nodes.map((n) => (n.id === 'a' ? { ...n, dragging: true, position: { x: 999, y: 999 } } : n))
    const moved = moveNodes(doc, { a: { x: 1, y: 1 } })
    expect(reconcileNodes(dragging, moved.nodes, none, none)[1].position).toEqual({ x: 999, y: 999 })
  })

  it('drops flow elements of removed layers and connections', () => {
    const nodes = reconcileNodes([], doc.nodes, none, none)
    const edges = reconcileEdges([], doc.edges, none)
    expect(reconcileNodes(nodes, doc.nodes.slice(0, 2), none, none).map((n) => n.id)).toEqual(['in', 'a'])
    expect(reconcileEdges(edges, doc.edges.slice(1), none).map((e) => e.source)).toEqual(['a'])
  })
})
