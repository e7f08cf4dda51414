import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/core/i18n/format'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { graph, loadTemplate } from './helpers'

const image = { mode: 'image', height: 28, width: 28, channels: 1 }

describe('analyzeGraph', () => {
  it('infers every shape and the totals of the MLP template', () => {
    const doc = loadTemplate('mlp-mnist')
    const a = analyzeGraph(doc)
    expect(a.valid).toBe(true)
    expect(a.totals).toEqual({ total: 101_770, trainable: 101_770, nonTrainable: 0, macs: 101_632 })
    expect(a.nodes.flatten.outputShape).toEqual([784])
    expect(a.nodes.output.outputShape).toEqual([10])
    expect(a.outputs).toEqual(['output'])
    for (const edge of doc.edges) expect(a.edges[edge.id].shape).toEqual(a.nodes[edge.source].outputShape)
  })

  it("lists each node's inputs in port order and the nodes the outputs need", () => {
    const doc = graph(
      [
        ['a', 'input', { mode: 'vector', size: 2 }],
        ['unread', 'input', { mode: 'vector', size: 3 }],
        ['b', 'input', { mode: 'vector', size: 3 }],
        ['join', 'concatenate'],
        ['out', 'dense', { units: 1 }],
      ],
      [
        ['b', 'join', 1],
        ['a', 'join', 0],
        ['join', 'out'],
      ],
    )
    const a = analyzeGraph(doc)
    expect(a.inputsByPort.join).toEqual(['a', 'b'])
    expect(a.inputsByPort.out).toEqual(['join'])
    expect(a.inputsByPort.a).toEqual([])
    expect(a.nodes.join.inputShapes).toEqual([[2], [3]])
    // An Input nothing reads is not needed; the rest keeps the topological order.
    expect(a.needed).toEqual(a.order.filter((id) => id !== 'unread'))
    expect(a.needed).not.toContain('unread')
    expect(a.needed.indexOf('join')).toBeGreaterThan(a.needed.indexOf('b'))
  })

  it('reports Dense after Conv2D with a plain message and an insert-Flatten fix', () => {
    const doc = graph(
      [
        ['in', 'input', image],
        ['conv', 'conv2d', { filters: 32 }],
        ['fc', 'dense', { units: 10 }],
      ],
      [
        ['in', 'conv'],
        ['conv', 'fc'],
      ],
    )
    const a = analyzeGraph(doc)
    expect(a.valid).toBe(false)
    const [d] = a.nodes.fc.diagnostics
    expect(d).toMatchObject({ code: 'needsFlatten', fix: { type: 'insertBefore', layerKind: 'flatten' } })
    expect(formatDiagnostic(d, doc, 'en')).toBe(
      'Dense after a 26×26×32 input needs a Flatten to turn it into a vector — insert one?',
    )
    expect(formatDiagnostic(d, doc, 'zh-CN')).toContain('展平层')
  })

  it('reports merge mismatches with both shapes', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 14, width: 14, channels: 32 }],
        ['a', 'conv2d', { filters: 64, strides: [2, 2], padding: 'same' }],
        ['sum', 'add'],
      ],
      [
        ['in', 'a'],
        ['a', 'sum', 0],
        ['in', 'sum', 1],
      ],
    )
    const a = analyzeGraph(doc)
    const [d] = a.nodes.sum.diagnostics
    expect(formatDiagnostic(d, doc, 'en')).toBe('Add needs equal shapes: 7×7×64 vs 14×14×32.')
  })

  it('finds cycles, missing inputs, a missing Input layer and unconnected layers', () => {
    const cyclic = graph(
      [
        ['a', 'dense'],
        ['b', 'dense'],
      ],
      [
        ['a', 'b'],
        ['b', 'a'],
      ],
    )
    const codes = analyzeGraph(cyclic).diagnostics.map((d) => d.code)
    expect(codes).toContain('noInput')
    expect(codes.filter((c) => c === 'cycle')).toHaveLength(2)

    const loose = graph(
      [
        ['in', 'input', image],
        ['f', 'flatten'],
        ['d', 'dense'],
        ['lonely', 'dense'],
      ],
      [
        ['in', 'f'],
        ['f', 'd'],
      ],
    )
    const a = analyzeGraph(loose)
    expect(a.nodes.lonely.diagnostics.map((d) => d.code)).toEqual(['missingInput'])
    expect(a.valid).toBe(false)

    const stray = graph(
      [
        ['in', 'input', image],
        ['f', 'flatten'],
        ['g', 'flatten'],
      ],
      [['in', 'f']],
    )
    expect(analyzeGraph(stray).nodes.g.diagnostics.map((d) => d.code)).toEqual(['missingInput'])
    expect(analyzeGraph(graph([], [])).diagnostics.map((d) => d.code)).toEqual(['emptyGraph'])
  })

  it('marks downstream shapes unknown after an error without repeating the error', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 4, width: 4, channels: 1 }],
        ['pool', 'maxPool2d', { poolSize: [5, 5], strides: [5, 5] }],
        ['f', 'flatten'],
        ['d', 'dense'],
      ],
      [
        ['in', 'pool'],
        ['pool', 'f'],
        ['f', 'd'],
      ],
    )
    const a = analyzeGraph(doc)
    expect(a.nodes.pool.diagnostics[0].code).toBe('kernelTooLarge')
    expect(a.nodes.f.outputShape).toBeNull()
    expect(a.nodes.d.diagnostics).toEqual([])
    expect(a.diagnostics).toHaveLength(1)
  })

  it('reports params an editor stored without validation', () => {
    const doc = graph(
      [
        ['in', 'input', image],
        ['f', 'flatten'],
        ['d', 'dense'],
      ],
      [
        ['in', 'f'],
        ['f', 'd'],
      ],
    )
    doc.nodes[2].params.units = 0
    const a = analyzeGraph(doc)
    const [d] = a.nodes.d.diagnostics
    expect(d.code).toBe('invalidParam')
    expect(formatDiagnostic(d, doc, 'en')).toBe('Dense: Units — expected a whole number 1–1000000, got 0')
  })
})

describe('layers cut off from the Inputs', () => {
  it('carry one error where the cut is, and no noise downstream', () => {
    const doc = graph(
      [
        ['in', 'input', image],
        ['f', 'flatten'],
        ['d', 'dense'],
        ['orphan', 'dense'],
        ['after', 'dense'],
        ['lone', 'flatten'],
        ['tail', 'dense'],
      ],
      [
        ['in', 'f'],
        ['f', 'd'],
        ['orphan', 'after'],
        ['lone', 'tail'],
      ],
    )
    const a = analyzeGraph(doc)
    expect(a.nodes.orphan.diagnostics.map((d) => d.code)).toEqual(['missingInput'])
    expect(a.nodes.after.diagnostics).toEqual([])
    expect(a.nodes.tail.diagnostics).toEqual([])
    expect(a.nodes.lone.diagnostics.map((d) => d.code)).toEqual(['missingInput'])
  })
})
