import { describe, expect, it } from 'vitest'
import { earlyToLateRatio } from '../../../src/core/inspect/time-gradient'

describe('the early-to-late gradient ratio', () => {
  it('first five steps over the last five, on a 30-step sequence', () => {
    const fading = Array.from({ length: 30 }, (_, t) => 0.5 ** (29 - t))
    const result = earlyToLateRatio(fading)
    expect(result?.steps).toBe(5)
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length
    expect(result?.ratio).toBeCloseTo(mean(fading.slice(0, 5)) / mean(fading.slice(25)), 12)
    expect(result!.ratio).toBeLessThan(1e-6)
    expect(earlyToLateRatio(Array(30).fill(0.2))?.ratio).toBeCloseTo(1, 12)
  })

  it('short sequences use fewer steps; nothing to say without a positive late gradient', () => {
    expect(earlyToLateRatio([1, 4])).toEqual({ ratio: 0.25, steps: 1 })
    expect(earlyToLateRatio([3])).toBeNull()
    expect(earlyToLateRatio([1, 0])).toBeNull()
    expect(earlyToLateRatio([1, Number.NaN])).toBeNull()
  })
})
