import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { describe, expect, it } from 'vitest'
import { ADAM_KERNEL, fusedAdam } from '../../../src/core/training/fused-adam'
import { createOptimizer, setLearningRate } from '../../../src/core/training/optimizers'
import { expectIdentical, onWasmBackend, seededValues } from './helpers'

/**
 * Adam's fused update on the wasm backend (fused-adam.ts, wasm-adam.ts) against tfjs' own
 * AdamOptimizer on the same backend: the same float32 operations in the same order, so the
 * weights and both moments must match bit for bit, step after step.
 */

const values = seededValues(5)
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1)

/** Weight shapes: SIMD groups of four and a scalar tail of 1–3, one element, a dense kernel. */
const SHAPES = [[784, 128], [128], [7], [1], [3, 5], [2, 3, 3, 6], [10]]

function twinVariables(shapes: number[][]) {
  const initial = shapes.map((s) => values(size(s)))
  const make = () => shapes.map((s, i) => tf.variable(tf.tensor(initial[i], s)))
  return [make(), make()]
}

/** Each step's gradients: random, some tiny (1e-20: denormal squares), one weight's missing now and then. */
function gradients(shapes: number[][], step: number): (tf.Tensor | null)[] {
  return shapes.map((s, i) => {
    if (i === 2 && step % 5 === 3) return null
    return tf.tensor(values(size(s), step % 7 === 0 ? 1e-20 : 1 + step), s)
  })
}

/** One step of each optimizer on its own copy of the weights, with the same gradients. */
function applyBoth(stock: tf.Optimizer, fused: tf.Optimizer, a: tf.Variable[], b: tf.Variable[], step: number) {
  const grads = gradients(
    a.map((v) => v.shape),
    step,
  )
  // A missing gradient stays in the list (as null), as tfjs' optimizers expect: their slots are by position.
  const named = (vars: tf.Variable[]) => vars.map((v, i) => ({ name: v.name, tensor: grads[i] as tf.Tensor }))
  stock.applyGradients(named(a))
  fused.applyGradients(named(b))
  tf.dispose(grads.filter((g): g is tf.Tensor => g !== null))
}

/** The kernels one step of `optimizer` runs. */
async function kernelsOfStep(optimizer: tf.Optimizer, vars: tf.Variable[]): Promise<string[]> {
  const grads = vars.map((v) => ({ name: v.name, tensor: tf.onesLike(v) }))
  const info = await tf.profile(() => optimizer.applyGradients(grads))
  tf.dispose(grads.map((g) => g.tensor))
  return info.kernels.map((k) => k.name)
}

describe("Adam's fused update on wasm", () => {
  onWasmBackend()

  it.each([
    [0.01, 0.9, 0.999],
    [0.3, 0.5, 0.75],
    [1e-4, 0.99, 0.9999],
  ])('lr %f, β1 %f, β2 %f: weights and moments equal tfjs Adam bit for bit over 40 steps', (lr, beta1, beta2) => {
    const [a, b] = twinVariables(SHAPES)
    const stock = tf.train.adam(lr, beta1, beta2)
    const fused = fusedAdam(tf, lr, beta1, beta2)
    for (let step = 0; step < 40; step++) applyBoth(stock, fused, a, b, step)
    a.forEach((v, i) => expectIdentical(b[i], v, `weight ${SHAPES[i]}`))
    return Promise.all([stock.getWeights(), fused.getWeights()]).then(([mine, theirs]) => {
      // Named after each twin's own variables: the same slots, in the same order.
      const slot = (name: string) => name.replace(/^.*\//, '')
      expect(theirs.map((w) => slot(w.name))).toEqual(mine.map((w) => slot(w.name)))
      mine.forEach((w, i) => expectIdentical(theirs[i].tensor, w.tensor, w.name))
      tf.dispose([...a, ...b])
      stock.dispose()
      fused.dispose()
    })
  })

  it('runs as one kernel per weight, and a learning-rate change takes effect at the next step', async () => {
    const [a, b] = twinVariables([[33], [4, 4]])
    const stock = tf.train.adam(0.05)
    const fused = createOptimizer(tf, { type: 'adam', learningRate: 0.05, beta1: 0.9, beta2: 0.999 } as never)
    for (let step = 0; step < 6; step++) {
      if (step === 3) {
        setLearningRate(stock, 0.2)
        setLearningRate(fused, 0.2)
      }
      applyBoth(stock, fused, a, b, step)
    }
    a.forEach((v, i) => expectIdentical(b[i], v, `weight ${i}`))
    const ran = await kernelsOfStep(fused, b)
    expect(ran.filter((name) => name === ADAM_KERNEL)).toHaveLength(2)
    expect(ran).not.toContain('Sqrt')
    tf.dispose([...a, ...b])
  })

  it('setWeights (a restored checkpoint) continues exactly as tfjs Adam does', async () => {
    const [a, b] = twinVariables([[9], [2, 5]])
    const stock = tf.train.adam(0.02)
    const fused = fusedAdam(tf, 0.02)
    for (let step = 0; step < 4; step++) applyBoth(stock, fused, a, b, step)
    const saved = await stock.getWeights()
    const stockAgain = tf.train.adam(0.02)
    const fusedAgain = fusedAdam(tf, 0.02)
    await stockAgain.setWeights(saved.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) })))
    await fusedAgain.setWeights(saved.map((w) => ({ name: w.name, tensor: tf.clone(w.tensor) })))
    const [a2, b2] = [a.map((v) => tf.variable(v.clone())), a.map((v) => tf.variable(v.clone()))]
    for (let step = 4; step < 9; step++) applyBoth(stockAgain, fusedAgain, a2, b2, step)
    a2.forEach((v, i) => expectIdentical(b2[i], v, `weight ${i}`))
    expect(fusedAgain.iterations).toBe(stockAgain.iterations)
    tf.dispose([...a, ...b, ...a2, ...b2])
  })

  it('keeps the name, config and class of tfjs Adam', () => {
    const fused = fusedAdam(tf, 0.003, 0.8, 0.95)
    expect(fused).toBeInstanceOf(tf.AdamOptimizer)
    expect(fused.getClassName()).toBe('Adam')
    expect(fused.getConfig()).toEqual(tf.train.adam(0.003, 0.8, 0.95).getConfig())
  })

  it('leaves no tensors behind', () => {
    const [, b] = twinVariables([[130], [3]])
    const fused = fusedAdam(tf, 0.01)
    const grads = b.map((v) => ({ name: v.name, tensor: tf.onesLike(v) }))
    fused.applyGradients(grads) // makes the moment slots (kept, as tfjs does)
    const start = tf.memory().numTensors
    for (let i = 0; i < 5; i++) fused.applyGradients(grads)
    expect(tf.memory().numTensors).toBe(start)
    tf.dispose([...b, ...grads.map((g) => g.tensor)])
  })

  it('refuses inputs of another dtype or shape with a clear message', () => {
    const x = tf.zeros([4])
    expect(() => tf.engine().runKernel(ADAM_KERNEL, { x, gradient: tf.zeros([5]), m: x, v: x }, {})).toThrow(
      /float32 of shape \[4\]/,
    )
    expect(() => tf.engine().runKernel(ADAM_KERNEL, { x, gradient: tf.zeros([4], 'int32'), m: x, v: x }, {})).toThrow(
      /float32/,
    )
    x.dispose()
  })
})

describe('Adam elsewhere', () => {
  it("is tfjs' own update on the cpu backend (same results as tf.train.adam, no fused kernel run)", async () => {
    await tf.setBackend('cpu')
    const [a, b] = twinVariables([[6], [2, 2]])
    const stock = tf.train.adam(0.1)
    const fused = fusedAdam(tf, 0.1)
    for (let step = 0; step < 5; step++) applyBoth(stock, fused, a, b, step)
    a.forEach((v, i) => expectIdentical(b[i], v, `weight ${i}`))
    const ran = await kernelsOfStep(fused, b)
    expect(ran).not.toContain(ADAM_KERNEL)
    expect(ran).toContain('Sqrt')
    tf.dispose([...a, ...b])
  })
})
