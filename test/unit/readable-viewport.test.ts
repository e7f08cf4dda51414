import { describe, expect, it } from 'vitest'
import { autoLayout } from '../../src/core/graph/layout'
import { MIN_ZOOM, readableViewport, type ViewArea } from '../../src/renderer/src/canvas/readable-viewport'
import { loadTemplate } from './helpers'

const SIZE = { width: 200, height: 86 }
/** The canvas of a 1280×800 window: between the palette and the inspector, above the dock. */
const VIEW: ViewArea = { width: 736, height: 630, minimap: { width: 166, height: 116 } }

const rectsOf = (id: string, direction: 'TB' | 'LR' = 'TB') =>
  autoLayout(loadTemplate(id), { direction }).nodes.map((n) => ({ ...n.position, ...SIZE }))

const toScreen = (
  r: { x: number; y: number; width: number; height: number },
  v: { x: number; y: number; zoom: number },
) => ({
  x: r.x * v.zoom + v.x,
  y: r.y * v.zoom + v.y,
  width: r.width * v.zoom,
  height: r.height * v.zoom,
})
const overlaps = (a: ReturnType<typeof toScreen>, b: ReturnType<typeof toScreen>) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
const minimapBox = { x: VIEW.width - VIEW.minimap!.width, y: VIEW.height - VIEW.minimap!.height, ...VIEW.minimap! }

describe('readableViewport', () => {
  it('shows a small graph whole and centred, clear of the minimap', () => {
    const rects = rectsOf('mlp-mnist')
    const v = readableViewport(rects, VIEW, 'TB')!
    expect(v.zoom).toBeGreaterThanOrEqual(MIN_ZOOM)
    for (const r of rects) {
      const s = toScreen(r, v)
      expect(s.x).toBeGreaterThanOrEqual(0)
      expect(s.y).toBeGreaterThanOrEqual(0)
      expect(s.x + s.width).toBeLessThanOrEqual(VIEW.width)
      expect(s.y + s.height).toBeLessThanOrEqual(VIEW.height)
      expect(overlaps(s, minimapBox)).toBe(false)
    }
  })

  it.each(['alexnet', 'lenet5', 'ddpm-mnist', 'transformer-encoder'])(
    '%s, too big to fit readably, opens at ≥ 0.6 on its first layer, nothing under the minimap',
    (id) => {
      for (const direction of ['TB', 'LR'] as const) {
        const rects = rectsOf(id, direction)
        const v = readableViewport(rects, VIEW, direction)!
        expect(v.zoom).toBeGreaterThanOrEqual(MIN_ZOOM)
        // The start of the flow (the first layer's card) is on screen.
        const first = toScreen(rects[0], v)
        expect(first.x).toBeGreaterThanOrEqual(0)
        expect(first.y).toBeGreaterThanOrEqual(0)
        expect(first.x + first.width).toBeLessThanOrEqual(VIEW.width)
        expect(first.y + first.height).toBeLessThanOrEqual(VIEW.height)
        for (const r of rects) expect(overlaps(toScreen(r, v), minimapBox)).toBe(false)
      }
    },
  )

  it('Fit View (minimum zoom 0.1) shows all of AlexNet, none of it under the minimap', () => {
    const rects = rectsOf('alexnet')
    const v = readableViewport(rects, VIEW, 'TB', 0.1)!
    expect(v.zoom).toBeLessThan(MIN_ZOOM)
    for (const r of rects) {
      const s = toScreen(r, v)
      expect(s.y).toBeGreaterThanOrEqual(0)
      expect(s.y + s.height).toBeLessThanOrEqual(VIEW.height)
      expect(overlaps(s, minimapBox)).toBe(false)
    }
  })

  it('has nothing to fit without nodes or a canvas', () => {
    expect(readableViewport([], VIEW, 'TB')).toBeNull()
    expect(readableViewport([{ x: 0, y: 0, ...SIZE }], { width: 0, height: 0, minimap: null }, 'TB')).toBeNull()
  })
})
