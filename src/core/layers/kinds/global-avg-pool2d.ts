import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const globalAvgPool2d = defineLayerKind({
  id: 'globalAvgPool2d',
  category: 'pool',
  label: { en: 'GlobalAvgPool2D', 'zh-CN': '全局平均池化' },
  inputs: { min: 1, max: 1 },
  params: {},
  inferShape([input]) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    return ok([input[2]])
  },
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.layers.globalAveragePooling2d({ name }),
  summary: () => '',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.GlobalAveragePooling2D', [], { name: pyStr(name) }) }),
    pytorch: () => ({ forward: ([x]) => `${x}.mean(dim=(2, 3))`, layout: 'channelsFirst' }),
  },
  docs: {
    en: {
      summary:
        'Averages each whole feature map into a single number, so an H×W×C image becomes a vector of C values. Nothing is learned.',
      formula: 'y[c] = (1 / (H·W)) · Σ_{i,j} x[i, j, c]',
      whenToUse:
        'At the end of a modern CNN instead of Flatten: far fewer weights in the following Dense layer, and it works for any image size.',
    },
    'zh-CN': {
      summary: '把每张特征图整体取平均，变成一个数，于是 H×W×C 的图像变成含 C 个数的向量。不学习任何参数。',
      formula: 'y[c] = (1 / (H·W)) · Σ_{i,j} x[i, j, c]',
      whenToUse: '在现代卷积网络的末尾代替展平层：后面全连接层的参数会少得多，而且适用于任意尺寸的图像。',
    },
  },
})
