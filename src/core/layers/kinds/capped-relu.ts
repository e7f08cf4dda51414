import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { pyCall, pyFloat, pyStr } from '../../codegen/python/literal'
import { customLayers } from '../custom'

/**
 * Keras' ReLU layer with all its options: ReLU6 (max value), a threshold and a negative slope.
 * Its own kind (not an Activation option) because it has numbers of its own and imports from
 * Keras' / tfjs' ReLU layer (and the Activation 'relu6') exactly.
 *
 * What Keras computes, read from its source (Keras 3: keras/src/activations/activations.py,
 * ReLU.static_call; Keras 2: tf.keras backend.relu, the same code):
 *   x ← x · (x > threshold)  (or relu(x) when threshold = 0); clip to [0, max]; x −= slope · relu(threshold − x)
 * which is, for every x,
 *   y = min(x, max)            if x > threshold
 *   y = slope · (x − threshold) otherwise.
 * The docstring's "x if threshold <= x < max_value" differs at x = threshold exactly: the code
 * gives 0 there (x > threshold is strict), and so do we. With no max the first line is plain x;
 * with max ≤ threshold every x above the threshold gives max (Keras allows that step; we refuse
 * it as a mistake, see inferShape). Keras refuses a negative max, slope or threshold.
 *
 * Params were only added (with defaults that reproduce the old ReLU6-only kind), so files
 * written before open unchanged without a version bump.
 */
export const cappedRelu = defineLayerKind({
  id: 'cappedRelu',
  category: 'core',
  label: { en: 'ReLU (max, threshold, slope)', 'zh-CN': 'ReLU（上限、阈值、斜率）' },
  inputs: { min: 1, max: 1 },
  params: {
    capped: p.bool({
      default: true,
      label: { en: 'Upper limit', 'zh-CN': '设上限' },
      help: {
        en: 'Cap the outputs at a maximum value (ReLU6 in MobileNet). Off: no ceiling.',
        'zh-CN': '把输出限制在一个上限以内（MobileNet 中的 ReLU6）。关闭：没有上限。',
      },
    }),
    maxValue: p.float({
      default: 6,
      min: 0,
      exclusiveMin: true,
      max: 1e6,
      step: 0.5,
      key: true,
      visibleWhen: (v) => v.capped === true,
      label: { en: 'Max value', 'zh-CN': '上限' },
      help: {
        en: 'Outputs never exceed this value (6 in MobileNet: ReLU6). A bounded activation stays precise in low-precision arithmetic.',
        'zh-CN': '输出不会超过这个值（MobileNet 中为 6，即 ReLU6）。有界的激活在低精度运算中也能保持精确。',
      },
    }),
    threshold: p.float({
      default: 0,
      min: 0,
      max: 1e6,
      step: 0.1,
      label: { en: 'Threshold', 'zh-CN': '阈值' },
      help: {
        en: 'Values at or below the threshold count as "off": they become 0, or slope × (x − threshold). 0 is the usual ReLU.',
        'zh-CN': '小于或等于阈值的输入视为“未激活”：输出 0，或 斜率 ×（x − 阈值）。0 即普通的 ReLU。',
      },
    }),
    negativeSlope: p.float({
      default: 0,
      min: 0,
      max: 1e6,
      step: 0.05,
      label: { en: 'Negative slope', 'zh-CN': '负区斜率' },
      help: {
        en: 'Slope below the threshold (like Leaky ReLU): a small value such as 0.1 keeps a gradient there, so units cannot "die".',
        'zh-CN': '阈值以下部分的斜率（类似 Leaky ReLU）：取 0.1 这样的小值，那里仍有梯度，神经元不会“死亡”。',
      },
    }),
  },
  inferShape([input], p) {
    if (p.capped && p.maxValue <= p.threshold)
      return fail('reluMaxNotAboveThreshold', { max: p.maxValue, threshold: p.threshold })
    return ok(input)
  },
  paramCount: () => noParams,
  build(tf, p, { name }) {
    // tfjs' own ReLU layer has max_value only: keep it where it suffices, so exported models stay stock tfjs.
    if (p.threshold === 0 && p.negativeSlope === 0)
      return tf.layers.reLU({ maxValue: p.capped ? p.maxValue : undefined, name })
    const { GeneralRelu } = customLayers(tf)
    return new GeneralRelu({
      maxValue: p.capped ? p.maxValue : null,
      threshold: p.threshold,
      negativeSlope: p.negativeSlope,
      name,
    })
  },
  summary: (p) => {
    const parts = p.capped ? [`max ${p.maxValue}`] : []
    if (p.threshold !== 0) parts.push(`θ ${p.threshold}`)
    if (p.negativeSlope !== 0) parts.push(`slope ${p.negativeSlope}`)
    return parts.length ? parts.join(' · ') : 'relu'
  },
  messages: {
    reluMaxNotAboveThreshold: {
      en: '{layer}: the max value ({max}) must be above the threshold ({threshold}), or every active output would be the same number. Raise the max value or lower the threshold.',
      'zh-CN':
        '{layer}：上限（{max}）必须大于阈值（{threshold}），否则所有被激活的输出都是同一个数。请调高上限或调低阈值。',
    },
  },
  code: {
    keras: (p, { name }) => {
      const options: Record<string, string> = {}
      if (p.capped) options.max_value = pyFloat(p.maxValue)
      if (p.negativeSlope !== 0) options.negative_slope = pyFloat(p.negativeSlope)
      if (p.threshold !== 0) options.threshold = pyFloat(p.threshold)
      return { layer: pyCall('layers.ReLU', [], { ...options, name: pyStr(name) }) }
    },
    // Element-wise, so either image layout. F.relu6(x) = hardtanh(x, 0, 6); F.threshold(x, θ, 0) is
    // x where x > θ, else 0, exactly Keras' thresholded part.
    pytorch: (p) => ({
      forward: ([x]) => {
        const max = pyFloat(p.maxValue)
        const theta = pyFloat(p.threshold)
        if (p.threshold === 0 && p.negativeSlope === 0) {
          if (!p.capped) return `F.relu(${x})`
          return p.maxValue === 6 ? `F.relu6(${x})` : `F.hardtanh(${x}, 0.0, ${max})`
        }
        if (p.negativeSlope === 0) {
          const thresholded = `F.threshold(${x}, ${theta}, 0.0)`
          return p.capped ? `torch.clamp(${thresholded}, max=${max})` : thresholded
        }
        if (p.threshold === 0 && !p.capped) return `F.leaky_relu(${x}, ${pyFloat(p.negativeSlope)})`
        const above = p.capped ? `torch.clamp(${x}, max=${max})` : x
        return `torch.where(${x} > ${theta}, ${above}, ${pyFloat(p.negativeSlope)} * (${x} - ${theta}))`
      },
      layout: 'any',
    }),
  },
  docs: {
    en: {
      summary:
        "Keras' full ReLU: values above the threshold pass (up to the max value, if set); values at or below it " +
        'become 0, or slope × (x − threshold). ReLU6 is max value 6. The shape does not change.',
      formula:
        'y = min(x, maxValue) if x > threshold, else y = negativeSlope · (x − threshold); ' +
        'e.g. ReLU6(x) = min(max(x, 0), 6)',
      whenToUse:
        'MobileNet-style networks (ReLU6 after BatchNorm in each depthwise-separable block), wherever activations ' +
        'must stay in a fixed range, and to import Keras models that use ReLU(max_value, negative_slope, threshold).',
    },
    'zh-CN': {
      summary:
        'Keras 完整的 ReLU：大于阈值的值直接通过（若设了上限则不超过上限）；小于或等于阈值的值变为 0，' +
        '或 斜率 ×（x − 阈值）。上限取 6 即 ReLU6。形状保持不变。',
      formula: 'x > 阈值 时 y = min(x, 上限)，否则 y = 负区斜率 ·（x − 阈值）；例如 ReLU6(x) = min(max(x, 0), 6)',
      whenToUse:
        'MobileNet 风格的网络（每个深度可分离模块中接在批归一化之后的 ReLU6）、需要把激活值限制在固定范围内的地方，' +
        '以及导入使用 ReLU(max_value, negative_slope, threshold) 的 Keras 模型。',
    },
  },
})
