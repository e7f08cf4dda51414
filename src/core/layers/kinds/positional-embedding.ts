import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { customLayers } from '../custom'
import { lastDim, pyCall, pyInt, pyStr } from '../../codegen/python/literal'
import { KERAS_POSITIONAL } from '../../codegen/python/keras-lib'
import { TORCH_POSITIONAL } from '../../codegen/python/torch-lib'

export const positionalEmbedding = defineLayerKind({
  id: 'positionalEmbedding',
  category: 'attention',
  label: { en: 'Positional Embedding', 'zh-CN': '位置编码' },
  inputs: { min: 1, max: 1 },
  params: {
    mode: p.enum(['sinusoidal', 'learned'] as const, {
      default: 'sinusoidal',
      key: true,
      optionLabels: {
        sinusoidal: { en: 'sinusoidal (fixed)', 'zh-CN': '正弦（固定）' },
        learned: { en: 'learned', 'zh-CN': '可学习' },
      },
      label: { en: 'Mode', 'zh-CN': '方式' },
      help: {
        en: 'sinusoidal: fixed sin/cos waves, no weights, any length. learned: a trainable vector per position (as in GPT), up to a maximum length.',
        'zh-CN':
          '正弦：固定的正弦/余弦波，没有参数，适用于任意长度。可学习：每个位置一个可训练的向量（如 GPT），长度不能超过设定的最大值。',
      },
    }),
    maxLength: p.int({
      default: 512,
      min: 1,
      max: 100_000,
      visibleWhen: (v) => v.mode === 'learned',
      label: { en: 'Max length', 'zh-CN': '最大长度' },
      help: {
        en: 'The longest sequence the learned table covers; each position up to it gets its own vector.',
        'zh-CN': '可学习位置表覆盖的最长序列；在此长度以内的每个位置都有自己的向量。',
      },
    }),
  },
  // Shape-preserving. A sequence of unknown length is allowed: the layer uses as many table rows
  // as the actual sequence has (the learned table then fails at run time beyond maxLength).
  inferShape([input], p) {
    if (input.length !== 2) return fail('needsSequence', { got: formatShape(input) })
    if (input[1] === null) return fail('unknownDim', { got: formatShape(input) })
    const steps = input[0]
    if (p.mode === 'learned' && steps !== null && steps > p.maxLength) {
      return fail(
        'sequenceTooLong',
        { steps, max: p.maxLength },
        { type: 'setParam', param: 'maxLength', value: steps },
      )
    }
    return ok(input)
  },
  paramCount([input], p) {
    const dim = input[input.length - 1] ?? 0
    return { trainable: p.mode === 'learned' ? p.maxLength * dim : 0, nonTrainable: 0 }
  },
  build(tf, p, { name }) {
    const { PositionalEmbedding } = customLayers(tf)
    return new PositionalEmbedding({ mode: p.mode, maxLength: p.maxLength, name })
  },
  summary: (p) => (p.mode === 'learned' ? `learned ≤ ${p.maxLength}` : 'sin/cos'),
  messages: {
    sequenceTooLong: {
      en: '{layer}: the sequence has {steps} steps but the learned table only covers {max}. Raise Max length to at least {steps}.',
      'zh-CN': '{layer}：序列有 {steps} 步，但可学习位置表只覆盖 {max} 步。请把最大长度调到至少 {steps}。',
    },
  },
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('PositionalEmbedding', [], {
        mode: pyStr(p.mode),
        max_length: pyInt(p.maxLength),
        name: pyStr(name),
      }),
      helpers: { PositionalEmbedding: KERAS_POSITIONAL },
    }),
    pytorch: (p, { inputShapes: [input] }) => ({
      module: pyCall('TfPositionalEmbedding', [pyInt(lastDim(input))], {
        mode: pyStr(p.mode),
        max_length: p.mode === 'learned' ? pyInt(p.maxLength) : undefined,
      }),
      forward: ([x], m) => `${m}(${x})`,
      weights: p.mode === 'learned' ? [{ target: 'embeddings' }] : [],
      helpers: { TfPositionalEmbedding: TORCH_POSITIONAL },
    }),
  },
  docs: {
    en: {
      summary:
        'Adds to each step of a sequence a vector that depends only on its position, so later layers can tell “first word” from “fifth word”. Attention by itself ignores order.',
      formula:
        'y[t] = x[t] + P[t]; sinusoidal: P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(t / 10000^(2i/d)); learned: P is a trained maxLength × d table',
      whenToUse:
        'Right after the Embedding in a Transformer, before the first attention layer. Recurrent layers do not need it: they read in order anyway.',
    },
    'zh-CN': {
      summary:
        '给序列的每一步加上一个只取决于位置的向量，让后面的层能区分“第一个词”和“第五个词”。注意力本身不考虑顺序。',
      formula:
        'y[t] = x[t] + P[t]；正弦：P[t, 2i] = sin(t / 10000^(2i/d))，P[t, 2i+1] = cos(t / 10000^(2i/d))；可学习：P 是一张训练得到的 最大长度 × d 的表',
      whenToUse: '在 Transformer 中紧跟嵌入层、位于第一个注意力层之前。循环层不需要它：它们本来就按顺序读取。',
    },
  },
})
