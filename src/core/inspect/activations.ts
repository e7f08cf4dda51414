import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { inspectModelFor, type AttentionLayer, type CompiledGraph } from './inspect-model'

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

export const layoutOf = (shape: readonly number[]): ActivationLayout =>
  shape.length === 3 ? 'maps' : shape.length === 2 ? 'sequence' : 'vector'

/**
 * Runs the compiled model once on one sample and returns every node's output (one page of its
 * channels/units, with the full shape), plus the attention weights of attention layers. The
 * values come from the model's own layers, not a re-implementation.
 *
 * Synchronous on purpose: everything happens inside one tf.tidy, values are read with
 * dataSync, and no tensor of ours outlives the call. An async read-back would let the trainer
 * reach an epoch end while our tensors exist, and its leak check would see them. One forward
 * pass of one sample is cheap next to a training batch.
 */
export function readActivations(
  tf: Tf,
  compiled: CompiledGraph,
  sample: SampleInput,
  options: ReadOptions = {},
): NodeActivation[] {
  const inspect = inspectModelFor(tf, compiled)
  const pageSize = { ...PAGE_SIZE, ...options.pageSize }
  const result: NodeActivation[] = []
  tf.tidy(() => {
    const x = tf.tensor(sample.values, [1, ...sample.shape], sample.dtype)
    const raw = inspect.model.predict(x)
    const outputs = Array.isArray(raw) ? raw : [raw]
    inspect.nodeIds.forEach((nodeId, i) => {
      const activation = nodeActivation(tf, nodeId, outputs[i], pageSize, options.pages)
      const sources = inspect.attention.get(nodeId)
      if (sources) {
        const scores = attentionOf(
          compiled,
          nodeId,
          sources.map((s) => (s < 0 ? x : outputs[s])),
        )
        const [, heads, queries, keys] = scores.shape as number[]
        activation.attention = { heads, queries, keys, values: readFloats(tf, scores) }
      }
      result.push(activation)
    })
  })
  return result
}

/** A float32 copy the caller owns (a CPU-backend read can be a view into a tensor's shared storage). */
const readFloats = (tf: Tf, tensor: tfjs.Tensor): Float32Array =>
  Float32Array.from(tf.cast(tensor, 'float32').dataSync())

function attentionOf(compiled: CompiledGraph, nodeId: string, inputs: tfjs.Tensor[]): tfjs.Tensor {
  const layer = compiled.model.getLayer(compiled.layerNames[nodeId]) as unknown as AttentionLayer
  return layer.attentionScores(inputs.length === 1 ? inputs[0] : inputs)
}

/**
 * One node's output for one sample (`full` has a batch axis of 1), laid out and paged for
 * drawing; runs inside the caller's tidy.
 */
export function nodeActivation(
  tf: Tf,
  nodeId: string,
  full: tfjs.Tensor,
  pageSize: Record<ActivationLayout, number>,
  pages: Record<string, number> = {},
): NodeActivation {
  const shape = full.shape.slice(1) as number[]
  const layout = layoutOf(shape)
  const one = layout === 'vector' ? tf.reshape(full, [-1]) : tf.squeeze(full, [0])
  const axisSize = layout === 'vector' ? one.shape[0] : shape[shape.length - 1]
  const size = pageSize[layout]
  const pageCount = Math.max(1, Math.ceil(axisSize / size))
  const page = Math.min(Math.max(0, Math.floor(pages[nodeId] ?? 0)), pageCount - 1)
  const start = page * size
  const count = Math.min(size, axisSize - start)
  let included: tfjs.Tensor
  if (layout === 'maps') included = tf.transpose(tf.slice(one, [0, 0, start], [shape[0], shape[1], count]), [2, 0, 1])
  else if (layout === 'sequence') included = tf.slice(one, [0, start], [shape[0], count])
  else included = tf.slice(one, [start], [count])
  const values = readFloats(tf, included)
  let min = Infinity
  let max = -Infinity
  for (let k = 0; k < values.length; k++) {
    if (values[k] < min) min = values[k]
    if (values[k] > max) max = values[k]
  }
  return {
    nodeId,
    layout,
    shape,
    values,
    axisSize,
    start,
    count,
    page,
    pageCount,
    min: values.length ? min : 0,
    max: values.length ? max : 0,
  }
}
