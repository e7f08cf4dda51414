import type { ParamValues } from '../../../params/schema'
import type { batchNormalization } from '../../../layers/kinds/batch-normalization'
import type { layerNormalization } from '../../../layers/kinds/layer-normalization'
import { attr } from '../builder'
import { knownDim, optionalWeight, weight, type Converter } from '../converter'

/**
 * BatchNorm at inference is a per-channel affine map, folded here into one Mul and one Add:
 * y = x·s + (β − mean·s) with s = γ / √(var + ε). It runs on the last axis, or on the
 * channels-first twin (as [C, 1, 1] constants) between convolutions.
 */
export const convertBatchNormalization: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof batchNormalization)['params']>
  const shape = ctx.inputShapes[0]
  const channels = knownDim(shape[shape.length - 1], { en: 'number of channels', 'zh-CN': '通道数' })
  const gamma = p.scale ? weight(ctx, 'gamma').data : undefined
  const beta = p.center ? weight(ctx, 'beta').data : undefined
  const mean = weight(ctx, 'moving_mean').data
  const variance = weight(ctx, 'moving_variance').data
  const scale = new Float32Array(channels)
  const shift = new Float32Array(channels)
  for (let c = 0; c < channels; c++) {
    const s = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + p.epsilon)
    scale[c] = s
    shift[c] = (beta ? beta[c] : 0) - mean[c] * s
  }
  const rank = shape.length + 1
  const twin = rank >= 3 ? ctx.g.twin(ctx.inputs[0]) : undefined
  const dims = twin ? [channels, ...Array<number>(rank - 2).fill(1)] : [channels]
  const y = ctx.g.op('Add', [
    ctx.g.op('Mul', [twin ?? ctx.inputs[0], ctx.g.floatConst('scale', dims, scale)]),
    ctx.g.floatConst('shift', dims, shift),
  ])
  return twin ? ctx.g.toChannelsLast(y, rank) : y
}

/**
 * LayerNorm over the last axis: the LayerNormalization op from opset 17, below that
 * (x − mean) / √(var + ε) · γ + β from ReduceMean, Sub, Mul, Sqrt and Div (what tfjs computes).
 */
export const convertLayerNormalization: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof layerNormalization)['params']>
  const shape = ctx.inputShapes[0]
  const features = knownDim(shape[shape.length - 1], { en: 'number of features', 'zh-CN': '特征数' })
  const gamma = p.scale ? weight(ctx, 'gamma') : undefined
  const beta = p.center ? optionalWeight(ctx, 'beta') : undefined
  const x = ctx.inputs[0]
  const g = ctx.g
  if (g.opset >= 17) {
    const scale = g.floatConst('gamma', [features], gamma ? gamma.data : new Float32Array(features).fill(1))
    const inputs = beta ? [x, scale, g.floatConst('beta', [features], beta.data)] : [x, scale]
    return g.op('LayerNormalization', inputs, { axis: attr.i(-1), epsilon: attr.f(p.epsilon) })
  }
  const mean = g.op('ReduceMean', [x], { axes: attr.ints([-1]), keepdims: attr.i(1) })
  const centred = g.op('Sub', [x, mean])
  const variance = g.op('ReduceMean', [g.op('Mul', [centred, centred])], { axes: attr.ints([-1]), keepdims: attr.i(1) })
  let y = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, g.scalar(p.epsilon)])])])
  if (gamma) y = g.op('Mul', [y, g.floatConst('gamma', [features], gamma.data)])
  if (beta) y = g.op('Add', [y, g.floatConst('beta', [features], beta.data)])
  return y
}
