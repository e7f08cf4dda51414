import type { ProjectDocument } from '../../../src/core/document/types'
import { graph, loadTemplate } from '../helpers'
import { dotAttentionGraph, paddedCnnGraph } from './seq-layer-graphs'
import { depthwiseGraph } from './depthwise-cases'
import { reluGraph } from './relu-cases'

/**
 * Models the Python export tests run: the MLP and LeNet templates plus small graphs that
 * between them use every layer kind and the tricky settings of each (TF's uneven 'same'
 * padding, transposed convs that crop or grow, legacy bilinear resize, all RNN cells and
 * merges, attention self / cross / causal / without bias, both positional modes, …), and the
 * generative kinds on their own and in the GAN and DDPM templates.
 */
/**
 * GlobalMaxPool2D after a conv (the exporters' channels-first path) and after a Reshape of the
 * input (channels last: ONNX's ReduceMax), merged, so both layouts reach one output.
 */
export function globalMaxPoolGraph(): ProjectDocument {
  return graph(
    [
      ['image', 'input', { mode: 'image', height: 6, width: 5, channels: 2 }],
      ['conv', 'conv2d', { filters: 3, kernelSize: [3, 3], padding: 'same', activation: 'relu' }],
      ['gmp', 'globalMaxPool2d', {}],
      ['same', 'reshape', { targetShape: [6, 5, 2] }],
      ['gmp2', 'globalMaxPool2d', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['out', 'dense', { units: 2, activation: 'linear' }],
    ],
    [
      ['image', 'conv'],
      ['conv', 'gmp'],
      ['image', 'same'],
      ['same', 'gmp2'],
      ['gmp', 'cat', 0],
      ['gmp2', 'cat', 1],
      ['cat', 'out'],
    ],
  )
}

export function pythonCases(): Record<string, ProjectDocument> {
  const image = graph(
    [
      ['in', 'input', { mode: 'image', height: 8, width: 8, channels: 3 }],
      ['c1', 'conv2d', { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }],
      ['bn', 'batchNormalization', { scale: false, momentum: 0.9 }],
      ['lr', 'activation', { activation: 'leakyRelu', alpha: 0.2 }],
      ['mp', 'maxPool2d', { poolSize: [3, 3], strides: [2, 2], padding: 'same' }],
      ['ap', 'avgPool2d', { poolSize: [2, 2], strides: [1, 1], padding: 'same' }],
      ['zp', 'zeroPadding2d', { padding: [1, 2] }],
      ['c2', 'conv2d', { filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', activation: 'gelu' }],
      ['up', 'upSampling2d', { size: [2, 2], interpolation: 'bilinear' }],
      [
        'ct',
        'conv2dTranspose',
        { filters: 2, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'swish' },
      ],
      [
        'ct2',
        'conv2dTranspose',
        { filters: 2, kernelSize: [2, 2], strides: [3, 3], padding: 'valid', activation: 'selu' },
      ],
      ['up2', 'upSampling2d', { size: [2, 1], interpolation: 'nearest' }],
      ['gap', 'globalAvgPool2d', {}],
      ['fl', 'flatten', {}],
      ['fl2', 'flatten', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['d', 'dense', { units: 5, activation: 'softmax' }],
      ['o2', 'dense', { units: 2, activation: 'tanh' }],
      ['c3', 'conv2d', { filters: 3, kernelSize: [1, 1], activation: 'softmax', useBias: false }],
      ['sum', 'add', {}],
      ['mid', 'activation', { activation: 'elu' }],
      ['flr', 'flatten', {}],
      ['rs', 'reshape', { targetShape: [4, 4, 4] }],
    ],
    [
      ['in', 'c1'],
      ['c1', 'bn'],
      ['bn', 'lr'],
      ['lr', 'mp'],
      ['lr', 'ap'],
      ['ap', 'zp'],
      ['zp', 'c2'],
      ['c2', 'up'],
      ['mp', 'ct'],
      ['mp', 'ct2'],
      ['ct', 'up2'],
      ['up', 'gap'],
      ['up2', 'fl'],
      ['ct2', 'fl2'],
      ['fl', 'cat', 0],
      ['fl2', 'cat', 1],
      ['gap', 'cat', 2],
      ['cat', 'd'],
      ['gap', 'o2'],
      ['zp', 'c3'],
      // An Add of an NCHW tensor (mid is element-wise, so it stays NCHW) and an NHWC one (rs).
      ['lr', 'mid'],
      ['lr', 'flr'],
      ['flr', 'rs'],
      ['mid', 'sum', 0],
      ['rs', 'sum', 1],
    ],
  )
  const recurrent = graph(
    [
      ['tokens', 'input', { mode: 'tokens', length: 6 }],
      ['emb', 'embedding', { inputDim: 20, outputDim: 8 }],
      ['ls', 'lstm', { units: 8, returnSequences: true }],
      ['bi', 'bidirectional', { cell: 'lstm', units: 4, returnSequences: true, mergeMode: 'concat' }],
      ['bg', 'bidirectional', { cell: 'gru', units: 3, returnSequences: false, mergeMode: 'sum' }],
      ['bs', 'bidirectional', { cell: 'simpleRnn', units: 2, returnSequences: true, mergeMode: 'mul' }],
      ['bsa', 'bidirectional', { cell: 'gru', units: 2, returnSequences: false, mergeMode: 'ave' }],
      ['gr', 'gru', { units: 5, returnSequences: false }],
      ['grs', 'gru', { units: 3, returnSequences: true, activation: 'relu' }],
      ['sr', 'simpleRnn', { units: 4, activation: 'relu' }],
      ['c1d', 'conv1d', { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }],
      [
        'c1v',
        'conv1d',
        { filters: 2, kernelSize: 2, strides: 1, padding: 'valid', activation: 'linear', useBias: false },
      ],
      ['fl', 'flatten', {}],
      ['fl2', 'flatten', {}],
      ['cat', 'concatenate', { axis: -1 }],
      ['out', 'dense', { units: 3, activation: 'softmax' }],
    ],
    [
      ['tokens', 'emb'],
      ['emb', 'ls'],
      ['ls', 'bi'],
      ['bi', 'bg'],
      ['emb', 'bs'],
      ['bs', 'bsa'],
      ['emb', 'gr'],
      ['emb', 'grs'],
      ['emb', 'sr'],
      ['emb', 'c1d'],
      ['grs', 'c1v'],
      ['c1d', 'fl'],
      ['c1v', 'fl2'],
      ['bg', 'cat', 0],
      ['bsa', 'cat', 1],
      ['gr', 'cat', 2],
      ['sr', 'cat', 3],
      ['fl', 'cat', 4],
      ['fl2', 'cat', 5],
      ['cat', 'out'],
    ],
  )
  const transformer = graph(
    [
      ['tokens', 'input', { mode: 'tokens', length: 5 }],
      ['ctx', 'input', { mode: 'sequence', timesteps: 4, features: 6 }],
      ['emb', 'embedding', { inputDim: 30, outputDim: 8 }],
      ['pe', 'positionalEmbedding', { mode: 'sinusoidal' }],
      ['att', 'multiHeadAttention', { numHeads: 2, keyDim: 4 }],
      ['res', 'add', {}],
      ['ln', 'layerNormalization', {}],
      ['ff', 'dense', { units: 16, activation: 'gelu' }],
      ['ff2', 'dense', { units: 8, activation: 'linear' }],
      ['res2', 'add', {}],
      ['ln2', 'layerNormalization', { center: false, epsilon: 0.01 }],
      ['causal', 'multiHeadAttention', { numHeads: 2, keyDim: 3, causal: true, useBias: false }],
      ['bn', 'batchNormalization', {}],
      ['pl', 'positionalEmbedding', { mode: 'learned', maxLength: 10 }],
      ['cross', 'multiHeadAttention', { numHeads: 3, keyDim: 2, dropout: 0.1 }],
      ['sm', 'activation', { activation: 'softmax' }],
      ['fl', 'flatten', {}],
      ['rs', 'reshape', { targetShape: [10, -1] }],
      ['ln3', 'layerNormalization', { scale: false }],
      ['fl2', 'flatten', {}],
      ['drop', 'dropout', { rate: 0.3 }],
      ['out', 'dense', { units: 4, activation: 'softmax' }],
    ],
    [
      ['tokens', 'emb'],
      ['emb', 'pe'],
      ['pe', 'att'],
      ['pe', 'res', 0],
      ['att', 'res', 1],
      ['res', 'ln'],
      ['ln', 'ff'],
      ['ff', 'ff2'],
      ['ln', 'res2', 0],
      ['ff2', 'res2', 1],
      ['res2', 'ln2'],
      ['ln2', 'causal'],
      ['causal', 'bn'],
      ['ctx', 'pl'],
      ['bn', 'cross', 0],
      ['pl', 'cross', 1],
      ['cross', 'sm'],
      ['sm', 'fl'],
      ['fl', 'rs'],
      ['rs', 'ln3'],
      ['ln3', 'fl2'],
      ['fl2', 'drop'],
      ['drop', 'out'],
    ],
  )
  const vector = graph(
    [
      ['in', 'input', { mode: 'vector', size: 10 }],
      ['d1', 'dense', { units: 12, activation: 'linear' }],
      ...(['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'swish', 'softmax'] as const).map(
        (activation) => [`a_${activation}`, 'activation', { activation }] as [string, string, Record<string, unknown>],
      ),
      ['a_linear', 'activation', { activation: 'linear' }],
      ['a_leaky', 'activation', { activation: 'leakyRelu', alpha: 0.1 }],
      ['sum', 'add', {}],
      ['sum2', 'add', {}],
      ['bn', 'batchNormalization', { momentum: 0.9, center: false }],
      ['drop', 'dropout', { rate: 0.5 }],
      ['out', 'dense', { units: 1, activation: 'sigmoid', useBias: false }],
      // The same functions again as outputs of their own, so each is compared with tfjs directly.
      ...(['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'swish', 'softmax', 'linear'] as const).map(
        (activation) => [`o_${activation}`, 'activation', { activation }] as [string, string, Record<string, unknown>],
      ),
      ['o_leaky', 'activation', { activation: 'leakyRelu', alpha: 0.1 }],
    ],
    [
      ['in', 'd1'],
      ...['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'swish', 'softmax'].map(
        (a, i) => [`a_${a}`, 'sum', i] as [string, string, number],
      ),
      ...['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'swish', 'softmax'].map(
        (a) => ['d1', `a_${a}`] as [string, string],
      ),
      ['d1', 'a_linear'],
      ['d1', 'a_leaky'],
      ['sum', 'sum2', 0],
      ['a_linear', 'sum2', 1],
      ['a_leaky', 'sum2', 2],
      ['sum2', 'bn'],
      ['bn', 'drop'],
      ['drop', 'out'],
      ...['relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'swish', 'softmax', 'linear', 'leaky'].map(
        (a) => ['d1', `o_${a}`] as [string, string],
      ),
    ],
  )
  return {
    'mlp-mnist': loadTemplate('mlp-mnist'),
    lenet5: loadTemplate('lenet5'),
    image,
    recurrent,
    transformer,
    vector,
    generative: generative(),
    globalMaxPool: globalMaxPoolGraph(),
    paddedCnn: paddedCnnGraph(),
    dotAttention: dotAttentionGraph(),
    depthwise: depthwiseGraph(),
    relu: reluGraph(),
    // The generative templates: both GAN sub-networks come out as one Model(z, x) -> (fake, real);
    // the DDPM U-Net takes (image, timestep).
    'gan-mlp': loadTemplate('gan-mlp'),
    'dcgan-mnist': loadTemplate('dcgan-mnist'),
    'ddpm-mnist': loadTemplate('ddpm-mnist'),
  }
}

/**
 * The five generative kinds in every layout they meet: noise (uniform) and timestep inputs,
 * sinusoidal embeddings with an even and an odd half, GroupNorm on images (NCHW inside the
 * exported code), sequences and vectors, with and without affine weights, one group per channel
 * and one for all, and Condition add / FiLM on images, sequences and vectors, fed by NCHW and
 * NHWC tensors. Every branch ends in an output of its own, so each is compared with tfjs.
 */
function generative(): ProjectDocument {
  return graph(
    [
      ['z', 'noiseInput', { size: 12, distribution: 'uniform' }],
      ['t', 'timestepInput', {}],
      ['temb', 'timestepEmbedding', { dim: 8, maxPeriod: 1000 }],
      ['temb6', 'timestepEmbedding', { dim: 6, maxPeriod: 10000 }],
      ['film_v', 'dense', { units: 8, activation: 'linear' }],
      ['add_v', 'dense', { units: 4, activation: 'tanh' }],
      ['fc', 'dense', { units: 48, activation: 'linear' }],
      ['img', 'reshape', { targetShape: [2, 6, 4] }],
      ['conv', 'conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'linear' }],
      ['gn_img', 'groupNormalization', { groups: 2, epsilon: 0.01 }],
      ['film', 'condition', { mode: 'film' }],
      ['gn_after', 'groupNormalization', { groups: 4, center: false, scale: false }],
      ['cond_img', 'condition', { mode: 'add' }],
      ['up', 'conv2dTranspose', { filters: 3, kernelSize: [2, 2], strides: [2, 2], activation: 'linear' }],
      ['seq', 'reshape', { targetShape: [12, 4] }],
      ['gn_seq', 'groupNormalization', { groups: 1 }],
      ['cond_seq', 'condition', { mode: 'film' }],
      ['vec', 'dense', { units: 4, activation: 'linear' }],
      ['gn_vec', 'groupNormalization', { groups: 4 }],
      ['gn_vec2', 'groupNormalization', { groups: 2, center: false, scale: false }],
      ['cond_vec', 'condition', { mode: 'add' }],
    ],
    [
      ['t', 'temb'],
      ['t', 'temb6'],
      ['temb', 'film_v'],
      ['temb6', 'add_v'],
      ['z', 'fc'],
      ['fc', 'img'],
      ['img', 'conv'],
      ['conv', 'gn_img'],
      ['gn_img', 'film', 0],
      ['film_v', 'film', 1],
      ['film', 'gn_after'],
      ['conv', 'cond_img', 0],
      ['add_v', 'cond_img', 1],
      ['cond_img', 'up'],
      ['fc', 'seq'],
      ['seq', 'gn_seq'],
      ['gn_seq', 'cond_seq', 0],
      ['film_v', 'cond_seq', 1],
      ['z', 'vec'],
      ['vec', 'gn_vec'],
      ['vec', 'gn_vec2'],
      ['gn_vec', 'cond_vec', 0],
      ['add_v', 'cond_vec', 1],
    ],
  )
}
