import type { ProjectDocument } from '../document/types'
import type { FixSuggestion } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import type { ParamProblem } from '../params/schema'
import type { Diagnostic } from '../shapes/diagnostic'
import { DATA_DIAGNOSTIC_MESSAGES } from '../data/messages'
import { LOAD_MESSAGES } from '../document/load-messages'
import { DIAGNOSTIC_MESSAGES } from './diagnostics'
import { nodeName } from './names'
import { fill, pick, type Lang, type MessageValues } from './text'

/** The kind's label; a kind this version does not know (a placeholder a repairing load kept) says so. */
export function kindLabel(kindId: string, lang: Lang): string {
  const kind = getLayerKind(kindId)
  return kind ? pick(kind.label, lang) : fill(pick(LOAD_MESSAGES.unknownLayer, lang), { kind: kindId })
}

function template(code: string, kindId: string | undefined, lang: Lang): string {
  const own = kindId ? getLayerKind(kindId)?.messages?.[code] : undefined
  const text = own ?? DIAGNOSTIC_MESSAGES[code] ?? DATA_DIAGNOSTIC_MESSAGES[code]
  return text ? pick(text, lang) : code
}

function paramLabel(kindId: string | undefined, param: string, lang: Lang): string {
  const spec = kindId ? getLayerKind(kindId)?.params[param] : undefined
  return spec ? pick(spec.label, lang) : param
}

export function formatParamProblem(problem: ParamProblem, lang: Lang): string {
  return fill(template(problem.key, undefined, lang), problem.values)
}

/**
 * Node lookup per document, built once: a report formats one diagnostic per layer, and a search
 * of the node list for each would make a 20,000-layer report quadratic. Documents are never
 * mutated (edits return new ones), so the index stays valid for as long as the document lives.
 */
type LayerNode = ProjectDocument['nodes'][number]
const nodeIndex = new WeakMap<readonly LayerNode[], Map<string, LayerNode>>()

function nodeById(doc: ProjectDocument, id: string): LayerNode | undefined {
  let index = nodeIndex.get(doc.nodes)
  if (!index || index.size !== doc.nodes.length) {
    index = new Map(doc.nodes.map((node) => [node.id, node]))
    nodeIndex.set(doc.nodes, index)
  }
  const node = index.get(id)
  // A node renamed in place (tests do that) falls back to a search rather than a stale answer.
  return node && node.id === id ? node : doc.nodes.find((n) => n.id === id)
}

/** The diagnostic as one sentence in the reader's language, naming the layer it is about. */
export function formatDiagnostic(d: Diagnostic, doc: ProjectDocument, lang: Lang): string {
  const node = d.nodeId ? nodeById(doc, d.nodeId) : undefined
  const layer = node ? (nodeName(doc, node, lang) ?? kindLabel(node.kind, lang)) : ''
  const values: MessageValues = { ...d.values, layer }
  if (d.code === 'invalidParam') {
    const problem = { key: String(d.values.problemKey), values: d.values }
    values.param = paramLabel(node?.kind, String(d.values.param), lang)
    values.problem = formatParamProblem(problem, lang)
  } else if (d.code.startsWith('data.') && typeof d.values.param === 'string') {
    // Dataset-fit messages name a param of the node (e.g. the Input's height): use its label.
    values.param = paramLabel(node?.kind, d.values.param, lang)
  }
  return fill(template(d.code, node?.kind, lang), values)
}

export function formatFix(fix: FixSuggestion, lang: Lang, kindId?: string): string {
  if (fix.type === 'insertBefore') {
    return fill(template('fix.insertBefore', undefined, lang), { kind: kindLabel(fix.layerKind, lang) })
  }
  const value = typeof fix.value === 'string' ? fix.value : JSON.stringify(fix.value)
  return fill(template('fix.setParam', undefined, lang), { param: paramLabel(kindId, fix.param, lang), value })
}

/**
 * The words layer summaries use (`128 · relu`, `8 groups`, `×2×2 · nearest`), in Chinese. Kinds
 * write their summaries in one notation; this table turns its words into the reader's language,
 * so a new word shows up in the zh-CN completeness test instead of on a Chinese canvas.
 */
const SUMMARY_WORDS_ZH: Record<string, string> = {
  groups: '组',
  axis: '轴',
  seq: '序列',
  causal: '因果',
  learned: '可学习',
  nearest: '最近邻',
  bilinear: '双线性',
  concat: '拼接',
  cosine: '余弦',
  sum: '相加',
  mul: '相乘',
  ave: '平均',
  linear: '线性',
  relu: 'ReLU',
  leakyRelu: 'Leaky ReLU',
  sigmoid: 'Sigmoid',
  softmax: 'Softmax',
  swish: 'Swish',
  elu: 'ELU',
  selu: 'SELU',
  gelu: 'GELU',
  hardSigmoid: 'Hard Sigmoid',
  softplus: 'Softplus',
  softsign: 'Softsign',
  relu6: 'ReLU6',
  lstm: 'LSTM',
  gru: 'GRU',
  simpleRnn: '简单 RNN',
  normal: '正态',
  uniform: '均匀',
  max: '上限',
  slope: '斜率',
}

/** The short text on a node (its kind's summary) in the reader's language; '' when it cannot be made. */
export function formatSummary(kindId: string, params: Record<string, unknown>, lang: Lang): string {
  const kind = getLayerKind(kindId)
  if (!kind) return ''
  let text: string
  try {
    text = kind.summary(params as never)
  } catch {
    return '' // params mid-edit; the node shows its problem elsewhere
  }
  if (lang === 'en') return text
  return text.replace(/[A-Za-z][A-Za-z0-9]*/g, (word) => SUMMARY_WORDS_ZH[word] ?? word)
}
