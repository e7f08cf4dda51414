import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import type { LossId, Task } from './config'

/** Keras' fuzz factor: probabilities are clipped to [EPSILON, 1 − EPSILON] before log(). */
export const EPSILON = 1e-7
/** Huber's δ: quadratic below it, linear above (Keras' default). */
export const HUBER_DELTA = 1

/**
 * Mean loss of a batch from dense float targets of the predictions' shape. Differentiable in
 * yPred; the targets are data (dataset labels, an autoencoder's input, a GAN's 0/1 labels).
 */
export type DenseLoss = (yTrue: tfjs.Tensor, yPred: tfjs.Tensor) => tfjs.Scalar

/**
 * −mean(Σ yTrue · log(clip(yPred, ε, 1 − ε))), with its gradient as one short expression:
 * where(ε ≤ p ≤ 1 − ε, yTrue · (−dy / rows) / clip(p), 0). tfjs' tape would differentiate the
 * six ops one by one (about fifteen kernels and their saved copies: 5–7 % of the MNIST MLP's
 * training step on the CPU). The same float32 operations in the same order, so the same
 * gradient bit for bit (tested).
 */
function categoricalCrossentropy(tf: Tf, yTrue: tfjs.Tensor): (yPred: tfjs.Tensor) => tfjs.Scalar {
  return tf.customGrad((...args: (tfjs.Tensor | tfjs.GradSaveFunc)[]) => {
    const [yPred, save] = args as [tfjs.Tensor, tfjs.GradSaveFunc]
    const clipped = tf.clipByValue(yPred, EPSILON, 1 - EPSILON)
    // The targets are saved too: the caller's tidy may dispose them before the backward pass.
    save([yPred, clipped, yTrue])
    const value = tf.mean(tf.neg(tf.sum(tf.mul(yTrue, tf.log(clipped)), -1))) as tfjs.Scalar
    const gradFunc = (dy: tfjs.Tensor, [p, c, targets]: tfjs.Tensor[]) => {
      // The mean's gradient is dy over the number of rows it averaged (the batch, times the
      // steps of a sequence output), negated by neg; the sum spreads it over each row.
      const perTerm = tf.neg(tf.div(dy, p.size / p.shape[p.rank - 1]))
      const inside = tf.logicalAnd(tf.greaterEqual(p, EPSILON), tf.lessEqual(p, 1 - EPSILON))
      const gradient = tf.div(tf.mul(targets, perTerm), c)
      return tf.where(inside, gradient, tf.zerosLike(gradient))
    }
    return { value, gradFunc }
  }) as (yPred: tfjs.Tensor) => tfjs.Scalar
}

/**
 * The loss as Keras defines it, on dense targets (one-hot rows for the cross-entropies).
 * The cross-entropies expect probabilities (a softmax or sigmoid output), as in Keras.
 */
export function denseLoss(tf: Tf, id: LossId): DenseLoss {
  switch (id) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      return (yTrue, yPred) => categoricalCrossentropy(tf, yTrue)(yPred)
    case 'binaryCrossentropy':
      return (yTrue, yPred) =>
        tf.tidy(() => {
          const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON)
          const terms = tf.add(tf.mul(yTrue, tf.log(p)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, p))))
          return tf.neg(tf.mean(terms))
        })
    case 'meanSquaredError':
      return (yTrue, yPred) => tf.tidy(() => tf.mean(tf.square(tf.sub(yPred, yTrue))))
    case 'meanAbsoluteError':
      return (yTrue, yPred) => tf.tidy(() => tf.mean(tf.abs(tf.sub(yPred, yTrue))))
    case 'huber':
      return (yTrue, yPred) =>
        tf.tidy(() => {
          const error = tf.abs(tf.sub(yPred, yTrue))
          const quadratic = tf.minimum(error, HUBER_DELTA)
          const linear = tf.sub(error, quadratic)
          return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(HUBER_DELTA, linear)))
        })
  }
}

/** Mean loss of a batch from the targets as the task stores them (see `createLoss`). */
export type TaskLoss = (targets: tfjs.Tensor, yPred: tfjs.Tensor) => tfjs.Scalar

/**
 * The loss the trainer and the evaluation use. Classification targets are class indices
 * (int32, shape [batch]); they are one-hot encoded on the fly, so the categorical and the
 * sparse cross-entropy give the same numbers and a learner may pick either. A one-unit
 * (sigmoid) output takes the index itself as the 0/1 target. Regression targets are floats
 * in the dataset's target shape; the predictions are reshaped to it when only the shape differs.
 */
export function createLoss(tf: Tf, id: LossId, task: Task, outputUnits: number): TaskLoss {
  const dense = denseLoss(tf, id)
  if (task === 'regression') {
    return (targets, yPred) =>
      tf.tidy(() =>
        dense(tf.cast(targets, 'float32'), yPred.size === targets.size ? tf.reshape(yPred, targets.shape) : yPred),
      )
  }
  return (targets, yPred) => tf.tidy(() => dense(classTargets(tf, targets, outputUnits), yPred))
}

/** Class indices → what the output layer produces: one-hot rows, or a 0/1 column for one unit. */
export function classTargets(tf: Tf, indices: tfjs.Tensor, outputUnits: number): tfjs.Tensor {
  return tf.tidy(() =>
    outputUnits === 1
      ? tf.reshape(tf.cast(indices, 'float32'), [-1, 1])
      : tf.cast(tf.oneHot(tf.cast(tf.reshape(indices, [-1]), 'int32') as tfjs.Tensor1D, outputUnits), 'float32'),
  )
}

/** Number of correct predictions in a batch (float32 scalar, stays on the device). */
export function correctCount(tf: Tf, indices: tfjs.Tensor, yPred: tfjs.Tensor, outputUnits: number): tfjs.Scalar {
  return tf.tidy(() => {
    const labels = tf.cast(tf.reshape(indices, [-1]), 'int32')
    const predicted =
      outputUnits === 1
        ? tf.cast(tf.greater(tf.reshape(yPred, [-1]), 0.5), 'int32')
        : tf.cast(tf.argMax(yPred, -1), 'int32')
    return tf.sum(tf.cast(tf.equal(predicted, labels), 'float32'))
  })
}
