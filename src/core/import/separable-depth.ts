/**
 * tfjs (4.x) leaves `depth_multiplier` out of a SeparableConv2D's saved config, so its own loader
 * rebuilds the layer with multiplier 1 and the saved depthwise kernel no longer fits. The weights
 * still tell it: the depthwise kernel is [kh, kw, C, M]. This puts the multiplier back into every
 * SeparableConv2D config that lacks it, for LayerCanvas' tfjs export and for importing tfjs models.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The topology (any nesting of model configs) with the multipliers filled in; unchanged parts are shared. */
export function withSeparableDepthMultipliers<T>(topology: T, specs: readonly unknown[] | undefined): T {
  if (!specs || specs.length === 0) return topology
  const multipliers = new Map<string, number>()
  for (const spec of specs) {
    if (!isObject(spec) || typeof spec.name !== 'string' || !spec.name.endsWith('/depthwise_kernel')) continue
    const shape = spec.shape
    if (Array.isArray(shape) && shape.length === 4 && Number.isInteger(shape[3]) && (shape[3] as number) >= 1)
      multipliers.set(spec.name.slice(0, -'/depthwise_kernel'.length), shape[3] as number)
  }
  if (multipliers.size === 0) return topology
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 64) return value
    if (Array.isArray(value)) {
      const items = value.map((item) => visit(item, depth + 1))
      return items.some((item, i) => item !== value[i]) ? items : value
    }
    if (!isObject(value)) return value
    const config = value.config
    if (value.class_name === 'SeparableConv2D' && isObject(config) && config.depth_multiplier === undefined) {
      const multiplier = typeof config.name === 'string' ? multipliers.get(config.name) : undefined
      if (multiplier !== undefined) return { ...value, config: { ...config, depth_multiplier: multiplier } }
    }
    let changed = false
    const copy: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      copy[key] = visit(inner, depth + 1)
      if (copy[key] !== inner) changed = true
    }
    return changed ? copy : value
  }
  return visit(topology, 0) as T
}
