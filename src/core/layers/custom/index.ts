import type { Tf } from '../kind'
import { createMultiHeadAttention } from './multi-head-attention'
import { createPositionalEmbedding } from './positional-embedding'

export type { MultiHeadAttentionArgs } from './multi-head-attention'
export type { PositionalEmbeddingArgs, PositionalMode } from './positional-embedding'
export { MHA_CLASS_NAME } from './multi-head-attention'
export { POSITIONAL_EMBEDDING_CLASS_NAME } from './positional-embedding'

export interface CustomLayers {
  MultiHeadAttention: ReturnType<typeof createMultiHeadAttention>
  PositionalEmbedding: ReturnType<typeof createPositionalEmbedding>
}

// One set of classes per tf namespace: the classes must extend that namespace's Layer, and
// registering them twice would only waste work. Registration is what lets
// tf.loadLayersModel rebuild these layers from a saved model.json.
const cache = new WeakMap<Tf, CustomLayers>()

/**
 * LayerCanvas' own tfjs layers, created from (and registered with) the given tf namespace.
 * Call it before loading a saved model that may contain them.
 */
export function customLayers(tf: Tf): CustomLayers {
  let layers = cache.get(tf)
  if (!layers) {
    layers = {
      MultiHeadAttention: createMultiHeadAttention(tf),
      PositionalEmbedding: createPositionalEmbedding(tf),
    }
    tf.serialization.registerClass(layers.MultiHeadAttention)
    tf.serialization.registerClass(layers.PositionalEmbedding)
    cache.set(tf, layers)
  }
  return layers
}
