import type { Diagnostic } from './diagnostic'
import type { Shape } from './shape'

/**
 * The largest sizes a model may have. Past them tfjs cannot allocate the tensors (typed arrays
 * and tfjs' int32 shapes stop near 2³¹) and totals overflow to Infinity, so the exporters and the
 * trainer would fail far from the cause; shape inference reports them on the layer instead.
 */
export const MAX_DIMENSION = 2 ** 31 - 1
/** Values per sample of one layer's output. */
export const MAX_ELEMENTS = 2 ** 31 - 1
/** Parameters of one layer, and of the whole model (8 GiB of float32 weights). */
export const MAX_PARAMS = 2 ** 31 - 1

/** `12,345` for sizes people can read, `1.2e+21` for the absurd, `∞` past every number. */
export function formatSize(n: number): string {
  if (!Number.isFinite(n)) return '∞'
  return n < 1e15 ? n.toLocaleString('en-US') : n.toPrecision(2)
}

/** The diagnostic for an output shape too large to exist, or null when it fits. */
export function shapeSizeProblem(shape: Shape): Omit<Diagnostic, 'nodeId'> | null {
  let elements = 1
  for (const d of shape) {
    if (d === null) continue // unknown until run time (a sequence length): nothing to bound yet
    if (!Number.isFinite(d) || d > MAX_DIMENSION) {
      return {
        code: 'dimensionTooLarge',
        severity: 'error',
        values: { size: formatSize(d), max: formatSize(MAX_DIMENSION) },
      }
    }
    elements *= d
  }
  if (elements > MAX_ELEMENTS) {
    return {
      code: 'outputTooLarge',
      severity: 'error',
      values: { count: formatSize(elements), max: formatSize(MAX_ELEMENTS) },
    }
  }
  return null
}

/** The diagnostic for a parameter count too large to allocate (per layer), or null. */
export function paramCountProblem(count: number): Omit<Diagnostic, 'nodeId'> | null {
  if (Number.isFinite(count) && count <= MAX_PARAMS) return null
  return { code: 'tooManyParams', severity: 'error', values: { count: formatSize(count), max: formatSize(MAX_PARAMS) } }
}
