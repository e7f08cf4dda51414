import { defineLayerKind, fail, noParams, ok, type ShapeResult } from '../kind'
import { p } from '../../params/schema'
import { formatShape, shapeSize, type Shape } from '../../shapes/shape'
import { pyCall, pyInt, pyStr, pyTuple } from '../../codegen/python/literal'

/** The target shape with its -1 worked out from the input, or why it cannot be. */
function resolve(input: Shape, target: readonly number[]): ShapeResult {
  const size = shapeSize(input)
  if (size === null) return fail('unknownDim', { got: formatShape(input) })
  const infer = target.filter((d) => d === -1).length
  const known = target.reduce((n, d) => (d === -1 ? n : n * d), 1)
  const shown = formatShape(target.map((d) => (d === -1 ? null : d)))
  const mismatch = () =>
    fail('reshapeMismatch', {
      from: formatShape(input),
      fromSize: size,
      to: shown,
      toSize: infer ? `${known}×?` : known,
    })
  // Only one -1 and only positive sizes make sense; the param check says so too, but stay total.
  if (infer > 1 || target.some((d) => d !== -1 && d < 1)) return mismatch()
  if (infer === 0) return known === size ? ok(target) : mismatch()
  if (size % known !== 0) return mismatch()
  return ok(target.map((d) => (d === -1 ? size / known : d)))
}

export const reshape = defineLayerKind({
  id: 'reshape',
  category: 'core',
  label: { en: 'Reshape', 'zh-CN': '变形层' },
  inputs: { min: 1, max: 1 },
  params: {
    targetShape: p.ints({
      default: [28, 28, 1],
      minLength: 1,
      maxLength: 4,
      min: 1,
      allowInfer: true,
      key: true,
      label: { en: 'Target shape', 'zh-CN': '目标形状' },
      help: {
        en: 'The new shape of one sample (without batch). It must hold exactly as many values as the input. One entry may be -1: it is worked out for you.',
        'zh-CN': '单个样本的新形状（不含批次维）。元素总数必须与输入相同。可以有一项写成 -1，它会被自动算出来。',
      },
    }),
  },
  inferShape: ([input], p) => resolve(input, p.targetShape),
  paramCount: () => noParams,
  build(tf, p, { name, inputShapes }) {
    // tfjs leaves a -1 unresolved (null) in symbolic shapes, so hand it the worked-out shape.
    const resolved = inputShapes[0] ? resolve(inputShapes[0], p.targetShape) : null
    const targetShape = resolved?.ok ? (resolved.shape as number[]) : p.targetShape
    return tf.layers.reshape({ targetShape, name })
  },
  summary: (p) => formatShape(p.targetShape.map((d) => (d === -1 ? null : d))),
  code: {
    keras: (_p, { name, outputShape }) => ({
      layer: pyCall('layers.Reshape', [pyTuple(outputShape as number[])], { name: pyStr(name) }),
    }),
    pytorch: (_p, { outputShape }) => ({
      forward: ([x]) => `${x}.reshape(${[`${x}.shape[0]`, ...outputShape.map((d) => pyInt(d ?? -1))].join(', ')})`,
    }),
  },
  docs: {
    en: {
      summary:
        'Rearranges the values of a sample into a new shape. The values and their order stay the same; only how they are grouped changes.',
      formula: 'y = x arranged as the target shape; size(y) = size(x)',
      whenToUse:
        'To turn a vector back into an image (784 → 28×28×1), e.g. before Conv2D or at the start of a generator, or to split a vector into a sequence.',
    },
    'zh-CN': {
      summary: '把一个样本的数值重新排成新的形状。数值和顺序都不变，变的只是分组方式。',
      formula: 'y = 按目标形状重新排列的 x；y 的元素总数 = x 的元素总数',
      whenToUse: '把向量还原成图像（784 → 28×28×1），例如接在二维卷积前或生成器的开头；或者把向量切分成序列。',
    },
  },
})
