import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape, shapeSize } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const flatten = defineLayerKind({
  id: 'flatten',
  category: 'core',
  label: { en: 'Flatten', 'zh-CN': '展平层' },
  inputs: { min: 1, max: 1 },
  params: {},
  inferShape([input]) {
    const size = shapeSize(input)
    if (size === null) return fail('unknownDim', { got: formatShape(input) })
    return ok([size])
  },
  paramCount: () => noParams,
  build(tf, _p, { name, inputShapes }) {
    const [input] = inputShapes
    // tfjs' Flatten refuses inputs that are already vectors; a Reshape to the same size is the no-op.
    if (input !== undefined && input.length <= 1)
      return tf.layers.reshape({ targetShape: [shapeSize(input) ?? -1], name })
    return tf.layers.flatten({ name })
  },
  summary: () => '',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.Flatten', [], { name: pyStr(name) }) }),
    // Channels-last input, so the values come out in tfjs' order and a following Dense's kernel fits as is.
    pytorch: () => ({ forward: ([x]) => `torch.flatten(${x}, 1)` }),
  },
  docs: {
    en: {
      summary:
        'Lays all values of a sample out in one long vector, row by row. Nothing is learned and no value changes; only the shape does.',
      formula: 'H×W×C → (H·W·C), y[(i·W + j)·C + c] = x[i, j, c]',
      whenToUse:
        'Between the convolution/pooling part of a CNN and the Dense layers that classify: Dense needs a vector.',
    },
    'zh-CN': {
      summary: '把一个样本的全部数值按行依次排成一个长向量。不学习参数，数值本身不变，只改变形状。',
      formula: 'H×W×C → (H·W·C)，y[(i·W + j)·C + c] = x[i, j, c]',
      whenToUse: '放在卷积网络的卷积/池化部分与负责分类的全连接层之间：全连接层需要向量输入。',
    },
  },
})
