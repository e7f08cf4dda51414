import type { ProjectDocument } from '../../../src/core/document/types'
import { graph } from '../helpers'

/**
 * Graphs for ZeroPadding2D / Cropping2D (asymmetric), GlobalAvg/MaxPool1D and Dot, shared by the
 * ONNX, Python and export → import suites. Each layer appears both where the exporters run it
 * channels first (after a conv) and channels last (straight from the input), and Dot in every
 * shape of tfjs' batchDot: vectors, q·kᵀ, scores·v, and both transposed forms, with and without
 * the cosine normalisation.
 */
export function paddedCnnGraph(): ProjectDocument {
  return graph(
    [
      ['image', 'input', { mode: 'image', height: 7, width: 6, channels: 2 }],
      ['pad', 'zeroPadding2d', { padding: [0, 1, 0, 1] }],
      ['conv', 'conv2d', { filters: 3, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'relu' }],
      ['pad2', 'zeroPadding2d', { padding: [2, 0, 1, 3] }],
      ['crop', 'cropping2d', { cropping: [1, 0, 0, 2] }],
      ['flat', 'flatten', {}],
      ['crop2', 'cropping2d', { cropping: [1, 2, 0, 1] }],
      ['flat2', 'flatten', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['out', 'dense', { units: 2, activation: 'linear' }],
    ],
    [
      ['image', 'pad'],
      ['pad', 'conv'],
      ['conv', 'pad2'],
      ['pad2', 'crop'],
      ['crop', 'flat'],
      ['image', 'crop2'],
      ['crop2', 'flat2'],
      ['flat', 'cat', 0],
      ['flat2', 'cat', 1],
      ['cat', 'out'],
    ],
  )
}

/** A Transformer block built from Dense and Dot (q·kᵀ → softmax → ·v), pooled over the sequence. */
export function dotAttentionGraph(): ProjectDocument {
  return graph(
    [
      ['seq', 'input', { mode: 'sequence', timesteps: 5, features: 4 }],
      ['q', 'dense', { units: 4, activation: 'linear' }],
      ['k', 'dense', { units: 4, activation: 'linear' }],
      ['v', 'dense', { units: 4, activation: 'linear' }],
      ['scores', 'dot', { axes: [-1, -1] }],
      ['attn', 'activation', { activation: 'softmax' }],
      ['ctx', 'dot', { axes: [1, 0] }],
      ['proj', 'dense', { units: 4, activation: 'linear' }],
      ['res', 'add', {}],
      ['norm', 'layerNormalization', {}],
      ['gap', 'globalAvgPool1d', {}],
      ['gmp', 'globalMaxPool1d', {}],
      ['cos', 'dot', { axes: [0, 0], normalize: true }],
      ['gram', 'dot', { axes: [0, 0], normalize: true }],
      ['cross', 'dot', { axes: [0, 1] }],
      ['flatGram', 'flatten', {}],
      ['flatCross', 'flatten', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['out', 'dense', { units: 3, activation: 'linear' }],
    ],
    [
      ['seq', 'q'],
      ['seq', 'k'],
      ['seq', 'v'],
      ['q', 'scores', 0],
      ['k', 'scores', 1],
      ['scores', 'attn'],
      ['attn', 'ctx', 0],
      ['v', 'ctx', 1],
      ['ctx', 'proj'],
      ['seq', 'res', 0],
      ['proj', 'res', 1],
      ['res', 'norm'],
      ['norm', 'gap'],
      ['norm', 'gmp'],
      ['gap', 'cos', 0],
      ['gmp', 'cos', 1],
      ['q', 'gram', 0],
      ['v', 'gram', 1],
      ['k', 'cross', 0],
      ['scores', 'cross', 1],
      ['gram', 'flatGram'],
      ['cross', 'flatCross'],
      ['gap', 'cat', 0],
      ['gmp', 'cat', 1],
      ['cos', 'cat', 2],
      ['flatGram', 'cat', 3],
      ['flatCross', 'cat', 4],
      ['cat', 'out'],
    ],
  )
}
