import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { createRng } from '../../../src/core/data/random'
import { scoreSplit } from '../../../src/core/training/evaluate'
import { firstOf, runLimits } from '../../../src/core/training/run-limits'
import { createTrainer, type TrainerOptions } from '../../../src/core/training/trainer'
import { config, gaussians, mlp, recorder, splitOf } from './helpers'
import { buildTask, gaussian1d, taskDocument } from './tasks/helpers'

/**
 * A capped run (maxBatchesPerEpoch, the CLI's --max-batches) is a smoke run: its validation,
 * test evaluation and previews must stay in proportion to the few batches it trains, or a conv
 * template's "two batches" take many minutes.
 */

function run(over: Partial<TrainerOptions> & Pick<TrainerOptions, 'model' | 'dataset' | 'config'>) {
  const rec = recorder()
  const trainer = createTrainer({ tf, split: splitOf(over.dataset.size), onEvent: rec.onEvent, readbackMs: 0, ...over })
  return { trainer, rec }
}

/** 4×4 grey images: a bright square at one of two places, plus noise. */
function tinyImages(n: number, seed = 1): Dataset {
  const rng = createRng(seed)
  const features = new Float32Array(n * 16)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2
    for (let p = 0; p < 16; p++) {
      const inSquare = labels[i] === 0 ? p === 5 || p === 6 : p === 9 || p === 10
      features[i * 16 + p] = Math.min(1, Math.max(0, (inSquare ? 0.9 : 0.1) + 0.05 * rng.gaussian()))
    }
  }
  return {
    id: 'tiny',
    name: { en: 'tiny', 'zh-CN': 'tiny' },
    description: { en: '', 'zh-CN': '' },
    task: 'classification',
    inputShape: [4, 4, 1],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames: ['a', 'b'],
    preview: 'image',
    size: n,
  }
}

/** A dense denoiser on 4×4 images: flatten → Dense + Condition(t) → Dense(16) → Reshape. */
function imageDiffusionDocument(training: Record<string, unknown> = {}) {
  return taskDocument(
    [
      ['x', 'input', { mode: 'image', height: 4, width: 4, channels: 1 }],
      ['t', 'timestepInput'],
      ['te', 'timestepEmbedding', { dim: 8 }],
      ['td', 'dense', { units: 16, activation: 'linear' }],
      ['f', 'flatten'],
      ['h', 'dense', { units: 16, activation: 'relu' }],
      ['c', 'condition', { mode: 'add' }],
      ['o', 'dense', { units: 16, activation: 'linear' }],
      ['r', 'reshape', { targetShape: [4, 4, 1] }],
    ],
    [
      ['t', 'te'],
      ['te', 'td'],
      ['x', 'f'],
      ['f', 'h'],
      ['h', 'c', 0],
      ['td', 'c', 1],
      ['c', 'o'],
      ['o', 'r'],
    ],
    {
      task: 'diffusion',
      batchSize: 8,
      epochs: 2,
      diffusion: { timesteps: 40, samplingSteps: 20, samples: 16 },
      ...training,
    },
  )
}

/** The 1-D GAN: Noise(4) → Dense(8) → Dense(1) vs Input(1) → Dense(8) → Dense(1, sigmoid). */
function ganDocument(training: Record<string, unknown> = {}) {
  return taskDocument(
    [
      ['z', 'noiseInput', { size: 4 }],
      ['g1', 'dense', { units: 8, activation: 'relu' }],
      ['g2', 'dense', { units: 1, activation: 'linear' }],
      ['x', 'input', { mode: 'vector', size: 1 }],
      ['d1', 'dense', { units: 8, activation: 'relu' }],
      ['d2', 'dense', { units: 1, activation: 'sigmoid' }],
    ],
    [
      ['z', 'g1'],
      ['g1', 'g2'],
      ['x', 'd1'],
      ['d1', 'd2'],
    ],
    { task: 'gan', batchSize: 16, epochs: 3, gan: { sampleEvery: 1 }, ...training },
    [
      { name: 'Generator', role: 'generator', nodeIds: ['z', 'g1', 'g2'] },
      { name: 'Discriminator', role: 'discriminator', nodeIds: ['x', 'd1', 'd2'] },
    ],
  )
}

describe('run limits', () => {
  it('a capped run evaluates as many samples as one capped epoch trains on and previews quickly; an uncapped one is unlimited', () => {
    expect(runLimits({}, 50, 64)).toEqual({
      batchesPerEpoch: 50,
      evaluationSamples: Number.POSITIVE_INFINITY,
      quickPreviews: false,
    })
    expect(runLimits({ maxBatchesPerEpoch: 2 }, 50, 64)).toEqual({
      batchesPerEpoch: 2,
      evaluationSamples: 128,
      quickPreviews: true,
    })
    expect(runLimits({ maxBatchesPerEpoch: 200 }, 50, 64).batchesPerEpoch).toBe(50)
    expect(
      runLimits(
        { maxBatchesPerEpoch: 2, maxEvaluationSamples: Number.POSITIVE_INFINITY, quickPreviews: false },
        50,
        64,
      ),
    ).toEqual({
      batchesPerEpoch: 2,
      evaluationSamples: Number.POSITIVE_INFINITY,
      quickPreviews: false,
    })
    const split = Int32Array.from([5, 3, 9, 1])
    expect(Array.from(firstOf(split, 2))).toEqual([5, 3])
    expect(firstOf(split, Number.POSITIVE_INFINITY)).toBe(split)
  })
})

describe('capped runs: evaluation', () => {
  it('validates and tests only the capped number of samples, and says how many', async () => {
    const dataset = gaussians(200)
    const split = splitOf(dataset.size)
    expect([split.validation.length, split.test.length]).toEqual([30, 30])
    const model = mlp(2, 8, 2)
    const { trainer, rec } = run({
      model,
      dataset,
      split,
      config: config({ batchSize: 8, epochs: 2 }),
      maxBatchesPerEpoch: 2,
    })
    const result = await trainer.start()
    expect(result.status).toBe('done')
    expect(rec.of('batch')).toHaveLength(4)
    expect(rec.of('done')[0].test).toMatchObject({ task: 'classification', samples: 16 })
    expect(result.evaluation?.samples).toBe(16)
    // The last epoch's validation ran on the final weights: its loss is that of the first 16 validation samples.
    const scoring = { tf, model, dataset, loss: config().loss }
    const capped = await scoreSplit({ ...scoring, indices: split.validation.subarray(0, 16) })
    const whole = await scoreSplit({ ...scoring, indices: split.validation })
    expect(rec.of('epoch').at(-1)!.valLoss).toBeCloseTo(capped.loss, 5)
    expect(Math.abs(capped.loss - whole.loss)).toBeGreaterThan(1e-4)
    model.dispose()
  })

  it('maxEvaluationSamples: Infinity evaluates whole splits in a capped run; uncapped runs are unchanged', async () => {
    const dataset = gaussians(200)
    for (const over of [{ maxBatchesPerEpoch: 2, maxEvaluationSamples: Number.POSITIVE_INFINITY }, {}]) {
      const model = mlp(2, 8, 2)
      const { trainer, rec } = run({ model, dataset, config: config({ batchSize: 8, epochs: 1 }), ...over })
      const result = await trainer.start()
      expect(rec.of('done')[0].test).toMatchObject({ samples: 30 })
      expect(result.evaluation?.samples).toBe(30)
      model.dispose()
    }
  })
})

describe('capped runs: previews', () => {
  it('diffusion: one preview at the end, DDIM only, in few steps and on few images; uncapped: every epoch, both samplers', async () => {
    const data = tinyImages(120)
    const split = splitOf(data.size, 0.8, 0.1)
    const doc = imageDiffusionDocument()
    const { model, graph } = buildTask(doc, data, split)
    const rec = recorder()
    const trainer = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: doc.training,
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 2,
    })
    const result = await trainer.start()
    expect(result.status).toBe('done')
    const samples = rec.of('samples')
    expect(samples.map((e) => [e.epoch, e.samples.kind])).toEqual([
      [1, 'imageGrid'],
      [1, 'diffusionSteps'],
    ])
    const [grid, steps] = samples.map((e) => e.samples)
    expect(grid.kind === 'imageGrid' && grid.images.length).toBe(4)
    if (steps.kind !== 'diffusionSteps') throw new Error('expected steps')
    expect(steps.sampler).toBe('ddim')
    expect(steps.count).toBe(4)
    expect(steps.steps.length).toBeLessThanOrEqual(11)
    // 2 batches of 8: the test split's 12 samples are capped to 16, so all 12 count.
    expect(rec.of('done')[0].test).toMatchObject({ task: 'diffusion', samples: 12 })

    const full = recorder()
    const uncapped = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: doc.training,
      onEvent: full.onEvent,
      readbackMs: 0,
    })
    expect((await uncapped.start()).status).toBe('done')
    const kinds = full
      .of('samples')
      .map((e) => [e.epoch, e.samples.kind === 'diffusionSteps' ? e.samples.sampler : e.samples.kind])
    expect(kinds).toEqual([
      [0, 'imageGrid'],
      [0, 'ddpm'],
      [0, 'ddim'],
      [1, 'imageGrid'],
      [1, 'ddpm'],
      [1, 'ddim'],
    ])
    expect(
      full.of('samples')[0].samples.kind === 'imageGrid' &&
        (full.of('samples')[0].samples as { images: unknown[] }).images.length,
    ).toBe(16)
    model.dispose()
  })

  it('GAN: no previews every sampleEvery batches nor every epoch, one at the end; the test metrics on the capped samples', async () => {
    const data = gaussian1d(400, 0, 1)
    const split = splitOf(data.size, 0.8, 0.1)
    const doc = ganDocument()
    const { model, graph } = buildTask(doc, data, split)
    const rec = recorder()
    const trainer = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: doc.training,
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 2,
    })
    expect((await trainer.start()).status).toBe('done')
    // Uncapped, sampleEvery 1 would give 2 per epoch + 1 at each epoch end: 9.
    expect(rec.of('samples').map((e) => [e.epoch, e.batch, e.samples.kind])).toEqual([[2, 1, 'points']])
    expect(rec.of('done')[0].test).toMatchObject({ task: 'gan', samples: 32 })
    model.dispose()
  })

  it('a capped run that early stopping ends still shows its one preview, on that epoch', async () => {
    const data = gaussian1d(400, 0, 1)
    const split = splitOf(data.size, 0.8, 0.1)
    // A learning rate too small to move a float32 weight: the validation loss never improves, so patience 1 stops after the second epoch.
    const doc = ganDocument({
      epochs: 6,
      optimizer: { type: 'sgd', learningRate: 1e-30 },
      earlyStopping: { enabled: true, patience: 1, monitor: 'val_loss' },
    })
    const { model, graph } = buildTask(doc, data, split)
    const rec = recorder()
    const trainer = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: doc.training,
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 1,
    })
    expect((await trainer.start()).status).toBe('done')
    expect(rec.of('done')[0]).toMatchObject({ reason: 'earlyStopping', epochs: 2 })
    expect(rec.of('samples').map((e) => e.epoch)).toEqual([1])
    model.dispose()
  })
})
