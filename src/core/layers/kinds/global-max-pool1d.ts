import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const globalMaxPool1d = defineLayerKind({
  id: 'globalMaxPool1d',
  category: 'pool',
  label: { en: 'GlobalMaxPool1D', 'zh-CN': '一维全局最大池化' },
  inputs: { min: 1, max: 1 },
  params: {},
  inferShape([input]) {
    if (input.length !== 2) return fail('needsSequence', { got: formatShape(input) })
    return ok([input[1]])
  },
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.layers.globalMaxPooling1d({ name }),
  summary: () => '',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.GlobalMaxPooling1D', [], { name: pyStr(name) }) }),
    // amax: max over a dim returns (values, indices); amax returns the values only.
    pytorch: () => ({ forward: ([x]) => `${x}.amax(dim=1)` }),
  },
  docs: {
    en: {
      summary:
        'Keeps the largest value of each feature over all timesteps, so a T×C sequence becomes a vector of C ' +
        'values: how strongly each feature appeared anywhere in the sequence. Nothing is learned.',
      formula: 'y[c] = max_t x[t, c]',
      whenToUse:
        'After a Conv1D or recurrent stack when it matters whether a pattern occurs in the sequence, not where; ' +
        'it works for any sequence length.',
    },
    'zh-CN': {
      summary:
        '保留每个特征在所有时间步中最大的那个数，于是 T×C 的序列变成含 C 个数的向量：' +
        '表示每种特征在序列任何位置出现得有多强。不学习任何参数。',
      formula: 'y[c] = max_t x[t, c]',
      whenToUse:
        '放在一维卷积或循环层之后，适合只关心某个模式是否出现、而不关心它出现在哪里的情形；适用于任意序列长度。',
    },
  },
})
