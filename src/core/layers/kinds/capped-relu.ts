import { defineLayerKind, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { pyCall, pyFloat, pyStr } from '../../codegen/python/literal'

/**
 * ReLU with an upper limit: min(max(x, 0), maxValue), ReLU6 with the default. Its own kind (not an
 * Activation option) because it has a number of its own and imports from Keras' / tfjs' ReLU layer
 * with max_value (and the Activation 'relu6') exactly.
 */
export const cappedRelu = defineLayerKind({
  id: 'cappedRelu',
  category: 'core',
  label: { en: 'ReLU (capped, ReLU6)', 'zh-CN': '截断 ReLU（ReLU6）' },
  inputs: { min: 1, max: 1 },
  params: {
    maxValue: p.float({
      default: 6,
      min: 0,
      exclusiveMin: true,
      max: 1e6,
      step: 0.5,
      key: true,
      label: { en: 'Max value', 'zh-CN': '上限' },
      help: {
        en: 'Outputs never exceed this value (6 in MobileNet: ReLU6). A bounded activation stays precise in low-precision arithmetic.',
        'zh-CN': '输出不会超过这个值（MobileNet 中为 6，即 ReLU6）。有界的激活在低精度运算中也能保持精确。',
      },
    }),
  },
  inferShape: ([input]) => ok(input),
  paramCount: () => noParams,
  build(tf, p, { name }) {
    return tf.layers.reLU({ maxValue: p.maxValue, name })
  },
  summary: (p) => `max ${p.maxValue}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.ReLU', [], { max_value: pyFloat(p.maxValue), name: pyStr(name) }),
    }),
    // Element-wise, so either image layout; F.relu6 is the same as hardtanh(x, 0, 6).
    pytorch: (p) => ({
      forward: ([x]) => (p.maxValue === 6 ? `F.relu6(${x})` : `F.hardtanh(${x}, 0.0, ${pyFloat(p.maxValue)})`),
      layout: 'any',
    }),
  },
  docs: {
    en: {
      summary:
        'ReLU with a ceiling: negative values become 0 and values above the maximum become the maximum; the shape does not change.',
      formula: 'y = min(max(x, 0), maxValue), e.g. ReLU6(x) = min(max(x, 0), 6)',
      whenToUse:
        'MobileNet-style networks (after BatchNorm in each depthwise-separable block), and wherever activations must stay in a fixed range.',
    },
    'zh-CN': {
      summary: '带上限的 ReLU：负值变为 0，超过上限的值变为上限；形状保持不变。',
      formula: 'y = min(max(x, 0), maxValue)，例如 ReLU6(x) = min(max(x, 0), 6)',
      whenToUse:
        'MobileNet 风格的网络（每个深度可分离模块中接在批归一化之后），以及需要把激活值限制在固定范围内的地方。',
    },
  },
})
