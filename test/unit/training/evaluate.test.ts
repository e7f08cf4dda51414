import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import {
  classificationMetrics,
  evaluateModel,
  galleryOrder,
  rSquared,
  scoreSplit,
} from '../../../src/core/training/evaluate'
import { gaussians, line } from './helpers'

describe('evaluation metrics (pure)', () => {
  it('confusion matrix and per-class precision / recall / F1 on a hand-made case', () => {
    // true:      a a a b b c
    // predicted: a a b b c c
    const m = classificationMetrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ['a', 'b', 'c'])
    expect(m.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ])
    expect(m.accuracy).toBeCloseTo(4 / 6, 12)
    const [a, b, c] = m.perClass
    expect(a).toMatchObject({ className: 'a', precision: 1, support: 3 })
    expect(a.recall).toBeCloseTo(2 / 3, 12)
    expect(a.f1).toBeCloseTo(0.8, 12)
    expect(b).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 })
    expect(c).toMatchObject({ precision: 0.5, recall: 1, support: 1 })
    expect(c.f1).toBeCloseTo(2 / 3, 12)
    expect(m.macro.precision).toBeCloseTo((1 + 0.5 + 0.5) / 3, 12)
  })

  it('a class never predicted has precision 0, not NaN', () => {
    const m = classificationMetrics([0, 1], [0, 0], ['x', 'y'])
    expect(m.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 })
  })

  it('R² on a known case', () => {
    // y = [1, 2, 3, 4], ŷ = [1, 2, 3, 5]: SSres = 1, SStot = 5 → R² = 0.8.
    expect(rSquared([1, 2, 3, 4], [1, 2, 3, 5])).toBeCloseTo(0.8, 12)
    expect(rSquared([1, 2, 3], [1, 2, 3])).toBe(1)
    // Predicting the mean gives 0; two outputs are averaged.
    expect(rSquared([1, 3], [2, 2])).toBe(0)
    expect(rSquared([1, 10, 3, 30], [1, 10, 2, 30], 2)).toBeCloseTo((0.5 + 1) / 2, 12)
  })

  it('gallery: mistakes first (most confident first), then the least confident correct ones', () => {
    const items = [
      { index: 0, label: 0, predicted: 0, confidence: 0.99 },
      { index: 1, label: 0, predicted: 1, confidence: 0.6 },
      { index: 2, label: 1, predicted: 1, confidence: 0.55 },
      { index: 3, label: 1, predicted: 0, confidence: 0.9 },
    ]
    expect(galleryOrder(items, 3).map((p) => p.index)).toEqual([3, 1, 2])
  })
})

describe('evaluateModel', () => {
  it('classification: reads the model out in batches into the full report', async () => {
    const dataset = gaussians(50)
    // A fixed "model": class 1 when x + y > 0, with a softmax on ±(x + y).
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [2],
          units: 2,
          activation: 'softmax',
          weights: [
            tf.tensor2d([
              [-1, 1],
              [-1, 1],
            ]),
            tf.zeros([2]),
          ],
        }),
      ],
    })
    const indices = Int32Array.from({ length: 50 }, (_, i) => i)
    const before = tf.memory().numTensors
    const result = await evaluateModel({
      tf,
      model,
      dataset,
      indices,
      loss: 'categoricalCrossentropy',
      batchSize: 16,
      galleryLimit: 10,
    })
    expect(tf.memory().numTensors).toBe(before)
    if (result.task !== 'classification') throw new Error('expected classification')
    expect(result.samples).toBe(50)
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(50)
    const probs = model.predict(tf.tensor2d(dataset.features, [50, 2])) as tf.Tensor
    const predicted = Array.from(tf.argMax(probs, -1).dataSync())
    const labels = Array.from(dataset.labels)
    expect(result.accuracy).toBeCloseTo(predicted.filter((p, i) => p === labels[i]).length / 50, 12)
    const manualLoss = -labels.reduce((s, l, i) => s + Math.log(probs.dataSync()[2 * i + l]), 0) / 50
    expect(result.loss).toBeCloseTo(manualLoss, 4)
    expect(result.predictions).toHaveLength(10)
    expect(result.classNames).toEqual(['a', 'b'])
    const score = await scoreSplit({ tf, model, dataset, indices, loss: 'categoricalCrossentropy', batchSize: 7 })
    expect(score.loss).toBeCloseTo(result.loss, 5)
    expect(score.accuracy).toBeCloseTo(result.accuracy, 12)
  })

  it('regression: loss, MAE, MSE and R²', async () => {
    const dataset = line(40)
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [1], units: 1, weights: [tf.tensor2d([[2]]), tf.tensor1d([-1])] })],
    })
    const indices = Int32Array.from({ length: 40 }, (_, i) => i)
    const result = await evaluateModel({ tf, model, dataset, indices, loss: 'meanSquaredError', batchSize: 16 })
    if (result.task !== 'regression') throw new Error('expected regression')
    expect(result.mse).toBeCloseTo(result.loss, 6)
    expect(result.mae).toBeLessThan(0.03)
    expect(result.r2).toBeGreaterThan(0.999)
    const score = await scoreSplit({ tf, model, dataset, indices, loss: 'meanSquaredError' })
    expect(score.mae).toBeCloseTo(result.mae, 6)
  })
})
