import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IRIS_CREDIT } from '../../../src/core/data/iris'
import { DATA_DIAGNOSTIC_MESSAGES, DATA_ERROR_MESSAGES } from '../../../src/core/data/messages'
import { MNIST_CREDIT } from '../../../src/core/data/mnist'
import { NAMES_CREDIT } from '../../../src/core/data/names'
import { TEMPLATE_FAMILIES } from '../../../src/core/document/families'
import { DIAGNOSTIC_MESSAGES } from '../../../src/core/i18n/diagnostics'
import { EXPORT_MESSAGES, exportText, nodeLabelText } from '../../../src/core/i18n/export-messages'
import { formatSummary } from '../../../src/core/i18n/format'
import { nameTranslation } from '../../../src/core/i18n/names'
import { TRAINING_MESSAGES } from '../../../src/core/i18n/training-messages'
import { LAYER_KINDS } from '../../../src/core/layers/registry'
import { defaultParams } from '../../../src/core/params/schema'
import { en } from '../../../src/renderer/src/i18n/en'
import { trainingEn } from '../../../src/renderer/src/i18n/training-en'
import { trainingZhCN } from '../../../src/renderer/src/i18n/training-zh-CN'
import { zhCN } from '../../../src/renderer/src/i18n/zh-CN'
import { loadTemplate } from '../helpers'

/**
 * Chinese first: every text the app or the CLI can show has a Chinese version. A Chinese text
 * must contain Chinese characters unless its English one is only technical (numbers, symbols,
 * names like "ONNX" or "LeNet-5"), and both must use the same {placeholders}.
 */
const CJK = /[\u3400-\u9fff]/
/** Words that stay in Latin letters in Chinese texts too: acronyms (ONNX, ReLU), names with digits (LeNet-5), and these. */
const TECHNICAL = /^(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+\d[\w-]*)$/
const TECHNICAL_WORDS = new Set([
  'adam',
  'adagrad',
  'adadelta',
  'adamax',
  'swish',
  'leaky',
  'transformer',
  'epsilon',
  'tanh',
  'softmax',
  'sigmoid',
])
const isTechnicalOnly = (english: string) =>
  (english.replace(/\{\w+\}/g, '').match(/[A-Za-z]{4,}\w*/g) ?? []).every(
    (word) => TECHNICAL.test(word) || TECHNICAL_WORDS.has(word.toLowerCase()),
  )
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

interface Pair {
  path: string
  en: string
  zh: unknown
}

/** Every {en, 'zh-CN'} pair inside `value` (catalogues, layer kinds with their params and docs). */
function pairsIn(value: unknown, path: string, seen = new Set<unknown>()): Pair[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return []
  seen.add(value)
  const record = value as Record<string, unknown>
  if (typeof record.en === 'string') return [{ path, en: record.en, zh: record['zh-CN'] }]
  return Object.entries(record).flatMap(([key, inner]) => pairsIn(inner, `${path}.${key}`, seen))
}

function expectChinese(pairs: Pair[]) {
  const missing = pairs.filter((p) => typeof p.zh !== 'string' || p.zh.trim() === '').map((p) => p.path)
  expect(missing, 'texts without a zh-CN version').toEqual([])
  const english = pairs
    .filter((p) => !CJK.test(p.zh as string) && !isTechnicalOnly(p.en))
    .map((p) => `${p.path}: ${String(p.zh)}`)
  expect(english, 'zh-CN texts that are not Chinese').toEqual([])
  const mismatched = pairs
    .filter((p) => placeholders(p.en).join() !== placeholders(p.zh as string).join())
    .map((p) => `${p.path}: {${placeholders(p.en)}} vs {${placeholders(p.zh as string)}}`)
  expect(mismatched, 'placeholders that differ between the languages').toEqual([])
}

describe('every core message has a zh-CN text', () => {
  it.each([
    ['diagnostics', DIAGNOSTIC_MESSAGES],
    ['data diagnostics', DATA_DIAGNOSTIC_MESSAGES],
    ['data errors', DATA_ERROR_MESSAGES],
    ['exporter problems', EXPORT_MESSAGES],
    ['trainer shape messages', TRAINING_MESSAGES],
    ['template families', TEMPLATE_FAMILIES],
    ['dataset credits', { MNIST_CREDIT, IRIS_CREDIT, NAMES_CREDIT }],
  ])('%s', (name, catalogue) => {
    const pairs = pairsIn(catalogue, name)
    expect(pairs.length).toBeGreaterThanOrEqual(3)
    expectChinese(pairs)
  })

  it('layer kinds: labels, params, docs and their own messages', () => {
    const pairs = LAYER_KINDS.flatMap((kind) => pairsIn(kind, kind.id))
    expect(pairs.length).toBeGreaterThan(LAYER_KINDS.length * 3)
    expectChinese(pairs)
  })

  it('layer summaries on the canvas (every kind, every option of its choice params) have no English words in Chinese', () => {
    const english: string[] = []
    for (const kind of LAYER_KINDS) {
      const base = defaultParams(kind.params) as Record<string, unknown>
      const variants: Record<string, unknown>[] = [base]
      for (const [name, spec] of Object.entries(kind.params)) {
        if (spec.type === 'enum') for (const option of spec.options) variants.push({ ...base, [name]: option })
        if (spec.type === 'bool') variants.push({ ...base, [name]: !base[name] })
      }
      for (const params of variants) {
        const zh = formatSummary(kind.id, params, 'zh-CN')
        if (!isTechnicalOnly(zh)) english.push(`${kind.id} ${JSON.stringify(params)}: ${zh}`)
      }
    }
    expect(english).toEqual([])
  })

  it('exporter messages name the layer in Chinese when the project has a Chinese name for it', () => {
    const doc = loadTemplate('gan-mlp')
    const text = exportText('noOnnxEquivalent', { node: nodeLabelText(doc, 'fake') })
    expect(text['zh-CN']).toContain('假数字')
    expect(text.en).toContain('"fake digit"')
  })
})

describe('the renderer’s strings exist in both languages', () => {
  /** Every leaf path of a nested string table. */
  const leaves = (table: unknown, path = ''): [string, string][] =>
    typeof table === 'string'
      ? [[path, table]]
      : Object.entries(table as Record<string, unknown>).flatMap(([key, inner]) =>
          leaves(inner, path ? `${path}.${key}` : key),
        )

  it.each([
    ['app', en, zhCN],
    ['training', trainingEn, trainingZhCN],
  ])('%s: same keys, Chinese texts', (_name, english, chinese) => {
    const zh = new Map(leaves(chinese))
    const pairs = leaves(english)
      // i18next plural forms: Chinese has only `_other`.
      .filter(([path]) => !path.endsWith('_one'))
      .map(([path, text]) => ({ path, en: text, zh: zh.get(path) }))
    expectChinese(
      pairs.map((p) => ({
        ...p,
        en: p.en.replace(/\{\{(\w+)\}\}/g, '{$1}'),
        zh: typeof p.zh === 'string' ? p.zh.replace(/\{\{(\w+)\}\}/g, '{$1}') : p.zh,
      })),
    )
  })
})

describe('every template carries its texts in Chinese', () => {
  const ids = readdirSync(new URL('../../../templates/', import.meta.url))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))

  it.each(ids)('%s: title, description, every named layer and every group', (id) => {
    const doc = loadTemplate(id)
    const pairs: Pair[] = [
      { path: 'name', en: doc.name, zh: nameTranslation(doc, { type: 'project' }, 'zh-CN') },
      { path: 'meta.description', en: doc.meta.description?.en ?? '', zh: doc.meta.description?.['zh-CN'] },
      ...doc.nodes
        .filter((node) => node.name)
        .map((node) => ({
          path: `nodes.${node.id}`,
          en: node.name!,
          zh: nameTranslation(doc, { type: 'node', id: node.id }, 'zh-CN'),
        })),
      ...doc.groups.map((group) => ({
        path: `groups.${group.id}`,
        en: group.name,
        zh: nameTranslation(doc, { type: 'group', id: group.id }, 'zh-CN'),
      })),
    ]
    expectChinese(pairs)
  })
})
