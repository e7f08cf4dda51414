import type { ParamValues } from '../../../params/schema'
import type { conv1d } from '../../../layers/kinds/conv1d'
import type { conv2d } from '../../../layers/kinds/conv2d'
import type { conv2dTranspose } from '../../../layers/kinds/conv2d-transpose'
import type { pool2dParams } from '../../../layers/kinds/max-pool2d'
import type { upSampling2d } from '../../../layers/kinds/up-sampling2d'
import type { zeroPadding2d } from '../../../layers/kinds/zero-padding2d'
import type { Dim } from '../../../shapes/shape'
import type { AttributeValue } from '../proto'
import { attr, transposeData } from '../builder'
import { knownDim, optionalWeight, weight, type ConvertContext, type Converter } from '../converter'
import { applyActivation } from './activation'

/**
 * Convolutions and pooling run channels first (ONNX's layout) between a Transpose in and a
 * Transpose out; consecutive layers share them (see OnnxGraph.toChannelsFirst).
 */

/**
 * TF's 'same' padding along one axis: out = ceil(in / stride) and the odd pixel goes at the end
 * (ONNX's SAME_UPPER). Explicit pads when the size is known; auto_pad otherwise.
 */
function samePads(sizes: Dim[], kernel: number[], strides: number[]): { pads: number[] } | { autoPad: true } {
  if (sizes.some((d) => d === null)) return { autoPad: true }
  const begin: number[] = []
  const end: number[] = []
  sizes.forEach((d, i) => {
    const size = d as number
    const out = Math.ceil(size / strides[i])
    const total = Math.max((out - 1) * strides[i] + kernel[i] - size, 0)
    begin.push(Math.floor(total / 2))
    end.push(total - Math.floor(total / 2))
  })
  return { pads: [...begin, ...end] }
}

export function padAttributes(
  padding: 'valid' | 'same',
  sizes: Dim[],
  kernel: number[],
  strides: number[],
): Record<string, AttributeValue> {
  if (padding === 'valid') return { pads: attr.ints(kernel.map(() => 0).concat(kernel.map(() => 0))) }
  const same = samePads(sizes, kernel, strides)
  return 'pads' in same ? { pads: attr.ints(same.pads) } : { auto_pad: attr.s('SAME_UPPER') }
}

function convCommon(
  ctx: ConvertContext,
  kernelPerm: number[],
  kernelSize: number[],
  strides: number[],
  padding: 'valid' | 'same',
  act: Parameters<typeof applyActivation>[2],
): string {
  const rank = ctx.inputShapes[0].length + 1
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], rank)
  const kernel = weight(ctx, 'kernel')
  const dims = kernelPerm.map((i) => kernel.shape[i])
  const inputs = [x, ctx.g.floatConst('kernel', dims, transposeData(kernel.data, kernel.shape, kernelPerm))]
  const bias = optionalWeight(ctx, 'bias')
  if (bias) inputs.push(ctx.g.floatConst('bias', bias.shape, bias.data))
  const sizes = ctx.inputShapes[0].slice(0, -1)
  const y = ctx.g.op('Conv', inputs, {
    kernel_shape: attr.ints(kernelSize),
    strides: attr.ints(strides),
    dilations: attr.ints(kernelSize.map(() => 1)),
    group: attr.i(1),
    ...padAttributes(padding, [...sizes], kernelSize, strides),
  })
  return ctx.g.toChannelsLast(applyActivation(ctx.g, y, act, { axis: 1 }), rank)
}

/** tf kernel [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
export const convertConv2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof conv2d)['params']>
  return convCommon(ctx, [3, 2, 0, 1], [...p.kernelSize], [...p.strides], p.padding, p.activation)
}

/** tf kernel [k, in, out] → ONNX [out, in, k]. */
export const convertConv1d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof conv1d)['params']>
  return convCommon(ctx, [2, 1, 0], [p.kernelSize], [p.strides], p.padding, p.activation)
}

/**
 * Conv2DTranspose. tf kernel [kh, kw, out, in] → ONNX [in, out, kh, kw]. tfjs' output size is
 * in·stride ('same') or in·stride + max(k − stride, 0) ('valid'); the full transposed
 * convolution is (in − 1)·stride + k, so 'same' crops max(k − stride, 0) (the smaller half at the
 * start, as TF pads the forward conv) and output_padding adds the rows a kernel smaller than
 * the stride leaves out.
 */
export const convertConv2dTranspose: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof conv2dTranspose)['params']>
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], 4)
  const kernel = weight(ctx, 'kernel')
  const perm = [3, 2, 0, 1]
  const inputs = [
    x,
    ctx.g.floatConst(
      'kernel',
      perm.map((i) => kernel.shape[i]),
      transposeData(kernel.data, kernel.shape, perm),
    ),
  ]
  const bias = optionalWeight(ctx, 'bias')
  if (bias) inputs.push(ctx.g.floatConst('bias', bias.shape, bias.data))
  const begin: number[] = []
  const end: number[] = []
  const outputPadding: number[] = []
  for (let i = 0; i < 2; i++) {
    const size = knownDim(
      ctx.inputShapes[0][i],
      i === 0 ? { en: 'input height', 'zh-CN': '输入高度' } : { en: 'input width', 'zh-CN': '输入宽度' },
    )
    const k = p.kernelSize[i]
    const s = p.strides[i]
    const full = (size - 1) * s + k
    const target = p.padding === 'same' ? size * s : size * s + Math.max(k - s, 0)
    const crop = p.padding === 'same' ? Math.max(k - s, 0) : 0
    begin.push(Math.floor(crop / 2))
    end.push(crop - Math.floor(crop / 2))
    outputPadding.push(target - (full - crop))
  }
  const y = ctx.g.op('ConvTranspose', inputs, {
    kernel_shape: attr.ints([...p.kernelSize]),
    strides: attr.ints([...p.strides]),
    dilations: attr.ints([1, 1]),
    group: attr.i(1),
    pads: attr.ints([...begin, ...end]),
    output_padding: attr.ints(outputPadding),
  })
  return ctx.g.toChannelsLast(applyActivation(ctx.g, y, p.activation, { axis: 1 }), 4)
}

function pool(ctx: ConvertContext, opType: 'MaxPool' | 'AveragePool'): string {
  const p = ctx.params as ParamValues<typeof pool2dParams>
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], 4)
  const kernel = [...p.poolSize]
  const strides = [...p.strides]
  const y = ctx.g.op(opType, [x], {
    kernel_shape: attr.ints(kernel),
    strides: attr.ints(strides),
    ceil_mode: attr.i(0),
    // TF averages over the real pixels only at the borders of 'same' windows.
    ...(opType === 'AveragePool' ? { count_include_pad: attr.i(0) } : {}),
    ...padAttributes(p.padding, [...ctx.inputShapes[0].slice(0, 2)], kernel, strides),
  })
  return ctx.g.toChannelsLast(y, 4)
}

export const convertMaxPool2d: Converter = (ctx) => pool(ctx, 'MaxPool')
export const convertAvgPool2d: Converter = (ctx) => pool(ctx, 'AveragePool')

export const convertGlobalAvgPool2d: Converter = (ctx) => {
  const twin = ctx.g.twin(ctx.inputs[0])
  if (twin) return ctx.g.op('Flatten', [ctx.g.op('GlobalAveragePool', [twin])], { axis: attr.i(1) })
  return ctx.g.op('ReduceMean', [ctx.inputs[0]], { axes: attr.ints([1, 2]), keepdims: attr.i(0) })
}

/** GlobalMaxPool where the input is already channels-first (its twin), else ReduceMax over H and W. */
export const convertGlobalMaxPool2d: Converter = (ctx) => {
  const twin = ctx.g.twin(ctx.inputs[0])
  if (twin) return ctx.g.op('Flatten', [ctx.g.op('GlobalMaxPool', [twin])], { axis: attr.i(1) })
  return ctx.g.op('ReduceMax', [ctx.inputs[0]], { axes: attr.ints([1, 2]), keepdims: attr.i(0) })
}

export const convertZeroPadding2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof zeroPadding2d)['params']>
  const [top, bottom, left, right] = p.padding
  const twin = ctx.g.twin(ctx.inputs[0])
  // ONNX pads = all axes' begins, then all axes' ends.
  if (twin) return ctx.g.toChannelsLast(ctx.g.op('Pad', [twin, ctx.g.int64([0, 0, top, left, 0, 0, bottom, right])]), 4)
  return ctx.g.op('Pad', [ctx.inputs[0], ctx.g.int64([0, top, left, 0, 0, bottom, right, 0])])
}

/**
 * UpSampling2D. tfjs calls resizeNearestNeighbor / resizeBilinear with alignCorners = false and
 * halfPixelCenters = false: source = destination / scale, i.e. ONNX's 'asymmetric' coordinates
 * (nearest rounds down, as TF's legacy kernel does).
 */
export const convertUpSampling2d: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof upSampling2d)['params']>
  const x = ctx.g.toChannelsFirst(ctx.inputs[0], 4)
  const scales = ctx.g.floatConst('scales', [4], [1, 1, p.size[0], p.size[1]])
  const y = ctx.g.op('Resize', [x, '', scales], {
    mode: attr.s(p.interpolation === 'nearest' ? 'nearest' : 'linear'),
    coordinate_transformation_mode: attr.s('asymmetric'),
    ...(p.interpolation === 'nearest' ? { nearest_mode: attr.s('floor') } : {}),
  })
  return ctx.g.toChannelsLast(y, 4)
}
