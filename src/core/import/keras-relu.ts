import type { LayerConfig, Mapped, NotMapped } from './keras-layers'

/**
 * Keras' / tfjs' ReLU layer (max_value, negative_slope, threshold in any combination) and
 * LayerCanvas' own tfjs ReLU layer, read into the cappedRelu kind (called from mapLayer).
 */

const no = (reason: string): NotMapped => ({ reason })

/** A config number: absent / null → `absent`; a finite number → it; anything else → undefined (refused). */
function option(config: LayerConfig, snake: string, camel: string, absent: number | null): number | null | undefined {
  const v = config[snake] ?? config[camel]
  if (v === undefined || v === null) return absent
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

/**
 * `own`: the layer is LayerCanvas' own (always the cappedRelu kind). A Keras ReLU with only a
 * slope stays a Leaky ReLU activation and a plain one a ReLU activation, as the editor offers them.
 */
export function mapRelu(config: LayerConfig, own = false): Mapped | NotMapped {
  const maxValue = option(config, 'max_value', 'maxValue', null)
  const slope = option(config, 'negative_slope', 'negativeSlope', 0)
  const threshold = option(config, 'threshold', 'threshold', 0)
  // Keras itself refuses negative values of all three.
  if (maxValue === undefined || (maxValue !== null && maxValue <= 0))
    return no(`max_value ${JSON.stringify(config.max_value ?? config.maxValue)} (above 0)`)
  if (slope === undefined || slope === null || slope < 0)
    return no(`negative_slope ${JSON.stringify(config.negative_slope ?? config.negativeSlope)} (0 or more)`)
  if (threshold === undefined || threshold === null || threshold < 0)
    return no(`threshold ${JSON.stringify(config.threshold)} (0 or more)`)
  if (maxValue !== null && maxValue <= threshold)
    return no(`max_value ${maxValue} with threshold ${threshold} (the max value must be above the threshold)`)
  if (!own && maxValue === null && threshold === 0) {
    if (slope !== 0) return { kind: 'activation', params: { activation: 'leakyRelu', alpha: slope } }
    return { kind: 'activation', params: { activation: 'relu' } }
  }
  return {
    kind: 'cappedRelu',
    params: { capped: maxValue !== null, maxValue: maxValue ?? 6, threshold, negativeSlope: slope },
  }
}
