import { defineLayerKind, fail, noParams, ok } from '../kind'
import { formatShape, type Dim } from '../../shapes/shape'
import { pyCall, pyStr } from '../../codegen/python/literal'

export const add = defineLayerKind({
  id: 'add',
  category: 'merge',
  label: { en: 'Add', 'zh-CN': '相加' },
  inputs: {
    min: 2,
    max: 8,
    names: Array.from({ length: 8 }, (_, i) => ({ en: `in ${i + 1}`, 'zh-CN': `输入 ${i + 1}` })),
  },
  params: {},
  // Element-wise sum: every input must have the same shape. An unknown dim (?) is accepted
  // against anything and stays unknown, exactly as tfjs computes it. (tfjs would also
  // broadcast size-1 axes; we ask for equal shapes because that is what a learner means.)
  inferShape(inputs) {
    const [first, ...rest] = inputs
    const out: Dim[] = [...first]
    for (const other of rest) {
      const mismatch =
        other.length !== out.length || other.some((d, i) => d !== null && first[i] !== null && d !== first[i])
      if (mismatch) return fail('mergeMismatch', { a: formatShape(first), b: formatShape(other) })
      other.forEach((d, i) => {
        if (d === null) out[i] = null
      })
    }
    return ok(out)
  },
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.layers.add({ name }),
  summary: () => '+',
  code: {
    keras: (_p, { name }) => ({ layer: pyCall('layers.Add', [], { name: pyStr(name) }) }),
    pytorch: () => ({ forward: (inputs) => inputs.join(' + '), layout: 'any' }),
  },
  docs: {
    en: {
      summary: 'Adds its inputs element by element. All inputs must have exactly the same shape.',
      formula: 'y = x₁ + x₂ + … + xₙ',
      whenToUse:
        'Residual (skip) connections, as in ResNet and Transformers: add a block’s input to its output so the block only has to learn a correction.',
    },
    'zh-CN': {
      summary: '把各个输入逐元素相加。所有输入的形状必须完全相同。',
      formula: 'y = x₁ + x₂ + … + xₙ',
      whenToUse:
        '残差（跳跃）连接，如 ResNet 和 Transformer 中：把一个模块的输入加到它的输出上，模块只需学习“修正量”。',
    },
  },
})
