import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'
import { pySides, sidePairs, sidesParam } from './padding-params'

export const cropping2d = defineLayerKind({
  id: 'cropping2d',
  category: 'conv',
  label: { en: 'Cropping2D', 'zh-CN': '二维裁剪' },
  inputs: { min: 1, max: 1 },
  params: {
    cropping: sidesParam(
      { en: 'Cropping', 'zh-CN': '裁剪宽度' },
      {
        en: '[2, 2, 2, 2] turns 28×28 into 24×24; [0, 1, 0, 1] removes the last row and the last column.',
        'zh-CN': '[2, 2, 2, 2] 会把 28×28 变成 24×24；[0, 1, 0, 1] 去掉最后一行和最后一列。',
      },
    ),
  },
  inferShape([input], p) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    const [top, bottom, left, right] = p.cropping
    const [h, w, c] = input
    // tfjs computes an unknown size minus the cropping as a number (null − 2 = −2): refuse it instead.
    if (h === null || w === null) return fail('unknownDim', { got: formatShape(input) })
    // tfjs would build an empty (or negative) feature map without complaint; say so here instead.
    if (top + bottom >= h || left + right >= w) {
      return fail(
        'croppingTooLarge',
        { got: formatShape(input), cropping: p.cropping.join(', ') },
        { type: 'setParam', param: 'cropping', value: [0, 0, 0, 0] },
      )
    }
    return ok([h - top - bottom, w - left - right, c])
  },
  paramCount: () => noParams,
  build: (tf, p, { name }) => tf.layers.cropping2D({ cropping: sidePairs(p.cropping), name }),
  summary: (p) => `−${p.cropping.join(',')}`,
  messages: {
    croppingTooLarge: {
      en: '{layer}: cropping [{cropping}] leaves nothing of a {got} feature map. Crop less.',
      'zh-CN': '{layer}：裁剪 [{cropping}] 会把 {got} 的特征图裁得一点不剩。请减小裁剪宽度。',
    },
  },
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Cropping2D', [], { cropping: pySides(p.cropping), name: pyStr(name) }),
    }),
    pytorch: (p, { outputShape }) => {
      const [top, , left] = p.cropping
      const [h, w] = outputShape as number[]
      return { forward: ([x]) => `${x}[:, :, ${top}:${top + h}, ${left}:${left + w}]`, layout: 'channelsFirst' }
    },
  },
  docs: {
    en: {
      summary:
        'Cuts rows off the top and bottom and columns off the left and right of each feature map (each side ' +
        'its own amount). Nothing is learned.',
      formula: 'H×W×C → (H − top − bottom)×(W − left − right)×C',
      whenToUse:
        'To bring two feature maps to the same size before adding or concatenating them (U-Net skip ' +
        'connections), or to undo padding added earlier.',
    },
    'zh-CN': {
      summary: '从每张特征图的上下各裁掉若干行、左右各裁掉若干列（每一侧可以不同）。不学习任何参数。',
      formula: 'H×W×C → (H − 上 − 下)×(W − 左 − 右)×C',
      whenToUse: '在相加或拼接之前把两张特征图裁成相同尺寸（U-Net 的跳跃连接），或去掉之前补的边。',
    },
  },
})
