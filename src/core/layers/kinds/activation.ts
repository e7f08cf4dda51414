import { defineLayerKind, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { ACTIVATION_LABELS } from './activations'
import { pyCall, pyFloat, pyStr } from '../../codegen/python/literal'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'
import { leakyReluLayer } from '../leaky-relu-layer'

const FUNCTIONS = ['relu', 'leakyRelu', 'elu', 'selu', 'gelu', 'swish', 'sigmoid', 'tanh', 'softmax', 'linear'] as const

export const activation = defineLayerKind({
  id: 'activation',
  category: 'core',
  label: { en: 'Activation', 'zh-CN': '激活层' },
  inputs: { min: 1, max: 1 },
  params: {
    activation: p.enum(FUNCTIONS, {
      default: 'relu',
      key: true,
      optionLabels: { ...ACTIVATION_LABELS, leakyRelu: { en: 'Leaky ReLU', 'zh-CN': 'Leaky ReLU' } },
      label: { en: 'Function', 'zh-CN': '函数' },
      help: {
        en: 'The function applied to every value. relu is the usual choice for hidden layers, softmax turns scores into class probabilities.',
        'zh-CN': '对每个数值逐一施加的函数。隐藏层通常用 ReLU；Softmax 把得分变成各类别的概率。',
      },
    }),
    alpha: p.float({
      default: 0.3,
      min: 0,
      max: 1,
      step: 0.01,
      label: { en: 'Negative slope α', 'zh-CN': '负半轴斜率 α' },
      help: {
        en: 'Slope for negative inputs: Leaky ReLU lets a small part (α·x) through instead of 0, so neurons never go completely silent.',
        'zh-CN': '负输入的斜率：Leaky ReLU 让负值按 α·x 的比例漏过去而不是直接变成 0，神经元就不会彻底“死掉”。',
      },
      visibleWhen: (v) => v.activation === 'leakyRelu',
    }),
  },
  inferShape: ([input]) => ok(input),
  paramCount: () => noParams,
  build(tf, p, { name }) {
    // tfjs has no 'leakyRelu' activation id: its slope needs a layer of its own.
    if (p.activation === 'leakyRelu') return leakyReluLayer(tf, p.alpha, name)
    return tf.layers.activation({ activation: p.activation, name })
  },
  summary: (p) => (p.activation === 'leakyRelu' ? `leakyRelu α=${p.alpha}` : p.activation),
  code: {
    keras: (p, { name }) => ({
      layer:
        p.activation === 'leakyRelu'
          ? pyCall('layers.LeakyReLU', [], { negative_slope: pyFloat(p.alpha), name: pyStr(name) })
          : pyCall('layers.Activation', [pyStr(kerasActivation(p.activation))], { name: pyStr(name) }),
    }),
    // Element-wise functions work in either image layout; softmax normalises the channel axis.
    pytorch: (p) => ({
      forward: ([x]) => torchActivation(p.activation, x, { alpha: p.alpha }),
      layout: p.activation === 'softmax' ? 'channelsLast' : 'any',
    }),
  },
  docs: {
    en: {
      summary:
        'Applies a non-linear function to every value on its own; the shape does not change. Without non-linearities, stacked layers would collapse into one linear map.',
      formula:
        'y = f(x) element-wise, e.g. relu(x) = max(0, x), leakyRelu(x) = max(α·x, x), sigmoid(x) = 1 / (1 + e^(−x))',
      whenToUse:
        'After a layer whose own activation is linear, e.g. Conv2D → BatchNorm → Activation, or to use Leaky ReLU, which layers cannot apply themselves.',
    },
    'zh-CN': {
      summary: '对每个数值单独施加一个非线性函数，形状保持不变。没有非线性，多层网络叠在一起也只等于一个线性变换。',
      formula:
        'y = f(x)（逐元素），例如 relu(x) = max(0, x)，leakyRelu(x) = max(α·x, x)，sigmoid(x) = 1 / (1 + e^(−x))',
      whenToUse:
        '接在激活函数设为“线性”的层后面，例如 卷积 → 批归一化 → 激活；或者需要 Leaky ReLU 时使用，因为其他层无法直接选用它。',
    },
  },
})
