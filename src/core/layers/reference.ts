import { pick, type Lang } from '../i18n/text'
import type { ParamSpec } from '../params/schema'
import { LAYER_CATEGORIES, type AnyLayerKind, type LayerCategory } from './kind'
import { LAYER_KINDS } from './registry'

const CATEGORY_NAMES: Record<LayerCategory, Record<Lang, string>> = {
  io: { en: 'Input / output', 'zh-CN': '输入 / 输出' },
  core: { en: 'Core', 'zh-CN': '基础层' },
  conv: { en: 'Convolution', 'zh-CN': '卷积' },
  pool: { en: 'Pooling', 'zh-CN': '池化' },
  norm: { en: 'Normalisation', 'zh-CN': '归一化' },
  recurrent: { en: 'Recurrent', 'zh-CN': '循环网络' },
  attention: { en: 'Attention', 'zh-CN': '注意力' },
  merge: { en: 'Merge', 'zh-CN': '合并' },
  generative: { en: 'Generative', 'zh-CN': '生成模型' },
}

export function categoryName(category: LayerCategory, lang: Lang): string {
  return CATEGORY_NAMES[category][lang]
}

const HEAD = {
  en: {
    title: 'Layer reference',
    param: 'Parameter',
    def: 'Default',
    desc: 'Meaning',
    formula: 'Formula',
    when: 'When to use',
    inputs: 'Inputs',
  },
  'zh-CN': {
    title: '层参考手册',
    param: '参数',
    def: '默认值',
    desc: '含义',
    formula: '公式',
    when: '适用场景',
    inputs: '输入数',
  },
}

function defaultText(spec: ParamSpec): string {
  return Array.isArray(spec.default) ? spec.default.join('×') : String(spec.default)
}

function kindSection(kind: AnyLayerKind, lang: Lang): string {
  const h = HEAD[lang]
  const doc = kind.docs[lang]
  const inputs = kind.inputs.min === kind.inputs.max ? String(kind.inputs.min) : `${kind.inputs.min}–${kind.inputs.max}`
  const rows = Object.entries(kind.params).map(
    ([name, spec]) =>
      `| \`${name}\` ${pick(spec.label, lang)} | ${defaultText(spec)} | ${pick(spec.help, lang).replace(/\|/g, '\\|')} |`,
  )
  return [
    `### ${pick(kind.label, lang)} (\`${kind.id}\`)`,
    '',
    doc.summary,
    '',
    `- ${h.formula}: \`${doc.formula}\``,
    `- ${h.when}: ${doc.whenToUse}`,
    `- ${h.inputs}: ${inputs}`,
    '',
    ...(rows.length > 0 ? [`| ${h.param} | ${h.def} | ${h.desc} |`, '| --- | --- | --- |', ...rows, ''] : []),
  ].join('\n')
}

/** docs/layers.md, generated from the registry so the reference can never drift from the code. */
export function layerReferenceMarkdown(): string {
  const parts = ['<!-- Generated from src/core/layers/kinds by `npm run docs:layers`. Do not edit by hand. -->', '']
  for (const lang of ['en', 'zh-CN'] as const) {
    parts.push(`# ${HEAD[lang].title}`, '')
    for (const category of LAYER_CATEGORIES) {
      const kinds = LAYER_KINDS.filter((kind) => kind.category === category)
      if (kinds.length === 0) continue
      parts.push(`## ${categoryName(category, lang)}`, '')
      for (const kind of kinds) parts.push(kindSection(kind, lang))
    }
  }
  return parts.join('\n')
}
