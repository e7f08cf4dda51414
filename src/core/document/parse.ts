import type { z } from 'zod'
import { DIAGNOSTIC_MESSAGES } from '../i18n/diagnostics'
import { safeMessage, safeValue } from '../i18n/safe-text'
import { fill, type Lang, type LocalText, type MessageValues } from '../i18n/text'
import { getLayerKind } from '../layers/registry'
import { checkParam } from '../params/schema'
import { migrateKindParams, withKindVersion } from './kind-migrations'
import { scanJsonValue } from './limits'
import { LOAD_MESSAGES } from './load-messages'
import { migrate } from './migrate'
import { documentSchema, MAX_LAYERS } from './schema'
import { MAX_WEIGHT_BYTES, tooManyWeightsMessage } from './size-policy'
import type { ProjectDocument } from './types'
import { tensorSizeProblem } from './weight-data'

export interface ParseError {
  /** Where the problem is, e.g. `nodes[3].params.units` ('' for the whole file). */
  path: string
  /** One line for the user, path included: `nodes[3].params.units: expected a whole number ≥ 1, got -4`. */
  message: string
}

/** One thing a repairing load changed, in both languages, path included in the message. */
export interface ParseRepair {
  path: string
  message: LocalText
}

export type ParseResult =
  { ok: true; document: ProjectDocument; warnings: string[]; repairs: ParseRepair[] } | { ok: false; error: ParseError }

export interface ParseOptions {
  /**
   * Open what can be opened, as Excalidraw's restore does: an invalid parameter becomes its
   * default, an unknown layer kind stays as a placeholder node with its data (never compiled,
   * written back unchanged); each change is listed in `repairs`. The app opens files this
   * way; templates, the clipboard and the CLI's train/export refuse such files (the default).
   */
  repair?: boolean
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out ? `.${String(part)}` : String(part)
  }
  return out
}

// Paths name the user's own keys and messages quote their values: every error and warning
// leaves here capped and with control characters escaped (safe-text.ts), whatever built it.
const failure = (path: string, what: string): ParseResult => {
  const safePath = safeValue(path)
  return { ok: false, error: { path: safePath, message: safeMessage(safePath ? `${safePath}: ${what}` : what) } }
}

function zodMessage(issue: z.core.$ZodIssue): string {
  const text = issue.message.replace(/^Invalid input: /, '')
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/**
 * The one parser every host uses (renderer, CLI, main, templates, clipboard). It validates the
 * structure, migrates older versions, checks every param against its layer kind, fills
 * defaults, and returns either a complete document or ONE error naming the exact path.
 * It never throws on user input.
 */
export function parseProject(json: unknown, options: ParseOptions = {}): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return failure('', 'not a LayerCanvas project: expected a JSON object')
  }
  // Before anything recursive (zod, migrations) sees the value: see limits.ts.
  const problem = scanJsonValue(json)
  if (problem) return failure(formatPath(problem.path), problem.message)
  const raw = json as Record<string, unknown>
  if (raw.format !== 'layercanvas') {
    const got = JSON.stringify(raw.format) ?? 'nothing'
    // The value goes into a one-line message: a long one is cut, not copied whole.
    return failure(
      'format',
      `not a LayerCanvas project: expected "layercanvas", got ${got.length > 60 ? `${got.slice(0, 57)}…` : got}`,
    )
  }
  const migrated = migrate(raw)
  if (!migrated.ok) return failure('', migrated.message)
  if (Array.isArray(migrated.doc.nodes) && migrated.doc.nodes.length > MAX_LAYERS) {
    return failure('nodes', `too many layers (${migrated.doc.nodes.length}; at most ${MAX_LAYERS})`)
  }

  const parsed = documentSchema.safeParse(migrated.doc)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return failure(formatPath(issue.path), zodMessage(issue))
  }
  const doc: ProjectDocument = parsed.data
  const warnings: string[] = []
  const repairs: ParseRepair[] = []
  const repaired = (path: string, text: LocalText, values: (lang: Lang) => MessageValues) => {
    const en = fill(text.en, { path, ...values('en') })
    repairs.push({ path: safeValue(path), message: { en, 'zh-CN': fill(text['zh-CN'], { path, ...values('zh-CN') }) } })
  }

  const nodeIds = new Set<string>()
  for (const [i, node] of doc.nodes.entries()) {
    if (nodeIds.has(node.id)) return failure(`nodes[${i}].id`, `duplicate id ${JSON.stringify(node.id)}`)
    nodeIds.add(node.id)
    const kind = getLayerKind(node.kind)
    if (!kind) {
      if (!options.repair) {
        return failure(`nodes[${i}].kind`, fill(DIAGNOSTIC_MESSAGES.unknownKind.en, { kind: node.kind }))
      }
      // A placeholder: the node keeps its kind, params and version exactly as stored, so saving
      // writes it back unchanged; the analysis reports it (unknownKind) and nothing compiles it.
      repaired(`nodes[${i}].kind`, LOAD_MESSAGES.unknownKindKept, () => ({ kind: node.kind }))
      continue
    }
    const migrated = migrateKindParams(node, kind)
    if (!migrated.ok) {
      const text = migrated.reason === 'newer' ? LOAD_MESSAGES.kindNewer : LOAD_MESSAGES.kindMigrationFailed
      const path = `nodes[${i}].kindVersion`
      return failure(path, fill(text.en, { path, kind: node.kind, from: migrated.from, to: migrated.to }))
    }
    const stored = migrated.params
    const params: Record<string, unknown> = {}
    for (const [name, spec] of Object.entries(kind.params)) {
      const fallback = Array.isArray(spec.default) ? [...spec.default] : spec.default
      if (!Object.hasOwn(stored, name)) {
        params[name] = fallback
        continue
      }
      const problem = checkParam(spec, stored[name])
      if (problem) {
        const path = `nodes[${i}].params.${name}`
        if (!options.repair) return failure(path, fill(DIAGNOSTIC_MESSAGES[problem.key].en, problem.values))
        repaired(path, LOAD_MESSAGES.paramReset, (lang) => ({
          problem: fill(DIAGNOSTIC_MESSAGES[problem.key][lang], problem.values),
          default: JSON.stringify(fallback),
        }))
        params[name] = fallback
        continue
      }
      params[name] = stored[name]
    }
    for (const name of Object.keys(stored)) {
      if (!Object.hasOwn(kind.params, name)) warnings.push(`nodes[${i}].params.${name}: unknown parameter, ignored`)
    }
    node.params = params
    if (migrated.migrated) delete node.kindVersion
    doc.nodes[i] = withKindVersion(node, kind)
  }

  const edgeIds = new Set<string>()
  for (const [i, edge] of doc.edges.entries()) {
    if (edgeIds.has(edge.id)) return failure(`edges[${i}].id`, `duplicate id ${JSON.stringify(edge.id)}`)
    edgeIds.add(edge.id)
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) return failure(`edges[${i}].${end}`, `no layer with id ${JSON.stringify(edge[end])}`)
    }
  }

  const groupIds = new Set<string>()
  for (const [i, group] of doc.groups.entries()) {
    if (groupIds.has(group.id)) return failure(`groups[${i}].id`, `duplicate id ${JSON.stringify(group.id)}`)
    groupIds.add(group.id)
    const known = group.nodeIds.filter((nodeId) => nodeIds.has(nodeId))
    if (known.length !== group.nodeIds.length) {
      warnings.push(`groups[${i}].nodeIds: ${group.nodeIds.length - known.length} unknown layer id(s) removed`)
      group.nodeIds = known
    }
  }

  if (doc.trained) {
    for (const [nodeId, weights] of Object.entries(doc.trained.layers)) {
      if (!nodeIds.has(nodeId)) {
        warnings.push(`trained.layers.${nodeId}: no such layer, its weights were dropped`)
        delete doc.trained.layers[nodeId]
        continue
      }
      for (const [i, weight] of weights.entries()) {
        const problem = tensorSizeProblem(weight)
        if (problem) return failure(`trained.layers.${nodeId}[${i}].data`, problem)
      }
    }
  }
  const bytes = weightBytes(doc)
  if (bytes > MAX_WEIGHT_BYTES) return failure('', tooManyWeightsMessage(bytes))

  return { ok: true, document: doc, warnings: warnings.map((warning) => safeMessage(warning)), repairs }
}

/** Parses file text; invalid JSON becomes a one-line error with the position JSON reports. */
export function parseProjectText(text: string, options: ParseOptions = {}): ParseResult {
  if (text.trim() === '') return failure('', 'the file is empty')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return failure('', `not valid JSON (${(error as Error).message})`)
  }
  return parseProject(json, options)
}

/** The document carries at least one weight tensor (trained or kept with a run). */
export function hasWeights(doc: ProjectDocument): boolean {
  const some = (layers: Record<string, unknown[]> | undefined) =>
    layers !== undefined && Object.values(layers).some((list) => list.length > 0)
  return some(doc.trained?.layers) || (doc.runs ?? []).some((run) => some(run.weights?.layers))
}

/** Float32 bytes of every weight in the document (trained + runs). */
export function weightBytes(doc: ProjectDocument): number {
  let bytes = 0
  const add = (layers: Record<string, { data: Float32Array }[]> | undefined) => {
    for (const list of Object.values(layers ?? {})) for (const w of list) bytes += w.data.byteLength
  }
  add(doc.trained?.layers)
  for (const run of doc.runs ?? []) add(run.weights?.layers)
  return bytes
}

/**
 * Stable, human-diffable JSON (2-space indent, trailing newline). Nodes of kinds above version 1
 * are stamped with that version (kind-migrations.ts); nothing else is changed.
 */
export function serializeProject(doc: ProjectDocument, options: { weightRefs?: boolean } = {}): string {
  // Weights are binary (Float32Array) and go into the container's weights.bin; JSON.stringify
  // would silently write them as {"0": …, "1": …}. project-file.ts swaps them for references.
  if (!options.weightRefs && hasWeights(doc))
    throw new Error('serializeProject: this document carries weights; write it with encodeProjectFile')
  const nodes = doc.nodes.map((node) => withKindVersion(node, getLayerKind(node.kind)))
  const stamped = nodes.some((node, i) => node !== doc.nodes[i]) ? { ...doc, nodes } : doc
  return JSON.stringify(stamped, null, 2) + '\n'
}
