import type { LayerConfig } from './keras-layers'

/**
 * Reading a TensorFlow.js / Keras model.json's topology: the accepted wrappers, Sequential and
 * Functional layer lists, Keras 2 and Keras 3 inbound nodes, and the metadata LayerCanvas' own
 * export stores. Structural problems come back as text; nothing here throws.
 */

/** Guards against hostile files: more layers than the project format allows, deep nesting. */
const MAX_LAYERS = 20_000
const MAX_DEPTH = 32

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export interface RawLayer {
  name: string
  className: string
  config: LayerConfig
  /** Inbound layer names, in input order (null when the node format is unreadable). */
  inputs: string[] | null
  /** Why the inbound nodes cannot be used (shared layer, multi-output), if so. */
  inboundProblem?: string
}

export interface Topology {
  name: string
  layers: RawLayer[]
  outputs: string[]
}

/** Finds the `{class_name, config}` topology in the accepted wrappers. */
export function findTopology(json: unknown): Record<string, unknown> | null {
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
  if (raw.length > 1)
    return { inputs: [], problem: `it is called ${raw.length} times (shared layers are not supported)` }
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
      return {
        inputs: [],
        problem: `it takes output ${String(tensorIndex)} of call ${String(nodeIndex)} of "${name}" (layers with several calls or outputs are not supported)`,
      }
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
  const name =
    typeof entry.name === 'string' && entry.name !== ''
      ? entry.name
      : typeof config.name === 'string' && config.name !== ''
        ? config.name
        : null
  if (name === null) return `layer ${index} (${className}) has no name`
  return { name, className, config, inputs: [] }
}

export function readTopology(topology: Record<string, unknown>): Topology | string {
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
      const batchShape =
        first.batch_input_shape ??
        first.batch_shape ??
        (Array.isArray(first.input_shape) ? [null, ...first.input_shape] : undefined)
      if (batchShape === undefined)
        return 'the Sequential model does not say its input shape (batch_input_shape on the first layer)'
      layers.unshift({
        name: uniqueName('input', layers),
        className: 'InputLayer',
        config: { batch_input_shape: batchShape, dtype: first.dtype },
        inputs: [],
      })
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
  if (typeof className === 'string')
    return `a ${className} is not a Keras model this importer reads (Sequential or Functional/Model)`
  return 'no model topology (class_name) found'
}

function uniqueName(base: string, layers: readonly RawLayer[]): string {
  const taken = new Set(layers.map((l) => l.name))
  let name = base
  for (let n = 1; taken.has(name); n++) name = `${base}_${n}`
  return name
}

export interface LayerCanvasMeta {
  id?: string
  kind?: string
  name?: string
  params?: Record<string, unknown>
}

/** What LayerCanvas' own export stored about each layer (userDefinedMetadata.layercanvas.nodes). */
export function layercanvasMeta(json: unknown): Map<string, LayerCanvasMeta> {
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
