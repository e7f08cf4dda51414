import { defineLayerKind, fail, noParams, ok, type ShapeResult } from '../kind'
import type { ParamValues } from '../../params/schema'
import { convOutputLength, formatShape, type Shape } from '../../shapes/shape'
import { paddingParam, poolSizeParam, stridesParam } from './conv-params'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'
import { poolPads } from '../../codegen/python/padding'

/** Params shared with AvgPool2D. Strides default to the pool size, so windows do not overlap. */
export const pool2dParams = {
  poolSize: poolSizeParam,
  strides: { ...stridesParam, default: [2, 2] },
  padding: paddingParam,
}

/** Output shape of a 2-D pooling window, shared with AvgPool2D. */
export function pool2dShape(input: Shape, p: ParamValues<typeof pool2dParams>): ShapeResult {
  if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
  const [h, w, c] = input
  const [ph, pw] = p.poolSize
  if (p.padding === 'valid' && ((h !== null && ph > h) || (w !== null && pw > w))) {
    return fail(
      'kernelTooLarge',
      { kernel: `${ph}×${pw}`, input: formatShape(input) },
      { type: 'setParam', param: 'padding', value: 'same' },
    )
  }
  const out = [convOutputLength(h, ph, p.strides[0], p.padding), convOutputLength(w, pw, p.strides[1], p.padding), c]
  // Unreachable with the check above, kept so a future param (e.g. dilation) cannot yield 0-sized maps.
  if (out.some((d) => d !== null && d <= 0)) return fail('outputEmpty', { got: formatShape(out) })
  return ok(out)
}

export const poolSummary = (p: ParamValues<typeof pool2dParams>) =>
  `${p.poolSize.join('×')}${p.strides[0] !== p.poolSize[0] || p.strides[1] !== p.poolSize[1] ? ` /${p.strides.join('×')}` : ''}`

export const maxPool2d = defineLayerKind({
  id: 'maxPool2d',
  category: 'pool',
  label: { en: 'MaxPool2D', 'zh-CN': '二维最大池化' },
  inputs: { min: 1, max: 1 },
  params: pool2dParams,
  inferShape: ([input], p) => pool2dShape(input, p),
  paramCount: () => noParams,
  build: (tf, p, { name }) =>
    tf.layers.maxPooling2d({
      poolSize: [p.poolSize[0], p.poolSize[1]],
      strides: [p.strides[0], p.strides[1]],
      padding: p.padding,
      name,
    }),
  summary: poolSummary,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.MaxPooling2D', [], {
        pool_size: pyTuple(p.poolSize),
        strides: pyTuple(p.strides),
        padding: pyStr(p.padding),
        name: pyStr(name),
      }),
    }),
    // TF's 'same' pads unevenly; padding with −inf leaves the maximum of the real cells.
    pytorch: (p, { inputShapes: [input] }) => {
      const pads = poolPads(input, p)
      const args = [pyTuple(p.poolSize), pyTuple(p.strides)]
      if (pads === null)
        return { module: pyCall('nn.MaxPool2d', args), forward: ([x], m) => `${m}(${x})`, layout: 'channelsFirst' }
      return {
        forward: ([x]) => `F.max_pool2d(F.pad(${x}, ${pyTuple(pads)}, value=float("-inf")), ${args.join(', ')})`,
        layout: 'channelsFirst',
      }
    },
  },
  docs: {
    en: {
      summary:
        'Keeps only the largest value in each small window of every feature map, shrinking the image (2×2 windows halve height and width). Nothing is learned.',
      formula: 'y[i, j, c] = max_{u<p_h, v<p_w} x[i·s_h + u, j·s_w + v, c]',
      whenToUse:
        'Between convolution blocks of a CNN: it cuts computation and makes the network care whether a feature is present, not exactly where.',
    },
    'zh-CN': {
      summary: '在每张特征图的每个小窗口里只保留最大值，从而缩小图像（2×2 窗口让高和宽各减半）。不学习任何参数。',
      formula: 'y[i, j, c] = max_{u<p_h, v<p_w} x[i·s_h + u, j·s_w + v, c]',
      whenToUse: '放在卷积网络的各个卷积块之间：减少计算量，并让网络关心特征“有没有出现”，而不是“精确出现在哪里”。',
    },
  },
})
