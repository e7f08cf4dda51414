import type { LocalText } from '../../i18n/text'
import { p } from '../../params/schema'

/**
 * Activation functions a layer can apply to its output, shared by Dense, Conv and friends.
 * Every id here is a tfjs ActivationIdentifier, so it passes straight into tf.layers configs.
 */
export const FUSED_ACTIVATIONS = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'gelu',
  'swish',
] as const
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number]

export const ACTIVATION_LABELS: Record<FusedActivation, LocalText> = {
  linear: { en: 'linear (none)', 'zh-CN': '线性（无）' },
  relu: { en: 'ReLU', 'zh-CN': 'ReLU' },
  sigmoid: { en: 'sigmoid', 'zh-CN': 'Sigmoid' },
  tanh: { en: 'tanh', 'zh-CN': 'tanh' },
  softmax: { en: 'softmax', 'zh-CN': 'Softmax' },
  elu: { en: 'ELU', 'zh-CN': 'ELU' },
  selu: { en: 'SELU', 'zh-CN': 'SELU' },
  gelu: { en: 'GELU', 'zh-CN': 'GELU' },
  swish: { en: 'swish', 'zh-CN': 'Swish' },
}

export const activationHelp: LocalText = {
  en: 'Function applied to the output. relu for hidden layers, softmax for class probabilities, linear for regression.',
  'zh-CN': '作用于输出的函数。隐藏层常用 ReLU，分类输出用 Softmax（得到各类概率），回归输出用线性。',
}

/** The `activation` param of Dense and the convolutions: a fused activation, ReLU by default. */
export const fusedActivationParam = p.enum(FUSED_ACTIVATIONS, {
  default: 'relu',
  key: true,
  optionLabels: ACTIVATION_LABELS,
  label: { en: 'Activation', 'zh-CN': '激活函数' },
  help: activationHelp,
})
