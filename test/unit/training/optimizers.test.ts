import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { OPTIMIZERS, type OptimizerId } from '../../../src/core/training/config'
import {
  createOptimizer,
  getLearningRate,
  setLearningRate,
  type OptimizerConfig,
} from '../../../src/core/training/optimizers'

const cfg = (type: OptimizerId, over: Partial<OptimizerConfig> = {}): OptimizerConfig => ({
  type,
  learningRate: 0.01,
  momentum: 0,
  nesterov: false,
  beta1: 0.9,
  beta2: 0.999,
  ...over,
})

/** The change one optimizer step makes to w = [1, −2] under loss = sum(w²) + sum(w). */
function firstUpdate(optimizer: tf.Optimizer): number[] {
  const w = tf.variable(tf.tensor1d([1, -2]))
  const before = w.dataSync().slice()
  optimizer.minimize(() => tf.add(tf.sum(tf.square(w)), tf.sum(w)) as tf.Scalar, false, [w])
  const after = w.dataSync()
  w.dispose()
  optimizer.dispose()
  return Array.from(after, (v, i) => v - before[i])
}

describe('optimizers', () => {
  it('each type builds the matching tfjs optimizer with the config values', () => {
    expect(createOptimizer(tf, cfg('sgd')).getClassName()).toBe('SGD')
    const momentum = createOptimizer(tf, cfg('sgd', { momentum: 0.9, nesterov: true }))
    expect(momentum.getClassName()).toBe('Momentum')
    expect(momentum.getConfig()).toMatchObject({ learningRate: 0.01, momentum: 0.9, useNesterov: true })
    expect(createOptimizer(tf, cfg('adam', { beta1: 0.8, beta2: 0.99 })).getConfig()).toMatchObject({
      learningRate: 0.01,
      beta1: 0.8,
      beta2: 0.99,
    })
    expect(createOptimizer(tf, cfg('rmsprop', { momentum: 0.5 })).getConfig()).toMatchObject({
      learningRate: 0.01,
      momentum: 0.5,
    })
    expect(createOptimizer(tf, cfg('adagrad')).getClassName()).toBe('Adagrad')
    expect(createOptimizer(tf, cfg('adadelta')).getClassName()).toBe('Adadelta')
    expect(createOptimizer(tf, cfg('adamax', { beta1: 0.85 })).getConfig()).toMatchObject({
      learningRate: 0.01,
      beta1: 0.85,
    })
  })

  it('Nesterov changes the SGD-with-momentum update', () => {
    // The first step differs: Nesterov looks ahead by momentum × accumulation.
    const plain = firstUpdate(createOptimizer(tf, cfg('sgd', { momentum: 0.9 })))
    const nesterov = firstUpdate(createOptimizer(tf, cfg('sgd', { momentum: 0.9, nesterov: true })))
    expect(plain[0]).toBeCloseTo(-0.03, 6)
    expect(nesterov[0]).toBeCloseTo(-0.03 * 1.9, 6)
  })

  for (const type of OPTIMIZERS) {
    it(`${type}: setLearningRate takes effect at the next update`, () => {
      const extra =
        type === 'sgd'
          ? [{ momentum: 0 }, { momentum: 0.9 }]
          : type === 'rmsprop'
            ? [{ momentum: 0 }, { momentum: 0.5 }]
            : [{}]
      for (const over of extra) {
        const reference = firstUpdate(createOptimizer(tf, cfg(type, { ...over, learningRate: 0.02 })))
        const changed = createOptimizer(tf, cfg(type, { ...over, learningRate: 0.5 }))
        setLearningRate(changed, 0.02)
        expect(getLearningRate(changed)).toBe(0.02)
        const update = firstUpdate(changed)
        update.forEach((u, i) => expect(u).toBeCloseTo(reference[i], 7))
        // And the rate matters: twice the rate, twice the first step.
        const doubled = createOptimizer(tf, cfg(type, { ...over, learningRate: 0.5 }))
        setLearningRate(doubled, 0.04)
        firstUpdate(doubled).forEach((u, i) => expect(u).toBeCloseTo(2 * reference[i], 6))
        expect(Math.abs(reference[0])).toBeGreaterThan(0)
      }
    })
  }
})
