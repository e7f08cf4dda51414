/**
 * An optional look at some training steps (the weights-and-gradients view): the trainer asks
 * `due()` before each batch and, when it says yes, calls `before` with the very batch the step
 * is about to train on and `after` once the step has updated the weights. Without a probe the
 * trainer runs exactly as before (same batches, same dropout masks, same results).
 */
export interface BatchProbe {
  due(): boolean
  /** Before the step: `indices` are the batch's sample indices; `batch` counts batches done in the run. */
  before(indices: Int32Array, where: { epoch: number; batch: number }): void
  /** After the step (synchronous, between the step and the next one). */
  after(): void
}
