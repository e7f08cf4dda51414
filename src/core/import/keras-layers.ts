import {
  CONDITION_CLASS_NAME,
  GENERAL_RELU_CLASS_NAME,
  GROUP_NORMALIZATION_CLASS_NAME,
  MHA_CLASS_NAME,
  POSITIONAL_EMBEDDING_CLASS_NAME,
  TIMESTEP_EMBEDDING_CLASS_NAME,
} from '../layers/custom/index'
import type { GateActivation } from '../layers/kinds/rnn-params'
import type { KerasDialect } from './keras-dialect'
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const no = (reason: string): NotMapped => ({ reason })

const FUSED = new Set(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'gelu', 'swish'])
const RNN_ACT = new Set(['tanh', 'relu', 'sigmoid', 'linear'])

/** An activation id from Keras/tfjs' spelling: 'relu', null (= linear), or Keras 3's serialised function. */
function activationName(value: unknown): string | null {
  if (value === undefined || value === null) return 'linear'
  if (typeof value === 'string') {
    const v = value.toLowerCase()
    return v === 'silu' ? 'swish' : v
  }
  if (isObject(value)) {
    if (typeof value.config === 'string') return activationName(value.config)
    if (typeof value.class_name === 'string') return activationName(value.class_name)
  }
  return null
}

function fused(config: LayerConfig): string | NotMapped {
  const act = activationName(config.activation)
  if (act === null || !FUSED.has(act))
    return no(
      `activation ${JSON.stringify(config.activation)} is not one LayerCanvas offers (${[...FUSED].join(', ')})`,
    )
  return act
}

/** A Keras dtype: a string, or Keras 3's DTypePolicy object. */
function dtypeName(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (isObject(value) && isObject(value.config) && typeof value.config.name === 'string') return value.config.name
  return null
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback)

/** 3 → [3, 3]; [3, 2] → [3, 2]; anything else null. */
function pair(v: unknown): [number, number] | null {
  if (typeof v === 'number' && Number.isInteger(v)) return [v, v]
  if (Array.isArray(v) && v.length === 2 && v.every((d) => typeof d === 'number' && Number.isInteger(d)))
    return [v[0], v[1]]
  return null
}

/** 3 or [3] → 3. */
function single(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && Number.isInteger(v[0])) return v[0]
  return null
}

const allOnes = (v: unknown) =>
  v === undefined || v === null || (pair(v) ?? [single(v), single(v)]).every((d) => d === 1)

/** Settings that change the computation and that LayerCanvas' kinds cannot express. */
function convProblems(config: LayerConfig): NotMapped | null {
  const format = config.data_format
  if (format !== undefined && format !== null && format !== 'channels_last')
    return no(`data_format ${JSON.stringify(format)} (LayerCanvas is channels-last)`)
  if (!allOnes(config.dilation_rate))
    return no(`dilation_rate ${JSON.stringify(config.dilation_rate)} (no dilated convolutions)`)
  if (config.groups !== undefined && config.groups !== 1)
    return no(`groups ${JSON.stringify(config.groups)} (no grouped convolutions)`)
  return null
}

function padding(v: unknown): 'valid' | 'same' | NotMapped {
  if (v === 'valid' || v === 'same') return v
  return no(`padding ${JSON.stringify(v)} (only valid and same)`)
}

function pooling(config: LayerConfig, kind: string): Mapped | NotMapped {
  const format = config.data_format
  if (format !== undefined && format !== null && format !== 'channels_last')
    return no(`data_format ${JSON.stringify(format)} (LayerCanvas is channels-last)`)
  const poolSize = pair(config.pool_size ?? 2)
  if (!poolSize) return no(`pool_size ${JSON.stringify(config.pool_size)}`)
  const strides = config.strides === null || config.strides === undefined ? poolSize : pair(config.strides)
  if (!strides) return no(`strides ${JSON.stringify(config.strides)}`)
  const pad = padding(config.padding ?? 'valid')
  if (typeof pad !== 'string') return pad
  return { kind, params: { poolSize, strides, padding: pad } }
}

/**
 * The gates' activation of an LSTM/GRU config. A missing one is the writer's default: hard
 * sigmoid for tfjs and Keras 2, sigmoid for Keras 3. Keras 3's "hard_sigmoid" is relu6(x + 3) / 6,
 * which no LayerCanvas layer computes.
 */
function gateActivation(config: LayerConfig, dialect: KerasDialect): GateActivation | NotMapped {
  const raw = config.recurrent_activation ?? (dialect === 'keras3' ? 'sigmoid' : 'hard_sigmoid')
  const gate = activationName(raw)
  if (gate === 'sigmoid') return 'sigmoid'
  if (gate === 'hard_sigmoid' || gate === 'hardsigmoid') {
    if (dialect === 'keras3')
      return no(
        "recurrent_activation hard_sigmoid is Keras 3's relu6(x + 3) / 6, not the clip(0.2·x + 0.5, 0, 1) of tfjs and Keras 2 that LayerCanvas computes",
      )
    return 'hard_sigmoid'
  }
  return no(`recurrent_activation ${JSON.stringify(config.recurrent_activation)} (sigmoid or hard_sigmoid)`)
}

function recurrent(
  className: string,
  config: LayerConfig,
  inBidirectional: boolean,
  dialect: KerasDialect,
): Mapped | NotMapped {
  const kind = className === 'LSTM' ? 'lstm' : className === 'GRU' ? 'gru' : 'simpleRnn'
  const warnings: string[] = []
  for (const flag of ['return_state', 'go_backwards', 'stateful'] as const) {
    if (config[flag] === true) return no(`${flag} is set (not supported)`)
  }
  if (config.time_major === true) return no('time_major is set (not supported)')
  if (kind === 'gru' && config.reset_after === true) {
    return no(
      'reset_after=True (the Keras default) is a different GRU variant than LayerCanvas/tfjs (reset_after=False)',
    )
  }
  const units = num(config.units)
  if (units === null) return no('units is missing')
  const act = activationName(config.activation ?? 'tanh')
  if (act === null || !RNN_ACT.has(act))
    return no(`activation ${JSON.stringify(config.activation)} (tanh, relu, sigmoid or linear)`)
  const gate = kind === 'simpleRnn' ? undefined : gateActivation(config, dialect)
  if (typeof gate === 'object') return gate
  const gates = gate === undefined ? {} : { recurrentActivation: gate }
  if (config.use_bias === false) return no('use_bias=False (LayerCanvas recurrent layers always have a bias)')
  const dropout = num(config.dropout) ?? 0
  if ((num(config.recurrent_dropout) ?? 0) > 0)
    warnings.push('recurrent_dropout was dropped (it only acts during training)')
  const returnSequences = bool(config.return_sequences, false)
  if (inBidirectional) {
    if (act !== 'tanh') return no(`the wrapped layer's activation ${act} (LayerCanvas' Bidirectional uses tanh)`)
    if (dropout > 0) warnings.push("the wrapped layer's dropout was dropped (it only acts during training)")
    return { kind, params: { units, ...gates, returnSequences }, warnings }
  }
  return { kind, params: { units, activation: act, ...gates, returnSequences, dropout }, warnings }
}

/** A custom layer's config value: tfjs writes our camelCase keys in snake_case (numHeads → num_heads). */
function key(config: LayerConfig, name: string): unknown {
  return config[name] ?? config[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]
}

/** -1, [-1], or a positive [k] / k (tfjs writes the last axis as its index): the normalised axis. */
function lastAxis(axis: unknown): { ok: true; axis?: number } | NotMapped {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis
  if (a === undefined || a === null || a === -1) return { ok: true }
  if (typeof a === 'number' && Number.isInteger(a) && a > 0) return { ok: true, axis: a }
  return no(`axis ${JSON.stringify(axis)} (LayerCanvas normalises the last axis)`)
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
    case 'Conv2DTranspose': {
      const problem = convProblems(config)
      if (problem) return problem
      if (className === 'Conv2DTranspose' && config.output_padding !== undefined && config.output_padding !== null) {
        return no(`output_padding ${JSON.stringify(config.output_padding)} (not supported)`)
      }
      const act = fused(config)
      if (typeof act !== 'string') return act
      const kernelSize = pair(config.kernel_size)
      const strides = pair(config.strides ?? 1)
      if (!kernelSize || !strides)
        return no(`kernel_size ${JSON.stringify(config.kernel_size)} / strides ${JSON.stringify(config.strides)}`)
      const pad = padding(config.padding ?? 'valid')
      if (typeof pad !== 'string') return pad
      return {
        kind: className === 'Conv2D' ? 'conv2d' : 'conv2dTranspose',
        params: {
          filters: config.filters,
          kernelSize,
          strides,
          padding: pad,
          activation: act,
          useBias: bool(config.use_bias, true),
        },
      }
    }
    case 'Conv1D': {
      const problem = convProblems(config)
      if (problem) return problem
      const act = fused(config)
      if (typeof act !== 'string') return act
      const kernelSize = single(config.kernel_size)
      const strides = single(config.strides ?? 1)
      if (kernelSize === null || strides === null)
        return no(`kernel_size ${JSON.stringify(config.kernel_size)} / strides ${JSON.stringify(config.strides)}`)
      const pad = padding(config.padding ?? 'valid')
      if (typeof pad !== 'string') return pad
      return {
        kind: 'conv1d',
        params: {
          filters: config.filters,
          kernelSize,
          strides,
          padding: pad,
          activation: act,
          useBias: bool(config.use_bias, true),
        },
      }
    }
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
    case 'SeparableConvolution2D': {
      const problem = convProblems(config)
      if (problem) return problem
      const act = fused(config)
      if (typeof act !== 'string') return act
      const kernelSize = pair(config.kernel_size)
      const strides = pair(config.strides ?? 1)
      if (!kernelSize || !strides)
        return no(`kernel_size ${JSON.stringify(config.kernel_size)} / strides ${JSON.stringify(config.strides)}`)
      const pad = padding(config.padding ?? 'valid')
      if (typeof pad !== 'string') return pad
      const depthMultiplier = config.depth_multiplier ?? 1
      const common = { kernelSize, strides, padding: pad, depthMultiplier, activation: act }
      const useBias = bool(config.use_bias, true)
      if (className === 'DepthwiseConv2D') return { kind: 'depthwiseConv2d', params: { ...common, useBias } }
      return { kind: 'separableConv2d', params: { filters: config.filters, ...common, useBias } }
    }
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
    case 'Bidirectional': {
      const inner = config.layer
      if (!isObject(inner) || typeof inner.class_name !== 'string' || !isObject(inner.config))
        return no('the wrapped layer is missing')
      if (!['LSTM', 'GRU', 'SimpleRNN'].includes(inner.class_name))
        return no(`it wraps a ${inner.class_name} (LSTM, GRU or SimpleRNN only)`)
      if (isObject(config.backward_layer)) {
        const back = config.backward_layer
        const same =
          back.class_name === inner.class_name && isObject(back.config) && back.config.units === inner.config.units
        if (!same) return no('its backward layer differs from the forward one')
      }
      const mergeMode = config.merge_mode === undefined ? 'concat' : config.merge_mode
      if (mergeMode !== 'concat' && mergeMode !== 'sum' && mergeMode !== 'mul' && mergeMode !== 'ave') {
        return no(`merge_mode ${JSON.stringify(mergeMode)} (concat, sum, mul or ave)`)
      }
      const cell = recurrent(inner.class_name, { ...inner.config, go_backwards: false }, true, ctx.dialect ?? 'tfjs')
      if ('reason' in cell) return cell
      const kinds: Record<string, string> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simpleRnn' }
      return {
        kind: 'bidirectional',
        params: {
          cell: kinds[inner.class_name],
          units: cell.params.units,
          ...(cell.params.recurrentActivation === undefined
            ? {}
            : { recurrentActivation: cell.params.recurrentActivation }),
          returnSequences: cell.params.returnSequences,
          mergeMode,
        },
        warnings: cell.warnings,
      }
    }
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
