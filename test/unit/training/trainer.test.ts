import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { createTrainer, type TrainerOptions } from '../../../src/core/training/trainer'
import { config, gaussians, line, mlp, recorder, splitOf, weightValues, xor } from './helpers'

function trainer(over: Partial<TrainerOptions> & Pick<TrainerOptions, 'model' | 'dataset'>) {
  const rec = recorder()
  const t = createTrainer({
    tf,
    split: splitOf(over.dataset.size),
    config: config(),
    onEvent: rec.onEvent,
    readbackMs: 0,
    ...over,
  })
  return { t, rec }
}

describe('trainer: learning', () => {
  it('separates two gaussians to high accuracy in a few epochs, with the expected events', async () => {
    const dataset = gaussians(200)
    const { t, rec } = trainer({
      model: mlp(2, 8, 2),
      dataset,
      config: config({ optimizer: { type: 'adam', learningRate: 0.05 }, batchSize: 16, epochs: 4 }),
    })
    const result = await t.start()
    expect(result.status).toBe('done')
    expect(rec.of('status').map((e) => e.status)).toEqual(['running', 'done'])
    const batches = rec.of('batch')
    // readbackMs 0: one batch event per batch (140 training samples / 16 = 9 batches per epoch).
    expect(batches).toHaveLength(4 * 9)
    expect(batches[0]).toMatchObject({ epoch: 0, batch: 0, batchesPerEpoch: 9, learningRate: 0.05 })
    for (const b of batches) {
      expect(Number.isFinite(b.loss) && Number.isFinite(b.samplesPerSec) && Number.isFinite(b.etaSeconds)).toBe(true)
      expect(b.accuracy).toBeGreaterThanOrEqual(0)
    }
    expect(batches.at(-1)!.etaSeconds).toBe(0)
    const epochs = rec.of('epoch')
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3])
    expect(epochs.at(-1)!.valAccuracy).toBeGreaterThan(0.95)
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss)
    const done = rec.of('done')[0]
    expect(done.test).toMatchObject({ task: 'classification', samples: 30 })
    expect(done.test!.task === 'classification' && done.test!.accuracy).toBeGreaterThan(0.95)
    expect(result.evaluation?.task).toBe('classification')
    // Every event survives a JSON round trip unchanged (what the worker and CLI send).
    expect(JSON.parse(JSON.stringify(rec.events))).toEqual(rec.events)
  })

  it('learns XOR with a hidden layer (sigmoid output, binary cross-entropy)', async () => {
    const dataset = xor(400)
    const { t } = trainer({
      model: mlp(2, 16, 1, 'sigmoid'),
      dataset,
      config: config({
        loss: 'binaryCrossentropy',
        optimizer: { type: 'adam', learningRate: 0.05 },
        batchSize: 32,
        epochs: 25,
      }),
    })
    const result = await t.start()
    expect(result.status).toBe('done')
    expect(result.epochs.at(-1)!.valAccuracy).toBeGreaterThan(0.9)
    expect(result.evaluation?.task === 'classification' && result.evaluation.accuracy).toBeGreaterThan(0.9)
  })

  it('fits a line (regression): valMae reported, R² near 1', async () => {
    const dataset = line(200)
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] })
    const { t, rec } = trainer({
      model,
      dataset,
      config: config({
        task: 'regression',
        loss: 'meanSquaredError',
        optimizer: { type: 'sgd', learningRate: 0.3 },
        batchSize: 20,
        epochs: 15,
      }),
    })
    const result = await t.start()
    expect(result.status).toBe('done')
    const last = rec.of('epoch').at(-1)!
    expect(last.valMae).toBeLessThan(0.05)
    expect(last.accuracy).toBeUndefined()
    expect(rec.of('batch')[0].accuracy).toBeUndefined()
    const test = rec.of('done')[0].test!
    expect(test.task === 'regression' && test.r2).toBeGreaterThan(0.99)
  })

  it('applies the schedule: the learning rate of every epoch and the warm-up batches', async () => {
    const dataset = gaussians(80)
    const { t, rec } = trainer({
      model: mlp(2, 4, 2),
      dataset,
      split: splitOf(80, 0.5, 0.25),
      config: config({
        optimizer: { type: 'sgd', learningRate: 0.1 },
        schedule: { type: 'step', warmupEpochs: 1, factor: 0.5, stepEpochs: 1 },
        batchSize: 10,
        epochs: 4,
      }),
    })
    await t.start()
    const warm = rec
      .of('batch')
      .filter((b) => b.epoch === 0)
      .map((b) => b.learningRate)
    warm.forEach((rate, i) => expect(rate).toBeCloseTo((0.1 * (i + 1)) / 4, 10))
    expect(rec.of('epoch').map((e) => e.learningRate)).toEqual([0.1, 0.1, 0.05, 0.025])
  })

  it('refuses a model whose output does not match the classes, with a suggestion', async () => {
    const { t, rec } = trainer({ model: mlp(2, 4, 3), dataset: gaussians(40) })
    const result = await t.start()
    expect(result.status).toBe('error')
    expect(rec.of('error')[0]).toMatchObject({ code: 'shapeMismatch' })
    expect(rec.of('error')[0].suggestion).toMatch(/2 units/)
  })
})

describe('trainer: read-backs', () => {
  /** Counts GPU→CPU style reads (backend.read / readSync) during a training run. */
  async function readsDuring(
    batchSize: number,
  ): Promise<{ reads: number; batchEvents: number; epochLoss: number; batchLoss: number }> {
    const dataset = gaussians(200)
    const rec = recorder()
    const backend = tf.backend() as unknown as {
      read: (...a: unknown[]) => unknown
      readSync: (...a: unknown[]) => unknown
    }
    const read = backend.read
    const readSync = backend.readSync
    let reads = 0
    backend.read = function (...a: unknown[]) {
      reads++
      return read.apply(this, a)
    }
    backend.readSync = function (...a: unknown[]) {
      reads++
      return readSync.apply(this, a)
    }
    try {
      const t = createTrainer({
        tf,
        model: mlp(2, 4, 2),
        dataset,
        split: splitOf(200),
        config: config({ batchSize, epochs: 2 }),
        onEvent: rec.onEvent,
        readbackMs: 3_600_000,
      })
      await t.start()
    } finally {
      backend.read = read
      backend.readSync = readSync
    }
    return {
      reads,
      batchEvents: rec.of('batch').length,
      epochLoss: rec.of('epoch')[1].loss,
      batchLoss: rec.of('batch')[1].loss,
    }
  }

  it('with a long read-back interval the reads do not grow with the number of batches', async () => {
    const few = await readsDuring(70) // 2 batches per epoch
    const many = await readsDuring(5) // 28 batches per epoch
    expect(many.reads).toBe(few.reads)
    // One batch report per epoch (the losses read at the epoch end), averaging the whole epoch.
    expect(many.batchEvents).toBe(2)
    expect(many.batchLoss).toBeCloseTo(many.epochLoss, 5)
  })
})

describe('trainer: control', () => {
  it('pause stops before the next batch, step runs exactly one, resume continues, stop ends', async () => {
    const dataset = gaussians(200)
    const { t, rec } = trainer({
      model: mlp(2, 4, 2),
      dataset,
      config: config({ batchSize: 10, epochs: 50 }),
      yieldMs: 0,
    })
    t.pause()
    const done = t.start()
    await until(() => t.status === 'paused')
    expect(rec.of('batch')).toHaveLength(0)
    await t.step()
    expect(rec.of('batch').map((b) => [b.epoch, b.batch])).toEqual([[0, 0]])
    await t.step()
    expect(rec.of('batch').map((b) => [b.epoch, b.batch])).toEqual([
      [0, 0],
      [0, 1],
    ])
    await new Promise((r) => setTimeout(r, 20))
    expect(rec.of('batch')).toHaveLength(2)
    expect(t.status).toBe('paused')
    t.resume()
    await until(() => rec.of('batch').length >= 20)
    expect(t.status).toBe('running')
    t.stop()
    const result = await done
    expect(result.status).toBe('stopped')
    expect(rec.of('status').map((e) => e.status)).toEqual(['running', 'paused', 'running', 'stopped'])
    expect(rec.of('done')).toHaveLength(0)
    const count = rec.of('batch').length
    await new Promise((r) => setTimeout(r, 20))
    expect(rec.of('batch')).toHaveLength(count)
    expect(await t.step()).toBeUndefined()
  })

  it('abort (e.g. a lost WebGL context) restores the checkpoint and reports the reason', async () => {
    const dataset = gaussians(200)
    const model = mlp(2, 4, 2)
    const { t, rec } = trainer({
      model,
      dataset,
      config: config({ batchSize: 10, epochs: 50, optimizer: { type: 'sgd', learningRate: 0.5 } }),
      yieldMs: 0,
    })
    const done = t.start()
    await until(() => rec.of('epoch').length >= 2 && rec.of('batch').length > 2 * 14 + 3)
    t.abort('contextLost')
    const result = await done
    expect(result.status).toBe('error')
    const error = rec.of('error')[0]
    expect(error).toMatchObject({ code: 'contextLost', restored: true })
    expect(error.message).toMatch(/WebGL context lost/)
    const checkpoint = t.checkpoint!
    expect(checkpoint.epoch).toBeGreaterThanOrEqual(1)
    expect(await weightValues(model)).toEqual(checkpoint.values.map((v) => Array.from(v)))
  })
})

describe('trainer: guards', () => {
  it('a huge learning rate: stops at the first non-finite loss, names epoch and batch, restores the checkpoint', async () => {
    const dataset = line(200)
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [1], units: 8, activation: 'relu' }), tf.layers.dense({ units: 1 })],
    })
    const { t, rec } = trainer({
      model,
      dataset,
      config: config({
        task: 'regression',
        loss: 'meanSquaredError',
        optimizer: { type: 'sgd', learningRate: 1e6 },
        batchSize: 20,
        epochs: 3,
      }),
    })
    const result = await t.start()
    expect(result.status).toBe('error')
    const errors = rec.of('error')
    expect(errors).toHaveLength(1)
    const error = errors[0]
    expect(error.code).toBe('nonFiniteLoss')
    expect(error.epoch).toBe(0)
    expect(error.batch).toBeGreaterThanOrEqual(1)
    // Every batch before the bad one was reported, the bad one was not.
    expect(rec.of('batch').map((b) => b.batch)).toEqual(Array.from({ length: error.batch! }, (_, i) => i))
    expect(error.message).toMatch(new RegExp(`epoch 1, batch ${error.batch! + 1}\\.`))
    expect(error.suggestion).toMatch(/lower the learning rate \(now 1000000; try 100000\)/)
    expect(error.suggestion).toMatch(/normalise/)
    expect(error.suggestion).toMatch(/log\(0\)/)
    expect(error.suggestion).not.toMatch(/NaN or Infinity value/)
    expect(error.restored).toBe(true)
    expect(t.checkpoint!.epoch).toBe(-1)
    expect(await weightValues(model)).toEqual(t.checkpoint!.values.map((v) => Array.from(v)))
    expect(rec.of('status').at(-1)!.status).toBe('error')
  })

  it('Infinity in the data: stops in the epoch that meets it, restores the last epoch-end weights, mentions the data', async () => {
    const dataset = line(200)
    const features = dataset.features.slice()
    const poisoned = { ...dataset, features }
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] })
    const rec = recorder()
    const t = createTrainer({
      tf,
      model,
      dataset: poisoned,
      split: splitOf(200),
      config: config({
        task: 'regression',
        loss: 'meanSquaredError',
        optimizer: { type: 'sgd', learningRate: 0.1 },
        batchSize: 20,
        epochs: 4,
      }),
      readbackMs: 0,
      onEvent: (e) => {
        rec.onEvent(e)
        // Poison one training sample once epoch 1 (counting from 0) has ended.
        if (e.event === 'epoch' && e.epoch === 1) features[5] = Number.POSITIVE_INFINITY
      },
    })
    const result = await t.start()
    expect(result.status).toBe('error')
    const error = rec.of('error')[0]
    expect(error).toMatchObject({ code: 'nonFiniteLoss', epoch: 2, restored: true })
    expect(error.suggestion).toMatch(/the training data holds 1 NaN or Infinity value/)
    expect(rec.of('epoch')).toHaveLength(2)
    expect(t.checkpoint!.epoch).toBe(1)
    expect(await weightValues(model)).toEqual(t.checkpoint!.values.map((v) => Array.from(v)))
    expect((await weightValues(model)).flat().every(Number.isFinite)).toBe(true)
  })

  it('NaN weights after the last batch of an epoch are caught at the epoch end', async () => {
    const dataset = gaussians(40)
    const model = mlp(2, 4, 2)
    const features = dataset.features.slice()
    const poisoned = { ...dataset, features }
    // An Infinity input gives tanh(±∞) = ±1 (a finite loss) but a NaN gradient: the weights
    // break without the loss showing it. No validation split to notice it either.
    features[0] = Number.POSITIVE_INFINITY
    const split = {
      train: Int32Array.from({ length: 40 }, (_, i) => i),
      validation: new Int32Array(0),
      test: new Int32Array(0),
    }
    const rec = recorder()
    const t = createTrainer({
      tf,
      model,
      dataset: poisoned,
      split,
      config: config({ batchSize: 40, epochs: 2 }),
      onEvent: rec.onEvent,
      readbackMs: 0,
    })
    const result = await t.start()
    expect(result.status).toBe('error')
    const error = rec.of('error')[0]
    expect(error).toMatchObject({ code: 'nonFiniteLoss', epoch: 0, batch: 0, restored: true })
    expect(error.message).toMatch(/weights became NaN/)
    expect(t.checkpoint!.epoch).toBe(-1)
    expect((await weightValues(model)).flat().every(Number.isFinite)).toBe(true)
  })

  it('leaves the tensor count flat across epochs (checkLeaks on: no warning)', async () => {
    const dataset = gaussians(120)
    const counts: number[] = []
    const model = mlp(2, 4, 2)
    const rec = recorder()
    const t = createTrainer({
      tf,
      model,
      dataset,
      split: splitOf(120),
      config: config({ batchSize: 16, epochs: 5, optimizer: { type: 'adam', learningRate: 0.01 } }),
      readbackMs: 0,
      checkLeaks: true,
      onEvent: (e) => {
        rec.onEvent(e)
        if (e.event === 'epoch') counts.push(tf.memory().numTensors)
      },
    })
    const before = tf.memory().numTensors
    await t.start()
    expect(new Set(counts.slice(1)).size).toBe(1)
    expect(counts[1]).toBe(counts[0])
    expect(rec.of('warning')).toHaveLength(0)
    // After training, only what the model owns is left: the optimizer was disposed.
    expect(tf.memory().numTensors).toBe(before)
  })

  it('checkLeaks warns when something leaks tensors every epoch', async () => {
    const dataset = gaussians(60)
    const rec = recorder()
    const leaked: tf.Tensor[] = []
    const t = createTrainer({
      tf,
      model: mlp(2, 4, 2),
      dataset,
      split: splitOf(60),
      config: config({ batchSize: 16, epochs: 3 }),
      readbackMs: 0,
      checkLeaks: true,
      onEvent: (e) => {
        rec.onEvent(e)
        if (e.event === 'epoch') leaked.push(tf.zeros([1]))
      },
    })
    await t.start()
    tf.dispose(leaked)
    const warnings = rec.of('warning')
    expect(warnings.length).toBeGreaterThanOrEqual(1)
    expect(warnings[0]).toMatchObject({ code: 'tensorLeak' })
  })
})

describe('trainer: early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    // The validation samples carry flipped labels: the better the model learns, the worse
    // its validation loss, so the best epoch is the first.
    const base = gaussians(200)
    const split = splitOf(200)
    const labels = base.labels.slice() as Int32Array
    for (const i of split.validation) labels[i] = 1 - labels[i]
    const dataset = { ...base, labels }
    const model = mlp(2, 8, 2)
    const rec = recorder()
    const snapshots: number[][][] = []
    const t = createTrainer({
      tf,
      model,
      dataset,
      split,
      config: config({
        optimizer: { type: 'adam', learningRate: 0.05 },
        batchSize: 10,
        epochs: 40,
        earlyStopping: { enabled: true, patience: 2, monitor: 'val_loss' },
      }),
      readbackMs: 0,
      onEvent: (e) => {
        rec.onEvent(e)
        if (e.event === 'epoch') snapshots.push(model.getWeights().map((w) => Array.from(w.dataSync())))
      },
    })
    const result = await t.start()
    expect(result.status).toBe('done')
    const epochs = rec.of('epoch')
    const done = rec.of('done')[0]
    expect(done.reason).toBe('earlyStopping')
    const losses = epochs.map((e) => e.valLoss)
    const bestEpoch = losses.indexOf(Math.min(...losses))
    expect(done.bestEpoch).toBe(bestEpoch)
    expect(epochs.length - 1 - bestEpoch).toBe(2)
    expect(epochs.length).toBeLessThan(40)
    expect(await weightValues(model)).toEqual(snapshots[bestEpoch])
    expect(await weightValues(model)).not.toEqual(snapshots.at(-1))
  })
})

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 1))
  }
}
