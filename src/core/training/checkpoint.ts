import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'

/**
 * A copy of every weight of a model (trainable and not, e.g. batch-norm statistics) in host
 * memory. Host memory rather than cloned tensors: it costs no GPU memory, keeps the tensor
 * count flat, and survives a lost WebGL context, after which GPU tensors are gone.
 */
export interface WeightSnapshot {
  values: (Float32Array | Int32Array)[]
  shapes: number[][]
  dtypes: tfjs.DataType[]
  /** The epoch whose end it was taken at (−1: before training). */
  epoch: number
}

/** Reads all weights once (one GPU→CPU transfer per weight, no tensors created). */
export async function snapshotWeights(model: tfjs.LayersModel, epoch: number): Promise<WeightSnapshot> {
  // getWeights() returns the variables themselves, not clones: nothing to dispose.
  const weights = model.getWeights()
  const values = await Promise.all(weights.map((w) => w.data()))
  return {
    // Copied: a backend may hand out its own buffer.
    values: values.map((v) =>
      v instanceof Float32Array || v instanceof Int32Array ? v.slice() : Float32Array.from(v as ArrayLike<number>),
    ),
    shapes: weights.map((w) => [...w.shape]),
    dtypes: weights.map((w) => w.dtype),
    epoch,
  }
}

/** Puts a snapshot back into the model; disposes the temporary tensors. */
export function restoreWeights(tf: Tf, model: tfjs.LayersModel, snapshot: WeightSnapshot): void {
  const tensors = snapshot.values.map((v, i) => tf.tensor(v, snapshot.shapes[i], snapshot.dtypes[i]))
  try {
    model.setWeights(tensors)
  } finally {
    tf.dispose(tensors)
  }
}
