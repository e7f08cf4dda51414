import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../src/core/compile/compile'
import { ringDataset, RING_RADIUS } from '../../src/core/data/ring'
import { splitFor } from '../../src/core/data/split'
import { predictedClasses, readDecisionBoundary } from '../../src/core/inspect/decision-boundary'
import { modeCoverage, readGanPlane } from '../../src/core/inspect/gan-plane'
import { gridPoints, planeWindow, toPixel } from '../../src/core/inspect/plane'
import { ganTask, isGanTrainingTask } from '../../src/core/training/tasks/gan'
import { graph, loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number) => {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tolerance)
}

describe('the plane and its grid', () => {
  it('a square area around the points with a margin; grid cells row by row from the top left', () => {
    const area = planeWindow([-1, -0.5, 1, 0.5], 4, 0.1)
    expect(area.xMax - area.xMin).toBeCloseTo(area.yMax - area.yMin)
    expect(area.xMin).toBeLessThan(-1)
    expect(area.yMax).toBeGreaterThan(0.5)
    const grid = gridPoints(area)
    expect(grid.length).toBe(4 * 4 * 2)
    const cell = (area.xMax - area.xMin) / 4
    expect(grid[0]).toBeCloseTo(area.xMin + cell / 2)
    expect(grid[1]).toBeCloseTo(area.yMax - cell / 2)
    expect(grid[2]).toBeCloseTo(area.xMin + 1.5 * cell)
    expect(grid[4 * 2 + 1]).toBeCloseTo(area.yMax - 1.5 * cell)
    const [px, py] = toPixel(area, 100, grid[0], grid[1])
    expect(px).toBeCloseTo(12.5)
    expect(py).toBeCloseTo(12.5)
  })
})

describe('the decision boundary', () => {
  it('equals tfjs: the output is model.predict on the grid, each tile a truncated model, each edge the kernel; no tensor left', () => {
    const compiled = compileModel(tf, loadTemplate('playground-mlp'))
    if (!compiled.ok) throw new Error(compiled.message)
    const area = planeWindow([-1.2, -1.1, 1.1, 1.2], 12)
    const before = tf.memory().numTensors
    const reading = readDecisionBoundary(tf, compiled, area)
    expect(tf.memory().numTensors).toBe(before)
    const grid = tf.tensor2d(gridPoints(area), [144, 2])
    const expected = compiled.model.predict(grid) as tfjs.Tensor
    expect(reading.output.units).toBe(2)
    close(reading.output.values, expected.dataSync(), 1e-6)
    expect(reading.layers.map((l) => l.nodeId)).toEqual(['h1', 'h2'])
    for (const layer of reading.layers) {
      const tfLayer = compiled.model.getLayer(compiled.layerNames[layer.nodeId])
      const truncated = tf.model({ inputs: compiled.model.inputs, outputs: tfLayer.output as tfjs.SymbolicTensor })
      const y = truncated.predict(grid) as tfjs.Tensor
      const values = y.dataSync()
      expect(layer.shown).toBe(8)
      for (let k = 0; k < layer.shown; k++) {
        for (let i = 0; i < 144; i++)
          expect(Math.abs(layer.values[k * 144 + i] - values[i * 8 + k])).toBeLessThanOrEqual(1e-6)
      }
      y.dispose()
    }
    expect(reading.edges.map((e) => [e.from, e.to, e.rows, e.cols])).toEqual([
      ['input', 'h1', 2, 8],
      ['h1', 'h2', 8, 8],
    ])
    close(reading.edges[1].weights, compiled.model.getLayer(compiled.layerNames.h2).getWeights()[0].dataSync(), 0)
    const { classes } = predictedClasses(reading.output)
    const argmax = (expected.argMax(1) as tfjs.Tensor).dataSync()
    expect(Array.from(classes)).toEqual(Array.from(argmax))
    tf.dispose([grid, expected])
    compiled.model.dispose()
  })

  it('caps the tiles at maxUnits and says how many units the layer has; refuses a model that does not take points', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'vector', size: 2 }],
        ['wide', 'dense', { units: 12, activation: 'relu' }],
        ['out', 'dense', { units: 1, activation: 'sigmoid' }],
      ],
      [
        ['in', 'wide'],
        ['wide', 'out'],
      ],
    )
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) throw new Error(compiled.message)
    const reading = readDecisionBoundary(tf, compiled, planeWindow([0, 0, 1, 1], 5), { maxUnits: 4 })
    expect(reading.layers[0]).toMatchObject({ nodeId: 'wide', units: 12, shown: 4 })
    expect(reading.layers[0].values.length).toBe(4 * 25)
    expect(reading.edges[0]).toMatchObject({ rows: 2, cols: 4 })
    expect(predictedClasses({ nodeId: 'out', units: 1, values: Float32Array.from([0.2, 0.9]) })).toEqual({
      classes: Int32Array.from([0, 1]),
      confidence: Float32Array.from([0.8, 0.9]),
    })
    compiled.model.dispose()
    const mnist = compileModel(tf, loadTemplate('mlp-mnist'))
    if (!mnist.ok) throw new Error(mnist.message)
    expect(() => readDecisionBoundary(tf, mnist, planeWindow([0, 0, 1, 1], 5))).toThrow(/two features/)
    mnist.model.dispose()
  })
})

describe('the GAN view', () => {
  it('D over the grid and G(z) equal tfjs; the arrows are the gradient of −log D(x): −(1 − D(x)) w for a logistic D', () => {
    const z = tf.input({ shape: [3] })
    const generator = tf.model({
      inputs: z,
      outputs: tf.layers.dense({ units: 2, kernelInitializer: 'glorotUniform' }).apply(z) as tfjs.SymbolicTensor,
    })
    const x = tf.input({ shape: [2] })
    const dLayer = tf.layers.dense({ units: 1, activation: 'sigmoid' })
    const discriminator = tf.model({ inputs: x, outputs: dLayer.apply(x) as tfjs.SymbolicTensor })
    dLayer.setWeights([tf.tensor2d([[1.5], [-0.75]]), tf.tensor1d([0.2])])
    const noise = Float32Array.from({ length: 5 * 3 }, (_, i) => Math.sin(i * 1.7))
    const area = planeWindow([-1, -1, 1, 1], 6)
    const before = tf.memory().numTensors
    const reading = readGanPlane(tf, { generator, discriminator }, area, noise, 3)
    expect(tf.memory().numTensors).toBe(before)
    close(
      reading.discriminator,
      (discriminator.predict(tf.tensor2d(gridPoints(area), [36, 2])) as tfjs.Tensor).dataSync(),
      1e-6,
    )
    const fakes = (generator.predict(tf.tensor2d(noise, [5, 3])) as tfjs.Tensor).dataSync()
    close(reading.fakes, fakes, 1e-6)
    for (let i = 0; i < 5; i++) {
      const d = 1 / (1 + Math.exp(-(1.5 * fakes[2 * i] - 0.75 * fakes[2 * i + 1] + 0.2)))
      expect(reading.dFake[i]).toBeCloseTo(d, 5)
      expect(reading.gradients[2 * i]).toBeCloseTo(-(1 - d) * 1.5, 5)
      expect(reading.gradients[2 * i + 1]).toBeCloseTo((1 - d) * 0.75, 5)
    }
    tf.disposeVariables()
  })

  it('the gan-2d template: arrows equal tf.grad of the task’s generator loss (binary cross-entropy vs "real") per point', () => {
    const doc = loadTemplate('gan-2d')
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = ringDataset({ samples: 64 })
    const split = splitFor(dataset, doc.training.split)
    const made = ganTask({
      tf,
      model: compiled.model,
      dataset,
      split,
      config: doc.training,
      graph: { document: doc, layerNames: compiled.layerNames, inputs: compiled.inputs, outputs: compiled.outputs },
    })
    if (!made.ok) throw new Error(made.error.message)
    const { generator, discriminator } = made.task.models
    const latent = generator.inputs[0].shape[1] as number
    const noise = Float32Array.from({ length: 16 * latent }, (_, i) => Math.cos(i * 0.37))
    const reading = readGanPlane(tf, { generator, discriminator }, planeWindow(dataset.features, 8), noise, latent)
    // The task's own loss (tfjs' binaryCrossentropy, mean over the batch) times n: each point's own gradient.
    const expected = tf.tidy(() => {
      const fakes = tf.tensor2d(reading.fakes, [16, 2])
      const loss = (p: tfjs.Tensor) =>
        tf.mul(
          tf.losses.sigmoidCrossEntropy(
            tf.ones([16, 1]),
            tf.log(tf.div(discriminator.apply(p) as tfjs.Tensor, tf.sub(1, discriminator.apply(p) as tfjs.Tensor))),
          ),
          16,
        ) as tfjs.Scalar
      return tf.grad(loss)(fakes).dataSync()
    })
    close(reading.gradients, expected, 1e-4)
    made.task.dispose()
    compiled.model.dispose()
  })

  it('mode coverage: all fakes on one cloud covers 1 of 4; spread over all covers 4; far points are strays', () => {
    const real = ringDataset({ samples: 400, modes: 4, noise: 0.25 })
    const centre = (k: number) => [RING_RADIUS * Math.cos((k * Math.PI) / 2), RING_RADIUS * Math.sin((k * Math.PI) / 2)]
    const oneMode = Float32Array.from({ length: 40 }, (_, i) => centre(1)[i % 2] + 0.01 * Math.sin(i))
    expect(modeCoverage(real.features, real.labels, oneMode)).toMatchObject({ modes: 4, covered: 1, stray: 0 })
    const spread = Float32Array.from({ length: 40 }, (_, i) => centre(Math.floor(i / 2) % 4)[i % 2])
    expect(modeCoverage(real.features, real.labels, spread)).toMatchObject({
      modes: 4,
      covered: 4,
      perMode: [5, 5, 5, 5],
    })
    expect(modeCoverage(real.features, real.labels, Float32Array.from([0, 0, 3, 3])).stray).toBe(2)
  })

  it('train D only / G only: only that network’s weights change in a step', () => {
    const doc = loadTemplate('gan-2d')
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = ringDataset({ samples: 64 })
    const split = splitFor(dataset, doc.training.split)
    const made = ganTask({
      tf,
      model: compiled.model,
      dataset,
      split,
      config: doc.training,
      graph: { document: doc, layerNames: compiled.layerNames, inputs: compiled.inputs, outputs: compiled.outputs },
    })
    if (!made.ok || !isGanTrainingTask(made.task)) throw new Error('a GAN task')
    const task = made.task
    const snapshot = (name: 'generator' | 'discriminator') =>
      task.models[name].getWeights().map((w) => Array.from(w.dataSync()))
    const changed = (a: number[][], b: number[][]) => a.some((w, i) => w.some((v, j) => v !== b[i][j]))
    for (const [learner, moves, stays] of [
      ['discriminator', 'discriminator', 'generator'],
      ['generator', 'generator', 'discriminator'],
    ] as const) {
      task.setLearner(learner)
      const [m0, s0] = [snapshot(moves), snapshot(stays)]
      const step = task.trainStep(split.train.subarray(0, 16))
      expect(Number.isFinite(step.loss.dataSync()[0])).toBe(true)
      tf.dispose([step.loss, ...step.metrics])
      expect(changed(m0, snapshot(moves))).toBe(true)
      expect(changed(s0, snapshot(stays))).toBe(false)
    }
    task.dispose()
    compiled.model.dispose()
  })
})

describe('the ring dataset', () => {
  it('is seeded, balanced over its modes, and each mode sits on the ring', () => {
    const a = ringDataset({ samples: 160, modes: 8, seed: 3 })
    expect(Array.from(a.features)).toEqual(Array.from(ringDataset({ samples: 160, modes: 8, seed: 3 }).features))
    expect(a.classNames).toHaveLength(8)
    for (let k = 0; k < 8; k++) {
      const rows = Array.from(a.labels.keys()).filter((i) => a.labels[i] === k)
      expect(rows).toHaveLength(20)
      const mx = rows.reduce((s, i) => s + a.features[2 * i], 0) / rows.length
      const my = rows.reduce((s, i) => s + a.features[2 * i + 1], 0) / rows.length
      expect(Math.hypot(mx, my)).toBeCloseTo(RING_RADIUS, 1)
    }
  })
})
