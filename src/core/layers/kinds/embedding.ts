import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyInt, pyStr } from '../../codegen/python/literal'

export const embedding = defineLayerKind({
  id: 'embedding',
  category: 'core',
  label: { en: 'Embedding', 'zh-CN': '嵌入层' },
  inputs: { min: 1, max: 1 },
  params: {
    inputDim: p.int({
      default: 1000,
      min: 1,
      max: 10_000_000,
      key: true,
      label: { en: 'Vocabulary size', 'zh-CN': '词表大小' },
      help: {
        en: 'How many different tokens there are. Token ids must be 0 … vocabulary size − 1.',
        'zh-CN': '不同词元的个数。词元 id 必须在 0 到 词表大小 − 1 之间。',
      },
    }),
    outputDim: p.int({
      default: 64,
      min: 1,
      max: 65_536,
      key: true,
      label: { en: 'Vector size', 'zh-CN': '向量维度' },
      help: {
        en: 'Length of the learned vector for each token. 16–512 is typical; bigger vocabularies usually want bigger vectors.',
        'zh-CN': '每个词元对应的可学习向量的长度。常用 16–512；词表越大，通常需要越长的向量。',
      },
    }),
  },
  // Only a 1-D sequence of ids: anything else (an image, a vector of features already made of
  // floats) almost certainly means the wrong Input mode.
  inferShape([input], p) {
    if (input.length !== 1) return fail('needsTokens', { got: formatShape(input) })
    return ok([input[0], p.outputDim])
  },
  paramCount: (_inputs, p) => ({ trainable: p.inputDim * p.outputDim, nonTrainable: 0 }),
  build(tf, p, { name }) {
    return tf.layers.embedding({ inputDim: p.inputDim, outputDim: p.outputDim, name })
  },
  summary: (p) => `${p.inputDim} → ${p.outputDim}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Embedding', [pyInt(p.inputDim), pyInt(p.outputDim)], { name: pyStr(name) }),
    }),
    pytorch: (p) => ({
      module: pyCall('nn.Embedding', [pyInt(p.inputDim), pyInt(p.outputDim)]),
      forward: ([x], m) => `${m}(${x})`,
      weights: [{ target: 'weight' }],
    }),
  },
  docs: {
    en: {
      summary:
        'Turns each token id into a learned vector by looking up a row of a table. Tokens used in similar ways end up with similar vectors.',
      formula: 'y[t] = E[x[t]], E has shape vocabulary size × vector size',
      whenToUse:
        'The first layer after a token-id Input in any text model (RNN or Transformer): networks cannot do arithmetic on raw ids.',
    },
    'zh-CN': {
      summary:
        '按词元 id 在一张表中查出对应的一行，把每个词元变成一个可学习的向量。用法相近的词元最终会得到相近的向量。',
      formula: 'y[t] = E[x[t]]，E 的形状为 词表大小 × 向量维度',
      whenToUse: '任何文本模型（RNN 或 Transformer）中紧跟在词元 id 输入之后的第一层：网络无法直接对原始 id 做运算。',
    },
  },
})
