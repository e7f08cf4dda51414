import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape, type Dim } from '../../shapes/shape'
import { pyCall, pyInt, pyStr } from '../../codegen/python/literal'

export const concatenate = defineLayerKind({
  id: 'concatenate',
  category: 'merge',
  label: { en: 'Concatenate', 'zh-CN': '拼接' },
  inputs: {
    min: 2,
    max: 8,
    names: Array.from({ length: 8 }, (_, i) => ({ en: `in ${i + 1}`, 'zh-CN': `输入 ${i + 1}` })),
  },
  params: {
    // Counted on the shapes the editor shows (no batch axis): 0 = first shown axis, −1 = last.
    axis: p.int({
      default: -1,
      min: -8,
      max: 7,
      key: true,
      label: { en: 'Axis', 'zh-CN': '拼接轴' },
      help: {
        en: 'Which axis to join along, counted on the shape shown on the node: −1 = last (features / channels), 0 = first.',
        'zh-CN': '沿哪一个轴拼接，按节点上显示的形状计数：−1 表示最后一维（特征/通道），0 表示第一维。',
      },
    }),
  },
  inferShape(inputs, p) {
    const [first, ...rest] = inputs
    const axis = p.axis < 0 ? first.length + p.axis : p.axis
    if (axis < 0 || axis >= first.length) {
      return fail(
        'axisOutOfRange',
        { axis: p.axis, got: formatShape(first) },
        { type: 'setParam', param: 'axis', value: -1 },
      )
    }
    const out: Dim[] = [...first]
    for (const other of rest) {
      // Like tfjs, every other axis must match exactly (an unknown ? only matches ?).
      const mismatch = other.length !== first.length || other.some((d, i) => i !== axis && d !== first[i])
      if (mismatch) return fail('concatMismatch', { axis: p.axis, a: formatShape(first), b: formatShape(other) })
      const a = out[axis]
      const b = other[axis]
      out[axis] = a === null || b === null ? null : a + b
    }
    return ok(out)
  },
  paramCount: () => noParams,
  // tfjs counts the batch as axis 0, hence + 1. We always pass a positive axis: tfjs 4.22's
  // concatenate turns every negative axis into the last one at run time (−2 would silently
  // join along −1), although its shape check honours the real axis.
  build(tf, p, { name, inputShapes }) {
    const rank = inputShapes[0]?.length ?? 1
    return tf.layers.concatenate({ axis: (p.axis < 0 ? rank + p.axis : p.axis) + 1, name })
  },
  summary: (p) => `axis ${p.axis}`,
  messages: {
    axisOutOfRange: {
      en: '{layer}: axis {axis} does not exist on a {got} input. Use −1 for the last axis.',
      'zh-CN': '{layer}：形状为 {got} 的输入没有第 {axis} 轴。用 −1 表示最后一维。',
    },
  },
  code: {
    // Like build(): a positive axis counted with the batch.
    keras: (p, { name, inputShapes }) => ({
      layer: pyCall('layers.Concatenate', [], {
        axis: pyInt((p.axis < 0 ? (inputShapes[0]?.length ?? 1) + p.axis : p.axis) + 1),
        name: pyStr(name),
      }),
    }),
    pytorch: (p, { inputShapes }) => {
      const axis = (p.axis < 0 ? (inputShapes[0]?.length ?? 1) + p.axis : p.axis) + 1
      return { forward: (inputs) => `torch.cat([${inputs.join(', ')}], dim=${axis})` }
    },
  },
  docs: {
    en: {
      summary:
        'Joins its inputs side by side along one axis. The sizes along that axis add up; every other axis must match.',
      formula: 'y = [x₁ ; x₂ ; … ; xₙ] along the axis, e.g. 8×8×16 and 8×8×32 → 8×8×48',
      whenToUse:
        'Combining branches that look at the same thing differently (Inception blocks, U-Net skip connections), or joining two kinds of features before a classifier.',
    },
    'zh-CN': {
      summary: '沿某一个轴把各输入并排连接起来。该轴上的长度相加，其他各轴必须相同。',
      formula: 'y = [x₁ ; x₂ ; … ; xₙ]（沿拼接轴），例如 8×8×16 和 8×8×32 → 8×8×48',
      whenToUse:
        '合并从不同角度处理同一输入的分支（Inception 模块、U-Net 的跳跃连接），或在分类器前把两类特征拼在一起。',
    },
  },
})
