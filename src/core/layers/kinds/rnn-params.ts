import type { LocalText } from '../../i18n/text'
import { p } from '../../params/schema'
import { formatShape, type Shape } from '../../shapes/shape'
import { fail, ok, type ShapeResult, type Tf } from '../kind'

/** Params and shape rules shared by SimpleRNN, LSTM, GRU and Bidirectional, declared once. */

export const RNN_ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const
export type RnnActivation = (typeof RNN_ACTIVATIONS)[number]

export const RNN_ACTIVATION_LABELS: Record<RnnActivation, LocalText> = {
  tanh: { en: 'tanh', 'zh-CN': 'tanh' },
  relu: { en: 'ReLU', 'zh-CN': 'ReLU' },
  sigmoid: { en: 'sigmoid', 'zh-CN': 'Sigmoid' },
  linear: { en: 'linear (none)', 'zh-CN': '线性（无）' },
}

/**
 * The gates of LSTM/GRU always use the logistic sigmoid. tfjs defaults to 'hardSigmoid', but
 * Keras 2+ and PyTorch use the true sigmoid, so we set it explicitly: exported models then
 * compute the same numbers everywhere.
 */
export const GATE_ACTIVATION = 'sigmoid' as const

export const unitsParam = p.int({
  default: 64,
  min: 1,
  max: 65_536,
  key: true,
  label: { en: 'Units', 'zh-CN': '单元数' },
  help: {
    en: 'Size of the hidden state: how many numbers the layer carries from one step to the next.',
    'zh-CN': '隐藏状态的大小：每一步传递给下一步的数值个数。',
  },
})

export const rnnActivationParam = p.enum(RNN_ACTIVATIONS, {
  default: 'tanh',
  optionLabels: RNN_ACTIVATION_LABELS,
  label: { en: 'Activation', 'zh-CN': '激活函数' },
  help: {
    en: 'Squashes the new state. tanh keeps it between −1 and 1, which keeps long sequences stable; change it only if you know why.',
    'zh-CN': '用于压缩新状态的函数。tanh 把状态限制在 −1 到 1 之间，使长序列保持稳定；除非有明确理由，否则不要修改。',
  },
})

export const returnSequencesParam = p.bool({
  default: false,
  label: { en: 'Return sequences', 'zh-CN': '返回整个序列' },
  help: {
    en: 'Off: output only the last state (one vector per sample, e.g. for a classifier). On: output the state at every step (a sequence, e.g. to stack another recurrent layer).',
    'zh-CN':
      '关闭：只输出最后一步的状态（每个样本一个向量，例如接分类器）。开启：输出每一步的状态（一个序列，例如再叠加一层循环层）。',
  },
})

export const rnnDropoutParam = p.float({
  default: 0,
  min: 0,
  max: 0.99,
  step: 0.05,
  label: { en: 'Input dropout', 'zh-CN': '输入丢弃率' },
  help: {
    en: 'Fraction of the input features randomly dropped at each step during training, to fight overfitting. 0 turns it off.',
    'zh-CN': '训练时在每一步随机丢弃的输入特征比例，用于缓解过拟合。0 表示不使用。',
  },
})

/** The params of SimpleRNN, LSTM and GRU, in the order the inspector shows them. */
export const RNN_PARAMS = {
  units: unitsParam,
  activation: rnnActivationParam,
  returnSequences: returnSequencesParam,
  dropout: rnnDropoutParam,
}

/** [steps, features] → [units] or [steps, units]; steps may be unknown, features may not. */
export function rnnOutputShape(input: Shape, units: number, returnSequences: boolean): ShapeResult {
  if (input.length !== 2) return fail('needsSequence', { got: formatShape(input) })
  if (input[1] === null) return fail('unknownDim', { got: formatShape(input) })
  return ok(returnSequences ? [input[0], units] : [units])
}

/**
 * Weights of one recurrent layer as tfjs builds them: `gates` blocks, each with an input
 * kernel (features × units), a recurrent kernel (units × units) and a bias (units).
 * SimpleRNN has 1 block, GRU 3 (tfjs 4.22 has no reset_after, so one bias per gate), LSTM 4.
 */
export function rnnWeights(input: Shape, units: number, gates: number): number {
  const features = input[input.length - 1] ?? 0
  return gates * (features * units + units * units + units)
}

export const RNN_GATES = { simpleRnn: 1, gru: 3, lstm: 4 } as const
export type RnnCell = keyof typeof RNN_GATES

export interface RnnConfig {
  units: number
  activation?: RnnActivation
  returnSequences: boolean
  dropout?: number
  name?: string
}

/** tfjs' RNN base class (what Bidirectional wraps), reached through the passed-in namespace. */
export type TfRnn = Parameters<Tf['layers']['bidirectional']>[0]['layer']

/** Creates the tf recurrent layer for a cell type; Bidirectional wraps the same layers. */
export function buildRnn(tf: Tf, cell: RnnCell, c: RnnConfig): TfRnn {
  const common = {
    units: c.units,
    activation: c.activation ?? 'tanh',
    returnSequences: c.returnSequences,
    dropout: c.dropout ?? 0,
    ...(c.name === undefined ? {} : { name: c.name }),
  }
  if (cell === 'simpleRnn') return tf.layers.simpleRNN(common)
  if (cell === 'gru') return tf.layers.gru({ ...common, recurrentActivation: GATE_ACTIVATION })
  return tf.layers.lstm({ ...common, recurrentActivation: GATE_ACTIVATION })
}
