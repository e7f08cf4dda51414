import type { Shape } from '../shapes/shape'
import { shapeSize } from '../shapes/shape'

/**
 * Multiply-accumulate counts of the weighted kinds, one sample, as ptflops and fvcore count
 * them (the products with weights, no bias adds). Null when a needed dimension is unknown.
 */

/** A dense layer applies W (fanIn × units) to every vector along the last axis. */
export function denseMacs(input: Shape, units: number): number | null {
  const vectors = shapeSize(input.slice(0, -1))
  const fanIn = input[input.length - 1]
  return vectors === null || fanIn === null ? null : vectors * fanIn * units
}

/**
 * A convolution does one kernel-sized dot product per output position and filter. `positions`
 * is the output's spatial size (the input's for a transposed convolution, which scatters each
 * input position through the kernel: the count ptflops and fvcore use).
 */
export function convMacs(
  positions: Shape,
  kernel: readonly number[],
  inChannels: number | null,
  filters: number,
): number | null {
  const where = shapeSize(positions)
  const window = shapeSize(kernel)
  return where === null || window === null || inChannels === null ? null : where * window * inChannels * filters
}

/** A recurrent cell: per step and gate, W·xₜ (features × units) and U·hₜ₋₁ (units × units). */
export function recurrentMacs(input: Shape, units: number, gates: number): number | null {
  const [steps, features] = input
  if (steps === null || features === null || steps === undefined || features === undefined) return null
  return steps * gates * (features * units + units * units)
}
