import type { ParamValues } from '../../../params/schema'
import type { cropping2d } from '../../../layers/kinds/cropping2d'
import { dotAxes, type dot } from '../../../layers/kinds/dot'
import { attr } from '../builder'
import { knownDim, type Converter } from '../converter'
import type { OnnxGraph } from '../builder'

/**
 * Cropping2D, GlobalAvg/MaxPool1D and Dot: kinds that only move, reduce or multiply their inputs.
 * Opset 13–17: Reduce* still take their axes as an attribute (ReduceSum as an input).
 */

/** Cropping2D = Slice over H and W; on the channels-first twin when the input has one (after a conv). */
export const convertCropping2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof cropping2d)['params']>
  const [top, , left] = p.cropping
  const [h, w] = ctx.outputShape.map((d, i) =>
    knownDim(d, { en: `size of output axis ${i + 1}`, 'zh-CN': `输出第 ${i + 1} 轴的长度` }),
  )
  const starts = ctx.g.int64([top, left])
  const ends = ctx.g.int64([top + h, left + w])
  const twin = ctx.g.twin(ctx.inputs[0])
  if (twin) return ctx.g.toChannelsLast(ctx.g.op('Slice', [twin, starts, ends, ctx.g.int64([2, 3])]), 4)
  return ctx.g.op('Slice', [ctx.inputs[0], starts, ends, ctx.g.int64([1, 2])])
}

/** [N, T, C] → [N, C]: the mean over the timesteps. */
export const convertGlobalAvgPool1d: Converter = (ctx) =>
  ctx.g.op('ReduceMean', [ctx.inputs[0]], { axes: attr.ints([1]), keepdims: attr.i(0) })

/** [N, T, C] → [N, C]: the largest value over the timesteps. */
export const convertGlobalMaxPool1d: Converter = (ctx) =>
  ctx.g.op('ReduceMax', [ctx.inputs[0]], { axes: attr.ints([1]), keepdims: attr.i(0) })

/** tfjs' l2Normalize: x / sqrt(max(Σ x² along the axis, 1e-7)). */
function l2Normalize(g: OnnxGraph, x: string, axis: number): string {
  const squares = g.op('ReduceSumSquare', [x], { axes: attr.ints([axis]), keepdims: attr.i(1) })
  return g.op('Div', [x, g.op('Sqrt', [g.op('Max', [squares, g.scalar(1e-7)])])])
}

/**
 * Dot with tfjs' batchDot semantics: vectors [N, n] → Σ a·b as [N, 1]; sequences [N, p, q] →
 * MatMul, transposing the first input when its summed axis is not the last and the second when
 * its summed axis is the last (tfjs' matMul(x, y, transposeX, transposeY)).
 */
export const convertDot: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof dot)['params']>
  const [x, y] = dotAxes(ctx.inputShapes, p) ?? [0, 0]
  let [a, b] = ctx.inputs
  if (p.normalize) {
    a = l2Normalize(ctx.g, a, x + 1)
    b = l2Normalize(ctx.g, b, y + 1)
  }
  if (ctx.inputShapes[0].length === 1)
    return ctx.g.op('ReduceSum', [ctx.g.op('Mul', [a, b]), ctx.g.int64([1])], { keepdims: attr.i(1) })
  const left = x === 0 ? ctx.g.transpose(a, [0, 2, 1]) : a
  const right = y === 1 ? ctx.g.transpose(b, [0, 2, 1]) : b
  return ctx.g.op('MatMul', [left, right])
}
