import { parseProject } from '../document/parse'
import { isReservedName } from '../document/limits'
import { SCHEMA_VERSION, type ProjectDocument } from '../document/types'
import { autoLayout } from '../graph/layout'
import { DIAGNOSTIC_MESSAGES } from '../i18n/diagnostics'
import { safeMessage, safeValue } from '../i18n/safe-text'
import { fill } from '../i18n/text'
import { getLayerKind } from '../layers/registry'
import { checkParam } from '../params/schema'
import { analyzeGraph } from '../shapes/analyze'
import { kerasDialect } from './keras-dialect'
import { mapLayer, type Mapped } from './keras-layers'
import { withSeparableDepthMultipliers } from './separable-depth'
import { findTopology, layercanvasMeta, readTopology, type RawLayer } from './tfjs-topology'
import { readWeights, type ImportWeights } from './tfjs-weights'
import { importedTrainingConfig } from './training-guess'

/**
 * Import of a TensorFlow.js / Keras model.json into a canvas document.
 *
 * Accepted: tfjs' model.json (`{modelTopology, weightsManifest}`), a bare topology
 * (`{class_name, config}`), the converter's `{model_config}` wrapper, and Keras 3's config.json
 * (`{module, class_name: "Functional", config}`); Sequential and Functional (Model) topologies,
 * Keras 2 (`[[name, node, tensor, kwargs]]`) and Keras 3 (`{args, kwargs}`) inbound nodes.
 *
 * Layers without a LayerCanvas equivalent are listed by name and class with the reason. By
 * default the import then FAILS with that list (the canvas is never half-replaced). With
 * `allowGaps`, they are left out instead: every edge into or out of them is dropped, so the
 * layers after the gap show a "missing input" diagnostic where the user has to decide.
 * Never throws, whatever the input.
 */

export type { ImportWeights, ImportWeightSpec } from './tfjs-weights'

export interface UnmappedLayer {
  layerName: string
  className: string
  reason: string
}

export interface ImportOptions {
  /** Import even when layers cannot be mapped, leaving gaps (see above). Default false. */
  allowGaps?: boolean
  /** Document name when the model has none. */
  name?: string
}

export type ImportResult =
  | { ok: true; document: ProjectDocument; unmapped: UnmappedLayer[]; warnings: string[] }
  | { ok: false; error: string; unmapped: UnmappedLayer[] }

function fail(error: string, unmapped: UnmappedLayer[] = []): ImportResult {
  return { ok: false, error, unmapped }
}

/** Node ids: the layer name where it is a usable id, else a cleaned-up version of it. */
function nodeIdFor(name: string, taken: Set<string>): string {
  let id = name.slice(0, 180) || 'layer'
  // A Keras layer may be called `constructor`; our ids may not (see document/limits.ts).
  if (isReservedName(id)) id = `${id}_layer`
  let unique = id
  for (let n = 2; taken.has(unique); n++) unique = `${id}_${n}`
  id = unique
  taken.add(id)
  return id
}

/** Checks mapped params against the kind's schema: the first problem as text, or null. */
function paramProblem(mapped: Mapped): string | null {
  const kind = getLayerKind(mapped.kind)
  if (!kind) return `no layer kind ${mapped.kind}`
  for (const [name, value] of Object.entries(mapped.params)) {
    const spec = kind.params[name]
    if (!spec) continue
    const problem = checkParam(spec, value)
    if (problem) return `${name}: ${fill(DIAGNOSTIC_MESSAGES[problem.key]?.en ?? problem.key, problem.values)}`
  }
  return null
}

/**
 * Turns a model.json (and optionally its weights) into a LayerCanvas document laid out
 * automatically. See the file comment for what is accepted and what happens to unmapped layers.
 */
export function importLayersModel(
  modelJson: unknown,
  weights?: ImportWeights,
  options: ImportOptions = {},
): ImportResult {
  let result: ImportResult
  try {
    result = importUnsafe(modelJson, weights, options)
  } catch (error) {
    result = fail(`the model could not be read: ${String((error as Error)?.message ?? error)}`)
  }
  return withSafeMessages(result)
}

/**
 * Layer names, class names and values in these messages come straight from the file: they
 * leave here capped and with control characters escaped, for the terminal and the dialogs.
 */
function withSafeMessages(result: ImportResult): ImportResult {
  const unmapped = result.unmapped.map((u) => ({
    layerName: safeValue(u.layerName),
    className: safeValue(u.className),
    reason: safeMessage(u.reason),
  }))
  if (!result.ok) return { ok: false, error: safeMessage(result.error), unmapped }
  return { ...result, unmapped, warnings: result.warnings.map((w) => safeMessage(w)) }
}

function importUnsafe(modelJson: unknown, weights: ImportWeights | undefined, options: ImportOptions): ImportResult {
  const topologyJson = withSeparableDepthMultipliers(
    findTopology(modelJson),
    Array.isArray(weights?.specs) ? (weights.specs as unknown[]) : undefined,
  )
  if (!topologyJson) return fail('not a TensorFlow.js or Keras model: no modelTopology / class_name found')
  const topology = readTopology(topologyJson)
  if (typeof topology === 'string') return fail(topology)
  if (topology.layers.length === 0) return fail('the model has no layers')
  const meta = layercanvasMeta(modelJson)
  const warnings: string[] = []
  const unmapped: UnmappedLayer[] = []

  const names = new Set<string>()
  for (const layer of topology.layers) {
    if (names.has(layer.name)) return fail(`two layers are named "${layer.name}"`)
    names.add(layer.name)
  }
  const byName = new Map(topology.layers.map((l) => [l.name, l]))
  const consumers = new Map<string, RawLayer[]>()
  for (const layer of topology.layers) {
    for (const source of layer.inputs ?? []) consumers.set(source, [...(consumers.get(source) ?? []), layer])
  }

  // Map every layer to a kind + params, or list it.
  const dialect = kerasDialect(modelJson, topologyJson)
  const mapped = new Map<string, Mapped>()
  for (const layer of topology.layers) {
    const listIt = (reason: string) => unmapped.push({ layerName: layer.name, className: layer.className, reason })
    if (layer.inputs === null || layer.inboundProblem) {
      listIt(layer.inboundProblem ?? 'its inbound_nodes are malformed')
      continue
    }
    const missing = layer.inputs.find((n) => !byName.has(n))
    if (missing !== undefined) {
      listIt(`its input "${missing}" is not a layer of this model`)
      continue
    }
    const result = mapLayer(layer.className, layer.config, {
      consumers: (consumers.get(layer.name) ?? []).map((c) => c.className),
      inputs: layer.inputs.length,
      dialect,
    })
    if ('reason' in result) {
      listIt(result.reason)
      continue
    }
    let m = result
    const lcMeta = meta.get(layer.name)
    // LayerCanvas' own export: restore the kinds tfjs cannot tell apart.
    if (lcMeta?.kind === 'flatten' && m.kind === 'reshape') m = { ...m, kind: 'flatten', params: {} }
    if ((lcMeta?.kind === 'noiseInput' || lcMeta?.kind === 'timestepInput') && m.kind === 'input') {
      m = { ...m, kind: lcMeta.kind, params: lcMeta.params ?? {} }
    }
    const problem = paramProblem(m)
    if (problem) {
      listIt(`its settings do not fit LayerCanvas' ${getLayerKind(m.kind)?.label.en ?? m.kind}: ${problem}`)
      continue
    }
    for (const w of m.warnings ?? []) warnings.push(`${layer.name} (${layer.className}): ${w}`)
    mapped.set(layer.name, m)
  }

  if (unmapped.length > 0 && !options.allowGaps) {
    const list = unmapped.map((u) => `"${u.layerName}" (${u.className}): ${u.reason}`).join('; ')
    return fail(`${unmapped.length} layer(s) cannot be imported: ${list}`, unmapped)
  }
  if (![...mapped.values()].some((m) => getLayerKind(m.kind)?.isInput)) {
    return fail(
      unmapped.length > 0
        ? `the model's input cannot be imported (${unmapped[0].reason})`
        : 'the model has no input layer',
      unmapped,
    )
  }

  // Nodes and edges.
  const takenIds = new Set<string>()
  const idOf = new Map<string, string>()
  const metaIds = new Set<string>()
  for (const layer of topology.layers) {
    const id = meta.get(layer.name)?.id
    if (id !== undefined && mapped.has(layer.name) && !metaIds.has(id)) metaIds.add(id)
  }
  for (const layer of topology.layers) {
    if (!mapped.has(layer.name)) continue
    const wanted = meta.get(layer.name)?.id
    const id = wanted !== undefined && metaIds.has(wanted) && !takenIds.has(wanted) ? wanted : null
    if (id !== null) {
      takenIds.add(id)
      idOf.set(layer.name, id)
    }
  }
  // One growing set, not a new union per layer: a 20,000-layer model stays linear.
  const reserved = new Set([...takenIds, ...metaIds])
  for (const layer of topology.layers) {
    if (!mapped.has(layer.name) || idOf.has(layer.name)) continue
    idOf.set(layer.name, nodeIdFor(layer.name, reserved))
  }
  const nodes = topology.layers
    .filter((l) => mapped.has(l.name))
    .map((l) => {
      const m = mapped.get(l.name)!
      const name = meta.get(l.name)?.name
      return {
        id: idOf.get(l.name)!,
        kind: m.kind,
        ...(name ? { name } : {}),
        position: { x: 0, y: 0 },
        params: m.params,
      }
    })
  const edges: { id: string; source: string; target: string; targetPort: number }[] = []
  for (const layer of topology.layers) {
    const target = idOf.get(layer.name)
    if (target === undefined) continue
    for (const [port, sourceName] of (layer.inputs ?? []).entries()) {
      const source = idOf.get(sourceName)
      if (source === undefined) continue // a gap: the source was not imported
      edges.push({ id: `e${edges.length + 1}`, source, target, targetPort: port })
    }
  }
  for (const out of topology.outputs) {
    if (!byName.has(out)) warnings.push(`output "${out}" is not a layer of this model`)
  }

  const parsed = parseProject({
    format: 'layercanvas',
    schemaVersion: SCHEMA_VERSION,
    name: topology.name || options.name || 'Imported model',
    nodes,
    edges,
    groups: [],
    // Replaced below by what the model's output shows (importedTrainingConfig).
    training: {},
    meta: {},
  })
  if (!parsed.ok) return fail(`the imported graph is not a valid project: ${parsed.error.message}`, unmapped)
  // Axes Keras counts from the batch: check and convert them now that the input ranks are known.
  const analysis = analyzeGraph(parsed.document)
  const nameOfId = new Map([...idOf].map(([layerName, id]) => [id, layerName]))
  const axisProblems: UnmappedLayer[] = []
  const nodesFixed = parsed.document.nodes.map((node) => {
    const layerName = nameOfId.get(node.id)!
    const axes = mapped.get(layerName)?.axes
    const rank = analysis.nodes[node.id]?.inputShapes[0]?.length
    if (!axes || rank === undefined) return node
    if (axes.lastAxis !== undefined && axes.lastAxis !== rank) {
      axisProblems.push({
        layerName,
        className: byName.get(layerName)!.className,
        reason: `axis ${axes.lastAxis} is not the last axis (LayerCanvas normalises the last axis)`,
      })
    }
    if (axes.concatAxis !== undefined)
      return { ...node, params: { ...node.params, axis: axes.concatAxis === rank ? -1 : axes.concatAxis - 1 } }
    return node
  })
  if (axisProblems.length > 0) {
    const all = [...unmapped, ...axisProblems]
    return fail(
      `${axisProblems.length} layer(s) cannot be imported: ${axisProblems.map((u) => `"${u.layerName}" (${u.className}): ${u.reason}`).join('; ')}`,
      all,
    )
  }
  // The analysis above saw Keras' concat axes; look again only when converting them changed a node.
  const finalAnalysis = nodesFixed.some((n, i) => n !== parsed.document.nodes[i])
    ? analyzeGraph({ ...parsed.document, nodes: nodesFixed })
    : analysis
  const training = importedTrainingConfig({ ...parsed.document, nodes: nodesFixed }, finalAnalysis)
  let doc = autoLayout({ ...parsed.document, nodes: nodesFixed, training })

  if (weights !== undefined) {
    const trained = readWeights(weights, topology, idOf, doc)
    if (!trained.ok) return fail(trained.error, unmapped)
    warnings.push(...trained.warnings)
    if (Object.keys(trained.layers).length > 0)
      doc = { ...doc, trained: { savedAt: new Date().toISOString(), layers: trained.layers } }
  }
  return { ok: true, document: doc, unmapped, warnings }
}
