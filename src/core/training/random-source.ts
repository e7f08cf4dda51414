/**
 * tfjs draws dropout masks (Dropout layers, a recurrent layer's dropout, our attention
 * dropout) from `Math.random()` when the layer has no seed of its own — and a layer seed would
 * repeat the same mask every batch, which trains worse. So the trainer runs each synchronous
 * training step with `Math.random` taken from the run's seeded generator: the masks differ
 * from batch to batch, yet repeat from run to run. Only the step itself sees the seeded
 * source; anything else in the process keeps the real one.
 */
export function withRandomSource<T>(random: () => number, step: () => T): T {
  const original = Math.random
  Math.random = random
  try {
    return step()
  } finally {
    Math.random = original
  }
}
