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
 * What squashes the gates of LSTM and GRU (never SimpleRNN, which has none). 'sigmoid' is the
 * logistic function, Keras 3's and PyTorch's choice and the default here, so projects made before
 * this param existed compute what they always did. 'hard_sigmoid' is tfjs's own default and Keras
 * 2's: clip(0.2·x + 0.5, 0, 1) exactly (tfjs-layers backend hardSigmoid). Keras 3 renamed a
 * different function to hard_sigmoid, relu6(x + 3) / 6 = clip(x/6 + 0.5, 0, 1), and so does
 * PyTorch's nn.Hardsigmoid: the exporters write tfjs's formula, never those names.
 */
export const GATE_ACTIVATIONS = ['sigmoid', 'hard_sigmoid'] as const
export type GateActivation = (typeof GATE_ACTIVATIONS)[number]

/** tfjs' identifier for each gate activation (tf.layers.lstm's recurrentActivation). */
export const TFJS_GATE_ACTIVATION = { sigmoid: 'sigmoid', hard_sigmoid: 'hardSigmoid' } as const

/** tfjs/Keras 2's hard sigmoid, y = clip(slope·x + offset, 0, 1); ONNX's HardSigmoid alpha and beta. */
export const HARD_SIGMOID = { slope: 0.2, offset: 0.5 } as const

export const recurrentActivationParam = p.enum(GATE_ACTIVATIONS, {
  default: 'sigmoid',
  optionLabels: {
    sigmoid: { en: 'sigmoid', 'zh-CN': 'Sigmoid' },
    hard_sigmoid: { en: 'hard sigmoid (tfjs / Keras 2)', 'zh-CN': '硬 Sigmoid（tfjs / Keras 2）' },
  },
  label: { en: 'Gate activation', 'zh-CN': '门的激活函数' },
  help: {
    en: "Squashes each gate to 0…1. sigmoid is the smooth logistic curve; hard sigmoid is tfjs's faster straight-line version, clip(0.2·x + 0.5, 0, 1), which models made with tfjs use. Keep what an imported model had, or its predictions change.",
    'zh-CN':
      '把每个门压缩到 0…1 之间。Sigmoid 是平滑的逻辑斯蒂曲线；硬 Sigmoid 是 tfjs 更快的折线版本 clip(0.2·x + 0.5, 0, 1)，用 tfjs 构建的模型默认使用它。导入的模型请保留原来的选择，否则预测结果会改变。',
  },
})

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

/** LSTM and GRU: SimpleRNN's params plus the activation of their gates. */
export const GATED_RNN_PARAMS = {
  units: unitsParam,
  activation: rnnActivationParam,
  recurrentActivation: recurrentActivationParam,
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
  /** LSTM and GRU only; absent = sigmoid. */
  recurrentActivation?: GateActivation
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
  // Always set explicitly: tfjs' own default would be hardSigmoid.
  const recurrentActivation = TFJS_GATE_ACTIVATION[c.recurrentActivation ?? 'sigmoid']
  if (cell === 'gru') return tf.layers.gru({ ...common, recurrentActivation })
  return tf.layers.lstm({ ...common, recurrentActivation })
}
