import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'
import { pySides, resize, sidePairs, sidesParam } from './padding-params'

export const zeroPadding2d = defineLayerKind({
  id: 'zeroPadding2d',
  category: 'conv',
  label: { en: 'ZeroPadding2D', 'zh-CN': '二维补零' },
  inputs: { min: 1, max: 1 },
  // Version 2: `padding` went from symmetric [rows, columns] to [top, bottom, left, right].
  version: 2,
  migrations: {
    1: (params) => {
      const old = params.padding
      if (!Array.isArray(old) || old.length !== 2) return params // validation reports anything else
      return { ...params, padding: [old[0], old[0], old[1], old[1]] }
    },
  },
  params: {
    padding: sidesParam(
      { en: 'Padding', 'zh-CN': '补零宽度' },
      {
        en: '[1, 1, 1, 1] turns 28×28 into 30×30; [0, 1, 0, 1] adds one row at the bottom and one column at the right.',
        'zh-CN': '[1, 1, 1, 1] 会把 28×28 变成 30×30；[0, 1, 0, 1] 只在底部补一行、在右侧补一列。',
      },
    ),
  },
  inferShape([input], p) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    const [top, bottom, left, right] = p.padding
    const [h, w, c] = input
    return ok([resize(h, top + bottom), resize(w, left + right), c])
  },
  paramCount: () => noParams,
  build: (tf, p, { name }) => tf.layers.zeroPadding2d({ padding: sidePairs(p.padding), name }),
  summary: (p) => `+${p.padding.join(',')}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.ZeroPadding2D', [], { padding: pySides(p.padding), name: pyStr(name) }),
    }),
    pytorch: (p) => {
      const [top, bottom, left, right] = p.padding
      // F.pad lists the last axis first: (left, right, top, bottom) on [N, C, H, W].
      return { forward: ([x]) => `F.pad(${x}, (${left}, ${right}, ${top}, ${bottom}))`, layout: 'channelsFirst' }
    },
  },
  docs: {
    en: {
      summary:
        'Adds a border of zeros around each image (and each channel), possibly more on one side than on the ' +
        'other. Nothing is learned.',
      formula: 'H×W×C → (H + top + bottom)×(W + left + right)×C',
      whenToUse:
        'Before a valid-padded convolution or pooling, to control exactly how much the image shrinks, or to keep ' +
        'pixels at the border from being under-used. MobileNet pads [0, 1, 0, 1] before each stride-2 convolution.',
    },
    'zh-CN': {
      summary: '在每张图像（每个通道）四周补零，两侧的宽度可以不同。不学习任何参数。',
      formula: 'H×W×C → (H + 上 + 下)×(W + 左 + 右)×C',
      whenToUse:
        '放在 valid 填充的卷积或池化之前，精确控制图像缩小多少，或避免边缘像素被利用得太少。' +
        'MobileNet 在每个步长为 2 的卷积前补 [0, 1, 0, 1]。',
    },
  },
})
