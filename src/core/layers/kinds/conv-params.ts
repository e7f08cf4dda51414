import type { LocalText } from '../../i18n/text'
import { p } from '../../params/schema'
import type { Shape } from '../../shapes/shape'
import type { ParamCount } from '../kind'

/** Params shared by the convolution and pooling kinds, declared once. */
export const kernelSizeParam = (fallback: [number, number]) =>
  p.ints({
    default: fallback,
    minLength: 2,
    maxLength: 2,
    min: 1,
    key: true,
    label: { en: 'Kernel size', 'zh-CN': '卷积核尺寸' },
    help: { en: 'Height × width of the sliding window.', 'zh-CN': '滑动窗口的 高 × 宽。' },
  })

export const poolSizeParam = p.ints({
  default: [2, 2],
  minLength: 2,
  maxLength: 2,
  min: 1,
  key: true,
  label: { en: 'Pool size', 'zh-CN': '池化窗口' },
  help: { en: 'Height × width of the pooling window.', 'zh-CN': '池化窗口的 高 × 宽。' },
})

export const stridesParam = p.ints({
  default: [1, 1],
  minLength: 2,
  maxLength: 2,
  min: 1,
  label: { en: 'Strides', 'zh-CN': '步幅' },
  help: {
    en: 'How far the window moves each step, vertically × horizontally. 2 halves the output size.',
    'zh-CN': '窗口每次移动的距离（纵向 × 横向）。取 2 时输出尺寸减半。',
  },
})

export const paddingParam = p.enum(['valid', 'same'] as const, {
  default: 'valid',
  optionLabels: {
    valid: { en: 'valid (no padding)', 'zh-CN': 'valid（不填充）' },
    same: { en: 'same (keep size)', 'zh-CN': 'same（保持尺寸）' },
  },
  label: { en: 'Padding', 'zh-CN': '填充' },
  help: {
    en: "valid: the window stays inside the input, so the output shrinks. same: zeros are added around the border so that, with stride 1, the output keeps the input's size.",
    'zh-CN': 'valid：窗口只在输入内部滑动，输出会变小。same：在边缘补零，步幅为 1 时输出与输入同样大小。',
  },
})

/** The number of filters of a convolution; `help` says what they produce for this kind. */
export const filtersParam = (help: LocalText) =>
  p.int({
    default: 32,
    min: 1,
    max: 65_536,
    key: true,
    label: { en: 'Filters', 'zh-CN': '卷积核个数' },
    help,
  })

export const filterBiasParam = p.bool({
  default: true,
  label: { en: 'Use bias', 'zh-CN': '使用偏置' },
  help: { en: 'Add a learned offset per filter.', 'zh-CN': '每个卷积核加一个可学习的偏置。' },
})

/** Weights of a Conv2D or Conv2DTranspose on [h, w, c]: a kh × kw × c kernel per filter, plus a bias per filter. */
export function conv2dParamCount(
  input: Shape,
  p: { kernelSize: readonly number[]; filters: number; useBias: boolean },
): ParamCount {
  const c = input[2] ?? 0
  const [kh, kw] = p.kernelSize
  return { trainable: kh * kw * c * p.filters + (p.useBias ? p.filters : 0), nonTrainable: 0 }
}
