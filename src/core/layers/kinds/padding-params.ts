import { p } from '../../params/schema'
import type { Dim } from '../../shapes/shape'
import { pyTuple } from '../../codegen/python/literal'

/**
 * ZeroPadding2D and Cropping2D both take four amounts, [top, bottom, left, right]: Keras'
 * `((top, bottom), (left, right))` flattened, so an asymmetric border (MobileNet's [[0, 1], [0, 1]])
 * is as easy to write as a symmetric one.
 */
export function sidesParam(what: { en: string; 'zh-CN': string }, example: { en: string; 'zh-CN': string }) {
  return p.ints({
    default: [1, 1, 1, 1],
    minLength: 4,
    maxLength: 4,
    min: 0,
    key: true,
    label: what,
    help: {
      en:
        '[top, bottom, left, right]: rows at the top and at the bottom, columns at the left and at the right. ' +
        example.en,
      'zh-CN': `[上, 下, 左, 右]：顶部和底部各几行，左侧和右侧各几列。${example['zh-CN']}`,
    },
  })
}

export type Sides = readonly number[]

/** Keras' `((top, bottom), (left, right))`. */
export function sidePairs([top, bottom, left, right]: Sides): [[number, number], [number, number]] {
  return [
    [top, bottom],
    [left, right],
  ]
}

export const isSymmetric = ([top, bottom, left, right]: Sides): boolean => top === bottom && left === right

/**
 * The Keras / tfjs `padding` or `cropping` argument as Python: `(h, w)` when each axis is the same on both
 * sides (what exports wrote before asymmetric sides existed), else `((top, bottom), (left, right))`.
 */
export function pySides(sides: Sides): string {
  if (isSymmetric(sides)) return pyTuple([sides[0], sides[2]])
  const [h, w] = sidePairs(sides)
  return `(${pyTuple(h)}, ${pyTuple(w)})`
}

/** A size changed by the amounts on both of its sides (+ pads, − crops); unknown stays unknown. */
export const resize = (d: Dim, delta: number): Dim => (d === null ? null : d + delta)
