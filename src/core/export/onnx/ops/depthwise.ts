import type { ParamValues } from '../../../params/schema'
import type { depthwiseConv2d } from '../../../layers/kinds/depthwise-conv2d'
import type { separableConv2d } from '../../../layers/kinds/separable-conv2d'
import { attr, transposeData } from '../builder'
import { optionalWeight, weight, type ConvertContext, type Converter } from '../converter'
import { applyActivation } from './activation'
import { padAttributes } from './conv'

/**
 * The depthwise step as an ONNX Conv with group = C on the channels-first value: tfjs' kernel
 * [kh, kw, C, M] transposed to [C, M, kh, kw] is, read flat, ONNX's [C·M, 1, kh, kw] (output
 * channel c·M + m, as TF orders them).
 */
function depthwiseConv(
  ctx: ConvertContext,
  x: string,
  p: { kernelSize: readonly number[]; strides: readonly number[]; padding: 'valid' | 'same'; depthMultiplier: number },
  bias: string | undefined,
): string {
  const kernel = weight(ctx, 'depthwise_kernel')
  const [kh, kw, channels, multiplier] = kernel.shape
  const data = transposeData(kernel.data, kernel.shape, [2, 3, 0, 1])
  const inputs = [x, ctx.g.floatConst('depthwise_kernel', [channels * multiplier, 1, kh, kw], data)]
  if (bias) inputs.push(bias)
  return ctx.g.op('Conv', inputs, {
    kernel_shape: attr.ints([kh, kw]),
    strides: attr.ints([...p.strides]),
    dilations: attr.ints([1, 1]),
    group: attr.i(channels),
    ...padAttributes(p.padding, ctx.inputShapes[0].slice(0, 2), [kh, kw], [...p.strides]),
  })
}

function biasConst(ctx: ConvertContext): string | undefined {
  const bias = optionalWeight(ctx, 'bias')
  return bias ? ctx.g.floatConst('bias', bias.shape, bias.data) : undefined
}

export const convertDepthwiseConv2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof depthwiseConv2d)['params']>
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], 4)
  const y = depthwiseConv(ctx, x, p, biasConst(ctx))
  return ctx.g.toChannelsLast(applyActivation(ctx.g, y, p.activation, { axis: 1 }), 4)
}

/** Two Convs, as Keras defines the layer: depthwise (no bias), then 1×1 pointwise with the bias. */
export const convertSeparableConv2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof separableConv2d)['params']>
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], 4)
  const depthwise = depthwiseConv(ctx, x, p, undefined)
  // tf pointwise kernel [1, 1, C·M, F] → ONNX [F, C·M, 1, 1].
  const pointwise = weight(ctx, 'pointwise_kernel')
  const perm = [3, 2, 0, 1]
  const inputs = [
    depthwise,
    ctx.g.floatConst(
      'pointwise_kernel',
      perm.map((i) => pointwise.shape[i]),
      transposeData(pointwise.data, pointwise.shape, perm),
    ),
  ]
  const bias = biasConst(ctx)
  if (bias) inputs.push(bias)
  const y = ctx.g.op('Conv', inputs, {
    kernel_shape: attr.ints([1, 1]),
    strides: attr.ints([1, 1]),
    dilations: attr.ints([1, 1]),
    group: attr.i(1),
    pads: attr.ints([0, 0, 0, 0]),
  })
  return ctx.g.toChannelsLast(applyActivation(ctx.g, y, p.activation, { axis: 1 }), 4)
}
