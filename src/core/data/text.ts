import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { dataFailure, type DataResult } from './errors'
import { contextOption } from './names'
import { withDefaults } from './options'
import { buildVocab, characters, contextWindow, vocabIndex } from './vocab'

export const TEXT_OPTIONS = {
  context: contextOption(40),
  lowercase: p.bool({
    default: false,
    label: { en: 'Lower case', 'zh-CN': '转为小写' },
    help: {
      en: 'Ignore the difference between capital and small letters (fewer characters to learn).',
      'zh-CN': '不区分大小写字母（需要学习的字符更少）。',
    },
  }),
  maxSamples: p.int({
    default: 200_000,
    min: 100,
    max: 5_000_000,
    label: { en: 'Most samples', 'zh-CN': '最多样本数' },
    help: {
      en: 'A long text gives one sample per character; above this many, evenly spaced positions are used.',
      'zh-CN': '长文本每个字符都能生成一个样本；超过这个数量时，改为均匀间隔地取位置。',
    },
  }),
}
export type TextOptions = ParamValues<typeof TEXT_OPTIONS>

/**
 * A plain text file as a char-level dataset: at every position, the previous `context`
 * characters (left-padded) → the next character. Same vocabulary layout as names.ts, so the
 * same sampler works for both.
 */
export function textDataset(
  text: string,
  options: Partial<TextOptions> & { name?: string } = {},
): DataResult<{ dataset: Dataset }> {
  const o = withDefaults(TEXT_OPTIONS, options)
  let clean = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '')
  if (o.lowercase) clean = clean.toLowerCase()
  const chars = characters(clean)
  if (clean.trim().length === 0) return dataFailure('textEmpty')
  if (chars.length < 3) return dataFailure('textTooShort', { got: chars.length })
  const vocab = buildVocab([clean])
  const index = vocabIndex(vocab)
  const ids = chars.map((c) => index.get(c)!)
  const positions = ids.length - 1
  const size = Math.min(positions, o.maxSamples)
  const features = new Int32Array(size * o.context)
  const labels = new Int32Array(size)
  for (let k = 0; k < size; k++) {
    const t = 1 + Math.floor((k * positions) / size)
    features.set(contextWindow(ids.slice(Math.max(0, t - o.context), t), o.context), k * o.context)
    labels[k] = ids[t]
  }
  const title = options.name ?? 'text'
  return {
    ok: true,
    dataset: {
      id: 'text',
      name: { en: `Text: ${title}`, 'zh-CN': `文本：${title}` },
      description: {
        en: `${chars.length.toLocaleString('en')} characters (${vocab.length - 3} different), read one character at a time: from the last ${o.context} characters, predict the next.`,
        'zh-CN': `共 ${chars.length} 个字符（${vocab.length - 3} 种不同字符），逐个字符读取：根据前 ${o.context} 个字符预测下一个字符。`,
      },
      task: 'classification',
      inputShape: [o.context],
      inputDtype: 'int32',
      features,
      labels,
      targetShape: [],
      classNames: vocab,
      vocab,
      preview: 'text',
      size,
    },
  }
}
