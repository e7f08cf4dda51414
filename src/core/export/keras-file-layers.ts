import type { LayerNode } from '../document/types'
import type { KindId } from '../layers/registry'
import { withBatch } from '../layers/kinds/dot'
import type { Shape } from '../shapes/shape'

/**
 * The Keras 3 side of the `.keras` export (keras-file.ts): each node's Keras layer config and
 * where its weights go, Keras' layer naming, and the order Keras' functional graph lists layers in.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const dtypePolicy = (name: string): Json => ({
  module: 'keras',
  class_name: 'DTypePolicy',
  config: { name },
  registered_name: null,
})
export const kerasObject = (className: string, config: { [key: string]: Json }): { [key: string]: Json } => ({
  module: 'keras.layers',
  class_name: className,
  config,
  registered_name: null,
})

/** Keras' naming.to_snake_case: Conv2DTranspose → conv2d_transpose, LSTM → lstm. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
}

/** Where each of a layer's tfjs weights (getWeights order) goes below its layer group. */
export type WeightPlacement = { path: string[]; count: number }[]

export interface KerasLayer {
  className: string
  config: { [key: string]: Json }
  /** Sub-groups (each gets a `vars` group) and how many weights each takes, in tfjs order. */
  placement: WeightPlacement
}

const RNN_CLASS = { simpleRnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const
const KERAS_ACTIVATIONS = new Set(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'gelu', 'swish'])

function rnnConfig(
  cell: keyof typeof RNN_CLASS,
  name: string,
  p: { units: number; activation?: string; returnSequences: boolean; dropout?: number },
) {
  const config: { [key: string]: Json } = {
    name,
    trainable: true,
    dtype: dtypePolicy('float32'),
    units: p.units,
    activation: p.activation ?? 'tanh',
    use_bias: true,
    return_sequences: p.returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
    dropout: p.dropout ?? 0,
    recurrent_dropout: 0,
  }
  // Gates with the true sigmoid (hard-sigmoid ones never get here), and tfjs' GRU is the reset_after=False variant.
  if (cell !== 'simpleRnn') config.recurrent_activation = 'sigmoid'
  if (cell === 'gru') config.reset_after = false
  return config
}

/** The Keras 3 layer for a node, or why there is none that computes the same (a message key of core/i18n/export-messages.ts). */
export function kerasLayer(
  node: LayerNode,
  name: string,
  outputShape: Shape,
): KerasLayer | 'kerasFileNoBuiltin' | 'kerasFileUnsupported' | 'kerasFileBilinear' | 'kerasFileHardSigmoid' {
  const p = node.params as Record<string, never>
  const base = { name, trainable: true, dtype: dtypePolicy('float32') } as { [key: string]: Json }
  const own = (count: number): WeightPlacement => (count > 0 ? [{ path: [], count }] : [])
  const act = (a: string) => (KERAS_ACTIVATIONS.has(a) ? a : null)
  // Exhaustive over KindId: a new kind does not compile until it has a case here (its Keras layer,
  // or the reason there is none). Unknown ids never get here: the exporter checks the graph first.
  const kind = node.kind as KindId
  switch (kind) {
    case 'dense': {
      if (!act(p.activation)) return `activation ${p.activation} has no Keras equivalent here`
      return {
        className: 'Dense',
        config: { ...base, units: p.units, activation: p.activation, use_bias: p.useBias },
        placement: own(p.useBias ? 2 : 1),
      }
    }
    case 'conv2d':
    case 'conv2dTranspose': {
      const config: { [key: string]: Json } = {
        ...base,
        filters: p.filters,
        kernel_size: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        activation: p.activation,
        use_bias: p.useBias,
      }
      if (node.kind === 'conv2d') config.groups = 1
      return {
        className: node.kind === 'conv2d' ? 'Conv2D' : 'Conv2DTranspose',
        config,
        placement: own(p.useBias ? 2 : 1),
      }
    }
    case 'depthwiseConv2d':
    case 'separableConv2d': {
      // Keras 3 orders the weights as tfjs does: (depthwise) kernel, [pointwise kernel,] bias.
      const separable = kind === 'separableConv2d'
      const config: { [key: string]: Json } = {
        ...base,
        kernel_size: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        depth_multiplier: p.depthMultiplier,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        activation: p.activation,
        use_bias: p.useBias,
      }
      if (separable) config.filters = p.filters
      const kernels = separable ? 2 : 1
      return {
        className: separable ? 'SeparableConv2D' : 'DepthwiseConv2D',
        config,
        placement: own(p.useBias ? kernels + 1 : kernels),
      }
    }
    case 'cappedRelu':
      return {
        className: 'ReLU',
        // Keras 3's ReLU config: max_value null = no cap (its default).
        config: {
          ...base,
          max_value: p.capped ? p.maxValue : null,
          negative_slope: p.negativeSlope,
          threshold: p.threshold,
        },
        placement: [],
      }
    case 'conv1d':
      return {
        className: 'Conv1D',
        config: {
          ...base,
          filters: p.filters,
          kernel_size: [p.kernelSize],
          strides: [p.strides],
          padding: p.padding,
          data_format: 'channels_last',
          dilation_rate: [1],
          groups: 1,
          activation: p.activation,
          use_bias: p.useBias,
        },
        placement: own(p.useBias ? 2 : 1),
      }
    case 'maxPool2d':
    case 'avgPool2d':
      return {
        className: node.kind === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D',
        config: {
          ...base,
          pool_size: p.poolSize,
          strides: p.strides,
          padding: p.padding,
          data_format: 'channels_last',
        },
        placement: [],
      }
    case 'globalAvgPool2d':
      return {
        className: 'GlobalAveragePooling2D',
        config: { ...base, data_format: 'channels_last', keepdims: false },
        placement: [],
      }
    case 'globalMaxPool2d':
      return {
        className: 'GlobalMaxPooling2D',
        config: { ...base, data_format: 'channels_last', keepdims: false },
        placement: [],
      }
    case 'zeroPadding2d':
    case 'cropping2d': {
      const padding = kind === 'zeroPadding2d'
      const [top, bottom, left, right] = (padding ? p.padding : p.cropping) as unknown as number[]
      const sides = [
        [top, bottom],
        [left, right],
      ]
      return {
        className: padding ? 'ZeroPadding2D' : 'Cropping2D',
        config: { ...base, [padding ? 'padding' : 'cropping']: sides, data_format: 'channels_last' },
        placement: [],
      }
    }
    case 'globalAvgPool1d':
    case 'globalMaxPool1d':
      return {
        className: kind === 'globalAvgPool1d' ? 'GlobalAveragePooling1D' : 'GlobalMaxPooling1D',
        config: { ...base, data_format: 'channels_last', keepdims: false },
        placement: [],
      }
    case 'upSampling2d':
      if (p.interpolation !== 'nearest') return 'kerasFileBilinear'
      return {
        className: 'UpSampling2D',
        config: { ...base, size: p.size, data_format: 'channels_last', interpolation: 'nearest' },
        placement: [],
      }
    case 'flatten':
      // tfjs builds a Reshape for inputs that are already vectors; Keras' Flatten is fine with them.
      return { className: 'Flatten', config: { ...base, data_format: 'channels_last' }, placement: [] }
    case 'reshape':
      return { className: 'Reshape', config: { ...base, target_shape: outputShape as number[] }, placement: [] }
    case 'dropout':
      return { className: 'Dropout', config: { ...base, rate: p.rate, seed: null, noise_shape: null }, placement: [] }
    case 'activation':
      if (p.activation === 'leakyRelu')
        return { className: 'LeakyReLU', config: { ...base, negative_slope: p.alpha }, placement: [] }
      if (!act(p.activation)) return `activation ${p.activation} has no Keras equivalent here`
      return { className: 'Activation', config: { ...base, activation: p.activation }, placement: [] }
    case 'batchNormalization':
      return {
        className: 'BatchNormalization',
        config: { ...base, axis: -1, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0) + 2),
      }
    case 'layerNormalization':
      return {
        className: 'LayerNormalization',
        config: { ...base, axis: -1, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0)),
      }
    case 'groupNormalization':
      return {
        className: 'GroupNormalization',
        config: { ...base, groups: p.groups, axis: -1, epsilon: p.epsilon, center: p.center, scale: p.scale },
        placement: own((p.center ? 1 : 0) + (p.scale ? 1 : 0)),
      }
    case 'embedding':
      return {
        className: 'Embedding',
        config: { ...base, input_dim: p.inputDim, output_dim: p.outputDim, mask_zero: false },
        placement: own(1),
      }
    case 'simpleRnn':
    case 'lstm':
    case 'gru':
      // Keras 3 has no built-in tfjs hard sigmoid (its hard_sigmoid is relu6(x + 3) / 6).
      if (kind !== 'simpleRnn' && p.recurrentActivation === 'hard_sigmoid') return 'kerasFileHardSigmoid'
      return {
        className: RNN_CLASS[kind],
        config: rnnConfig(kind, name, {
          units: p.units,
          activation: p.activation,
          returnSequences: p.returnSequences,
          dropout: p.dropout,
        }),
        placement: [
          { path: [], count: 0 },
          { path: ['cell'], count: 3 },
        ],
      }
    case 'bidirectional': {
      const cell = p.cell as keyof typeof RNN_CLASS
      if (cell !== 'simpleRnn' && p.recurrentActivation === 'hard_sigmoid') return 'kerasFileHardSigmoid'
      const inner = rnnConfig(cell, `forward_${name}`, { units: p.units, returnSequences: p.returnSequences })
      return {
        className: 'Bidirectional',
        config: { ...base, merge_mode: p.mergeMode, layer: kerasObject(RNN_CLASS[cell], inner) },
        placement: [
          { path: ['forward_layer'], count: 0 },
          { path: ['forward_layer', 'cell'], count: 3 },
          { path: ['backward_layer'], count: 0 },
          { path: ['backward_layer', 'cell'], count: 3 },
        ],
      }
    }
    case 'add':
      return { className: 'Add', config: base, placement: [] }
    case 'concatenate': {
      const axis = p.axis as number
      return { className: 'Concatenate', config: { ...base, axis: axis < 0 ? axis : axis + 1 }, placement: [] }
    }
    case 'dot': {
      // Dot's output has the rank of its inputs: [1] for two vectors, 2 axes for two sequences.
      const axes = withBatch(p.axes as unknown as number[], outputShape.length === 1 ? 1 : 2)
      return { className: 'Dot', config: { ...base, axes, normalize: p.normalize }, placement: [] }
    }
    case 'multiHeadAttention':
    case 'positionalEmbedding':
    case 'timestepEmbedding':
    case 'condition':
      return 'kerasFileNoBuiltin'
    case 'input':
    case 'noiseInput':
    case 'timestepInput':
      // Input kinds become InputLayers in keras-file.ts; none of them is a layer applied to tensors.
      return 'kerasFileUnsupported'
    default: {
      const unhandled: never = kind
      void unhandled
      return 'kerasFileUnsupported'
    }
  }
}

/**
 * The order of Keras' `Functional.layers` for this graph (keras/src/ops/function.py map_graph):
 * deepest first (depth = longest path to an output), ties by first visit in a depth-first walk
 * from the outputs through each layer's inputs in order.
 */
export function kerasLayerOrder(
  outputs: readonly string[],
  inputsByPort: Readonly<Record<string, readonly string[]>>,
): string[] {
  const index = new Map<string, number>()
  const finished = new Set<string>()
  const postOrder: string[] = []
  // The depth-first walk with a stack of its own: a 20,000-layer chain is 20,000 levels deep.
  const inProgress = new Set<string>()
  const enter = (id: string, stack: { id: string; next: number }[]) => {
    if (!index.has(id)) index.set(id, index.size)
    inProgress.add(id)
    stack.push({ id, next: 0 })
  }
  for (const output of outputs) {
    if (finished.has(output)) continue
    const stack: { id: string; next: number }[] = []
    enter(output, stack)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const sources = inputsByPort[top.id] ?? []
      if (top.next < sources.length) {
        const source = sources[top.next++]
        if (!finished.has(source) && !inProgress.has(source)) enter(source, stack)
        continue
      }
      stack.pop()
      inProgress.delete(top.id)
      finished.add(top.id)
      postOrder.push(top.id)
    }
  }
  const nodeDepth = new Map<string, number>()
  const opDepth = new Map<string, number>()
  for (const id of [...postOrder].reverse()) {
    const depth = Math.max(nodeDepth.get(id) ?? 0, opDepth.get(id) ?? 0)
    opDepth.set(id, depth)
    nodeDepth.set(id, depth)
    for (const parent of inputsByPort[id] ?? []) nodeDepth.set(parent, Math.max(depth + 1, nodeDepth.get(parent) ?? 0))
  }
  return [...opDepth.keys()].sort((a, b) => opDepth.get(b)! - opDepth.get(a)! || index.get(a)! - index.get(b)!)
}
