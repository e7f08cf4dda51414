import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { fusedActivationParam } from './activations'
import { lastDim, pyBool, pyCall, pyInt, pyStr } from '../../codegen/python/literal'
import { denseMacs } from '../macs'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'
import { unfusedWhileRecording } from '../unfused-while-recording'

export const dense = defineLayerKind({
  id: 'dense',
  category: 'core',
  label: { en: 'Dense', 'zh-CN': '全连接层' },
  inputs: { min: 1, max: 1 },
  params: {
    units: p.int({
      default: 64,
      min: 1,
      max: 1_000_000,
      key: true,
      label: { en: 'Units', 'zh-CN': '神经元数' },
      help: { en: 'How many neurons (outputs) the layer has.', 'zh-CN': '这一层的神经元（输出）个数。' },
    }),
    activation: fusedActivationParam,
    useBias: p.bool({
      default: true,
      label: { en: 'Use bias', 'zh-CN': '使用偏置' },
      help: { en: 'Add a learned offset b to every output.', 'zh-CN': '为每个输出加上一个可学习的偏置 b。' },
    }),
  },
  // Dense acts on the last axis: a vector, or every step of a sequence (as in a Transformer's
  // feed-forward part). An image (H×W×C) almost always means a missing Flatten.
  inferShape([input], p) {
    if (input.length === 0) return fail('needsVector', { got: formatShape(input) })
    if (input.length >= 3) {
      return fail('needsFlatten', { got: formatShape(input) }, { type: 'insertBefore', layerKind: 'flatten' })
    }
    if (input[input.length - 1] === null) return fail('unknownDim', { got: formatShape(input) })
    return ok([...input.slice(0, -1), p.units])
  },
  paramCount([input], p) {
    const fanIn = input[input.length - 1] ?? 0
    return { trainable: fanIn * p.units + (p.useBias ? p.units : 0), nonTrainable: 0 }
  },
  macs: ([input], p) => denseMacs(input, p.units),
  build(tf, p, { name }) {
    return unfusedWhileRecording(
      tf,
      tf.layers.dense({ units: p.units, activation: p.activation, useBias: p.useBias, name }),
    )
  },
  summary: (p) => (p.activation === 'linear' ? `${p.units}` : `${p.units} · ${p.activation}`),
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Dense', [pyInt(p.units)], {
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // Acts on the last axis, like nn.Linear; the tfjs kernel [in, out] is torch's weight transposed.
    pytorch: (p, { inputShapes: [input] }) => ({
      module: pyCall('nn.Linear', [pyInt(lastDim(input)), pyInt(p.units)], { bias: pyBool(p.useBias) }),
      forward: ([x], m) => torchActivation(p.activation, `${m}(${x})`),
      weights: [{ target: 'weight', permute: [1, 0] }, ...(p.useBias ? [{ target: 'bias' }] : [])],
    }),
  },
  docs: {
    en: {
      summary:
        'Every output neuron takes a weighted sum of all inputs plus a bias, then applies the activation. The basic building block of an MLP.',
      formula: 'y = f(W·x + b), W has shape inputs × units',
      whenToUse:
        'Hidden layers of a multilayer perceptron, and the final classifier (units = number of classes, softmax) or regressor (units = 1, linear).',
    },
    'zh-CN': {
      summary: '每个输出神经元对全部输入做加权求和再加偏置，然后经过激活函数。它是多层感知机（MLP）的基本组成单元。',
      formula: 'y = f(W·x + b)，W 的形状为 输入数 × 神经元数',
      whenToUse:
        '多层感知机的隐藏层；以及最后的分类层（神经元数 = 类别数，用 Softmax）或回归层（神经元数 = 1，用线性）。',
    },
  },
})
