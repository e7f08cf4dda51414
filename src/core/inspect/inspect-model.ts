import type * as tfjs from '@tensorflow/tfjs'
import type { SymbolicTensor, Tf } from '../layers/kind'

/** What the compiler returned that the inspector needs: the model and its node id → layer name map. */
export interface CompiledGraph {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
}

/** A layer whose attention weights can be read (our MultiHeadAttention). */
export interface AttentionLayer {
  attentionScores(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor
}

export const hasAttentionScores = (layer: unknown): layer is AttentionLayer =>
  typeof (layer as Partial<AttentionLayer> | null)?.attentionScores === 'function'

/**
 * One extra tf.model over the SAME layers as the compiled model, whose outputs are every
 * node's output: one forward pass gives every intermediate activation, computed by the very
 * layers (and weights) that train. `attention` lists, per attention node, which outputs are its
 * inputs, so its scores can be recomputed from them by the layer itself.
 */
export interface InspectModel {
  model: tfjs.LayersModel
  /** Node id per output of `model`, in order. */
  nodeIds: string[]
  /** Attention node id → indices into the outputs (or -1: the model input) of its inputs. */
  attention: Map<string, number[]>
  /** Node ids of the model's (single) input. */
  inputNodeId: string | null
}

/**
 * The inspect model is cached per compiled model. It owns no tensors (its layers and their
 * weights belong to the compiled model), so it is never disposed: calling dispose() on it
 * would free the compiled model's weights. It goes away with the compiled model (WeakMap).
 */
const cache = new WeakMap<tfjs.LayersModel, InspectModel>()

export function inspectModelFor(tf: Tf, compiled: CompiledGraph): InspectModel {
  const cached = cache.get(compiled.model)
  if (cached) return cached
  const built = buildInspectModel(tf, compiled)
  cache.set(compiled.model, built)
  return built
}

function buildInspectModel(tf: Tf, { model, layerNames }: CompiledGraph): InspectModel {
  if (model.inputs.length !== 1)
    throw new Error(`the activations view needs a model with one input (this one has ${model.inputs.length})`)
  const input = model.inputs[0]
  const byLayer = new Map(Object.entries(layerNames).map(([id, name]) => [name, id]))
  const nodeIds: string[] = []
  const outputs: SymbolicTensor[] = []
  const indexOf = new Map<SymbolicTensor, number>()
  let inputNodeId: string | null = null
  for (const layer of model.layers) {
    const id = byLayer.get(layer.name)
    if (id === undefined) continue
    const output = layer.output
    // An Input's output is the sample itself; a layer with several outputs is not drawn.
    if (output === input) {
      inputNodeId = id
      continue
    }
    if (Array.isArray(output)) continue
    indexOf.set(output, outputs.length)
    nodeIds.push(id)
    outputs.push(output)
  }
  const attention = new Map<string, number[]>()
  for (const layer of model.layers) {
    const id = byLayer.get(layer.name)
    if (id === undefined || !hasAttentionScores(layer)) continue
    const inbound = layer.input
    const sources = (Array.isArray(inbound) ? inbound : [inbound]).map((tensor) =>
      tensor === input ? -1 : (indexOf.get(tensor) ?? null),
    )
    if (sources.every((source): source is number => source !== null)) attention.set(id, sources)
  }
  return { model: tf.model({ inputs: input, outputs }), nodeIds, attention, inputNodeId }
}
