import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import type { TrainingConfig } from './config'
import { fusedAdam } from './fused-adam'

export type OptimizerConfig = TrainingConfig['optimizer']

/** RMSprop's moving-average decay ρ (Keras' default). */
export const RMSPROP_DECAY = 0.9
/** Adadelta's ρ (Keras' default). */
export const ADADELTA_RHO = 0.95
/** Adagrad's starting accumulator (Keras' default). */
export const ADAGRAD_INITIAL = 0.1

/**
 * A tfjs optimizer for the config. SGD with momentum > 0 is tfjs' MomentumOptimizer (with
 * Nesterov when asked); with momentum 0 it is plain SGD. `learningRate` overrides the
 * config's rate (the schedule's first value).
 */
export function createOptimizer(tf: Tf, config: OptimizerConfig, learningRate = config.learningRate): tfjs.Optimizer {
  switch (config.type) {
    case 'sgd':
      return config.momentum > 0
        ? tf.train.momentum(learningRate, config.momentum, config.nesterov)
        : tf.train.sgd(learningRate)
    case 'adam':
      return fusedAdam(tf, learningRate, config.beta1, config.beta2)
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, RMSPROP_DECAY, config.momentum)
    case 'adagrad':
      return tf.train.adagrad(learningRate, ADAGRAD_INITIAL)
    case 'adadelta':
      return tf.train.adadelta(learningRate, ADADELTA_RHO)
    case 'adamax':
      return tf.train.adamax(learningRate, config.beta1, config.beta2)
  }
}

interface WithRate {
  learningRate: number
  setLearningRate?: (rate: number) => void
}

/**
 * Changes the rate of a live optimizer. SGD and Momentum keep −rate in a scalar tensor that
 * only `setLearningRate` refreshes; the others read their `learningRate` field at every
 * update, so setting the field is enough. Both take effect at the next `applyGradients`.
 */
export function setLearningRate(optimizer: tfjs.Optimizer, rate: number): void {
  const target = optimizer as unknown as WithRate
  if (target.learningRate === rate) return
  if (typeof target.setLearningRate === 'function') target.setLearningRate(rate)
  else target.learningRate = rate
}

export function getLearningRate(optimizer: tfjs.Optimizer): number {
  return (optimizer as unknown as WithRate).learningRate
}
