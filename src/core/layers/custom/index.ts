import type { Tf } from '../kind'
import { createCondition } from './condition'
import { createGroupNormalization } from './group-normalization'
import { createGeneralRelu } from './general-relu'
import { createMultiHeadAttention } from './multi-head-attention'
import { createPositionalEmbedding } from './positional-embedding'
import { createTimestepEmbedding } from './timestep-embedding'

export type { MultiHeadAttentionArgs } from './multi-head-attention'
export type { PositionalEmbeddingArgs, PositionalMode } from './positional-embedding'
export { MHA_CLASS_NAME } from './multi-head-attention'
export { POSITIONAL_EMBEDDING_CLASS_NAME } from './positional-embedding'
export type { TimestepEmbeddingArgs } from './timestep-embedding'
export type { ConditionArgs, ConditionMode } from './condition'
export type { GroupNormalizationArgs } from './group-normalization'
export { TIMESTEP_EMBEDDING_CLASS_NAME } from './timestep-embedding'
export { CONDITION_CLASS_NAME } from './condition'
export { GROUP_NORMALIZATION_CLASS_NAME } from './group-normalization'
export type { GeneralReluArgs } from './general-relu'
export { GENERAL_RELU_CLASS_NAME } from './general-relu'

export interface CustomLayers {
  MultiHeadAttention: ReturnType<typeof createMultiHeadAttention>
  PositionalEmbedding: ReturnType<typeof createPositionalEmbedding>
  TimestepEmbedding: ReturnType<typeof createTimestepEmbedding>
  Condition: ReturnType<typeof createCondition>
  GroupNormalization: ReturnType<typeof createGroupNormalization>
  GeneralRelu: ReturnType<typeof createGeneralRelu>
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
      TimestepEmbedding: createTimestepEmbedding(tf),
      Condition: createCondition(tf),
      GroupNormalization: createGroupNormalization(tf),
      GeneralRelu: createGeneralRelu(tf),
    }
    tf.serialization.registerClass(layers.MultiHeadAttention)
    tf.serialization.registerClass(layers.PositionalEmbedding)
    tf.serialization.registerClass(layers.TimestepEmbedding)
    tf.serialization.registerClass(layers.Condition)
    tf.serialization.registerClass(layers.GroupNormalization)
    tf.serialization.registerClass(layers.GeneralRelu)
    cache.set(tf, layers)
  }
  return layers
}
