import type { ProjectDocument } from '../../core/document/types'
import { formatDiagnostic, formatFix, kindLabel } from '../../core/i18n/format'
import { quote, safeValue } from '../../core/i18n/safe-text'
import { nodeName, projectName } from '../../core/i18n/names'
import { LANGS, pick, type Lang } from '../../core/i18n/text'
import { analyzeGraph, type GraphAnalysis } from '../../core/shapes/analyze'
import type { Shape } from '../../core/shapes/shape'
import { EXIT, type Command } from '../command'
import { loadProject } from '../project-file'
import { displayWidth, formatBytes, formatCount, pad, renderTable } from '../table'
import { t } from '../text'

/** Bytes per weight: tfjs trains in float32. */
const BYTES_PER_PARAM = 4

/** Keras' way of writing a shape: batch first, unknown dims as None. */
export function kerasShape(shape: Shape | null): string {
  if (!shape) return '?'
  if (shape.length === 0) return '(None,)'
  return `(None, ${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`
}

/** Topological order first, then the nodes analysis could not order (cycles), in document order. */
function layerOrder(doc: ProjectDocument, analysis: GraphAnalysis): string[] {
  const placed = new Set(analysis.order)
  return [...analysis.order, ...doc.nodes.filter((node) => !placed.has(node.id)).map((node) => node.id)]
}

export interface CheckJson {
  valid: boolean
  totalParams: number
  trainableParams: number
  /** Multiply-accumulates of one forward pass per sample; null when a layer's count is unknown. */
  totalMacs: number | null
  layers: {
    id: string
    kind: string
    outputShape: (number | null)[] | null
    params: number | null
    macs: number | null
  }[]
  diagnostics: { nodeId: string | null; code: string; severity: 'error' | 'warning'; message: string }[]
}

export function checkJson(doc: ProjectDocument, analysis: GraphAnalysis, lang: Lang): CheckJson {
  const byId = new Map(doc.nodes.map((node) => [node.id, node]))
  return {
    valid: analysis.valid,
    totalParams: analysis.totals.total,
    trainableParams: analysis.totals.trainable,
    totalMacs: analysis.totals.macs,
    layers: layerOrder(doc, analysis).map((id) => {
      const info = analysis.nodes[id]
      return {
        id,
        kind: byId.get(id)!.kind,
        outputShape: info.outputShape ? [null, ...info.outputShape] : null,
        params: info.params ? info.params.trainable + info.params.nonTrainable : null,
        macs: info.macs,
      }
    }),
    diagnostics: analysis.diagnostics.map((d) => ({
      nodeId: d.nodeId ?? null,
      code: d.code,
      severity: d.severity,
      message: formatDiagnostic(d, doc, lang),
    })),
  }
}

/** The human-readable report: a Keras-like summary table, the totals, then the problems. */
export function checkReport(doc: ProjectDocument, analysis: GraphAnalysis, lang: Lang): string {
  const byId = new Map(doc.nodes.map((node) => [node.id, node]))
  const inputs = analysis.inputsByPort
  const merges = doc.nodes.some((node) => (inputs[node.id]?.length ?? 0) > 1)
  const columns = [
    { header: t('layer', lang) },
    { header: t('kind', lang) },
    { header: t('outputShape', lang) },
    { header: t('params', lang), align: 'right' as const },
    { header: t('macs', lang), align: 'right' as const },
    ...(merges ? [{ header: t('connectedTo', lang) }] : []),
  ]
  const rows = layerOrder(doc, analysis).map((id) => {
    const node = byId.get(id)!
    const info = analysis.nodes[id]
    const count = info.params ? formatCount(info.params.trainable + info.params.nonTrainable) : '?'
    const sources = inputs[id] ?? []
    const name = nodeName(doc, node, lang)
    return [
      name ? `${id} (${name})` : id,
      kindLabel(node.kind, lang),
      kerasShape(info.outputShape),
      count,
      info.macs === null ? '?' : formatCount(info.macs),
      ...(merges ? [sources.length > 1 ? sources.join(', ') : ''] : []),
    ]
  })

  const { total, trainable, nonTrainable } = analysis.totals
  const amount = (n: number) => `${formatCount(n)} (${formatBytes(n * BYTES_PER_PARAM)})`
  const lines = [
    `${t('model', lang)}: ${quote(projectName(doc, lang))}`,
    '',
    ...renderTable(columns, rows),
    `${t('totalParams', lang)}: ${amount(total)}`,
    `${t('trainableParams', lang)}: ${amount(trainable)}`,
    `${t('nonTrainableParams', lang)}: ${amount(nonTrainable)}`,
    `${t('totalMacs', lang)}: ${analysis.totals.macs === null ? '?' : formatCount(analysis.totals.macs)}`,
    '',
  ]

  if (analysis.diagnostics.length === 0) {
    lines.push(t('noProblems', lang))
  } else {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length
    const warnings = analysis.diagnostics.length - errors
    const counts = [
      errors === 0 ? '' : errors === 1 ? t('oneError', lang) : t('errors', lang, { n: errors }),
      warnings === 0 ? '' : warnings === 1 ? t('oneWarning', lang) : t('warnings', lang, { n: warnings }),
    ]
    lines.push(`${t('problems', lang)} (${counts.filter(Boolean).join(', ')}):`)
    const problemRows = analysis.diagnostics.map((d) => [
      t(d.severity, lang),
      safeValue(d.nodeId ?? t('graph', lang)),
      formatDiagnostic(d, doc, lang),
    ])
    const sevWidth = Math.max(...problemRows.map((row) => displayWidth(row[0])))
    const idWidth = Math.max(...problemRows.map((row) => displayWidth(row[1])))
    analysis.diagnostics.forEach((d, i) => {
      const [severity, nodeId, message] = problemRows[i]
      lines.push(`  ${pad(severity, sevWidth)}  ${pad(nodeId, idWidth)}  ${message}`)
      if (d.fix) {
        const kindId = d.nodeId ? byId.get(d.nodeId)?.kind : undefined
        lines.push(
          `  ${' '.repeat(sevWidth)}  ${' '.repeat(idWidth)}  ${t('fix', lang)}: ${formatFix(d.fix, lang, kindId)}`,
        )
      }
    })
  }
  return lines.join('\n') + '\n'
}

const check: Command = {
  description:
    'Checks a project file: infers every output shape, counts parameters and lists problems. Exits 0 when the ' +
    'model is valid, 1 when it has errors, 2 when the file cannot be read or is not a valid project ' +
    '(with --repair: when it cannot be repaired).',
  positionals: [{ name: 'project.json' }],
  options: {
    json: { type: 'boolean', description: 'print one JSON object instead of the table' },
    lang: {
      type: 'string',
      valueName: 'en|zh-CN',
      choices: LANGS,
      description: 'language of labels and messages (default en)',
    },
    repair: {
      type: 'boolean',
      description:
        'open the file as the app does: invalid parameters become their defaults, unknown layer kinds stay ' +
        'as placeholders; each repair is listed on stderr',
    },
  },
  async run({ values, positionals }, io) {
    const lang = (values.lang as Lang | undefined) ?? 'en'
    const json = values.json === true
    const loaded = await loadProject(positionals[0], io.cwd, { repair: values.repair === true })
    if (!loaded.ok) {
      if (json) io.out(JSON.stringify({ error: loaded.error }) + '\n')
      io.err(`layercanvas: ${loaded.line}\n`)
      return EXIT.usage
    }
    for (const warning of loaded.warnings) io.err(`layercanvas: warning: ${positionals[0]}: ${warning}\n`)
    for (const repair of loaded.repairs) {
      io.err(`layercanvas: ${t('repaired', lang)}: ${positionals[0]}: ${pick(repair.message, lang)}\n`)
    }
    const analysis = analyzeGraph(loaded.document)
    if (json) {
      const report = checkJson(loaded.document, analysis, lang)
      // `repairs` only with --repair, so the JSON of a strict check is what it always was.
      const repairs = loaded.repairs.map((repair) => ({ path: repair.path, message: pick(repair.message, lang) }))
      io.out(JSON.stringify(values.repair === true ? { ...report, repairs } : report) + '\n')
    } else {
      io.out(checkReport(loaded.document, analysis, lang))
    }
    return analysis.valid ? EXIT.ok : EXIT.problems
  },
}

export default check
