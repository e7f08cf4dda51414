import {
  CONDITION_CLASS_NAME,
  GENERAL_RELU_CLASS_NAME,
  GROUP_NORMALIZATION_CLASS_NAME,
  MHA_CLASS_NAME,
  POSITIONAL_EMBEDDING_CLASS_NAME,
  TIMESTEP_EMBEDDING_CLASS_NAME,
} from '../layers/custom/index'
import { activationName, bool, dtypeName, FUSED, fused, key, lastAxis, no, num, pair } from './keras-config'
import { mapConv1d, mapConv2d, mapDepthwise, pooling } from './keras-conv'
import type { KerasDialect } from './keras-dialect'
import { mapBidirectional, recurrent } from './keras-recurrent'
import { mapDot, mapGlobalPool1d, mapSides } from './keras-shape-layers'
import { mapRelu } from './keras-relu'

/** A layer's `config` object from model.json (Keras 2 / tfjs or Keras 3 dialect). */
export type LayerConfig = Record<string, unknown>

/** A layer mapped to a registry kind; params are checked against the kind's schema afterwards. */
export interface Mapped {
  kind: string
  params: Record<string, unknown>
  /** What was approximated (imported, but not exactly the same computation). */
  warnings?: string[]
  /**
   * Axes Keras counts with the batch, checked once the input ranks are known: `lastAxis`
   * must be the input's last axis; `concatAxis` becomes LayerCanvas' axis (−1 for the last).
   */
  axes?: { lastAxis?: number; concatAxis?: number }
}

/** Why a layer has no LayerCanvas equivalent, in plain English. */
export interface NotMapped {
  reason: string
}

export interface MapContext {
  /** Class names of the layers that consume this one (for the Input mode of token ids). */
  consumers: string[]
  /** How many inbound tensors the layer has. */
  inputs: number
  /** Who wrote the file: the meaning of "hard_sigmoid" depends on it (absent = tfjs/Keras 2). */
  dialect?: KerasDialect
}

/** Maps one Keras / tfjs layer class with its config to a LayerCanvas kind and params. */
export function mapLayer(className: string, config: LayerConfig, ctx: MapContext): Mapped | NotMapped {
  switch (className) {
    case 'InputLayer': {
      const raw =
        config.batch_input_shape ??
        config.batch_shape ??
        (Array.isArray(config.input_shape) ? [null, ...config.input_shape] : undefined)
      if (!Array.isArray(raw) || raw.length < 2) return no('its input shape is missing')
      const dims = raw.slice(1)
      if (!dims.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1)) {
        return no(`input shape ${JSON.stringify(dims)} has unknown sizes (LayerCanvas inputs have fixed sizes)`)
      }
      const d = dims as number[]
      const dtype = dtypeName(config.dtype) ?? 'float32'
      const tokens =
        dtype.startsWith('int') || (ctx.consumers.length > 0 && ctx.consumers.every((c) => c === 'Embedding'))
      if (d.length === 3) return { kind: 'input', params: { mode: 'image', height: d[0], width: d[1], channels: d[2] } }
      if (d.length === 2) return { kind: 'input', params: { mode: 'sequence', timesteps: d[0], features: d[1] } }
      if (d.length === 1)
        return tokens
          ? { kind: 'input', params: { mode: 'tokens', length: d[0] } }
          : { kind: 'input', params: { mode: 'vector', size: d[0] } }
      return no(`a rank-${d.length} input (LayerCanvas inputs are vectors, sequences, token ids or images)`)
    }
    case 'Dense': {
      const act = fused(config)
      if (typeof act !== 'string') return act
      return { kind: 'dense', params: { units: config.units, activation: act, useBias: bool(config.use_bias, true) } }
    }
    case 'Conv2D':
    case 'Conv2DTranspose':
      return mapConv2d(className, config)
    case 'Conv1D':
      return mapConv1d(config)
    case 'MaxPooling2D':
    case 'MaxPool2D':
      return pooling(config, 'maxPool2d')
    case 'AveragePooling2D':
    case 'AvgPool2D':
      return pooling(config, 'avgPool2d')
    case 'GlobalAveragePooling2D':
    case 'GlobalAvgPool2D': {
      if (config.keepdims === true) return no('keepdims=True (not supported)')
      const format = config.data_format
      if (format !== undefined && format !== null && format !== 'channels_last')
        return no(`data_format ${JSON.stringify(format)}`)
      return { kind: 'globalAvgPool2d', params: {} }
    }
    case 'GlobalMaxPooling2D':
    case 'GlobalMaxPool2D': {
      if (config.keepdims === true) return no('keepdims=True (not supported)')
      const format = config.data_format
      if (format !== undefined && format !== null && format !== 'channels_last')
        return no(`data_format ${JSON.stringify(format)}`)
      return { kind: 'globalMaxPool2d', params: {} }
    }
    case 'ZeroPadding2D':
      return mapSides('zeroPadding2d', config)
    case 'Cropping2D':
      return mapSides('cropping2d', config)
    case 'GlobalAveragePooling1D':
    case 'GlobalAvgPool1D':
      return mapGlobalPool1d('globalAvgPool1d', config)
    case 'GlobalMaxPooling1D':
    case 'GlobalMaxPool1D':
      return mapGlobalPool1d('globalMaxPool1d', config)
    case 'UpSampling2D': {
      const size = pair(config.size ?? 2)
      if (!size) return no(`size ${JSON.stringify(config.size)}`)
      const interpolation = config.interpolation ?? 'nearest'
      if (interpolation !== 'nearest' && interpolation !== 'bilinear')
        return no(`interpolation ${JSON.stringify(interpolation)} (nearest or bilinear)`)
      return { kind: 'upSampling2d', params: { size, interpolation } }
    }
    case 'Flatten':
      return { kind: 'flatten', params: {} }
    case 'Reshape': {
      const target = config.target_shape
      if (!Array.isArray(target)) return no('target_shape is missing')
      return { kind: 'reshape', params: { targetShape: target } }
    }
    case 'Dropout':
      return { kind: 'dropout', params: { rate: config.rate } }
    case 'Activation': {
      const act = activationName(config.activation)
      if (act === 'relu6') return { kind: 'cappedRelu', params: { maxValue: 6 } }
      if (act === 'leaky_relu') return { kind: 'activation', params: { activation: 'leakyRelu', alpha: 0.2 } }
      if (act === null || !FUSED.has(act))
        return no(`activation ${JSON.stringify(config.activation)} is not one LayerCanvas offers`)
      return { kind: 'activation', params: { activation: act } }
    }
    case 'ReLU':
      return mapRelu(config)
    case GENERAL_RELU_CLASS_NAME:
      return mapRelu(config, true)
    case 'DepthwiseConv2D':
    case 'SeparableConv2D':
    case 'SeparableConvolution2D':
      return mapDepthwise(className, config)
    case 'Softmax': {
      const axis = config.axis ?? -1
      if (axis !== -1 && !(Array.isArray(axis) && axis.length === 1 && axis[0] === -1))
        return no(`axis ${JSON.stringify(axis)} (only the last axis)`)
      return { kind: 'activation', params: { activation: 'softmax' } }
    }
    case 'LeakyReLU': {
      // tfjs and Keras 2 call the slope alpha, Keras 3 negative_slope; both default to 0.3 / 0.2.
      const alpha = num(config.alpha) ?? num(config.negative_slope) ?? 0.3
      return { kind: 'activation', params: { activation: 'leakyRelu', alpha } }
    }
    case 'BatchNormalization': {
      const axis = lastAxis(config.axis)
      if ('reason' in axis) return axis
      return {
        kind: 'batchNormalization',
        params: {
          momentum: config.momentum ?? 0.99,
          epsilon: config.epsilon ?? 0.001,
          center: bool(config.center, true),
          scale: bool(config.scale, true),
        },
        ...(axis.axis !== undefined ? { axes: { lastAxis: axis.axis } } : {}),
      }
    }
    case 'LayerNormalization': {
      const axis = lastAxis(config.axis)
      if ('reason' in axis) return axis
      return {
        kind: 'layerNormalization',
        params: {
          epsilon: config.epsilon ?? 0.001,
          center: bool(config.center, true),
          scale: bool(config.scale, true),
        },
        ...(axis.axis !== undefined ? { axes: { lastAxis: axis.axis } } : {}),
      }
    }
    case 'Embedding': {
      const warnings = config.mask_zero === true ? ['mask_zero was dropped (LayerCanvas has no masking)'] : []
      return { kind: 'embedding', params: { inputDim: config.input_dim, outputDim: config.output_dim }, warnings }
    }
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return recurrent(className, config, false, ctx.dialect ?? 'tfjs')
    case 'Bidirectional':
      return mapBidirectional(config, ctx.dialect ?? 'tfjs')
    case 'Add':
      return { kind: 'add', params: {} }
    case 'Dot':
      return mapDot(config)
    case 'Concatenate': {
      // Keras counts the batch axis (axis 1 = the first one LayerCanvas shows); negative axes are the same.
      const axis = num(config.axis) ?? -1
      if (axis === 0 || !Number.isInteger(axis))
        return no(`axis ${JSON.stringify(config.axis)} (axis 0 is the batch axis)`)
      return {
        kind: 'concatenate',
        params: { axis: axis > 0 ? axis - 1 : axis },
        ...(axis > 0 ? { axes: { concatAxis: axis } } : {}),
      }
    }
    case MHA_CLASS_NAME:
      return {
        kind: 'multiHeadAttention',
        params: {
          numHeads: key(config, 'numHeads'),
          keyDim: key(config, 'keyDim'),
          dropout: config.dropout ?? 0,
          causal: bool(config.causal, false),
          useBias: bool(key(config, 'useBias'), true),
        },
      }
    case POSITIONAL_EMBEDDING_CLASS_NAME:
      return { kind: 'positionalEmbedding', params: { mode: config.mode, maxLength: key(config, 'maxLength') } }
    case TIMESTEP_EMBEDDING_CLASS_NAME:
      return { kind: 'timestepEmbedding', params: { dim: config.dim, maxPeriod: key(config, 'maxPeriod') } }
    case CONDITION_CLASS_NAME:
      return { kind: 'condition', params: { mode: config.mode } }
    case GROUP_NORMALIZATION_CLASS_NAME:
      return {
        kind: 'groupNormalization',
        params: {
          groups: config.groups,
          epsilon: config.epsilon,
          center: bool(config.center, true),
          scale: bool(config.scale, true),
        },
      }
    case 'Sequential':
    case 'Functional':
    case 'Model':
      return no('nested models are not supported: flatten it into one model first')
    default:
      return no('LayerCanvas has no layer of this class')
  }
}
