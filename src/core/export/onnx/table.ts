import { unsupported, type KindTable } from '../../layers/format-table'
import type { Converter } from './converter'
import { convertActivation, convertDropout } from './ops/activation'
import { convertMultiHeadAttention, convertPositionalEmbedding } from './ops/attention'
import {
  convertAvgPool2d,
  convertConv1d,
  convertConv2d,
  convertConv2dTranspose,
  convertGlobalAvgPool2d,
  convertGlobalMaxPool2d,
  convertMaxPool2d,
  convertUpSampling2d,
  convertZeroPadding2d,
} from './ops/conv'
import {
  convertAdd,
  convertConcatenate,
  convertDense,
  convertEmbedding,
  convertFlatten,
  convertReshape,
} from './ops/core'
import { convertCondition, convertGroupNormalization, convertTimestepEmbedding } from './ops/generative'
import { convertDepthwiseConv2d, convertSeparableConv2d } from './ops/depthwise'
import { convertCappedRelu } from './ops/relu'
import { convertBatchNormalization, convertLayerNormalization } from './ops/norm'
import { convertCropping2d, convertDot, convertGlobalAvgPool1d, convertGlobalMaxPool1d } from './ops/shape-ops'
import { convertBidirectional, convertRecurrent } from './ops/recurrent'

const GRAPH_INPUT = unsupported('an input kind: the exporter declares it as a graph input itself')

/**
 * Layer kind id → ONNX converter, for every kind (a new kind does not compile until it has an
 * entry here). Input kinds are handled by the exporter itself (each becomes a graph input).
 */
export const ONNX_CONVERTERS = {
  input: GRAPH_INPUT,
  noiseInput: GRAPH_INPUT,
  timestepInput: GRAPH_INPUT,
  dense: convertDense,
  activation: convertActivation,
  dropout: convertDropout,
  flatten: convertFlatten,
  reshape: convertReshape,
  embedding: convertEmbedding,
  conv1d: convertConv1d,
  conv2d: convertConv2d,
  conv2dTranspose: convertConv2dTranspose,
  zeroPadding2d: convertZeroPadding2d,
  cropping2d: convertCropping2d,
  upSampling2d: convertUpSampling2d,
  maxPool2d: convertMaxPool2d,
  avgPool2d: convertAvgPool2d,
  globalAvgPool2d: convertGlobalAvgPool2d,
  globalMaxPool2d: convertGlobalMaxPool2d,
  globalAvgPool1d: convertGlobalAvgPool1d,
  globalMaxPool1d: convertGlobalMaxPool1d,
  depthwiseConv2d: convertDepthwiseConv2d,
  separableConv2d: convertSeparableConv2d,
  cappedRelu: convertCappedRelu,
  batchNormalization: convertBatchNormalization,
  layerNormalization: convertLayerNormalization,
  groupNormalization: convertGroupNormalization,
  simpleRnn: convertRecurrent('simpleRnn'),
  lstm: convertRecurrent('lstm'),
  gru: convertRecurrent('gru'),
  bidirectional: convertBidirectional,
  multiHeadAttention: convertMultiHeadAttention,
  positionalEmbedding: convertPositionalEmbedding,
  add: convertAdd,
  concatenate: convertConcatenate,
  dot: convertDot,
  timestepEmbedding: convertTimestepEmbedding,
  condition: convertCondition,
} satisfies KindTable<Converter>
