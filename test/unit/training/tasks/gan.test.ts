import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { normalizeDataset } from '../../../../src/core/data/normalize'
import { createTrainer } from '../../../../src/core/training/trainer'
import { config, recorder, splitOf } from '../helpers'
import { buildTask, gaussian1d, mean, runSteps, std, taskDocument } from './helpers'

/** The 1-D GAN of docs/tasks.md: Noise(4) → Dense(16, relu) → Dense(1) vs Input(1) → Dense(32, relu) → Dense(1, sigmoid). */
function ganDocument(seed: number, overrides: Record<string, unknown> = {}) {
  return taskDocument(
    [
      ['z', 'noiseInput', { size: 4 }],
      ['g1', 'dense', { units: 16, activation: 'relu' }],
      ['g2', 'dense', { units: 1, activation: 'linear' }],
      ['x', 'input', { mode: 'vector', size: 1 }],
      ['d1', 'dense', { units: 32, activation: 'relu' }],
      ['d2', 'dense', { units: 1, activation: 'sigmoid' }],
    ],
    [
      ['z', 'g1'],
      ['g1', 'g2'],
      ['x', 'd1'],
      ['d1', 'd2'],
    ],
    {
      task: 'gan',
      seed,
      batchSize: 128,
      optimizer: { type: 'adam', learningRate: 0.005, beta1: 0.5 },
      gan: { dSteps: 1, labelSmoothing: 0.1 },
      ...overrides,
    },
    [
      { name: 'Generator', role: 'generator', nodeIds: ['z', 'g1', 'g2'] },
      { name: 'Discriminator', role: 'discriminator', nodeIds: ['x', 'd1', 'd2'] },
    ],
  )
}

describe('GAN task', () => {
  it('builds the generator, the discriminator and the combined model from the groups', () => {
    const data = gaussian1d(200, 0, 1)
    const { task, model } = buildTask(ganDocument(1), data)
    const { generator, discriminator, combined } = task.models
    expect(generator.inputs[0].shape).toEqual([null, 4])
    expect(generator.outputs[0].shape).toEqual([null, 1])
    expect(discriminator.inputs[0].shape).toEqual([null, 1])
    expect(discriminator.outputs[0].shape).toEqual([null, 1])
    expect(combined.inputs[0].shape).toEqual([null, 4])
    expect(combined.outputs[0].shape).toEqual([null, 1])
    // They share the compiled model's weights: one checkpoint covers both.
    expect(generator.countParams() + discriminator.countParams()).toBe(model.countParams())
    expect(task.metricNames).toEqual(['dLoss', 'gLoss', 'dReal', 'dFake'])
    task.dispose()
    model.dispose()
  })

  it('refuses a discriminator without a sigmoid, and generator wired into the discriminator', () => {
    const data = gaussian1d(50, 0, 1)
    const noSigmoid = taskDocument(
      [
        ['z', 'noiseInput', { size: 2 }],
        ['g', 'dense', { units: 1 }],
        ['x', 'input', { mode: 'vector', size: 1 }],
        ['d', 'dense', { units: 1, activation: 'linear' }],
      ],
      [
        ['z', 'g'],
        ['x', 'd'],
      ],
      { task: 'gan' },
    )
    expect(() => buildTask(noSigmoid, data)).toThrow(/sigmoid/)
    const wired = taskDocument(
      [
        ['z', 'noiseInput', { size: 2 }],
        ['g', 'dense', { units: 1 }],
        ['d', 'dense', { units: 1, activation: 'sigmoid' }],
      ],
      [
        ['z', 'g'],
        ['g', 'd'],
      ],
      { task: 'gan' },
    )
    expect(() => buildTask(wired, data)).toThrow(/own Input/)
  })

  it('learns a 1-D gaussian N(4, 1.25): generated mean and std within 10 %', async () => {
    const seed = 11
    const raw = gaussian1d(2000, 4, 1.25, seed)
    const split = splitOf(raw.size, 0.9, 0.05)
    // As a learner would: the project's 'standard' normalization, undone on the generated values.
    const { dataset, stats } = normalizeDataset(raw, split, 'standard')
    const { task, model } = buildTask(ganDocument(seed), dataset, split)
    const steps = 800
    // The learning rate decays linearly to a tenth (a GAN oscillates less at the end).
    await runSteps(task, split, steps, 128, seed, (s) => 0.005 * (1 - (0.9 * s) / steps))
    const z = tf.randomNormal([4000, 4], 0, 1, 'float32', 99)
    const out = task.models.generator.predict(z) as tf.Tensor
    const generated = Array.from(await out.data(), (v) => v * stats!.scale[0] + stats!.shift[0])
    tf.dispose([z, out])
    const real = Array.from(raw.features)
    expect(Math.abs(mean(generated) - mean(real)) / mean(real)).toBeLessThan(0.1)
    expect(Math.abs(std(generated) - std(real)) / std(real)).toBeLessThan(0.1)
    // The preview: 1-D data → generated and real points.
    const [preview] = await task.samples()
    expect(preview.kind).toBe('points')
    task.dispose()
    model.dispose()
  })

  it('keeps the tensor count flat across training steps, and the trainer reports GAN metrics and samples', async () => {
    const data = gaussian1d(400, 0, 1)
    const split = splitOf(data.size, 0.8, 0.1)
    const { task, model } = buildTask(ganDocument(3, { gan: { dSteps: 2, sampleEvery: 2 } }), data, split)
    await runSteps(task, split, 2, 32) // the optimizers make their slots on the first steps
    const before = tf.memory().numTensors
    await runSteps(task, split, 5, 32)
    expect(tf.memory().numTensors).toBe(before)
    await task.samples()
    expect(tf.memory().numTensors).toBe(before)
    task.dispose()

    const rec = recorder()
    const doc = ganDocument(3, { gan: { sampleEvery: 2 }, epochs: 2 })
    const trainer = createTrainer({
      tf,
      model,
      graph: buildTask(doc, data, split).graph,
      dataset: data,
      split,
      config: { ...config({ task: 'gan', batchSize: 32, epochs: 2 }), gan: doc.training.gan },
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 4,
      // The full preview schedule in a short run (a capped run otherwise previews once, at the end).
      quickPreviews: false,
    })
    const result = await trainer.start()
    expect(result.status).toBe('done')
    const batch = rec.of('batch')[0]
    for (const key of ['dLoss', 'gLoss', 'dReal', 'dFake'] as const) expect(Number.isFinite(batch[key])).toBe(true)
    expect(batch.loss).toBeCloseTo(batch.dLoss! + batch.gLoss!, 5)
    expect(rec.of('epoch')[0].dReal).toBeGreaterThan(0)
    // After the first batch (a picture at once), every 2 batches and at each epoch end.
    expect(rec.of('samples').map((e) => `${e.epoch}:${e.batch}`)).toEqual([
      '0:0',
      '0:1',
      '0:3',
      '0:3',
      '1:1',
      '1:3',
      '1:3',
    ])
    const done = rec.of('done')[0]
    expect(done.test).toMatchObject({ task: 'gan', samples: split.test.length })
    expect(trainer.checkpoint!.values.length).toBe(model.getWeights().length)
    model.dispose()
  })

  it('previews by elapsed time as well as by batch count (previewEveryMs)', async () => {
    const data = gaussian1d(400, 0, 1)
    const split = splitOf(data.size, 0.8, 0.1)
    // sampleEvery 1000: batch counts alone would preview only after the first batch and at the epoch end.
    const doc = ganDocument(4, { gan: { sampleEvery: 1000 }, epochs: 1 })
    const { model, graph } = buildTask(doc, data, split)
    // A clock that advances 4 s per reading: previews are due every few batches by time.
    let now = 0
    const rec = recorder()
    const trainer = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: { ...config({ task: 'gan', batchSize: 32, epochs: 1 }), gan: doc.training.gan },
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 8,
      quickPreviews: false,
      previewEveryMs: 10_000,
      clock: () => (now += 4_000),
    })
    expect((await trainer.start()).status).toBe('done')
    const batches = rec.of('samples').map((e) => e.batch)
    expect(batches[0]).toBe(0)
    // Besides the first-batch and epoch-end previews, some came mid-epoch, by time alone.
    expect(batches.filter((b) => b > 0 && b < 7).length).toBeGreaterThan(0)
    expect(batches[batches.length - 1]).toBe(7)
    model.dispose()
  })
})
