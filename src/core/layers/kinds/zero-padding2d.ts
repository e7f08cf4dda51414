import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape, type Dim } from '../../shapes/shape'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'

const grow = (d: Dim, pad: number): Dim => (d === null ? null : d + 2 * pad)

export const zeroPadding2d = defineLayerKind({
  id: 'zeroPadding2d',
  category: 'conv',
  label: { en: 'ZeroPadding2D', 'zh-CN': '二维补零' },
  inputs: { min: 1, max: 1 },
  params: {
    // Symmetric only (same amount on both sides), which is what almost every network needs.
    padding: p.ints({
      default: [1, 1],
      minLength: 2,
      maxLength: 2,
      min: 0,
      key: true,
      label: { en: 'Padding', 'zh-CN': '补零宽度' },
      help: {
        en: 'Rows of zeros added at the top and at the bottom × columns added at the left and at the right. [1, 1] turns 28×28 into 30×30.',
        'zh-CN': '上下各补几行零 × 左右各补几列零。[1, 1] 会把 28×28 变成 30×30。',
      },
    }),
  },
  inferShape([input], p) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    const [h, w, c] = input
    return ok([grow(h, p.padding[0]), grow(w, p.padding[1]), c])
  },
  paramCount: () => noParams,
  build: (tf, p, { name }) => tf.layers.zeroPadding2d({ padding: [p.padding[0], p.padding[1]], name }),
  summary: (p) => `+${p.padding.join('×')}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.ZeroPadding2D', [], { padding: pyTuple(p.padding), name: pyStr(name) }),
    }),
    pytorch: (p) => {
      const [h, w] = p.padding
      return { forward: ([x]) => `F.pad(${x}, (${w}, ${w}, ${h}, ${h}))`, layout: 'channelsFirst' }
    },
  },
  docs: {
    en: {
      summary: 'Adds a border of zeros around each image (and each channel). Nothing is learned.',
      formula: 'H×W×C → (H + 2·p_h)×(W + 2·p_w)×C',
      whenToUse:
        'Before a valid-padded convolution or pooling, to control exactly how much the image shrinks, or to keep pixels at the border from being under-used.',
    },
    'zh-CN': {
      summary: '在每张图像（每个通道）四周补上一圈零。不学习任何参数。',
      formula: 'H×W×C → (H + 2·p_h)×(W + 2·p_w)×C',
      whenToUse: '放在 valid 填充的卷积或池化之前，精确控制图像缩小多少，或避免边缘像素被利用得太少。',
    },
  },
})
