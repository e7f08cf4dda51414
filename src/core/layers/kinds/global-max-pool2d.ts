import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const globalMaxPool2d = defineLayerKind({
  id: 'globalMaxPool2d',
  category: 'pool',
  label: { en: 'GlobalMaxPool2D', 'zh-CN': '全局最大池化' },
  inputs: { min: 1, max: 1 },
  params: {},
  inferShape([input]) {
    if (input.length !== 3) return fail('needsImage', { got: formatShape(input) })
    return ok([input[2]])
  },
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.layers.globalMaxPooling2d({ name }),
  summary: () => '',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.GlobalMaxPooling2D', [], { name: pyStr(name) }) }),
    // amax, not max: max over several dims at once returns (values, indices) only for one dim.
    pytorch: () => ({ forward: ([x]) => `${x}.amax(dim=(2, 3))`, layout: 'channelsFirst' }),
  },
  docs: {
    en: {
      summary:
        'Keeps the largest value of each whole feature map, so an H×W×C image becomes a vector of C values: ' +
        'how strongly each feature was found anywhere in the image. Nothing is learned.',
      formula: 'y[c] = max_{i,j} x[i, j, c]',
      whenToUse:
        'At the end of a CNN instead of Flatten when it matters whether a feature appears, not where or how often; ' +
        'like GlobalAvgPool2D it needs few weights after it and works for any image size.',
    },
    'zh-CN': {
      summary:
        '保留每张特征图中最大的那个数，于是 H×W×C 的图像变成含 C 个数的向量：' +
        '表示每种特征在图像任何位置出现得有多强。不学习任何参数。',
      formula: 'y[c] = max_{i,j} x[i, j, c]',
      whenToUse:
        '在卷积网络的末尾代替展平层，适合只关心某个特征是否出现、而不关心它在哪里或出现几次的情形；' +
        '和全局平均池化一样，后面的参数很少，适用于任意尺寸的图像。',
    },
  },
})
