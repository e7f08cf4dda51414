import type { ParamValues } from '../../../params/schema'
import type { concatenate } from '../../../layers/kinds/concatenate'
import type { dense } from '../../../layers/kinds/dense'
import { attr } from '../builder'
import { knownDim, optionalWeight, weight, type Converter } from '../converter'
import { applyActivation } from './activation'

/** Dense on the last axis: MatMul (+ Add) works for vectors [N, d] and sequences [N, T, d] alike. */
export const convertDense: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof dense)['params']>
  const kernel = weight(ctx, 'kernel')
  let y = ctx.g.op('MatMul', [ctx.inputs[0], ctx.g.floatConst('kernel', kernel.shape, kernel.data)])
  const bias = optionalWeight(ctx, 'bias')
  if (bias) y = ctx.g.op('Add', [y, ctx.g.floatConst('bias', bias.shape, bias.data)])
  return applyActivation(ctx.g, y, p.activation, { axis: -1 })
}

/**
 * Flatten in tfjs' (channels-last) element order, so the next Dense's kernel rows line up.
 * The value between layers is channels last already, so ONNX Flatten(axis 1) is exact.
 */
export const convertFlatten: Converter = (ctx) => ctx.g.op('Flatten', [ctx.inputs[0]], { axis: attr.i(1) })

export const convertReshape: Converter = (ctx) => {
  // 0 copies the batch dimension from the input; the rest is the resolved target (no -1 left).
  const target = ctx.outputShape.map((d, i) =>
    knownDim(d, { en: `size of output axis ${i + 1}`, 'zh-CN': `输出第 ${i + 1} 轴的长度` }),
  )
  return ctx.g.op('Reshape', [ctx.inputs[0], ctx.g.int64([0, ...target])])
}

/** Embedding = Gather rows of the table; tfjs casts non-int ids to int32 first (truncating). */
export const convertEmbedding: Converter = (ctx) => {
  const table = weight(ctx, 'embeddings')
  const raw = ctx.inputs[0]
  const ids = ctx.g.isInt(raw) ? raw : ctx.g.op('Cast', [raw], { to: attr.i(6) })
  return ctx.g.op('Gather', [ctx.g.floatConst('embeddings', table.shape, table.data), ids], { axis: attr.i(0) })
}

/** Element-wise sum; runs channels first when every input already has a channels-first twin. */
export const convertAdd: Converter = (ctx) => {
  const rank = ctx.outputShape.length + 1
  const twins = rank >= 3 ? ctx.inputs.map((x) => ctx.g.twin(x)) : []
  const first = twins.length > 0 && twins.every((t) => t !== undefined)
  const values = first ? (twins as string[]) : ctx.inputs
  let sum = values[0]
  for (const v of values.slice(1)) sum = ctx.g.op('Add', [sum, v])
  return first ? ctx.g.toChannelsLast(sum, rank) : sum
}

export const convertConcatenate: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof concatenate)['params']>
  const rank = ctx.inputShapes[0].length + 1
  // The param counts axes without the batch; ONNX counts it.
  const axis = (p.axis < 0 ? rank - 1 + p.axis : p.axis) + 1
  const twins = rank >= 3 ? ctx.inputs.map((x) => ctx.g.twin(x)) : []
  if (twins.length > 0 && twins.every((t) => t !== undefined)) {
    const firstAxis = axis === rank - 1 ? 1 : axis + 1
    return ctx.g.toChannelsLast(ctx.g.op('Concat', twins as string[], { axis: attr.i(firstAxis) }), rank)
  }
  return ctx.g.op('Concat', ctx.inputs, { axis: attr.i(axis) })
}
