import { describe, expect, it } from 'vitest'
import { copyNodes, duplicateNodes, pasteClipboard } from '../../src/core/graph/clipboard'
import {
  addNode,
  applyFix,
  connect,
  moveNodes,
  removeElements,
  renameNode,
  setParams,
} from '../../src/core/graph/edits'
import { autoLayout } from '../../src/core/graph/layout'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { checkConnection } from '../../src/core/shapes/check-connection'
import { graph, loadTemplate } from './helpers'

const image = { mode: 'image', height: 28, width: 28, channels: 1 }

describe('graph edits', () => {
  it('never mutate the document they are given', () => {
    const doc = loadTemplate('mlp-mnist')
    const before = structuredClone(doc)
    addNode(doc, 'dense', { x: 0, y: 0 })
    removeElements(doc, { nodeIds: ['hidden'] })
    setParams(doc, 'hidden', { units: 3 })
    renameNode(doc, 'hidden', 'features')
    moveNodes(doc, { hidden: { x: 5, y: 5 } })
    connect(doc, { source: 'input', target: 'output' })
    expect(doc).toEqual(before)
  })

  it('adds a layer with defaults and a unique readable id', () => {
    let doc = loadTemplate('mlp-mnist')
    const first = addNode(doc, 'dense', { x: 10, y: 20 })
    doc = first.doc
    const second = addNode(doc, 'dense', { x: 10, y: 20 })
    expect(first.nodeId).toBe('dense_1')
    expect(second.nodeId).toBe('dense_2')
    expect(doc.nodes.at(-1)).toMatchObject({ kind: 'dense', params: { units: 64, activation: 'relu', useBias: true } })
  })

  it('removing a layer removes its edges', () => {
    const doc = removeElements(loadTemplate('mlp-mnist'), { nodeIds: ['hidden'] })
    expect(doc.edges.some((e) => e.source === 'hidden' || e.target === 'hidden')).toBe(false)
  })

  it('the insert-Flatten fix makes Dense-after-Conv2D valid', () => {
    const doc = graph(
      [
        ['in', 'input', image],
        ['conv', 'conv2d'],
        ['fc', 'dense', { units: 10 }],
      ],
      [
        ['in', 'conv'],
        ['conv', 'fc'],
      ],
    )
    const fix = analyzeGraph(doc).nodes.fc.diagnostics[0].fix!
    const fixed = analyzeGraph(applyFix(doc, 'fc', fix))
    expect(fixed.valid).toBe(true)
    expect(fixed.nodes.fc.inputShapes).toEqual([[26 * 26 * 32]])
  })

  it('copy/paste keeps the inner edges and gives fresh ids; junk on the clipboard is refused', () => {
    const doc = loadTemplate('mlp-mnist')
    const clip = JSON.parse(JSON.stringify(copyNodes(doc, ['flatten', 'hidden'])))
    const pasted = pasteClipboard(doc, clip, { x: 40, y: 40 })!
    expect(pasted.nodeIds).toEqual(['flatten_1', 'dense_1'])
    expect(pasted.doc.edges.filter((e) => e.source === 'flatten_1' && e.target === 'dense_1')).toHaveLength(1)
    expect(
      pasteClipboard(
        doc,
        { format: 'layercanvas-clipboard', nodes: [{ id: 'x', kind: 'dense', params: { units: -1 } }], edges: [] },
        { x: 0, y: 0 },
      ),
    ).toBeNull()
    expect(pasteClipboard(doc, 'hello', { x: 0, y: 0 })).toBeNull()
    expect(duplicateNodes(doc, ['hidden'], { x: 10, y: 10 }).doc.nodes).toHaveLength(5)
  })

  it('auto-layout places layers top to bottom in order', () => {
    const doc = loadTemplate('lenet5')
    const scrambled = moveNodes(doc, Object.fromEntries(doc.nodes.map((n, i) => [n.id, { x: (i * 37) % 200, y: 0 }])))
    const laid = autoLayout(scrambled)
    const ys = laid.nodes.map((n) => n.position.y)
    expect([...ys].sort((a, b) => a - b)).toEqual(ys)
  })
})

describe('checkConnection', () => {
  const doc = graph(
    [
      ['in', 'input', image],
      ['conv', 'conv2d'],
      ['flat', 'flatten'],
      ['fc', 'dense'],
      ['seq', 'lstm'],
      ['sum', 'add'],
    ],
    [
      ['in', 'conv'],
      ['conv', 'flat'],
      ['flat', 'fc'],
    ],
  )

  it('accepts a good connection and picks the first free port', () => {
    expect(checkConnection(doc, { source: 'conv', target: 'sum' })).toEqual({ ok: true, targetPort: 0 })
  })

  it.each([
    ['conv', 'conv', 'selfLoop'],
    ['fc', 'in', 'inputHasNoInputs'],
    ['fc', 'conv', 'inputFull'],
    ['in', 'conv', 'duplicateEdge'],
    ['in', 'seq', 'needsSequence'],
  ])('refuses %s → %s (%s)', (source, target, code) => {
    const result = checkConnection(doc, { source, target })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.diagnostic.code).toBe(code)
  })

  it('refuses a connection that would make a loop', () => {
    const chain = graph(
      [
        ['in', 'input', image],
        ['a', 'activation'],
        ['s', 'add'],
        ['b', 'activation'],
      ],
      [
        ['in', 'a'],
        ['a', 's'],
        ['s', 'b'],
      ],
    )
    const result = checkConnection(chain, { source: 'b', target: 's' })
    expect(result.ok || result.diagnostic.code).toBe('wouldCycle')
    expect(checkConnection(chain, { source: 'in', target: 's' }).ok).toBe(true)
  })

  it('accepts a wiring that has a one-click fix, so the node can offer it', () => {
    const fresh = graph(
      [
        ['in', 'input', image],
        ['conv', 'conv2d'],
        ['fc', 'dense'],
      ],
      [['in', 'conv']],
    )
    expect(checkConnection(fresh, { source: 'conv', target: 'fc' }).ok).toBe(true)
  })
})
