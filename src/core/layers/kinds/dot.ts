import { defineLayerKind, fail, noParams, ok } from '../kind'
import { p, type ParamValues } from '../../params/schema'
import { formatShape, type Shape } from '../../shapes/shape'
import { pyBool, pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'
import { TORCH_L2_NORMALIZE } from '../../codegen/python/torch-dot'

const params = {
  // Counted on the shapes the editor shows (no batch axis), like Concatenate's axis: −1 = last.
  axes: p.ints({
    default: [-1, -1],
    minLength: 2,
    maxLength: 2,
    min: -2,
    key: true,
    label: { en: 'Axes', 'zh-CN': '相乘的轴' },
    help: {
      en:
        'Which axis of input 1 and which axis of input 2 are multiplied and summed, counted on the shapes ' +
        'shown on the nodes (−1 = last). [−1, −1] on two T×d sequences gives the T×T attention scores q·kᵀ; ' +
        '[−1, 0] multiplies T×T scores with T×d values.',
      'zh-CN':
        '输入 1 的哪一轴与输入 2 的哪一轴逐项相乘再求和，按节点上显示的形状计数（−1 表示最后一维）。' +
        '对两个 T×d 序列取 [−1, −1] 得到 T×T 的注意力分数 q·kᵀ；[−1, 0] 把 T×T 的分数与 T×d 的值相乘。',
    },
  }),
  normalize: p.bool({
    default: false,
    label: { en: 'Normalize (cosine)', 'zh-CN': '归一化（余弦）' },
    help: {
      en: 'Divide both inputs by their length (L2 norm) along the axes first, so the result is the cosine similarity.',
      'zh-CN': '先把两个输入沿相乘的轴除以各自的长度（L2 范数），结果就是余弦相似度。',
    },
  }),
}

/**
 * The axes as positive indices into the shown shapes, or null when they cannot be used. Like tfjs' Dot, both
 * inputs have the same rank, 1 (vectors) or 2 (sequences / matrices); a negative axis counts from the end.
 */
export function dotAxes(inputs: Shape[], p: ParamValues<typeof params>): [number, number] | null {
  const [a, b] = inputs
  if (!a || !b || a.length !== b.length || a.length < 1 || a.length > 2) return null
  const resolved = p.axes.map((axis) => (axis < 0 ? a.length + axis : axis))
  if (resolved.some((axis) => axis < 0 || axis >= a.length)) return null
  return [resolved[0], resolved[1]]
}

/**
 * The axes as tfjs and Keras count them (the batch is axis 0, hence + 1). tfjs resolves a negative
 * axis only when `axes` is one number (a pair goes unresolved into its shape check), so the same
 * negative axis on both inputs is written as that number, which imports back as it was; any other
 * pair is made positive with the input rank.
 */
export function withBatch(axes: readonly number[], rank: number): number | [number, number] {
  if (axes[0] === axes[1] && axes[0] < 0) return axes[0]
  const positive = axes.map((axis) => (axis < 0 ? rank + axis : axis) + 1)
  return [positive[0], positive[1]]
}

const pyAxes = (axes: number | [number, number]) => (typeof axes === 'number' ? pyInt(axes) : pyTuple(axes))

export const dot = defineLayerKind({
  id: 'dot',
  category: 'merge',
  label: { en: 'Dot', 'zh-CN': '点积' },
  inputs: {
    min: 2,
    max: 2,
    names: [
      { en: 'in 1', 'zh-CN': '输入 1' },
      { en: 'in 2', 'zh-CN': '输入 2' },
    ],
  },
  params,
  inferShape(inputs, p) {
    const [a, b] = inputs
    if (a.length !== b.length || a.length < 1 || a.length > 2)
      return fail('dotRank', { a: formatShape(a), b: formatShape(b) })
    const axes = dotAxes(inputs, p)
    if (!axes) {
      return fail(
        'dotAxisOutOfRange',
        { axes: p.axes.join(', '), got: formatShape(a) },
        { type: 'setParam', param: 'axes', value: [-1, -1] },
      )
    }
    // Like tfjs: the two summed axes must have the same length (an unknown ? only matches ?).
    if (a[axes[0]] !== b[axes[1]]) {
      return fail('dotMismatch', {
        a: formatShape(a),
        b: formatShape(b),
        axisA: p.axes[0],
        axisB: p.axes[1],
      })
    }
    if (a.length === 1) return ok([1])
    return ok([a[1 - axes[0]], b[1 - axes[1]]])
  },
  paramCount: () => noParams,
  // No weights, but a matrix product like attention's scores (which MultiHeadAttention counts):
  // every output value sums `length of the summed axis` products.
  macs(inputs, p, output) {
    const axes = dotAxes(inputs, p)
    const summed = axes ? inputs[0][axes[0]] : null
    if (summed === null || output.some((d) => d === null)) return null
    return (output as number[]).reduce((a, b) => a * b, 1) * summed
  },
  build: (tf, p, { name, inputShapes }) =>
    tf.layers.dot({ axes: withBatch(p.axes, inputShapes[0]?.length ?? 1), normalize: p.normalize, name }),
  summary: (p) => `axis ${p.axes.join(', ')}${p.normalize ? ' · cosine' : ''}`,
  messages: {
    dotRank: {
      en:
        '{layer} multiplies two vectors or two sequences of the same rank, but gets {a} and {b}. ' +
        'Reshape one of them, or use Dense for a learned product.',
      'zh-CN':
        '{layer} 只能对两个向量或两个维数相同的序列做点积，但收到的是 {a} 和 {b}。请先对其中一个变形，或改用全连接层做可学习的乘积。',
    },
    dotAxisOutOfRange: {
      en: '{layer}: axes [{axes}] do not exist on a {got} input. Use −1 for the last axis, 0 for the first.',
      'zh-CN': '{layer}：形状为 {got} 的输入没有 [{axes}] 这两个轴。用 −1 表示最后一维，0 表示第一维。',
    },
    dotMismatch: {
      en:
        '{layer}: axis {axisA} of {a} and axis {axisB} of {b} must have the same length to be multiplied and ' +
        'summed. Change the axes, or the size of one input.',
      'zh-CN':
        '{layer}：{a} 的第 {axisA} 轴和 {b} 的第 {axisB} 轴长度必须相同，才能逐项相乘再求和。请修改相乘的轴，或其中一个输入的大小。',
    },
  },
  code: {
    keras: (p, { name, inputShapes }) => ({
      layer: pyCall('layers.Dot', [], {
        axes: pyAxes(withBatch(p.axes, inputShapes[0]?.length ?? 1)),
        normalize: pyBool(p.normalize),
        name: pyStr(name),
      }),
    }),
    pytorch: (p, { inputShapes }) => {
      const [x, y] = dotAxes(inputShapes, p) ?? [0, 0]
      const vectors = inputShapes[0].length === 1
      const norm = (v: string, axis: number) => (p.normalize ? `tf_l2_normalize(${v}, ${axis + 1})` : v)
      return {
        forward: ([a, b]) => {
          const left = norm(a, x)
          const right = norm(b, y)
          if (vectors) return `(${left} * ${right}).sum(dim=1, keepdim=True)`
          // tfjs' batchDot: matMul(x, y, transposeX = axis 0 of x, transposeY = axis 1 of y).
          const l = x === 0 ? `${left}.transpose(1, 2)` : left
          const r = y === 1 ? `${right}.transpose(1, 2)` : right
          return `torch.matmul(${l}, ${r})`
        },
        ...(p.normalize ? { helpers: { tf_l2_normalize: TORCH_L2_NORMALIZE } } : {}),
      }
    },
  },
  docs: {
    en: {
      summary:
        'Multiplies two inputs element by element along one axis of each and sums: the dot product of two ' +
        'vectors, or the matrix product of two sequences (every step of one with every step of the other). ' +
        'With Normalize it is the cosine similarity. Nothing is learned.',
      formula: 'vectors: y = Σ_i a[i]·b[i];  sequences, axes [−1, −1]: y[s, t] = Σ_i a[s, i]·b[t, i] (a·bᵀ)',
      whenToUse:
        'Attention built by hand: the scores q·kᵀ between queries and keys (axes [−1, −1]), then the scores ' +
        'times the values (axes [−1, 0]); or how similar two embeddings are.',
    },
    'zh-CN': {
      summary:
        '沿两个输入各自的一个轴逐项相乘再求和：两个向量的点积，或两个序列的矩阵乘积（一个序列的每一步与另一个的每一步）。' +
        '勾选归一化时得到余弦相似度。不学习任何参数。',
      formula: '向量：y = Σ_i a[i]·b[i]；序列，轴 [−1, −1]：y[s, t] = Σ_i a[s, i]·b[t, i]（a·bᵀ）',
      whenToUse:
        '手工搭建注意力：先算查询与键的分数 q·kᵀ（轴 [−1, −1]），再用分数乘以值（轴 [−1, 0]）；或衡量两个嵌入向量有多相似。',
    },
  },
})
