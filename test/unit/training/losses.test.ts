import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { LOSSES } from '../../../src/core/training/config'
import { correctCount, createLoss, denseLoss, EPSILON } from '../../../src/core/training/losses'
import { lcg } from './helpers'

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

  it("cross-entropy's one-step gradient equals tfjs' op-by-op gradient bit for bit", async () => {
    // The composition the fused gradient replaces, differentiated by tfjs' tape.
    const opByOp = (yTrue: tf.Tensor, yPred: tf.Tensor) =>
      tf.mean(tf.neg(tf.sum(tf.mul(yTrue, tf.log(tf.clipByValue(yPred, EPSILON, 1 - EPSILON))), -1))) as tf.Scalar
    const ce = denseLoss(tf, 'categoricalCrossentropy')
    // Soft and one-hot targets, a sequence output (rank 3: the mean is over batch × steps), and
    // probabilities at 0 and 1 exactly (clipped: no gradient there) and just inside the clip.
    const cases = [
      { shape: [6, 5], zero: 0.2 },
      { shape: [3, 4, 7], zero: 0.1 },
      { shape: [1, 2], zero: 0 },
      { shape: [9, 2], zero: 0.3 },
    ]
    for (const { shape, zero } of cases) {
      const rand = lcg(shape.reduce((a, b) => a + b, 0))
      const size = shape.reduce((a, b) => a * b, 1)
      const raw = Float32Array.from({ length: size }, () => rand())
      const probs = tf.tidy(() => {
        const p = tf.softmax(tf.mul(tf.tensor(raw, shape), 12))
        return tf.where(
          tf.less(
            tf.tensor(
              Float32Array.from(raw, (v) => (v * 97) % 1),
              shape,
            ),
            zero,
          ),
          tf.zerosLike(p),
          p,
        )
      })
      const edges = tf.tensor([EPSILON, 1 - EPSILON, EPSILON / 2, 1, 0, 0.5].slice(0, Math.min(6, size)))
      const p = tf.tidy(() => tf.concat([edges, probs.flatten().slice(edges.size)]).reshape(shape))
      const targets = [
        tf.tensor(
          Float32Array.from({ length: size }, () => rand()),
          shape,
        ),
        tf.oneHot(tf.zeros(shape.slice(0, -1), 'int32'), shape[shape.length - 1]),
      ]
      for (const y of targets) {
        const expected = tf.grad((q: tf.Tensor) => opByOp(y, q))(p)
        const actual = tf.grad((q: tf.Tensor) => ce(y, q))(p)
        const [a, b] = [actual.dataSync(), expected.dataSync()]
        const differing = a.findIndex((v, i) => !Object.is(v, b[i]))
        expect(differing, `shape ${shape}: ${a[differing]} vs ${b[differing]}`).toBe(-1)
        expect(value(ce(y, p))).toBe(value(opByOp(y, p)))
        tf.dispose([expected, actual, y])
      }
      tf.dispose([probs, edges, p])
    }
    // Fewer kernels on the backward pass than tfjs' tape runs for the composition.
    const y = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3)
    const p = tf.tensor2d([0.7, 0.2, 0.1, 0.1, 0.1, 0.8], [2, 3])
    const kernels = async (loss: (t: tf.Tensor, q: tf.Tensor) => tf.Scalar) =>
      (await tf.profile(() => tf.grad((q: tf.Tensor) => loss(y, q))(p))).kernels.length
    expect(await kernels(ce)).toBeLessThan((await kernels(opByOp)) - 5)
  })

  it("cross-entropy's gradient outlives the targets (made and freed inside createLoss' tidy)", () => {
    const w = tf.variable(tf.tensor2d([0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, 0.8], [4, 2]))
    const x = tf.tensor2d([1, 2, 3, 4, -1, 0.5, 2, -3, 0, 1, 1, 1], [3, 4])
    const classes = tf.tensor1d([0, 1, 1], 'int32')
    const loss = createLoss(tf, 'categoricalCrossentropy', 'classification', 2)
    const { grads } = tf.variableGrads(() => loss(classes, tf.softmax(tf.matMul(x, w))), [w])
    const expected = tf.grad((v: tf.Tensor) =>
      tf.mean(
        tf.neg(
          tf.sum(
            tf.mul(tf.oneHot(classes, 2), tf.log(tf.clipByValue(tf.softmax(tf.matMul(x, v)), EPSILON, 1 - EPSILON))),
            -1,
          ),
        ),
      ),
    )(w)
    expect(Array.from(grads[w.name].dataSync())).toEqual(Array.from(expected.dataSync()))
    tf.dispose([w, x, classes, expected, ...Object.values(grads)])
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
