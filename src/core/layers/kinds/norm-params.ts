import { p } from '../../params/schema'

/** Params shared by BatchNormalization, LayerNormalization and GroupNormalization, declared once. */

export const epsilonParam = p.float({
  default: 0.001,
  min: 0,
  exclusiveMin: true,
  max: 1,
  step: 0.0001,
  label: { en: 'Epsilon', 'zh-CN': 'ε（epsilon）' },
  help: {
    en: 'A tiny number added to the variance so we never divide by zero.',
    'zh-CN': '加在方差上的极小数，防止除以零。',
  },
})

/** What β and γ are learned for: one per channel (batch, group) or per feature (layer). */
type NormUnit = 'channel' | 'feature'

export const centerParam = (unit: NormUnit) =>
  p.bool({
    default: true,
    label: { en: 'Learn offset β', 'zh-CN': '学习偏移 β' },
    help:
      unit === 'channel'
        ? {
            en: 'Add a learned offset β per channel after normalizing.',
            'zh-CN': '归一化之后，为每个通道加上一个可学习的偏移 β。',
          }
        : {
            en: 'Add a learned offset β per feature after normalizing.',
            'zh-CN': '归一化之后，为每个特征加上一个可学习的偏移 β。',
          },
  })

export const scaleParam = (unit: NormUnit) =>
  p.bool({
    default: true,
    label: { en: 'Learn scale γ', 'zh-CN': '学习缩放 γ' },
    help:
      unit === 'channel'
        ? { en: 'Multiply by a learned scale γ per channel.', 'zh-CN': '为每个通道乘上一个可学习的缩放系数 γ。' }
        : { en: 'Multiply by a learned scale γ per feature.', 'zh-CN': '为每个特征乘上一个可学习的缩放系数 γ。' },
  })
