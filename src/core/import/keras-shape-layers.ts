import type { LayerConfig, Mapped, NotMapped } from './keras-layers'

/**
 * Keras / tfjs configs of the layers that pad, crop, pool a sequence or multiply two inputs, read
 * into LayerCanvas params (called from mapLayer in keras-layers.ts).
 */

const no = (reason: string): NotMapped => ({ reason })
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function channelsLast(config: LayerConfig): NotMapped | null {
  const format = config.data_format
  if (format !== undefined && format !== null && format !== 'channels_last')
    return no(`data_format ${JSON.stringify(format)} (LayerCanvas is channels-last)`)
  return null
}

/** Keras' `n`, `(h, w)` or `((top, bottom), (left, right))` as [top, bottom, left, right]; null otherwise. */
export function sidesOf(v: unknown): number[] | null {
  if (isInt(v)) return [v, v, v, v]
  if (!Array.isArray(v) || v.length !== 2) return null
  if (v.every(isInt)) return [v[0], v[0], v[1], v[1]]
  const pairs = v.map((axis) => (Array.isArray(axis) && axis.length === 2 && axis.every(isInt) ? axis : null))
  if (pairs[0] === null || pairs[1] === null) return null
  const sides = [...pairs[0], ...pairs[1]] as number[]
  return sides.every((d) => d >= 0) ? sides : null
}

/** ZeroPadding2D (`padding`) and Cropping2D (`cropping`), symmetric or not. */
export function mapSides(kind: 'zeroPadding2d' | 'cropping2d', config: LayerConfig): Mapped | NotMapped {
  const wrongFormat = channelsLast(config)
  if (wrongFormat) return wrongFormat
  const field = kind === 'zeroPadding2d' ? 'padding' : 'cropping'
  const raw = config[field] ?? (kind === 'zeroPadding2d' ? 1 : 0)
  const sides = sidesOf(raw)
  if (!sides || sides.some((d) => d < 0)) return no(`${field} ${JSON.stringify(raw)}`)
  return { kind, params: { [field]: sides } }
}

/** GlobalAveragePooling1D / GlobalMaxPooling1D over the timesteps of a channels-last sequence. */
export function mapGlobalPool1d(kind: 'globalAvgPool1d' | 'globalMaxPool1d', config: LayerConfig): Mapped | NotMapped {
  if (config.keepdims === true) return no('keepdims=True (not supported)')
  return channelsLast(config) ?? { kind, params: {} }
}

/**
 * Dot: Keras counts the batch as axis 0 (never a valid axis here), LayerCanvas counts the shown
 * shape; negative axes count from the end in both, so they are kept.
 */
export function mapDot(config: LayerConfig): Mapped | NotMapped {
  const raw = config.axes
  const axes = isInt(raw) ? [raw, raw] : Array.isArray(raw) && raw.length === 2 && raw.every(isInt) ? raw : null
  // Dot takes inputs of rank 2 or 3 with the batch: axis 0 and −3 are the batch, −4 and beyond do not exist.
  if (!axes || axes.some((axis) => axis === 0 || axis < -2))
    return no(`axes ${JSON.stringify(raw)} (axis 0 is the batch axis; Dot takes inputs of rank 2 or 3)`)
  const normalize = config.normalize ?? false
  if (typeof normalize !== 'boolean') return no(`normalize ${JSON.stringify(normalize)}`)
  return { kind: 'dot', params: { axes: axes.map((axis) => (axis > 0 ? axis - 1 : axis)), normalize } }
}
