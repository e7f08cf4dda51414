import type * as tfjs from '@tensorflow/tfjs'
import { strToU8, zipSync } from 'fflate'
import type { LayerNode, ProjectDocument } from '../document/types'
import type { Tf } from '../layers/kind'
import type { Shape } from '../shapes/shape'
import { modelSource, nodeLabel, type FileExportProblem } from './model-source'

/**
 * EXPERIMENTAL: a Keras 3 `.keras` file (zip of metadata.json, config.json, model.weights.h5),
 * laid out as keras/src/saving/saving_lib.py writes it:
 *   /vars                                   the model's own variables (none)
 *   /layers/<snake_case class>[_N]/vars/<i>  each layer's variables, in Keras' order
 *   /layers/lstm/cell/vars/<i>              recurrent layers keep theirs in the cell
 *   /layers/bidirectional/{forward,backward}_layer/cell/vars/<i>
 *   /optimizer/vars                         (empty: the model is saved uncompiled)
 * Layers are numbered in the order Keras' functional graph lists them (by depth, then by
 * traversal from the outputs), because that is how the loader finds them again.
 * Nothing here can prove Keras loads the file (no Keras on the build machines); the tests check
 * the HDF5 layout with h5py. The HDF5 writer is passed in (h5wasm), so core stays pure.
 */

/** The part of h5wasm's Group API the writer uses. */
export interface H5Group {
  create_group(name: string): H5Group
  create_dataset(args: { name: string; data: Float32Array; shape: number[]; dtype: string }): unknown
}

/** Writes one HDF5 file: `fill` gets the root group; the bytes of the closed file come back. */
export interface Hdf5Writer {
  write(fill: (root: H5Group) => void): Promise<Uint8Array>
}

/** The part of an h5wasm module (its ESM build, with the in-memory Emscripten FS) the writer needs. */
export interface H5wasmModule {
  ready: Promise<{ FS: { readFile(path: string): Uint8Array; unlink(path: string): void } | null | undefined }>
  File: new (filename: string, mode: 'w') => H5Group & { close(): unknown }
}

let memoryFileCount = 0

/**
 * An Hdf5Writer over h5wasm's ESM build (browser, worker, or Node), writing into its in-memory
 * file system and reading the bytes back. (h5wasm/node writes to the real disk: see src/cli.)
 */
export function h5wasmMemoryWriter(h5wasm: H5wasmModule): Hdf5Writer {
  return {
    async write(fill) {
      const module = await h5wasm.ready
      const fs = module.FS
      if (!fs) throw new Error('this h5wasm build has no file system to write into')
      const path = `layercanvas-${Date.now()}-${memoryFileCount++}.h5`
      const file = new h5wasm.File(path, 'w')
      try {
        fill(file)
      } finally {
        file.close()
      }
      try {
        return fs.readFile(path).slice()
      } finally {
        fs.unlink(path)
      }
    },
  }
}

export interface KerasFileOptions {
  /** LayerCanvas' version, for the README. */
  version?: string
  /** Keras version written to metadata.json (default 3.6.0). */
  kerasVersion?: string
  /** Take the weights from this compiled model instead of compiling one. */
  compiled?: { model: tfjs.LayersModel; layerNames: Record<string, string> }
  /** Fixed save time (tests). */
  now?: Date
}

export type KerasFileResult =
  | { ok: true; files: Record<string, string | Uint8Array>; warnings: FileExportProblem[]; layout: string[] }
  | { ok: false; problems: FileExportProblem[] }

const EXPERIMENTAL =
  'The .keras export is experimental: it follows the Keras 3 file layout, but no Keras could be run to confirm it loads. Prefer the TensorFlow.js, ONNX or Keras (Python code) exports.'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const dtypePolicy = (name: string): Json => ({ module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null })
const kerasObject = (className: string, config: { [key: string]: Json }): { [key: string]: Json } => ({
  module: 'keras.layers',
  class_name: className,
  config,
  registered_name: null,
})

/** Keras' naming.to_snake_case: Conv2DTranspose → conv2d_transpose, LSTM → lstm. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
}

/** Where each of a layer's tfjs weights (getWeights order) goes below its layer group. */
type WeightPlacement = { path: string[]; count: number }[]

interface KerasLayer {
  className: string
  config: { [key: string]: Json }
  /** Sub-groups (each gets a `vars` group) and how many weights each takes, in tfjs order. */
  placement: WeightPlacement
}

const RNN_CLASS = { simpleRnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const
const KERAS_ACTIVATIONS = new Set(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'gelu', 'swish'])

function rnnConfig(cell: keyof typeof RNN_CLASS, name: string, p: { units: number; activation?: string; returnSequences: boolean; dropout?: number }) {
  const config: { [key: string]: Json } = {
    name,
    trainable: true,
    dtype: dtypePolicy('float32'),
    units: p.units,
    activation: p.activation ?? 'tanh',
    use_bias: true,
    return_sequences: p.returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
    dropout: p.dropout ?? 0,
    recurrent_dropout: 0,
  }
  // LayerCanvas' gates use the true sigmoid, and tfjs' GRU is the reset_after=False variant.
  if (cell !== 'simpleRnn') config.recurrent_activation = 'sigmoid'
  if (cell === 'gru') config.reset_after = false
  return config
}

/** The Keras 3 layer for a node, or why there is none that computes the same. */
function kerasLayer(node: LayerNode, name: string, outputShape: Shape): KerasLayer | string {
  const p = node.params as Record<string, never>
  const base = { name, trainable: true, dtype: dtypePolicy('float32') } as { [key: string]: Json }
  const own = (count: number): WeightPlacement => (count > 0 ? [{ path: [], count }] : [])
  const act = (a: string) => (KERAS_ACTIVATIONS.has(a) ? a : null)
  switch (node.kind) {
    case 'dense': {
      if (!act(p.activation)) return `activation ${p.activation} has no Keras equivalent here`
      return { className: 'Dense', config: { ...base, units: p.units, activation: p.activation, use_bias: p.useBias }, placement: own(p.useBias ? 2 : 1) }
    }
    case 'conv2d':
    case 'conv2dTranspose': {
      const config: { [key: string]: Json } = {
        ...base,
        filters: p.filters,
        kernel_size: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        activation: p.activation,
        use_bias: p.useBias,
      }
      if (node.kind === 'conv2d') config.groups = 1
      return { className: node.kind === 'conv2d' ? 'Conv2D' : 'Conv2DTranspose', config, placement: own(p.useBias ? 2 : 1) }
    }
    case 'conv1d':
      return {
        className: 'Conv1D',
        config: {
          ...base,
          filters: p.filters,
          kernel_size: [p.kernelSize],
          strides: [p.strides],
          padding: p.padding,
          data_format: 'channels_last',
          dilation_rate: [1],
          groups: 1,
          activation: p.activation,
          use_bias: p.useBias,
        },
        placement: own(p.useBias ? 2 : 1),
      }
    case 'maxPool2d':
    case 'avgPool2d':
      return {
        className: node.kind === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D',
        config: { ...base, pool_size: p.poolSize, strides: p.strides, padding: p.padding, data_format: 'channels_last' },
        placement: [],
      }
    case 'globalAvgPool2d':
      return { className: 'GlobalAveragePooling2D', config: { ...base, data_format: 'channels_last', keepdims: false }, placement: [] }
    case 'zeroPadding2d': {
      const [h, w] = p.padding as unknown as number[]
      return { className: 'ZeroPadding2D', config: { ...base, padding: [[h, h], [w, w]], data_format: 'channels_last' }, placement: [] }
    }
    case 'upSampling2d':
      if (p.interpolation !== 'nearest') return "bilinear upsampling in tfjs samples pixels differently than Keras' UpSampling2D"
      return { className: 'UpSampling2D', config: { ...base, size: p.size, data_format: 'channels_last', interpolation: 'nearest' }, placement: [] }
    case 'flatten':
      // tfjs builds a Reshape for inputs that are already vectors; Keras' Flatten is fine with them.
      return { className: 'Flatten', config: { ...base, data_format: 'channels_last' }, placement: [] }
    case 'reshape':
      return { className: 'Reshape', config: { ...base, target_shape: outputShape as number[] }, placement: [] }
    case 'dropout':
      return { className: 'Dropout', config: { ...base, rate: p.rate, seed: null, noise_shape: null }, placement: [] }
    case 'activation':
      if (p.activation === 'leakyRelu') return { className: 'LeakyReLU', config: { ...base, negative_slope: p.alpha }, placement: [] }
      if (!act(p.activation)) return `activation ${p.activation} has no Keras equivalent here`
      return { className: 'Activation', config: { ...base, activation: p.activation }, placement: [] }
    case 'batchNormalization':
      return {
        className: 'BatchNormalization',
        config: { ...base, axis: -1, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0) + 2),
      }
    case 'layerNormalization':
      return {
        className: 'LayerNormalization',
        config: { ...base, axis: -1, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0)),
      }
    case 'groupNormalization':
      return {
        className: 'GroupNormalization',
        config: { ...base, groups: p.groups, axis: -1, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0)),
      }
    case 'embedding':
      return { className: 'Embedding', config: { ...base, input_dim: p.inputDim, output_dim: p.outputDim, mask_zero: false }, placement: own(1) }
    case 'simpleRnn':
    case 'lstm':
    case 'gru':
      return {
        className: RNN_CLASS[node.kind],
        config: rnnConfig(node.kind, name, { units: p.units, activation: p.activation, returnSequences: p.returnSequences, dropout: p.dropout }),
        placement: [
          { path: [], count: 0 },
          { path: ['cell'], count: 3 },
        ],
      }
    case 'bidirectional': {
      const cell = p.cell as keyof typeof RNN_CLASS
      const inner = rnnConfig(cell, `forward_${name}`, { units: p.units, returnSequences: p.returnSequences })
      return {
        className: 'Bidirectional',
        config: { ...base, merge_mode: p.mergeMode, layer: kerasObject(RNN_CLASS[cell], inner) },
        placement: [
          { path: ['forward_layer'], count: 0 },
          { path: ['forward_layer', 'cell'], count: 3 },
          { path: ['backward_layer'], count: 0 },
          { path: ['backward_layer', 'cell'], count: 3 },
        ],
      }
    }
    case 'add':
      return { className: 'Add', config: base, placement: [] }
    case 'concatenate': {
      const axis = p.axis as number
      return { className: 'Concatenate', config: { ...base, axis: axis < 0 ? axis : axis + 1 }, placement: [] }
    }
    case 'multiHeadAttention':
    case 'positionalEmbedding':
    case 'timestepEmbedding':
    case 'condition':
      return 'this LayerCanvas layer has no Keras 3 built-in the .keras writer can use yet; export --format keras (Python code) instead'
    default:
      return 'this kind of layer is not supported by the .keras writer'
  }
}

/**
 * The order of Keras' `Functional.layers` for this graph (keras/src/ops/function.py map_graph):
 * deepest first (depth = longest path to an output), ties by first visit in a depth-first walk
 * from the outputs through each layer's inputs in order.
 */
export function kerasLayerOrder(outputs: readonly string[], incoming: ReadonlyMap<string, readonly string[]>): string[] {
  const index = new Map<string, number>()
  const finished = new Set<string>()
  const postOrder: string[] = []
  const visit = (id: string) => {
    if (finished.has(id)) return
    if (!index.has(id)) index.set(id, index.size)
    for (const source of incoming.get(id) ?? []) visit(source)
    finished.add(id)
    postOrder.push(id)
  }
  for (const id of outputs) visit(id)
  const nodeDepth = new Map<string, number>()
  const opDepth = new Map<string, number>()
  for (const id of [...postOrder].reverse()) {
    const depth = Math.max(nodeDepth.get(id) ?? 0, opDepth.get(id) ?? 0)
    opDepth.set(id, depth)
    nodeDepth.set(id, depth)
    for (const parent of incoming.get(id) ?? []) nodeDepth.set(parent, Math.max(depth + 1, nodeDepth.get(parent) ?? 0))
  }
  return [...opDepth.keys()].sort((a, b) => opDepth.get(b)! - opDepth.get(a)! || index.get(a)! - index.get(b)!)
}

const pad2 = (n: number) => String(n).padStart(2, '0')
const kerasDate = (d: Date) =>
  `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}@${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`

/**
 * Writes the document's network as a Keras 3 `.keras` file (EXPERIMENTAL, see above), with
 * `doc.trained` where it fits, else fresh weights. Layers Keras has no exact equivalent for
 * come back as problems naming the node. Never throws on user input.
 */
export async function exportKerasFile(tf: Tf, doc: ProjectDocument, writer: Hdf5Writer, options: KerasFileOptions = {}): Promise<KerasFileResult> {
  const prepared = modelSource(tf, doc, options.compiled)
  if (!prepared.ok) return prepared
  const source = prepared.source
  try {
    const { analysis, layerNames } = source
    const byId = new Map(doc.nodes.map((n) => [n.id, n]))
    const incoming = new Map<string, string[]>()
    for (const edge of [...doc.edges].sort((a, b) => a.targetPort - b.targetPort)) {
      if (layerNames[edge.target] === undefined || layerNames[edge.source] === undefined) continue
      incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source])
    }
    const order = kerasLayerOrder(source.outputs, incoming)
    const shapeOf = (id: string): Json => [null, ...((analysis.nodes[id]?.outputShape ?? []) as number[])]
    const isInput = (id: string) => ['input', 'noiseInput', 'timestepInput'].includes(byId.get(id)?.kind ?? '')
    const dtypeOf = (id: string) => (byId.get(id)?.params.mode === 'tokens' ? 'int32' : 'float32')
    const tensor = (id: string): Json => ({
      class_name: '__keras_tensor__',
      config: { shape: shapeOf(id), dtype: dtypeOf(id), keras_history: [layerNames[id], 0, 0] },
    })

    const problems: FileExportProblem[] = []
    const layersJson: Json[] = []
    const planned: { id: string; group: string; layer: KerasLayer | null }[] = []
    const used = new Map<string, number>()
    const groupName = (className: string) => {
      const snake = toSnakeCase(className)
      const n = used.get(snake)
      used.set(snake, n === undefined ? 0 : n + 1)
      return n === undefined ? snake : `${snake}_${n + 1}`
    }
    for (const id of order) {
      const name = layerNames[id]
      if (isInput(id)) {
        layersJson.push({
          ...kerasObject('InputLayer', { batch_shape: shapeOf(id), dtype: dtypeOf(id), sparse: false, name }),
          name,
          inbound_nodes: [],
        })
        planned.push({ id, group: groupName('InputLayer'), layer: null })
        continue
      }
      const node = byId.get(id)!
      const inputs = incoming.get(id) ?? []
      const layer = kerasLayer(node, name, analysis.nodes[id]?.outputShape as Shape)
      if (typeof layer === 'string') {
        problems.push({ nodeId: id, message: `${nodeLabel(doc, id)}: ${layer}` })
        continue
      }
      const merge = node.kind === 'add' || node.kind === 'concatenate'
      const args: Json[] = merge ? [inputs.map(tensor)] : inputs.map(tensor)
      const inputShapeJson: Json = inputs.length === 1 ? shapeOf(inputs[0]) : inputs.map(shapeOf)
      layersJson.push({
        ...kerasObject(layer.className, layer.config),
        build_config: { input_shape: inputShapeJson },
        name,
        inbound_nodes: [{ args, kwargs: {} }],
      })
      planned.push({ id, group: groupName(layer.className), layer })
    }
    if (problems.length > 0) return { ok: false, problems }

    const refs = (ids: string[]): Json => (ids.length === 1 ? [layerNames[ids[0]], 0, 0] : ids.map((id) => [layerNames[id], 0, 0]))
    const modelName = doc.name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'model'
    const config = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: modelName,
        trainable: true,
        layers: layersJson,
        input_layers: refs(source.inputs),
        output_layers: refs(source.outputs),
      },
      registered_name: 'Functional',
      build_config: { input_shape: null },
      compile_config: null,
    }

    // Weights, read once per layer in tfjs' getWeights() order (= Keras' variable order).
    const layersByName = new Map(source.model.layers.map((l) => [l.name, l]))
    const weightsOf = new Map<string, { shape: number[]; data: Float32Array }[]>()
    for (const { id, layer } of planned) {
      if (!layer) continue
      const tfLayer = layersByName.get(layerNames[id])
      const values = await Promise.all((tfLayer?.weights ?? []).map(async (w) => ({ shape: [...w.shape] as number[], data: (await w.read().data()) as Float32Array })))
      const expected = layer.placement.reduce((n, p) => n + p.count, 0)
      if (values.length !== expected) {
        problems.push({ nodeId: id, message: `${nodeLabel(doc, id)}: tfjs has ${values.length} weights, the Keras layer takes ${expected}` })
        continue
      }
      weightsOf.set(id, values)
    }
    if (problems.length > 0) return { ok: false, problems }

    const layout: string[] = ['vars']
    const h5 = await writer.write((root) => {
      root.create_group('vars')
      const layersGroup = root.create_group('layers')
      layout.push('layers')
      for (const { id, group, layer } of planned) {
        const layerGroup = layersGroup.create_group(group)
        const values = weightsOf.get(id) ?? []
        let next = 0
        const groups = new Map<string, H5Group>([['', layerGroup]])
        const placements: WeightPlacement = layer?.placement.length ? [...layer.placement] : [{ path: [], count: 0 }]
        if (!placements.some((p) => p.path.length === 0)) placements.unshift({ path: [], count: 0 })
        for (const { path, count } of placements) {
          // Create each level in turn: h5wasm does not make intermediate groups.
          let g = layerGroup
          for (let i = 0; i < path.length; i++) {
            const key = path.slice(0, i + 1).join('/')
            if (!groups.has(key)) groups.set(key, g.create_group(path[i]))
            g = groups.get(key)!
          }
          const vars = g.create_group('vars')
          const at = ['layers', group, ...path, 'vars'].join('/')
          layout.push(at)
          for (let i = 0; i < count; i++) {
            const w = values[next++]
            vars.create_dataset({ name: String(i), data: w.data, shape: w.shape, dtype: '<f' })
            layout.push(`${at}/${i} [${w.shape.join(', ')}]`)
          }
        }
      }
      root.create_group('optimizer').create_group('vars')
      layout.push('optimizer/vars')
    })

    const now = options.now ?? new Date()
    const keras = zipSync({
      'metadata.json': strToU8(JSON.stringify({ keras_version: options.kerasVersion ?? '3.6.0', date_saved: kerasDate(now) })),
      'config.json': strToU8(JSON.stringify(config)),
      'model.weights.h5': h5,
    })
    const warnings = [{ nodeId: null, message: EXPERIMENTAL }, ...source.warnings]
    return { ok: true, files: { 'model.keras': keras, 'README.md': readme(doc, source.weights, options.version ?? 'unknown') }, warnings, layout }
  } catch (error) {
    return { ok: false, problems: [{ nodeId: null, message: `The .keras export failed: ${(error as Error).message}` }] }
  } finally {
    if (source.owned) source.model.dispose()
  }
}

function readme(doc: ProjectDocument, weights: 'trained' | 'initial' | 'model', version: string): string {
  const which = { trained: 'the trained weights saved with the project', initial: 'freshly initialised (untrained) weights', model: 'the current weights' }
  return `# ${doc.name} — Keras 3 \`.keras\` (experimental)

Exported from LayerCanvas ${version} with ${which[weights]}.

**Experimental.** \`model.keras\` follows the Keras 3 file layout (\`config.json\` in the Keras 3
functional dialect, weights in \`model.weights.h5\` under \`layers/<layer>/vars/<i>\`), but no Keras
could be run where it was made to confirm that it loads. If it does not, use the TensorFlow.js
export with \`tensorflowjs_converter\`, or LayerCanvas' Keras (Python code) export.

## Run

\`\`\`sh
pip install "keras>=3" tensorflow numpy
python -c "import keras, numpy as np; m = keras.saving.load_model('model.keras'); m.summary(); print(m.predict(np.zeros((1,) + tuple(m.inputs[0].shape[1:]), dtype=m.inputs[0].dtype)))"
\`\`\`

## Look inside without Keras

\`\`\`sh
unzip -o model.keras -d model_keras
python3 -c "import h5py; h5py.File('model_keras/model.weights.h5').visititems(lambda n, o: print(n, getattr(o, 'shape', '')))"
\`\`\`
`
}
