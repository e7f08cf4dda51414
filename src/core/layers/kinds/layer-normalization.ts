import { defineLayerKind, fail, ok } from '../kind'
import { formatShape } from '../../shapes/shape'
import { centerParam, epsilonParam, scaleParam } from './norm-params'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from '../../codegen/python/literal'
import { TORCH_LAYER_NORM } from '../../codegen/python/torch-lib'

export const layerNormalization = defineLayerKind({
  id: 'layerNormalization',
  category: 'norm',
  label: { en: 'LayerNorm', 'zh-CN': '层归一化' },
  inputs: { min: 1, max: 1 },
  params: {
    epsilon: epsilonParam,
    center: centerParam('feature'),
    scale: scaleParam('feature'),
  },
  // Normalizes over the last axis; γ and β have one entry per feature, so that axis must be known.
  inferShape([input]) {
    if (input.length === 0) return fail('needsRank', { rank: '1+', got: formatShape(input) })
    if (input[input.length - 1] === null) return fail('unknownDim', { got: formatShape(input) })
    return ok(input)
  },
  paramCount([input], p) {
    const features = input[input.length - 1] ?? 0
    return { trainable: features * ((p.scale ? 1 : 0) + (p.center ? 1 : 0)), nonTrainable: 0 }
  },
  build: (tf, p, { name }) =>
    tf.layers.layerNormalization({ epsilon: p.epsilon, center: p.center, scale: p.scale, name }),
  summary: () => '',
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.LayerNormalization', [], {
        epsilon: pyFloat(p.epsilon),
        center: pyBool(p.center),
        scale: pyBool(p.scale),
        name: pyStr(name),
      }),
    }),
    pytorch: (p, { inputShapes: [input] }) => ({
      module: pyCall('TfLayerNorm', [pyInt(lastDim(input))], {
        epsilon: pyFloat(p.epsilon),
        center: pyBool(p.center),
        scale: pyBool(p.scale),
      }),
      forward: ([x], m) => `${m}(${x})`,
      weights: [...(p.scale ? [{ target: 'gamma' }] : []), ...(p.center ? [{ target: 'beta' }] : [])],
      helpers: { TfLayerNorm: TORCH_LAYER_NORM },
    }),
  },
  docs: {
    en: {
      summary:
        'Normalizes each sample on its own: subtracts the mean of its features and divides by their standard deviation, then applies a learned scale and offset. It does not depend on the batch.',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β, μ and σ² over the last axis of one sample',
      whenToUse:
        'Transformers and RNNs, and whenever batches are small: unlike BatchNorm it behaves the same in training and prediction.',
    },
    'zh-CN': {
      summary:
        '对每个样本单独归一化：减去该样本各特征的均值、除以标准差，再乘上可学习的缩放、加上可学习的偏移。与批次无关。',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β，μ 和 σ² 在单个样本的最后一维上计算',
      whenToUse: '用于 Transformer 和循环网络，以及批次很小的场合：与批归一化不同，它在训练和预测时的行为完全一致。',
    },
  },
})
