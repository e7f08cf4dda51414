import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emptyDocument, type ProjectDocument } from '../../src/core/document/types'
import { layeredLayout, separate } from '../../src/core/graph/layered'
import { DEFAULT_FRAME, autoLayout } from '../../src/core/graph/layout'
import { loadTemplate } from './helpers'

const SIZE = { width: 200, height: 86 }

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const intersects = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** A document straight from ids and edges (no parse: the big cases would spend their time in zod). */
function rawDoc(ids: string[], edges: [string, string][]): ProjectDocument {
  return {
    ...emptyDocument('layout'),
    nodes: ids.map((id) => ({ id, kind: 'dense', position: { x: 0, y: 0 }, params: { units: 4 } })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target, targetPort: 0 })),
  }
}

/** Each layer's card and each expanded group's frame as the canvas draws them (default sizes). */
function drawnRects(doc: ProjectDocument): { layers: Map<string, Rect>; frames: Map<string, Rect> } {
  const layers = new Map<string, Rect>()
  for (const node of doc.nodes) layers.set(node.id, { ...node.position, ...SIZE })
  const frames = new Map<string, Rect>()
  for (const group of doc.groups) {
    if (group.collapsed) continue
    const rects = group.nodeIds.map((id) => layers.get(id)!)
    const minX = Math.min(...rects.map((r) => r.x)) - DEFAULT_FRAME.padding
    const maxX = Math.max(...rects.map((r) => r.x + r.width)) + DEFAULT_FRAME.padding
    const minY = Math.min(...rects.map((r) => r.y)) - DEFAULT_FRAME.padding - DEFAULT_FRAME.header
    const maxY = Math.max(...rects.map((r) => r.y + r.height)) + DEFAULT_FRAME.padding
    const grow = Math.max(0, DEFAULT_FRAME.minWidth - (maxX - minX))
    frames.set(group.id, { x: minX - grow, y: minY, width: maxX - minX + grow, height: maxY - minY })
  }
  return { layers, frames }
}

function expectNoOverlap(doc: ProjectDocument) {
  const { layers, frames } = drawnRects(doc)
  const cards = [...layers.entries()]
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      if (intersects(cards[i][1], cards[j][1]))
        throw new Error(`${doc.name}: layers ${cards[i][0]} and ${cards[j][0]} overlap`)
    }
  }
  const boxes = [...frames.entries()]
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (intersects(boxes[i][1], boxes[j][1]))
        throw new Error(`${doc.name}: frames ${boxes[i][0]} and ${boxes[j][0]} overlap`)
    }
    const members = new Set(doc.groups.find((g) => g.id === boxes[i][0])!.nodeIds)
    for (const [id, rect] of cards) {
      if (!members.has(id) && intersects(rect, boxes[i][1]))
        throw new Error(`${doc.name}: layer ${id} lies on frame ${boxes[i][0]}`)
    }
  }
}

const templates = readdirSync(new URL('../../templates/', import.meta.url))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''))

describe('autoLayout', () => {
  it.each(templates)('%s: no two layers, frames or a frame and a loose layer overlap, in both directions', (id) => {
    const doc = loadTemplate(id)
    expectNoOverlap(autoLayout(doc, { direction: 'TB' }))
    expectNoOverlap(autoLayout(doc, { direction: 'LR' }))
  })

  it('keeps a group together as a block: GAN generator and discriminator frames side by side, not interleaved', () => {
    const laid = autoLayout(loadTemplate('gan-mlp'))
    const { frames } = drawnRects(laid)
    expect(frames.size).toBe(2)
    const [a, b] = [...frames.values()]
    expect(intersects(a, b)).toBe(false)
  })

  it('lays a chain out along the chosen direction', () => {
    const doc = loadTemplate('lenet5')
    const order = doc.nodes.map((n) => n.id)
    const tb = autoLayout(doc, { direction: 'TB' })
    const lr = autoLayout(doc, { direction: 'LR' })
    const ys = order.map((id) => tb.nodes.find((n) => n.id === id)!.position.y)
    const xs = order.map((id) => lr.nodes.find((n) => n.id === id)!.position.x)
    expect([...ys].sort((p, q) => p - q)).toEqual(ys)
    expect(new Set(ys).size).toBe(ys.length)
    expect([...xs].sort((p, q) => p - q)).toEqual(xs)
    expect(new Set(xs).size).toBe(xs.length)
    // A straight chain stays straight across the main axis.
    expect(new Set(tb.nodes.map((n) => n.position.x)).size).toBe(1)
    expect(new Set(lr.nodes.map((n) => n.position.y)).size).toBe(1)
  })

  it('lays a collapsed group out as one node of the collapsed size, its layers at that node', () => {
    const doc = loadTemplate('gan-mlp')
    const collapsedId = doc.groups[0].id
    const collapsed = { ...doc, groups: doc.groups.map((g, i) => (i === 0 ? { ...g, collapsed: true } : g)) }
    const size = { width: 260, height: 100 }
    const laid = autoLayout(collapsed, { collapsedSize: () => size })
    const members = new Set(laid.groups[0].nodeIds)
    const inside = laid.nodes.filter((n) => members.has(n.id))
    const box = {
      x: Math.min(...inside.map((n) => n.position.x)),
      y: Math.min(...inside.map((n) => n.position.y)),
      ...size,
    }
    const { frames, layers } = drawnRects(laid)
    for (const frame of frames.values()) expect(intersects(box, frame)).toBe(false)
    for (const [id, rect] of layers) if (!members.has(id)) expect(intersects(box, rect)).toBe(false)
    expect(laid.groups.find((g) => g.id === collapsedId)?.collapsed).toBe(true)
  })

  it('treats the node id "__proto__" as an ordinary id and leaves Object.prototype alone', () => {
    const doc = rawDoc(
      ['__proto__', 'constructor', 'toString', 'hasOwnProperty'],
      [
        ['__proto__', 'constructor'],
        ['constructor', 'toString'],
        ['toString', 'hasOwnProperty'],
      ],
    )
    const laid = autoLayout(doc)
    const ys = laid.nodes.map((n) => n.position.y)
    expect(new Set(ys).size).toBe(4)
    expect([...ys].sort((a, b) => a - b)).toEqual(ys)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>).x).toBeUndefined()
    expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  })

  it('does not hang or throw on a cycle (a broken file), and still separates the layers', () => {
    const laid = autoLayout(
      rawDoc(
        ['a', 'b', 'c'],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ],
      ),
    )
    expectNoOverlap(laid)
  })

  it('lays out a 20,000-layer chain without recursion (no stack overflow), in order', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`)
    const laid = autoLayout(
      rawDoc(
        ids,
        ids.slice(1).map((id, i) => [ids[i], id]),
      ),
    )
    let last = -Infinity
    for (const node of laid.nodes) {
      expect(node.position.y).toBeGreaterThan(last)
      last = node.position.y
    }
    expect(new Set(laid.nodes.map((n) => n.position.x)).size).toBe(1)
  })

  it('lays out one input feeding 20,000 layers: one row below it, nothing overlapping', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`)
    const laid = autoLayout(
      rawDoc(
        ['in', ...ids],
        ids.map((id) => ['in', id]),
      ),
    )
    const source = laid.nodes[0].position
    const row = laid.nodes.slice(1)
    expect(new Set(row.map((n) => n.position.y)).size).toBe(1)
    expect(row[0].position.y).toBeGreaterThan(source.y)
    const xs = row.map((n) => n.position.x).sort((a, b) => a - b)
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(SIZE.width)
    // The input sits over the middle of its row.
    const middle = (xs[0] + xs[xs.length - 1] + SIZE.width) / 2
    expect(Math.abs(source.x + SIZE.width / 2 - middle)).toBeLessThan(SIZE.width)
  })
})

describe('layeredLayout', () => {
  it('routes a long skip edge beside the layers it passes, not through them', () => {
    const sizes = new Map(['a', 'b', 'c', 'd'].map((id) => [id, SIZE]))
    const result = layeredLayout(
      {
        ids: ['a', 'b', 'c', 'd'],
        sizes,
        edges: [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'd'],
          ['a', 'd'],
        ],
      },
      { direction: 'TB', nodeGap: 40, layerGap: 56 },
    )
    const ys = ['a', 'b', 'c', 'd'].map((id) => result.positions.get(id)!.y)
    expect([...ys].sort((p, q) => p - q)).toEqual(ys)
    expect(result.width).toBeGreaterThan(SIZE.width)
  })

  it('keeps an anchor (an edge entering a group) in the first layer, with a lane beside the layers it passes', () => {
    const ids = ['a', 'b', 'c', 'x']
    const sizes = new Map(ids.map((id) => [id, id === 'x' ? { width: 0, height: 0 } : SIZE]))
    const edges: Array<[string, string]> = [
      ['a', 'b'],
      ['b', 'c'],
      ['x', 'c'],
    ]
    const options = { direction: 'TB' as const, nodeGap: 40, layerGap: 56 }
    const free = layeredLayout({ ids, sizes, edges }, options)
    const anchored = layeredLayout({ ids, sizes, edges, anchors: new Set(['x']) }, options)
    // Without the anchor, x is pulled down next to b (a source sits above its consumer)…
    expect(free.positions.get('x')!.y).toBe(free.positions.get('b')!.y)
    // …with it, x stays level with a, and b moves aside for the lane down to c.
    expect(anchored.positions.get('x')!.y).toBe(anchored.positions.get('a')!.y)
    const b = anchored.positions.get('b')!
    const c = anchored.positions.get('c')!
    expect(b.x).not.toBe(c.x)
  })

  it('separate() keeps boxes apart with the least movement', () => {
    expect(separate([0, 0], [10, 10], 0)).toEqual([-5, 5])
    expect(separate([0, 100], [10, 10], 5)).toEqual([0, 100])
    expect(separate([0, 0, 0], [10, 10, 10], 0)).toEqual([-10, 0, 10])
  })
})
