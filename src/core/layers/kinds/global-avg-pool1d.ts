import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const globalAvgPool1d = defineLayerKind({
  id: 'globalAvgPool1d',
  category: 'pool',
  label: { en: 'GlobalAvgPool1D', 'zh-CN': '一维全局平均池化' },
  inputs: { min: 1, max: 1 },
  params: {},
  inferShape([input]) {
    if (input.length !== 2) return fail('needsSequence', { got: formatShape(input) })
    return ok([input[1]])
  },
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.layers.globalAveragePooling1d({ name }),
  summary: () => '',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.GlobalAveragePooling1D', [], { name: pyStr(name) }) }),
    pytorch: () => ({ forward: ([x]) => `${x}.mean(dim=1)` }),
  },
  docs: {
    en: {
      summary:
        'Averages each feature over all timesteps, so a T×C sequence becomes a vector of C values. Nothing is learned.',
      formula: 'y[c] = (1/T) Σ_t x[t, c]',
      whenToUse:
        'After a Transformer block or a Conv1D stack, to turn a whole sequence (a sentence, a signal) into one ' +
        'vector for a classifier; it works for any sequence length.',
    },
    'zh-CN': {
      summary: '把每个特征在所有时间步上取平均，于是 T×C 的序列变成含 C 个数的向量。不学习任何参数。',
      formula: 'y[c] = (1/T) Σ_t x[t, c]',
      whenToUse:
        '放在 Transformer 模块或一维卷积之后，把整段序列（一句话、一段信号）变成一个向量交给分类器；适用于任意序列长度。',
    },
  },
})
