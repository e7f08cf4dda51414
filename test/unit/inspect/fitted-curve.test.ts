import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../../src/core/compile/compile'
import { curveDataset, curveFunction } from '../../../src/core/data/curve'
import { loadDataset } from '../../../src/core/data/registry'
import { splitFor } from '../../../src/core/data/split'
import { curveGrid, curveRange, readFittedCurve, takesScalar } from '../../../src/core/inspect/fitted-curve'
import { createPlaneService } from '../../../src/renderer/src/worker/plane'
import type { PlaneAnswer } from '../../../src/renderer/src/worker/plane-messages'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number) => {
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tolerance)
}

describe('the curve dataset (1-D regression)', () => {
  it('is seeded, x in [−1, 1], y scattered around the curve by the noise asked for', async () => {
    const a = curveDataset({ samples: 500, noise: 0.1, seed: 3 })
    expect(curveDataset({ samples: 500, noise: 0.1, seed: 3 }).labels).toEqual(a.labels)
    expect(curveDataset({ samples: 500, noise: 0.1, seed: 4 }).labels).not.toEqual(a.labels)
    expect(a.inputShape).toEqual([1])
    expect(Math.min(...a.features)).toBeGreaterThanOrEqual(-1)
    expect(Math.max(...a.features)).toBeLessThanOrEqual(1)
    const residuals = Array.from(a.features, (x, i) => a.labels[i] - curveFunction(x))
    const std = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length)
    expect(std).toBeGreaterThan(0.08)
    expect(std).toBeLessThan(0.12)
    const clean = curveDataset({ samples: 50, noise: 0 })
    close(
      clean.labels,
      Array.from(clean.features, (x) => curveFunction(x)),
      1e-6,
    )
    const loaded = await loadDataset(
      { id: 'curve', options: { samples: 12 } },
      {
        mnist: () => Promise.reject(new Error('unused')),
        names: async () => [],
      },
    )
    expect(loaded.ok && loaded.dataset.size).toBe(12)
  })
})

describe('the fitted curve', () => {
  it('equals tfjs: the curve is model.predict on the grid, each neuron curve a truncated model; no tensor left', () => {
    const compiled = compileModel(tf, loadTemplate('playground-regression'))
    if (!compiled.ok) throw new Error(compiled.message)
    expect(takesScalar(compiled.model)).toBe(true)
    const range = curveRange([-1, 0.5, 1], 50)
    expect(range.xMin).toBeLessThan(-1)
    expect(range.xMax).toBeGreaterThan(1)
    const grid = curveGrid(range)
    expect(grid[0]).toBeCloseTo(range.xMin)
    expect(grid[49]).toBeCloseTo(range.xMax)
    const before = tf.memory().numTensors
    const reading = readFittedCurve(tf, compiled, range)
    expect(tf.memory().numTensors).toBe(before)
    const x = tf.tensor2d(grid, [50, 1])
    close(reading.output.values, (compiled.model.predict(x) as tfjs.Tensor).dataSync(), 1e-6)
    expect(reading.layers.map((l) => l.nodeId)).toEqual(['h1', 'h2'])
    for (const layer of reading.layers) {
      const truncated = tf.model({
        inputs: compiled.model.inputs,
        outputs: compiled.model.getLayer(compiled.layerNames[layer.nodeId]).output,
      })
      const full = (truncated.predict(x) as tfjs.Tensor).dataSync()
      // Unit-major in the reading, sample-major in tfjs.
      const expected = Array.from(
        { length: layer.shown * 50 },
        (_, i) => full[(i % 50) * layer.units + Math.floor(i / 50)],
      )
      close(layer.values, expected, 1e-6)
    }
    x.dispose()
    compiled.model.dispose()
  })

  it('refuses a model that does not map one number to one number', () => {
    const compiled = compileModel(tf, loadTemplate('playground-mlp'))
    if (!compiled.ok) throw new Error(compiled.message)
    expect(takesScalar(compiled.model)).toBe(false)
    expect(() => readFittedCurve(tf, compiled, curveRange([0, 1]))).toThrow(/one input number x/)
    compiled.model.dispose()
  })

  it('the worker service answers 1-D regression with the curve and the data points, and pushes after batches', () => {
    const document = loadTemplate('playground-regression')
    const compiled = compileModel(tf, document)
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = curveDataset({ samples: 40 })
    const split = splitFor(dataset, { train: 0.8, validation: 0, test: 0.2, seed: 1 })
    const posted: PlaneAnswer[] = []
    const context = { model: compiled.model, layerNames: compiled.layerNames, document, dataset, split }
    const service = createPlaneService({
      tf,
      post: (m) => posted.push(m),
      context: () => context,
      task: () => null,
      training: () => false,
      later: (f) => f(),
    })
    const before = tf.memory().numTensors
    service.request({ type: 'plane', requestId: 1 })
    const result = posted[0].result
    if (!result.ok || result.view !== 'curve') throw new Error(JSON.stringify(result))
    expect(result.points.train.length).toBe(split.train.length * 2)
    expect(result.points.train[1]).toBe(dataset.labels[split.train[0]])
    expect(result.curve.output.values.length).toBe(200)
    service.watch({ type: 'planeWatch', on: true })
    service.noteBatch({ epoch: 0, batch: 2, batchesPerEpoch: 4 })
    expect(posted).toHaveLength(2)
    expect(posted[1].result.ok && posted[1].result.sequence).toBe(2)
    service.watch({ type: 'planeWatch', on: false })
    expect(tf.memory().numTensors).toBe(before)

    const wrong = { ...context, ...compileModel(tf, loadTemplate('rnn-sine')) } as typeof context
    const refusing = createPlaneService({
      tf,
      post: (m) => posted.push(m),
      context: () => wrong,
      task: () => null,
      training: () => false,
    })
    refusing.request({ type: 'plane', requestId: 2 })
    expect(posted[2].result.ok).toBe(false)
    expect(!posted[2].result.ok && posted[2].result.reason).toBe('unsupported')
    compiled.model.dispose()
    wrong.model.dispose()
  })
})
