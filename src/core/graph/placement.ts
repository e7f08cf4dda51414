import type { Position } from '../document/types'
import type { Rect } from './groups'

export interface Size {
  width: number
  height: number
}

/** Candidates come from the obstacles nearest the wanted spot (bounded work on huge graphs). */
const NEAREST = 48
const MAX_CHECKS = 4000

const overlaps = (a: Rect, b: Rect, gap: number) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap

function distanceToRect(p: Position, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width))
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height))
  return Math.hypot(dx, dy)
}

/**
 * The top-left corner nearest to `wanted` where a box of `size` keeps at least `gap` from every
 * obstacle (the layers and group frames already on the canvas), so a new layer never lands on
 * top of another. Candidates are `wanted` itself and the spots flush beside, above and below
 * the nearby obstacles (and their combinations); when none is free, the spot below everything.
 */
export function nearestFreeSlot(obstacles: readonly Rect[], size: Size, wanted: Position, gap = 24): Position {
  const fits = (p: Position) => {
    const box = { x: p.x, y: p.y, width: size.width, height: size.height }
    for (const r of obstacles) if (overlaps(box, r, gap)) return false
    return true
  }
  if (fits(wanted)) return wanted
  const centre = { x: wanted.x + size.width / 2, y: wanted.y + size.height / 2 }
  const near = [...obstacles]
    .map((r) => ({ r, d: distanceToRect(centre, r) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, NEAREST)
    .map(({ r }) => r)
  const xs = new Set([wanted.x])
  const ys = new Set([wanted.y])
  for (const r of near) {
    xs.add(r.x + r.width + gap)
    xs.add(r.x - size.width - gap)
    xs.add(r.x)
    ys.add(r.y + r.height + gap)
    ys.add(r.y - size.height - gap)
    ys.add(r.y)
  }
  const candidates: Position[] = []
  for (const x of xs) for (const y of ys) candidates.push({ x, y })
  candidates.sort((a, b) => Math.hypot(a.x - wanted.x, a.y - wanted.y) - Math.hypot(b.x - wanted.x, b.y - wanted.y))
  for (let i = 0; i < candidates.length && i < MAX_CHECKS; i++) if (fits(candidates[i])) return candidates[i]
  let bottom = -Infinity
  for (const r of obstacles) bottom = Math.max(bottom, r.y + r.height)
  return { x: wanted.x, y: bottom + gap }
}
