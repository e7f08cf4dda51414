import type { Converter } from './converter'
import { convertActivation, convertDropout } from './ops/activation'
import { convertMultiHeadAttention, convertPositionalEmbedding } from './ops/attention'
import {
  convertAvgPool2d,
  convertConv1d,
  convertConv2d,
  convertConv2dTranspose,
  convertGlobalAvgPool2d,
  convertMaxPool2d,
  convertUpSampling2d,
  convertZeroPadding2d,
} from './ops/conv'
import { convertAdd, convertConcatenate, convertDense, convertEmbedding, convertFlatten, convertReshape } from './ops/core'
import { convertCondition, convertGroupNormalization, convertTimestepEmbedding } from './ops/generative'
import { convertBatchNormalization, convertLayerNormalization } from './ops/norm'
import { convertBidirectional, convertRecurrent } from './ops/recurrent'

/**
 * Layer kind id → ONNX converter. Input kinds (input, noiseInput, timestepInput) are handled
 * by the exporter itself (each becomes a graph input). A kind missing here is reported as a problem on each node of that kind.
 */
export const ONNX_CONVERTERS: Readonly<Record<string, Converter>> = {
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
  upSampling2d: convertUpSampling2d,
  maxPool2d: convertMaxPool2d,
  avgPool2d: convertAvgPool2d,
  globalAvgPool2d: convertGlobalAvgPool2d,
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
  timestepEmbedding: convertTimestepEmbedding,
  condition: convertCondition,
}
