import type { ParamValues } from '../../../params/schema'
import type { condition } from '../../../layers/kinds/condition'
import type { groupNormalization } from '../../../layers/kinds/group-normalization'
import type { timestepEmbedding } from '../../../layers/kinds/timestep-embedding'
import { timestepFrequencies } from '../../../layers/custom/timestep-embedding'
import { attr } from '../builder'
import { knownDim, weight, type Converter } from '../converter'

/**
 * The sinusoidal timestep embedding (src/core/layers/custom/timestep-embedding.ts):
 * t [N, 1] → [sin(t·f_0) … sin(t·f_{h−1}), cos(t·f_0) … cos(t·f_{h−1})] with the same float32
 * frequency table as tfjs, as Reshape, Mul, Sin, Cos and Concat.
 */
export const convertTimestepEmbedding: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof timestepEmbedding)['params']>
  const g = ctx.g
  const half = Math.floor(p.dim / 2)
  const t = g.op('Reshape', [ctx.inputs[0], g.int64([-1, 1])])
  const angles = g.op('Mul', [t, g.floatConst('frequencies', [1, half], timestepFrequencies(p.dim, p.maxPeriod))])
  return g.op('Concat', [g.op('Sin', [angles]), g.op('Cos', [angles])], { axis: attr.i(-1) })
}

/**
 * Condition (src/core/layers/custom/condition.ts): the vector v [N, C] or [N, 2C] is reshaped
 * to [N, 1, …, 1, ·] so it broadcasts over every position of x [N, …, C] (channels last).
 *   add:  y = x + v
 *   film: y = x · (1 + γ) + β with γ = v[:, :C], β = v[:, C:]
 */
export const convertCondition: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof condition)['params']>
  const g = ctx.g
  const [x, v] = ctx.inputs
  const shape = ctx.inputShapes[0]
  const ones = Array<number>(shape.length - 1).fill(1)
  const at = (t: string) => g.op('Reshape', [t, g.int64([0, ...ones, -1])])
  if (p.mode === 'add') return g.op('Add', [x, at(v)])
  const channels = knownDim(shape[shape.length - 1], { en: 'number of channels', 'zh-CN': '通道数' })
  const axes = g.int64([1])
  const gamma = g.op('Slice', [v, g.int64([0]), g.int64([channels]), axes])
  const beta = g.op('Slice', [v, g.int64([channels]), g.int64([2 * channels]), axes])
  return g.op('Add', [g.op('Mul', [x, g.op('Add', [g.scalar(1), at(gamma)])]), at(beta)])
}

/**
 * GroupNormalization (src/core/layers/custom/group-normalization.ts, as Keras 3): x [N, …, C]
 * is reshaped to [N, positions, G, C/G]; mean and (biased) variance over axes 1 and 3;
 * (x − μ) / √(σ² + ε), back to x's shape, then · γ + β per channel. The ONNX
 * GroupNormalization op needs opset 18 (and differs in its scale's layout), so it is composed
 * from ReduceMean, Sub, Mul, Sqrt and Div, as for LayerNorm below opset 17.
 */
export const convertGroupNormalization: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof groupNormalization)['params']>
  const g = ctx.g
  const x = ctx.inputs[0]
  const shape = ctx.inputShapes[0]
  const channels = knownDim(shape[shape.length - 1], { en: 'number of channels', 'zh-CN': '通道数' })
  const grouped = g.op('Reshape', [x, g.int64([0, -1, p.groups, channels / p.groups])])
  const reduce = (t: string) => g.op('ReduceMean', [t], { axes: attr.ints([1, 3]), keepdims: attr.i(1) })
  const centred = g.op('Sub', [grouped, reduce(grouped)])
  const variance = reduce(g.op('Mul', [centred, centred]))
  const normalised = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, g.scalar(p.epsilon)])])])
  let y = g.op('Reshape', [normalised, g.op('Shape', [x])])
  if (p.scale) y = g.op('Mul', [y, g.floatConst('gamma', [channels], weight(ctx, 'gamma').data)])
  if (p.center) y = g.op('Add', [y, g.floatConst('beta', [channels], weight(ctx, 'beta').data)])
  return y
}
