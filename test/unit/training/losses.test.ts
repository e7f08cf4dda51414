import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { LOSSES } from '../../../src/core/training/config'
import { correctCount, createLoss, denseLoss, EPSILON } from '../../../src/core/training/losses'

const value = (t: tf.Tensor) => t.dataSync()[0]

describe('losses', () => {
  const probs = tf.tensor2d([
    [0.7, 0.2, 0.1],
    [0.1, 0.1, 0.8],
  ])
  const labels = tf.tensor1d([0, 1], 'int32')
  const expectedCe = -(Math.log(0.7) + Math.log(0.1)) / 2

  it('categorical and sparse cross-entropy take class indices and agree', () => {
    expect(value(createLoss(tf, 'categoricalCrossentropy', 'classification', 3)(labels, probs))).toBeCloseTo(
      expectedCe,
      5,
    )
    expect(value(createLoss(tf, 'sparseCategoricalCrossentropy', 'classification', 3)(labels, probs))).toBeCloseTo(
      expectedCe,
      5,
    )
  })

  it('cross-entropy clips log(0) to a finite value', () => {
    const loss = value(
      createLoss(tf, 'categoricalCrossentropy', 'classification', 2)(tf.tensor1d([1], 'int32'), tf.tensor2d([[1, 0]])),
    )
    expect(loss).toBeCloseTo(-Math.log(EPSILON), 2)
  })

  it('binary cross-entropy on a one-unit sigmoid output and on one-hot rows', () => {
    const p = tf.tensor2d([[0.9], [0.2]])
    const y = tf.tensor1d([1, 0], 'int32')
    const expected = -(Math.log(0.9) + Math.log(0.8)) / 2
    expect(value(createLoss(tf, 'binaryCrossentropy', 'classification', 1)(y, p))).toBeCloseTo(expected, 5)
    const reference = tf.losses.logLoss(tf.tensor2d([[1], [0]]), p, undefined, EPSILON)
    expect(value(createLoss(tf, 'binaryCrossentropy', 'classification', 1)(y, p))).toBeCloseTo(value(reference), 4)
    const rows = tf.tensor2d([
      [0.1, 0.9],
      [0.8, 0.2],
    ])
    expect(value(createLoss(tf, 'binaryCrossentropy', 'classification', 2)(y, rows))).toBeCloseTo(expected, 5)
  })

  it('MSE, MAE and Huber match tfjs on regression targets', () => {
    const yTrue = tf.tensor2d([[1], [2], [-3], [0.5]])
    const yPred = tf.tensor2d([[1.5], [0], [-3], [3]])
    const mse = createLoss(tf, 'meanSquaredError', 'regression', 1)
    const mae = createLoss(tf, 'meanAbsoluteError', 'regression', 1)
    const huber = createLoss(tf, 'huber', 'regression', 1)
    expect(value(mse(yTrue, yPred))).toBeCloseTo(value(tf.losses.meanSquaredError(yTrue, yPred)), 6)
    expect(value(mae(yTrue, yPred))).toBeCloseTo(value(tf.losses.absoluteDifference(yTrue, yPred)), 6)
    expect(value(huber(yTrue, yPred))).toBeCloseTo(value(tf.losses.huberLoss(yTrue, yPred)), 6)
    // By hand: errors 0.5, 2, 0, 2.5 → Huber 0.125, 1.5, 0, 2 → mean 0.90625.
    expect(value(huber(yTrue, yPred))).toBeCloseTo(0.90625, 6)
  })

  it('regression predictions are reshaped to the targets when only the shape differs', () => {
    const loss = createLoss(tf, 'meanSquaredError', 'regression', 1)
    expect(value(loss(tf.tensor1d([1, 2]), tf.tensor2d([[1], [4]])))).toBeCloseTo(2, 6)
  })

  it('MSE on a classification output compares with one-hot targets', () => {
    const loss = createLoss(tf, 'meanSquaredError', 'classification', 3)(labels, probs)
    const oneHot = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
    ])
    expect(value(loss)).toBeCloseTo(value(tf.losses.meanSquaredError(oneHot, probs)), 6)
  })

  it('every loss id is wired and gives a finite scalar', () => {
    for (const id of LOSSES) {
      const loss = denseLoss(tf, id)(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.3, 0.7]]))
      expect(loss.rank, id).toBe(0)
      expect(Number.isFinite(value(loss)), id).toBe(true)
    }
  })

  it('correctCount: argmax for several units, 0.5 threshold for one', () => {
    expect(value(correctCount(tf, labels, probs, 3))).toBe(1)
    expect(value(correctCount(tf, tf.tensor1d([1, 0, 1], 'int32'), tf.tensor2d([[0.9], [0.6], [0.4]]), 1))).toBe(1)
  })
})
