import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { centerParam, epsilonParam, scaleParam } from './norm-params'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from '../../codegen/python/literal'
import { customLayers } from '../custom'

/** The largest number of groups ≤ `groups` that divides `channels`. */
const fittingGroups = (channels: number, groups: number) => {
  for (let g = Math.min(groups, channels); g > 1; g--) if (channels % g === 0) return g
  return 1
}

export const groupNormalization = defineLayerKind({
  id: 'groupNormalization',
  category: 'norm',
  label: { en: 'GroupNorm', 'zh-CN': '组归一化' },
  inputs: { min: 1, max: 1 },
  params: {
    groups: p.int({
      default: 8,
      min: 1,
      max: 1024,
      key: true,
      label: { en: 'Groups', 'zh-CN': '分组数' },
      help: {
        en: 'The channels are split into this many groups, each normalised on its own. It must divide the number of channels. 1 = LayerNorm over the whole sample.',
        'zh-CN': '把通道分成这么多组，每组单独归一化。必须能整除通道数。取 1 时相当于对整个样本做层归一化。',
      },
    }),
    epsilon: epsilonParam,
    center: centerParam('channel'),
    scale: scaleParam('channel'),
  },
  inferShape([input], p) {
    if (input.length === 0) return fail('needsRank', { rank: '1+', got: formatShape(input) })
    const channels = input[input.length - 1]
    if (channels === null) return fail('unknownDim', { got: formatShape(input) })
    if (channels % p.groups !== 0) {
      return fail(
        'divisible',
        { what: 'channels', value: channels, by: p.groups },
        { type: 'setParam', param: 'groups', value: fittingGroups(channels, p.groups) },
      )
    }
    return ok(input)
  },
  paramCount([input], p) {
    const channels = input[input.length - 1] ?? 0
    return { trainable: channels * ((p.scale ? 1 : 0) + (p.center ? 1 : 0)), nonTrainable: 0 }
  },
  build(tf, p, { name }) {
    const { GroupNormalization } = customLayers(tf)
    return new GroupNormalization({ groups: p.groups, epsilon: p.epsilon, center: p.center, scale: p.scale, name })
  },
  summary: (p) => `${p.groups} groups`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.GroupNormalization', [], {
        groups: pyInt(p.groups),
        epsilon: pyFloat(p.epsilon),
        center: pyBool(p.center),
        scale: pyBool(p.scale),
        name: pyStr(name),
      }),
    }),
    pytorch: (p, { inputShapes: [input] }) => {
      if (p.center !== p.scale)
        return {
          unsupported: {
            en: 'PyTorch GroupNorm learns both the scale and the offset, or neither.',
            'zh-CN': 'PyTorch 的 GroupNorm 要么同时学习缩放和偏移，要么两者都不学习。',
          },
        }
      const module = pyCall('nn.GroupNorm', [pyInt(p.groups), pyInt(lastDim(input))], {
        eps: pyFloat(p.epsilon),
        affine: pyBool(p.scale),
      })
      const weights = p.scale ? [{ target: 'weight' }, { target: 'bias' }] : []
      if (input.length === 3) return { module, forward: ([x], m) => `${m}(${x})`, layout: 'channelsFirst', weights }
      if (input.length === 1) return { module, forward: ([x], m) => `${m}(${x})`, weights }
      // Sequences stay [N, T, C] in the generated code; GroupNorm wants the channels second.
      return { module, forward: ([x], m) => `${m}(${x}.movedim(-1, 1)).movedim(1, -1)`, weights }
    },
  },
  docs: {
    en: {
      summary:
        'Normalizes each sample on its own, in groups of channels: each group gets mean 0 and variance 1 over all its positions, then a learned scale and offset per channel. It does not depend on the batch.',
      formula:
        'y = γ · (x − μ_g) / √(σ²_g + ε) + β, μ_g and σ²_g over the positions and the channels of group g of one sample',
      whenToUse:
        'In U-Nets for diffusion and other image models trained with small batches, where BatchNorm’s statistics would be noisy.',
    },
    'zh-CN': {
      summary:
        '对每个样本单独、按通道分组归一化：每组在其所有位置上化为均值 0、方差 1，再按通道乘上可学习的缩放、加上可学习的偏移。与批次无关。',
      formula: 'y = γ · (x − μ_g) / √(σ²_g + ε) + β，μ_g 和 σ²_g 在单个样本中第 g 组的所有位置和通道上计算',
      whenToUse: '用于扩散模型的 U-Net 以及其他批次很小的图像模型：此时批归一化的统计量会很不稳定。',
    },
  },
})
