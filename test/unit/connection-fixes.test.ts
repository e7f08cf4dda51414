import { describe, expect, it } from 'vitest'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { checkConnection } from '../../src/core/shapes/check-connection'
import { applyConnectionFix, connectionFixes } from '../../src/core/shapes/connection-fixes'
import { graph } from './helpers'

const vector = { mode: 'vector', size: 784 }
const image = { mode: 'image', height: 28, width: 28, channels: 1 }

/** The target's errors once the fix is applied (none means the button works). */
function errorsAfter(
  doc: ReturnType<typeof graph>,
  c: { source: string; target: string },
  fix: ReturnType<typeof connectionFixes>[number],
) {
  const applied = applyConnectionFix(doc, c, fix)
  const analysis = analyzeGraph(applied.doc)
  return Object.values(analysis.nodes).flatMap((n) =>
    n.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'missingInput'),
  )
}

describe('connectionFixes', () => {
  it('Dense → Conv2D: a Reshape of the 128 units to 8×8×2 makes it work', () => {
    const doc = graph(
      [
        ['in', 'input', vector],
        ['fc', 'dense', { units: 128 }],
        ['conv', 'conv2d', { padding: 'same' }],
      ],
      [['in', 'fc']],
    )
    const c = { source: 'fc', target: 'conv' }
    const refused = checkConnection(doc, c)
    expect(refused.ok || refused.diagnostic.code).toBe('needsImage')
    const fixes = connectionFixes(doc, c)
    expect(fixes[0]).toMatchObject({ type: 'insertBetween', layerKind: 'reshape', params: { targetShape: [8, 8, 2] } })
    for (const fix of fixes) expect(errorsAfter(doc, c, fix)).toEqual([])
    const applied = applyConnectionFix(doc, c, fixes[0])
    expect(applied.doc.edges.map((e) => `${e.source}→${e.target}`)).toEqual([
      'in→fc',
      `fc→${applied.nodeId}`,
      `${applied.nodeId}→conv`,
    ])
  })

  it('a vector Input → Conv2D: reshape to 28×28×1, or make the Input an image', () => {
    const doc = graph(
      [
        ['in', 'input', vector],
        ['conv', 'conv2d'],
      ],
      [],
    )
    const fixes = connectionFixes(doc, { source: 'in', target: 'conv' })
    expect(fixes).toEqual([
      { type: 'insertBetween', layerKind: 'reshape', params: { targetShape: [28, 28, 1] }, shape: [28, 28, 1] },
      {
        type: 'changeInput',
        nodeId: 'in',
        params: { mode: 'image', height: 28, width: 28, channels: 1 },
        shape: [28, 28, 1],
      },
    ])
    const changed = applyConnectionFix(doc, { source: 'in', target: 'conv' }, fixes[1])
    expect(changed.nodeId).toBeNull()
    expect(analyzeGraph(changed.doc).nodes.conv.outputShape).toEqual([26, 26, 32])
  })

  it('does not offer to change an Input that other layers need as it is', () => {
    const doc = graph(
      [
        ['in', 'input', vector],
        ['fc', 'dense'],
        ['conv', 'conv2d'],
      ],
      [['in', 'fc']],
    )
    expect(connectionFixes(doc, { source: 'in', target: 'conv' }).map((f) => f.type)).toEqual(['insertBetween'])
  })

  it('image → LSTM: a Reshape to a sequence (rows × values per row)', () => {
    const doc = graph(
      [
        ['in', 'input', image],
        ['seq', 'lstm'],
      ],
      [],
    )
    const fixes = connectionFixes(doc, { source: 'in', target: 'seq' })
    expect(
      fixes.some((f) => f.type === 'insertBetween' && f.layerKind === 'reshape' && f.shape.join() === '28,28'),
    ).toBe(true)
    for (const fix of fixes) expect(errorsAfter(doc, { source: 'in', target: 'seq' }, fix)).toEqual([])
  })

  it('offers nothing for a loop', () => {
    const doc = graph(
      [
        ['in', 'input', vector],
        ['a', 'dense'],
        ['b', 'dense'],
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
      ],
    )
    expect(connectionFixes(doc, { source: 'b', target: 'a' })).toEqual([])
  })
})
