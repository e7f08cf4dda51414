import type { AnyLayerKind } from './kind'
import { input } from './kinds/input'
import { dense } from './kinds/dense'
import { activation } from './kinds/activation'
import { dropout } from './kinds/dropout'
import { flatten } from './kinds/flatten'
import { reshape } from './kinds/reshape'
import { embedding } from './kinds/embedding'
import { conv1d } from './kinds/conv1d'
import { conv2d } from './kinds/conv2d'
import { conv2dTranspose } from './kinds/conv2d-transpose'
import { depthwiseConv2d } from './kinds/depthwise-conv2d'
import { separableConv2d } from './kinds/separable-conv2d'
import { cappedRelu } from './kinds/capped-relu'
import { zeroPadding2d } from './kinds/zero-padding2d'
import { cropping2d } from './kinds/cropping2d'
import { upSampling2d } from './kinds/up-sampling2d'
import { maxPool2d } from './kinds/max-pool2d'
import { avgPool2d } from './kinds/avg-pool2d'
import { globalAvgPool2d } from './kinds/global-avg-pool2d'
import { globalMaxPool2d } from './kinds/global-max-pool2d'
import { globalAvgPool1d } from './kinds/global-avg-pool1d'
import { globalMaxPool1d } from './kinds/global-max-pool1d'
import { batchNormalization } from './kinds/batch-normalization'
import { layerNormalization } from './kinds/layer-normalization'
import { simpleRnn } from './kinds/simple-rnn'
import { lstm } from './kinds/lstm'
import { gru } from './kinds/gru'
import { bidirectional } from './kinds/bidirectional'
import { multiHeadAttention } from './kinds/multi-head-attention'
import { positionalEmbedding } from './kinds/positional-embedding'
import { add } from './kinds/add'
import { concatenate } from './kinds/concatenate'
import { dot } from './kinds/dot'
import { groupNormalization } from './kinds/group-normalization'
import { noiseInput } from './kinds/noise-input'
import { timestepInput } from './kinds/timestep-input'
import { timestepEmbedding } from './kinds/timestep-embedding'
import { condition } from './kinds/condition'

/**
 * THE list of layer kinds. Adding a kind = one file in ./kinds + one line here; the palette,
 * inspector, shape inference, compiler, CLI and docs all read this list, and every per-format
 * table (keyed by `KindId`) stops compiling until it has an entry for the new kind.
 */
const KINDS = [
  input,
  dense,
  activation,
  dropout,
  flatten,
  reshape,
  embedding,
  conv1d,
  conv2d,
  conv2dTranspose,
  depthwiseConv2d,
  separableConv2d,
  cappedRelu,
  zeroPadding2d,
  cropping2d,
  upSampling2d,
  maxPool2d,
  avgPool2d,
  globalAvgPool2d,
  globalMaxPool2d,
  globalAvgPool1d,
  globalMaxPool1d,
  batchNormalization,
  layerNormalization,
  groupNormalization,
  simpleRnn,
  lstm,
  gru,
  bidirectional,
  multiHeadAttention,
  positionalEmbedding,
  add,
  concatenate,
  dot,
  noiseInput,
  timestepInput,
  timestepEmbedding,
  condition,
] as const

/** The id of every layer kind: the key type of the per-format tables (see ./format-table.ts). */
export type KindId = (typeof KINDS)[number]['id']

export const LAYER_KINDS: readonly AnyLayerKind[] = KINDS as unknown as readonly AnyLayerKind[]

/** Every kind id, in registry order (for tables' tests). */
export const KIND_IDS: readonly KindId[] = KINDS.map((kind) => kind.id)

const byId = new Map(LAYER_KINDS.map((kind) => [kind.id, kind]))
if (byId.size !== LAYER_KINDS.length) throw new Error('LAYER_KINDS has two kinds with the same id')

export function getLayerKind(id: string): AnyLayerKind | undefined {
  return byId.get(id)
}
