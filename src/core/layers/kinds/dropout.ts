import { defineLayerKind, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { pyCall, pyFloat, pyStr } from '../../codegen/python/literal'

export const dropout = defineLayerKind({
  id: 'dropout',
  category: 'core',
  label: { en: 'Dropout', 'zh-CN': '随机失活' },
  inputs: { min: 1, max: 1 },
  params: {
    // The schema has no exclusive max: 0.99 stands for "below 1" (rate 1 would drop everything).
    rate: p.float({
      default: 0.5,
      min: 0,
      max: 0.99,
      step: 0.05,
      key: true,
      label: { en: 'Rate', 'zh-CN': '丢弃比例' },
      help: {
        en: 'Fraction of values set to 0 at each training step, e.g. 0.5 drops half. Typical: 0.2–0.5.',
        'zh-CN': '每个训练步随机置零的比例，例如 0.5 表示丢掉一半。常用 0.2–0.5。',
      },
    }),
  },
  inferShape: ([input]) => ok(input),
  paramCount: () => noParams,
  build: (tf, p, { name }) => tf.layers.dropout({ rate: p.rate, name }),
  summary: (p) => `${p.rate}`,
  code: {
    keras: (p, { name }) => ({ layer: pyCall('layers.Dropout', [pyFloat(p.rate)], { name: pyStr(name) }) }),
    pytorch: (p) => ({
      module: pyCall('nn.Dropout', [pyFloat(p.rate)]),
      forward: ([x], m) => `${m}(${x})`,
      layout: 'any',
    }),
  },
  docs: {
    en: {
      summary:
        'During training, randomly sets a fraction of the values to 0 and scales the rest up so the average stays the same. At prediction time it does nothing.',
      formula: 'training: y = m ⊙ x / (1 − rate), m[i] ~ Bernoulli(1 − rate); prediction: y = x',
      whenToUse:
        'When the model does much better on training data than on validation data (overfitting). Put it after Dense layers, before the classifier.',
    },
    'zh-CN': {
      summary: '训练时随机把一部分数值置为 0，并把其余数值按比例放大，使平均值不变；预测时什么也不做。',
      formula: '训练时：y = m ⊙ x / (1 − rate)，m[i] ~ 伯努利(1 − rate)；预测时：y = x',
      whenToUse: '模型在训练集上明显好于验证集（过拟合）时使用。通常放在全连接层之后、分类层之前。',
    },
  },
})
