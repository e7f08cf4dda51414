import type { LayerConfig, Mapped, NotMapped } from './keras-layers'
import { bool, fused, no, pair, single } from './keras-config'

/**
 * Keras / tfjs convolutions (2-D, transposed, 1-D, depthwise and separable) and 2-D pooling, read
 * into LayerCanvas params (called from mapLayer in keras-layers.ts).
 */

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

export function pooling(config: LayerConfig, kind: string): Mapped | NotMapped {
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

/** Conv2D and Conv2DTranspose. */
export function mapConv2d(className: string, config: LayerConfig): Mapped | NotMapped {
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

export function mapConv1d(config: LayerConfig): Mapped | NotMapped {
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

/** DepthwiseConv2D and SeparableConv2D (also spelt SeparableConvolution2D). */
export function mapDepthwise(className: string, config: LayerConfig): Mapped | NotMapped {
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
