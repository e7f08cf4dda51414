import { afterEach, describe, expect, it, vi } from 'vitest'
import { compileModel } from '../../src/core/compile/compile'
import { ringDataset } from '../../src/core/data/ring'
import { splitFor } from '../../src/core/data/split'
import { circlesDataset } from '../../src/core/data/toys'
import { ganTask, isGanTrainingTask } from '../../src/core/training/tasks/gan'
import { createPlaneService } from '../../src/renderer/src/worker/plane'
import type { PlaneAnswer } from '../../src/renderer/src/worker/plane-messages'
import { loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

afterEach(() => {
  vi.useRealTimers()
})

const SPLIT = { train: 0.8, validation: 0, test: 0.2, seed: 1 }

describe('the worker service of the 2-D views', () => {
  it('decision boundary: answers a request; pushes while training only after batches, and once after a single step; no tensor left', () => {
    vi.useFakeTimers()
    const document = loadTemplate('playground-mlp')
    const compiled = compileModel(tf, document)
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = circlesDataset({ samples: 50 })
    const split = splitFor(dataset, SPLIT)
    const posted: PlaneAnswer[] = []
    let training = true
    const context = { model: compiled.model, layerNames: compiled.layerNames, document, dataset, split }
    const service = createPlaneService({
      tf,
      post: (m) => posted.push(m),
      context: () => context,
      task: () => null,
      training: () => training,
      later: (f) => f(),
    })
    const before = tf.memory().numTensors
    service.request({ type: 'plane', requestId: 3 })
    expect(posted).toHaveLength(1)
    const answer = posted[0]
    expect(answer.requestId).toBe(3)
    if (!answer.result.ok || answer.result.view !== 'boundary') throw new Error(JSON.stringify(answer.result))
    expect(answer.result.points.train.length).toBe(split.train.length * 2)
    expect(answer.result.points.test.length).toBe(split.test.length * 2)
    expect(answer.result.boundary.output.values.length).toBe(40 * 40 * 2)

    service.watch({ type: 'planeWatch', on: true, intervalMs: 500 })
    vi.advanceTimersByTime(1000)
    expect(posted).toHaveLength(1) // no batch yet: nothing new to push
    service.noteBatch({ epoch: 0, batch: 4, batchesPerEpoch: 10 })
    vi.advanceTimersByTime(500)
    expect(posted).toHaveLength(2)
    expect(posted[1].requestId).toBeNull()
    expect(posted[1].result.ok && posted[1].result.batches).toBe(5)
    training = false
    service.noteBatch({ epoch: 1, batch: 0, batchesPerEpoch: 10 }) // a Step while paused: shown at once
    expect(posted).toHaveLength(3)
    expect(posted[2].result.ok && posted[2].result.batches).toBe(11)
    service.watch({ type: 'planeWatch', on: false })
    service.noteBatch({ epoch: 1, batch: 1, batchesPerEpoch: 10 })
    expect(posted).toHaveLength(3)
    expect(tf.memory().numTensors).toBe(before)
    compiled.model.dispose()
  })

  it('GAN: no run yet says so; with the task, D, fakes, arrows and coverage; the learner reaches the task', () => {
    const document = loadTemplate('gan-2d')
    const compiled = compileModel(tf, document)
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = ringDataset({ samples: 64 })
    const split = splitFor(dataset, SPLIT)
    const made = ganTask({
      tf,
      model: compiled.model,
      dataset,
      split,
      config: document.training,
      graph: { document, layerNames: compiled.layerNames, inputs: compiled.inputs, outputs: compiled.outputs },
    })
    if (!made.ok || !isGanTrainingTask(made.task)) throw new Error('a GAN task')
    const posted: PlaneAnswer[] = []
    let task: typeof made.task | null = null
    const context = { model: compiled.model, layerNames: compiled.layerNames, document, dataset, split }
    const service = createPlaneService({
      tf,
      post: (m) => posted.push(m),
      context: () => context,
      task: () => task,
      training: () => false,
    })
    service.request({ type: 'plane', requestId: 1 })
    expect(posted[0].result).toMatchObject({ ok: false, reason: 'noModel' })
    task = made.task
    service.setLearner({ type: 'ganLearner', learner: 'generator' })
    expect(made.task.learner).toBe('generator')
    service.request({ type: 'plane', requestId: 2 })
    const result = posted[1].result
    if (!result.ok || result.view !== 'gan') throw new Error(JSON.stringify(result))
    expect(result.latent).toBe(8)
    expect(result.gan.fakes.length).toBe(256 * 2)
    expect(result.gan.gradients.length).toBe(256 * 2)
    expect(result.gan.discriminator.length).toBe(40 * 40)
    expect(result.coverage.modes).toBe(8)
    expect(result.learner).toBe('generator')
    // The same fixed noise every reading: the fakes only move when G learns.
    service.request({ type: 'plane', requestId: 3 })
    const again = posted[2].result
    if (!again.ok || again.view !== 'gan') throw new Error('a reading')
    expect(Array.from(again.gan.fakes)).toEqual(Array.from(result.gan.fakes))
    made.task.dispose()
    compiled.model.dispose()
  })
})
