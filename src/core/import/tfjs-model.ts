import { parseProject } from '../document/parse'
import { SCHEMA_VERSION, type ProjectDocument, type TrainedWeight } from '../document/types'
import { autoLayout } from '../graph/layout'
import { DIAGNOSTIC_MESSAGES } from '../i18n/diagnostics'
import { fill } from '../i18n/text'
import { getLayerKind } from '../layers/registry'
import { checkParam } from '../params/schema'
import { analyzeGraph } from '../shapes/analyze'
import { defaultTrainingConfig } from '../training/config'
import { encodeFloat32 } from '../training/base64'
import { mapLayer, type LayerConfig, type Mapped } from './keras-layers'

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

export interface ImportWeightSpec {
  name: string
  shape: number[]
  dtype: string
  quantization?: { dtype?: string; scale?: number; min?: number }
}

export interface ImportWeights {
  /** The manifest's weight entries, in file order (all groups concatenated). */
  specs: unknown
  /** The weight files' bytes, concatenated in manifest order. */
  data: ArrayBuffer | Uint8Array | ArrayBuffer[]
}

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

/** Guards against hostile files: more layers than the project format allows, deep nesting. */
const MAX_LAYERS = 20_000
const MAX_DEPTH = 32

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

interface RawLayer {
  name: string
  className: string
  config: LayerConfig
  /** Inbound layer names, in input order (null when the node format is unreadable). */
  inputs: string[] | null
  /** Why the inbound nodes cannot be used (shared layer, multi-output), if so. */
  inboundProblem?: string
}

interface Topology {
  name: string
  layers: RawLayer[]
  outputs: string[]
}

function fail(error: string, unmapped: UnmappedLayer[] = []): ImportResult {
  return { ok: false, error, unmapped }
}

/** Finds the `{class_name, config}` topology in the accepted wrappers. */
function findTopology(json: unknown): Record<string, unknown> | null {
  if (!isObject(json)) return null
  if (isObject(json.modelTopology)) return findTopology(json.modelTopology)
  if (isObject(json.model_config)) return json.model_config
  if (typeof json.class_name === 'string') return json
  return null
}

/** Keras 3 call arguments: every `__keras_tensor__` (nested in lists) in order. */
function kerasHistories(value: unknown, out: unknown[][], depth = 0): void {
  if (depth > MAX_DEPTH) return
  if (Array.isArray(value)) {
    for (const item of value) kerasHistories(item, out, depth + 1)
    return
  }
  if (!isObject(value)) return
  if (value.class_name === '__keras_tensor__' && isObject(value.config) && Array.isArray(value.config.keras_history)) {
    out.push(value.config.keras_history)
  }
}

/** Inbound layer names of a Functional layer, or why they cannot be used. */
function inboundOf(raw: unknown): { inputs: string[] | null; problem?: string } {
  if (raw === undefined || raw === null) return { inputs: [] }
  if (!Array.isArray(raw)) return { inputs: null, problem: 'its inbound_nodes are not a list' }
  if (raw.length === 0) return { inputs: [] }
  if (raw.length > 1) return { inputs: [], problem: `it is called ${raw.length} times (shared layers are not supported)` }
  const node = raw[0]
  const histories: unknown[][] = []
  if (Array.isArray(node)) {
    // Keras 2 / tfjs: [[name, nodeIndex, tensorIndex, kwargs], ...]
    for (const entry of node) if (Array.isArray(entry)) histories.push(entry)
    if (histories.length !== node.length) return { inputs: null, problem: 'its inbound_nodes are malformed' }
  } else if (isObject(node)) {
    // Keras 3: {args: [...], kwargs: {...}}
    kerasHistories(node.args, histories)
    if (isObject(node.kwargs)) for (const v of Object.values(node.kwargs)) kerasHistories(v, histories)
  } else {
    return { inputs: null, problem: 'its inbound_nodes are malformed' }
  }
  const inputs: string[] = []
  for (const h of histories) {
    const [name, nodeIndex, tensorIndex] = h
    if (typeof name !== 'string') return { inputs: null, problem: 'its inbound_nodes are malformed' }
    if ((nodeIndex !== undefined && nodeIndex !== 0) || (tensorIndex !== undefined && tensorIndex !== 0)) {
      return { inputs: [], problem: `it takes output ${String(tensorIndex)} of call ${String(nodeIndex)} of "${name}" (layers with several calls or outputs are not supported)` }
    }
    inputs.push(name)
  }
  return { inputs }
}

function readLayer(entry: unknown, index: number): RawLayer | string {
  if (!isObject(entry)) return `layer ${index} is not an object`
  const className = entry.class_name
  if (typeof className !== 'string' || className === '') return `layer ${index} has no class_name`
  const config = isObject(entry.config) ? entry.config : {}
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : typeof config.name === 'string' && config.name !== '' ? config.name : null
  if (name === null) return `layer ${index} (${className}) has no name`
  return { name, className, config, inputs: [] }
}

function readTopology(topology: Record<string, unknown>): Topology | string {
  const className = topology.class_name
  const config = topology.config
  if (className === 'Sequential') {
    const list = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined
    if (!Array.isArray(list)) return 'the Sequential model has no layer list'
    if (list.length > MAX_LAYERS) return `too many layers (${list.length}; at most ${MAX_LAYERS})`
    const layers: RawLayer[] = []
    for (const [i, entry] of list.entries()) {
      const layer = readLayer(entry, i)
      if (typeof layer === 'string') return layer
      layers.push(layer)
    }
    // Keras 2 / tfjs: the first layer carries the input shape; Keras 3 starts with an InputLayer.
    if (layers.length > 0 && layers[0].className !== 'InputLayer') {
      const first = layers[0].config
      const batchShape = first.batch_input_shape ?? first.batch_shape ?? (Array.isArray(first.input_shape) ? [null, ...first.input_shape] : undefined)
      if (batchShape === undefined) return 'the Sequential model does not say its input shape (batch_input_shape on the first layer)'
      layers.unshift({ name: uniqueName('input', layers), className: 'InputLayer', config: { batch_input_shape: batchShape, dtype: first.dtype }, inputs: [] })
    }
    for (let i = 1; i < layers.length; i++) layers[i].inputs = [layers[i - 1].name]
    const name = isObject(config) && typeof config.name === 'string' ? config.name : ''
    return { name, layers, outputs: layers.length > 0 ? [layers[layers.length - 1].name] : [] }
  }
  if (className === 'Model' || className === 'Functional') {
    if (!isObject(config) || !Array.isArray(config.layers)) return `the ${className} model has no layer list`
    if (config.layers.length > MAX_LAYERS) return `too many layers (${config.layers.length}; at most ${MAX_LAYERS})`
    const layers: RawLayer[] = []
    for (const [i, entry] of config.layers.entries()) {
      const layer = readLayer(entry, i)
      if (typeof layer === 'string') return layer
      const inbound = inboundOf((entry as Record<string, unknown>).inbound_nodes)
      layer.inputs = inbound.inputs
      if (inbound.problem) layer.inboundProblem = inbound.problem
      layers.push(layer)
    }
    const outputs: string[] = []
    const outs = config.output_layers
    // [[name, 0, 0], ...], or a single [name, 0, 0] (Keras 3 with one output).
    const list = Array.isArray(outs) && typeof outs[0] === 'string' ? [outs] : Array.isArray(outs) ? outs : []
    for (const out of list) if (Array.isArray(out) && typeof out[0] === 'string') outputs.push(out[0])
    return { name: typeof config.name === 'string' ? config.name : '', layers, outputs }
  }
  if (typeof className === 'string') return `a ${className} is not a Keras model this importer reads (Sequential or Functional/Model)`
  return 'no model topology (class_name) found'
}

function uniqueName(base: string, layers: readonly RawLayer[]): string {
  const taken = new Set(layers.map((l) => l.name))
  let name = base
  for (let n = 1; taken.has(name); n++) name = `${base}_${n}`
  return name
}

/** Node ids: the layer name where it is a usable id, else a cleaned-up version of it. */
function nodeIdFor(name: string, taken: Set<string>): string {
  let id = name.slice(0, 180) || 'layer'
  let unique = id
  for (let n = 2; taken.has(unique); n++) unique = `${id}_${n}`
  id = unique
  taken.add(id)
  return id
}

interface LayerCanvasMeta {
  id?: string
  kind?: string
  name?: string
  params?: Record<string, unknown>
}

/** What LayerCanvas' own export stored about each layer (userDefinedMetadata.layercanvas.nodes). */
function layercanvasMeta(json: unknown): Map<string, LayerCanvasMeta> {
  const out = new Map<string, LayerCanvasMeta>()
  if (!isObject(json) || !isObject(json.userDefinedMetadata)) return out
  const lc = json.userDefinedMetadata.layercanvas
  if (!isObject(lc) || !isObject(lc.nodes)) return out
  for (const [layerName, meta] of Object.entries(lc.nodes)) {
    if (!isObject(meta)) continue
    out.set(layerName, {
      ...(typeof meta.id === 'string' && meta.id.length > 0 && meta.id.length <= 200 ? { id: meta.id } : {}),
      ...(typeof meta.kind === 'string' ? { kind: meta.kind } : {}),
      ...(typeof meta.name === 'string' && meta.name.length <= 200 ? { name: meta.name } : {}),
      ...(isObject(meta.params) ? { params: meta.params } : {}),
    })
  }
  return out
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
export function importLayersModel(modelJson: unknown, weights?: ImportWeights, options: ImportOptions = {}): ImportResult {
  try {
    return importUnsafe(modelJson, weights, options)
  } catch (error) {
    return fail(`the model could not be read: ${String((error as Error)?.message ?? error)}`)
  }
}

function importUnsafe(modelJson: unknown, weights: ImportWeights | undefined, options: ImportOptions): ImportResult {
  const topologyJson = findTopology(modelJson)
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
    return fail(unmapped.length > 0 ? `the model's input cannot be imported (${unmapped[0].reason})` : 'the model has no input layer', unmapped)
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
  for (const layer of topology.layers) {
    if (!mapped.has(layer.name) || idOf.has(layer.name)) continue
    idOf.set(layer.name, nodeIdFor(layer.name, new Set([...takenIds, ...metaIds])))
    takenIds.add(idOf.get(layer.name)!)
  }
  const nodes = topology.layers
    .filter((l) => mapped.has(l.name))
    .map((l) => {
      const m = mapped.get(l.name)!
      const name = meta.get(l.name)?.name
      return { id: idOf.get(l.name)!, kind: m.kind, ...(name ? { name } : {}), position: { x: 0, y: 0 }, params: m.params }
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
    training: defaultTrainingConfig(),
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
      axisProblems.push({ layerName, className: byName.get(layerName)!.className, reason: `axis ${axes.lastAxis} is not the last axis (LayerCanvas normalises the last axis)` })
    }
    if (axes.concatAxis !== undefined) return { ...node, params: { ...node.params, axis: axes.concatAxis === rank ? -1 : axes.concatAxis - 1 } }
    return node
  })
  if (axisProblems.length > 0) {
    const all = [...unmapped, ...axisProblems]
    return fail(`${axisProblems.length} layer(s) cannot be imported: ${axisProblems.map((u) => `"${u.layerName}" (${u.className}): ${u.reason}`).join('; ')}`, all)
  }
  let doc = autoLayout({ ...parsed.document, nodes: nodesFixed })

  if (weights !== undefined) {
    const trained = readWeights(weights, topology, idOf, doc)
    if (!trained.ok) return fail(trained.error, unmapped)
    warnings.push(...trained.warnings)
    if (Object.keys(trained.layers).length > 0) doc = { ...doc, trained: { savedAt: new Date().toISOString(), layers: trained.layers } }
  }
  return { ok: true, document: doc, unmapped, warnings }
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 }

function toBytes(data: ImportWeights['data']): Uint8Array | null {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) {
    if (!data.every((d) => d instanceof ArrayBuffer)) return null
    const out = new Uint8Array(data.reduce((n, d) => n + d.byteLength, 0))
    let at = 0
    for (const d of data) {
      out.set(new Uint8Array(d), at)
      at += d.byteLength
    }
    return out
  }
  return null
}

function readSpec(value: unknown, index: number): ImportWeightSpec | string {
  if (!isObject(value)) return `weight ${index} in the manifest is not an object`
  const { name, shape, dtype, quantization } = value
  if (typeof name !== 'string') return `weight ${index} in the manifest has no name`
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 1e9)) {
    return `weight "${name}" has an invalid shape ${JSON.stringify(shape)}`
  }
  if (typeof dtype !== 'string' || !(dtype in BYTES)) return `weight "${name}" has an unsupported dtype ${JSON.stringify(dtype)}`
  const spec: ImportWeightSpec = { name, shape: shape as number[], dtype }
  if (quantization !== undefined) {
    if (!isObject(quantization)) return `weight "${name}" has an invalid quantization`
    spec.quantization = quantization as ImportWeightSpec['quantization']
  }
  return spec
}

/** Reads the weights into doc.trained's form, per imported node, checking every size. */
function readWeights(
  weights: ImportWeights,
  topology: Topology,
  idOf: Map<string, string>,
  doc: ProjectDocument,
): { ok: true; layers: Record<string, TrainedWeight[]>; warnings: string[] } | { ok: false; error: string } {
  if (!Array.isArray(weights.specs)) return { ok: false, error: 'the weights manifest is not a list' }
  const bytes = toBytes(weights.data)
  if (!bytes) return { ok: false, error: 'the weight data is not binary' }
  const specs: ImportWeightSpec[] = []
  for (const [i, raw] of weights.specs.entries()) {
    const spec = readSpec(raw, i)
    if (typeof spec === 'string') return { ok: false, error: spec }
    specs.push(spec)
  }
  const warnings: string[] = []
  // Sizes first: a truncated or padded file is refused as a whole.
  let needed = 0
  const sizes = specs.map((s) => {
    const count = s.shape.reduce((a, b) => a * b, 1)
    const q = s.quantization?.dtype
    const per = q ? (BYTES[q] ?? NaN) : BYTES[s.dtype]
    needed += count * per
    return count
  })
  if (!Number.isFinite(needed)) return { ok: false, error: 'the weights manifest uses an unsupported quantization' }
  if (bytes.byteLength !== needed) {
    return {
      ok: false,
      error: `the weight data has ${bytes.byteLength.toLocaleString('en')} bytes but the manifest describes ${needed.toLocaleString('en')} (a truncated or wrong weights file?)`,
    }
  }
  // Each weight belongs to the layer whose name is its longest "<layer>/" prefix.
  const layerNames = [...topology.layers.map((l) => l.name)].sort((a, b) => b.length - a.length)
  const perLayer = new Map<string, { spec: ImportWeightSpec; values: Float32Array }[]>()
  let offset = 0
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (const [i, spec] of specs.entries()) {
    const count = sizes[i]
    const values = new Float32Array(count)
    const q = spec.quantization
    if (q?.dtype) {
      const per = BYTES[q.dtype]
      if ((q.dtype !== 'uint8' && q.dtype !== 'uint16') || typeof q.scale !== 'number' || typeof q.min !== 'number') {
        return { ok: false, error: `weight "${spec.name}": quantization ${q.dtype} is not supported` }
      }
      for (let j = 0; j < count; j++) {
        const raw = per === 1 ? view.getUint8(offset + j) : view.getUint16(offset + 2 * j, true)
        values[j] = raw * q.scale + q.min
      }
      offset += count * per
    } else if (spec.dtype === 'float32') {
      for (let j = 0; j < count; j++) values[j] = view.getFloat32(offset + 4 * j, true)
      offset += count * 4
    } else if (spec.dtype === 'int32') {
      for (let j = 0; j < count; j++) values[j] = view.getInt32(offset + 4 * j, true)
      offset += count * 4
    } else {
      offset += count * BYTES[spec.dtype]
      warnings.push(`weight "${spec.name}" (${spec.dtype}) was skipped`)
      continue
    }
    const owner = layerNames.find((name) => spec.name.startsWith(`${name}/`))
    if (owner === undefined) {
      warnings.push(`weight "${spec.name}" belongs to no layer of the model; ignored`)
      continue
    }
    perLayer.set(owner, [...(perLayer.get(owner) ?? []), { spec, values }])
  }

  const analysis = analyzeGraph(doc)
  const layers: Record<string, TrainedWeight[]> = {}
  for (const [layerName, list] of perLayer) {
    const nodeId = idOf.get(layerName)
    if (nodeId === undefined) continue // an unmapped layer: its weights have nowhere to go
    const count = analysis.nodes[nodeId]?.params
    const got = list.reduce((n, w) => n + w.values.length, 0)
    if (count) {
      const expected = count.trainable + count.nonTrainable
      if (expected !== got) {
        const node = doc.nodes.find((n) => n.id === nodeId)
        const label = getLayerKind(node?.kind ?? '')?.label.en ?? 'layer'
        return {
          ok: false,
          error: `layer "${layerName}": its weights hold ${got.toLocaleString('en')} values, but a ${label} with these settings and inputs has ${expected.toLocaleString('en')} (weights of the wrong size)`,
        }
      }
    }
    layers[nodeId] = list.map(({ spec, values }) => ({
      name: spec.name,
      shape: [...spec.shape],
      data: encodeFloat32(values),
    }))
  }
  return { ok: true, layers, warnings }
}
