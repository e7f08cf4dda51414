import { describe, expect, it } from 'vitest'
import { nearestFreeSlot } from '../../src/core/graph/placement'

const SIZE = { width: 200, height: 86 }
const card = (x: number, y: number) => ({ x, y, ...SIZE })
const clear = (p: { x: number; y: number }, obstacles: ReturnType<typeof card>[], gap: number) =>
  obstacles.every(
    (r) =>
      p.x >= r.x + r.width + gap ||
      r.x >= p.x + SIZE.width + gap ||
      p.y >= r.y + r.height + gap ||
      r.y >= p.y + SIZE.height + gap,
  )

describe('nearestFreeSlot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(nearestFreeSlot([card(0, 0)], SIZE, { x: 400, y: 0 })).toEqual({ x: 400, y: 0 })
    expect(nearestFreeSlot([], SIZE, { x: 5, y: 7 })).toEqual({ x: 5, y: 7 })
  })

  it('moves a layer dropped on another one flush beside it, keeping the gap', () => {
    const obstacles = [card(0, 0)]
    const slot = nearestFreeSlot(obstacles, SIZE, { x: 10, y: 10 }, 24)
    expect(clear(slot, obstacles, 24)).toBe(true)
    // The nearest side: below (86 + 24 - 10 = 100 away) beats the right (200 + 24 - 10 = 214).
    expect(slot).toEqual({ x: 10, y: 110 })
  })

  it('finds the free spot between layers of a crowded column, not far away', () => {
    // A column of cards 150 apart except one gap of 300 (room for one card with 24 around it).
    const obstacles = [card(0, 0), card(0, 150), card(0, 300), card(0, 600), card(0, 750)]
    const slot = nearestFreeSlot(obstacles, SIZE, { x: 0, y: 300 }, 24)
    expect(clear(slot, obstacles, 24)).toBe(true)
    expect(slot).toEqual({ x: 0, y: 410 })
  })

  it('never returns an occupied spot, even in a dense grid', () => {
    const obstacles = []
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) obstacles.push(card(i * 210, j * 90))
    const slot = nearestFreeSlot(obstacles, SIZE, { x: 3000, y: 1300 }, 24)
    expect(clear(slot, obstacles, 24)).toBe(true)
  })
})
