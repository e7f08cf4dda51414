import type { LayerConfig, NotMapped } from './keras-layers'

/**
 * Reading values out of a Keras / tfjs layer config (the spellings of tfjs, Keras 2 and Keras 3),
 * shared by the per-family mappers called from mapLayer in keras-layers.ts.
 */

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
export const no = (reason: string): NotMapped => ({ reason })

export const FUSED = new Set(['linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'gelu', 'swish'])

/** An activation id from Keras/tfjs' spelling: 'relu', null (= linear), or Keras 3's serialised function. */
export function activationName(value: unknown): string | null {
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

export function fused(config: LayerConfig): string | NotMapped {
  const act = activationName(config.activation)
  if (act === null || !FUSED.has(act))
    return no(
      `activation ${JSON.stringify(config.activation)} is not one LayerCanvas offers (${[...FUSED].join(', ')})`,
    )
  return act
}

/** A Keras dtype: a string, or Keras 3's DTypePolicy object. */
export function dtypeName(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (isObject(value) && isObject(value.config) && typeof value.config.name === 'string') return value.config.name
  return null
}

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
export const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback)

/** 3 → [3, 3]; [3, 2] → [3, 2]; anything else null. */
export function pair(v: unknown): [number, number] | null {
  if (typeof v === 'number' && Number.isInteger(v)) return [v, v]
  if (Array.isArray(v) && v.length === 2 && v.every((d) => typeof d === 'number' && Number.isInteger(d)))
    return [v[0], v[1]]
  return null
}

/** 3 or [3] → 3. */
export function single(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' && Number.isInteger(v[0])) return v[0]
  return null
}

/** A custom layer's config value: tfjs writes our camelCase keys in snake_case (numHeads → num_heads). */
export function key(config: LayerConfig, name: string): unknown {
  return config[name] ?? config[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]
}

/** -1, [-1], or a positive [k] / k (tfjs writes the last axis as its index): the normalised axis. */
export function lastAxis(axis: unknown): { ok: true; axis?: number } | NotMapped {
  const a = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis
  if (a === undefined || a === null || a === -1) return { ok: true }
  if (typeof a === 'number' && Number.isInteger(a) && a > 0) return { ok: true, axis: a }
  return no(`axis ${JSON.stringify(axis)} (LayerCanvas normalises the last axis)`)
}
