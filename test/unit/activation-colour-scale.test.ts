import { describe, expect, it } from 'vitest'
import { colourAt, formatValue, heatPixels, position, scaleFor } from '../../src/renderer/src/inspect/colour-scale'

describe('activation colour scales', () => {
  it('both signs: diverging, symmetric around 0, white at 0, blue below, red above', () => {
    const scale = scaleFor(-0.5, 2)
    expect(scale).toEqual({ kind: 'diverging', low: -2, high: 2 })
    expect(colourAt(scale, 0)).toEqual([247, 247, 247])
    const [rLow, , bLow] = colourAt(scale, -2)
    const [rHigh, , bHigh] = colourAt(scale, 2)
    expect(bLow).toBeGreaterThan(rLow)
    expect(rHigh).toBeGreaterThan(bHigh)
  })

  it('one sign: sequential from its min to its max, dark to bright; values outside are clamped', () => {
    const scale = scaleFor(0, 4)
    expect(scale).toEqual({ kind: 'sequential', low: 0, high: 4 })
    const brightness = (v: number) => colourAt(scale, v).reduce((a, b) => a + b, 0)
    expect(brightness(0)).toBeLessThan(brightness(2))
    expect(brightness(2)).toBeLessThan(brightness(4))
    expect(colourAt(scale, 9)).toEqual(colourAt(scale, 4))
    expect(position(scaleFor(3, 3), 3)).toBe(0.5)
  })

  it('heatPixels colours each value of the block, opaque', () => {
    const scale = scaleFor(0, 1)
    const pixels = heatPixels([9, 0, 1, 9], 1, 1, 2, scale)
    expect(Array.from(pixels)).toEqual([...colourAt(scale, 0), 255, ...colourAt(scale, 1), 255])
  })

  it('formats legend numbers compactly', () => {
    expect([
      formatValue(0),
      formatValue(0.123456),
      formatValue(-12.345),
      formatValue(123456),
      formatValue(0.00001234),
    ]).toEqual(['0', '0.123', '-12.3', '1.23e+5', '1.23e-5'])
  })
})
