import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { inspectModelFor, type CompiledGraph } from './inspect-model'

/**
 * How a node's output for one sample is laid out for drawing:
 * - 'maps': [height, width, channels] feature maps; values are channel after channel (H×W each);
 * - 'sequence': [time, units]; values are time-major (row t = the included units at step t);
 * - 'vector': anything else, flattened (a dense layer's units).
 */
export type ActivationLayout = 'maps' | 'sequence' | 'vector'

export interface NodeActivation {
  nodeId: string
  layout: ActivationLayout
  /** The node's full output shape for one sample (no batch axis). */
  shape: number[]
  /** The included values (see layout), float32. */
  values: Float32Array
  /** The sampled axis: channels of a feature map, units of a sequence, entries of a vector. */
  axisSize: number
  /** First included index on that axis and how many are included (one page). */
  start: number
  count: number
  page: number
  pageCount: number
  /** Over the included values (for the colour scale). */
  min: number
  max: number
  /** Multi-head attention: the attention weights, head after head, each queries × keys (row-major). */
  attention?: { heads: number; queries: number; keys: number; values: Float32Array }
}

export interface SampleInput {
  /** One sample's features (no batch axis), as the model is fed during training. */
  values: Float32Array | Int32Array
  shape: number[]
  dtype: 'float32' | 'int32'
}

/** Page sizes: a thumbnail grid of 16 feature maps, 64 units over time, 1024 dense units. */
export const PAGE_SIZE: Record<ActivationLayout, number> = { maps: 16, sequence: 64, vector: 1024 }

export interface ReadOptions {
  /** The page per node id (default 0); out-of-range pages are clamped. */
  pages?: Record<string, number>
  pageSize?: Partial<Record<ActivationLayout, number>>
}

export const layoutOf = (shape: readonly number[]): ActivationLayout => (shape.length === 3 ? 'maps' : shape.length === 2 ? 'sequence' : 'vector')

interface Pending {
  meta: Omit<NodeActivation, 'values' | 'min' | 'max' | 'attention'>
  tensor: tfjs.Tensor
  attention?: tfjs.Tensor
}

/**
 * Runs the compiled model once on one sample and returns every node's output (one page of its
 * channels/units, with the full shape), plus the attention weights of attention layers. The
 * values come from the model's own layers, not a re-implementation. Tensors made here are all
 * disposed before it resolves (the tensor count is unchanged); read-backs are async so a GPU
 * backend is not stalled.
 */
export async function readActivations(tf: Tf, compiled: CompiledGraph, sample: SampleInput, options: ReadOptions = {}): Promise<NodeActivation[]> {
  const inspect = inspectModelFor(tf, compiled)
  const pageSize = { ...PAGE_SIZE, ...options.pageSize }
  // Kept out of the tidy by tf.keep; everything else made in it is freed when it ends.
  const pending: Pending[] = []
  try {
    tf.tidy(() => {
      const x = tf.tensor(sample.values, [1, ...sample.shape], sample.dtype)
      const raw = inspect.model.predict(x)
      const outputs = Array.isArray(raw) ? raw : [raw]
      inspect.nodeIds.forEach((nodeId, i) => {
        const full = outputs[i]
        const shape = full.shape.slice(1) as number[]
        const layout = layoutOf(shape)
        const one = layout === 'vector' ? tf.reshape(full, [-1]) : tf.squeeze(full, [0])
        const axisSize = layout === 'vector' ? one.shape[0] : shape[shape.length - 1]
        const size = pageSize[layout]
        const pageCount = Math.max(1, Math.ceil(axisSize / size))
        const page = Math.min(Math.max(0, Math.floor(options.pages?.[nodeId] ?? 0)), pageCount - 1)
        const start = page * size
        const count = Math.min(size, axisSize - start)
        let tensor: tfjs.Tensor
        if (layout === 'maps') tensor = tf.transpose(tf.slice(one, [0, 0, start], [shape[0], shape[1], count]), [2, 0, 1])
        else if (layout === 'sequence') tensor = tf.slice(one, [0, start], [shape[0], count])
        else tensor = tf.slice(one, [start], [count])
        const sources = inspect.attention.get(nodeId)
        const attention = sources ? attentionOf(tf, compiled, nodeId, sources.map((s) => (s < 0 ? x : outputs[s]))) : undefined
        pending.push({ meta: { nodeId, layout, shape, axisSize, start, count, page, pageCount }, tensor: tf.keep(tf.cast(tensor, 'float32')), ...(attention ? { attention: tf.keep(attention) } : {}) })
      })
    })
    const result: NodeActivation[] = []
    for (const entry of pending) {
      // A copy the caller owns: a CPU-backend read can be a view into a tensor's (shared) storage.
      const values = ((await entry.tensor.data()) as Float32Array).slice()
      let min = Infinity
      let max = -Infinity
      for (let i = 0; i < values.length; i++) {
        if (values[i] < min) min = values[i]
        if (values[i] > max) max = values[i]
      }
      const activation: NodeActivation = { ...entry.meta, values, min: values.length ? min : 0, max: values.length ? max : 0 }
      if (entry.attention) {
        const [, heads, queries, keys] = entry.attention.shape as number[]
        activation.attention = { heads, queries, keys, values: ((await entry.attention.data()) as Float32Array).slice() }
      }
      result.push(activation)
    }
    return result
  } finally {
    for (const entry of pending) {
      entry.tensor.dispose()
      entry.attention?.dispose()
    }
  }
}

function attentionOf(tf: Tf, compiled: CompiledGraph, nodeId: string, inputs: tfjs.Tensor[]): tfjs.Tensor | undefined {
  const layer = compiled.model.getLayer(compiled.layerNames[nodeId]) as unknown as { attentionScores(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor }
  return tf.cast(layer.attentionScores(inputs.length === 1 ? inputs[0] : inputs), 'float32')
}
