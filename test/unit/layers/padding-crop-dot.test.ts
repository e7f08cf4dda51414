import { describe, expect, it } from 'vitest'
import { parseProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'
import { formatDiagnostic } from '../../../src/core/i18n/format'
import { mapLayer } from '../../../src/core/import/keras-layers'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { graph } from '../helpers'

/**
 * ZeroPadding2D's params moved to [top, bottom, left, right] (kind version 2): old files migrate.
 * Cropping2D and Dot refuse what tfjs would build wrongly or throw on, with messages in both
 * languages; the Keras / tfjs configs of the new kinds import as the same computation.
 */

const ctx = { consumers: [], inputs: 1 }

function project(nodes: unknown[], edges: unknown[] = []) {
  return { format: 'layercanvas', schemaVersion: 1, name: 't', nodes, edges }
}

describe('ZeroPadding2D version 2', () => {
  const node = (params: Record<string, unknown>, kindVersion?: number) => ({
    id: 'pad',
    kind: 'zeroPadding2d',
    position: { x: 0, y: 0 },
    params,
    ...(kindVersion ? { kindVersion } : {}),
  })

  it('a file written with symmetric [rows, columns] opens as [top, bottom, left, right], stamped version 2', () => {
    const parsed = parseProject(project([node({ padding: [1, 3] })]))
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.document.nodes[0].params.padding).toEqual([1, 1, 3, 3])
    expect(parsed.document.nodes[0].kindVersion).toBe(2)
  })

  it('a version 2 node is read as it is, and a bad old value is reported, not guessed', () => {
    const current = parseProject(project([node({ padding: [0, 1, 2, 3] }, 2)]))
    expect(current.ok && current.document.nodes[0].params.padding).toEqual([0, 1, 2, 3])
    const bad = parseProject(project([node({ padding: [1, 2, 3] })]))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.path).toBe('nodes[0].params.padding')
  })
})

function issue(doc: ProjectDocument, id: string) {
  const d = analyzeGraph(doc).nodes[id].diagnostics[0]
  expect(d, `a diagnostic on ${id}`).toBeDefined()
  return { code: d.code, en: formatDiagnostic(d, doc, 'en'), zh: formatDiagnostic(d, doc, 'zh-CN'), fix: d.fix }
}

describe('Cropping2D and Dot: clear errors in English and Chinese', () => {
  it('cropping that leaves nothing', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 4, width: 6, channels: 1 }],
        ['crop', 'cropping2d', { cropping: [2, 2, 0, 0] }],
      ],
      [['in', 'crop']],
    )
    const found = issue(doc, 'crop')
    expect(found.code).toBe('croppingTooLarge')
    expect(found.en).toContain('cropping [2, 2, 0, 0] leaves nothing of a 4×6×1 feature map')
    expect(found.zh).toContain('特征图')
    expect(found.fix).toEqual({ type: 'setParam', param: 'cropping', value: [0, 0, 0, 0] })
  })

  const dotOf = (a: Record<string, unknown>, b: Record<string, unknown>, params: Record<string, unknown>) =>
    graph(
      [
        ['a', 'input', a],
        ['b', 'input', b],
        ['dot', 'dot', params],
      ],
      [
        ['a', 'dot', 0],
        ['b', 'dot', 1],
      ],
    )
  const seq = (timesteps: number, features: number) => ({ mode: 'sequence', timesteps, features })

  it('summed axes of different lengths', () => {
    const found = issue(dotOf(seq(5, 4), seq(5, 3), { axes: [-1, -1] }), 'dot')
    expect(found.code).toBe('dotMismatch')
    expect(found.en).toContain('axis -1 of 5×4 and axis -1 of 5×3 must have the same length')
    expect(found.zh).toContain('长度必须相同')
  })

  it('inputs of different ranks, and axes the inputs do not have', () => {
    const rank = issue(dotOf(seq(5, 4), { mode: 'vector', size: 4 }, {}), 'dot')
    expect(rank.code).toBe('dotRank')
    expect(rank.en).toContain('gets 5×4 and 4')
    expect(rank.zh).toContain('维数相同')
    const axes = issue(dotOf({ mode: 'vector', size: 4 }, { mode: 'vector', size: 4 }, { axes: [1, 0] }), 'dot')
    expect(axes.code).toBe('dotAxisOutOfRange')
    expect(axes.zh).toContain('[1, 0]')
    expect(axes.fix).toEqual({ type: 'setParam', param: 'axes', value: [-1, -1] })
  })
})

describe("Dot's multiply-accumulates", () => {
  it('counts each output value times the summed length (q·kᵀ of 5×4 by 5×4 = 5·5·4), none for pure reshaping', () => {
    const doc = graph(
      [
        ['q', 'input', { mode: 'sequence', timesteps: 5, features: 4 }],
        ['k', 'input', { mode: 'sequence', timesteps: 5, features: 4 }],
        ['scores', 'dot', { axes: [-1, -1] }],
        ['ctx', 'dot', { axes: [1, 0] }],
        ['pool', 'globalAvgPool1d', {}],
      ],
      [
        ['q', 'scores', 0],
        ['k', 'scores', 1],
        ['scores', 'ctx', 0],
        ['k', 'ctx', 1],
        ['ctx', 'pool'],
      ],
    )
    const analysis = analyzeGraph(doc)
    expect(analysis.nodes.scores.macs).toBe(5 * 5 * 4)
    expect(analysis.nodes.ctx.macs).toBe(5 * 4 * 5)
    expect(analysis.totals.macs).toBe(200)
  })
})

describe('Keras / tfjs configs of the new kinds', () => {
  it('ZeroPadding2D and Cropping2D: a number, (rows, columns) or ((top, bottom), (left, right))', () => {
    expect(mapLayer('ZeroPadding2D', { padding: 2 }, ctx)).toEqual({
      kind: 'zeroPadding2d',
      params: { padding: [2, 2, 2, 2] },
    })
    expect(mapLayer('ZeroPadding2D', { padding: [1, 3] }, ctx)).toMatchObject({ params: { padding: [1, 1, 3, 3] } })
    expect(
      mapLayer(
        'ZeroPadding2D',
        {
          padding: [
            [0, 1],
            [0, 1],
          ],
        },
        ctx,
      ),
    ).toMatchObject({
      params: { padding: [0, 1, 0, 1] },
    })
    expect(
      mapLayer(
        'Cropping2D',
        {
          cropping: [
            [2, 0],
            [1, 3],
          ],
        },
        ctx,
      ),
    ).toEqual({
      kind: 'cropping2d',
      params: { cropping: [2, 0, 1, 3] },
    })
    expect(
      mapLayer(
        'Cropping2D',
        {
          cropping: [
            [1, -1],
            [0, 0],
          ],
        },
        ctx,
      ),
    ).toHaveProperty('reason')
    expect(mapLayer('Cropping2D', { cropping: 1, data_format: 'channels_first' }, ctx)).toHaveProperty('reason')
  })

  it('GlobalAveragePooling1D / GlobalMaxPooling1D, not with keepdims', () => {
    expect(mapLayer('GlobalAveragePooling1D', {}, ctx)).toEqual({ kind: 'globalAvgPool1d', params: {} })
    expect(mapLayer('GlobalMaxPool1D', { data_format: 'channels_last' }, ctx)).toEqual({
      kind: 'globalMaxPool1d',
      params: {},
    })
    expect(mapLayer('GlobalMaxPooling1D', { keepdims: true }, ctx)).toHaveProperty('reason')
  })

  it('Dot: axes counted with the batch become axes of the shown shape; the batch axis is refused', () => {
    expect(mapLayer('Dot', { axes: 2, normalize: false }, ctx)).toEqual({
      kind: 'dot',
      params: { axes: [1, 1], normalize: false },
    })
    expect(mapLayer('Dot', { axes: [2, 1], normalize: true }, ctx)).toMatchObject({
      params: { axes: [1, 0], normalize: true },
    })
    expect(mapLayer('Dot', { axes: -1 }, ctx)).toMatchObject({ params: { axes: [-1, -1], normalize: false } })
    expect(mapLayer('Dot', { axes: [0, 1] }, ctx)).toHaveProperty('reason')
    expect(mapLayer('Dot', { axes: -3 }, ctx)).toHaveProperty('reason')
  })
})
