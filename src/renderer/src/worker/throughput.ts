import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../../../core/compile/compile'
import { featureSize, type Dataset, type DatasetSplit } from '../../../core/data/dataset'
import type { ProjectDocument } from '../../../core/document/types'
import type { TrainingEvent } from '../../../core/training/events'
import { createTrainer } from '../../../core/training/trainer'
import type { BenchModelResult } from './protocol'

/**
 * The training-throughput bench: the app's trainer against a hand-written tfjs `model.fit` on
 * the same model, data, batch size and backend, in one run. Used by the worker (WebGL in the
 * browser) and by bench/train-throughput.mjs (CPU in Node). tfjs is passed in.
 */

type Tf = typeof tfjs

export interface ThroughputOptions {
  tf: Tf
  name: string
  document: ProjectDocument
  /** A classification dataset, already normalised as the project says. */
  dataset: Dataset
  batchSize: number
  warmupBatches: number
  timedBatches: number
  leakEpochs: number
  leakBatches: number
  clock?: () => number
  yieldToHost?: () => Promise<void>
}

const now = () => performance.now()

function build(tf: Tf, document: ProjectDocument): tfjs.LayersModel {
  const compiled = compileModel(tf, document)
  if (!compiled.ok) throw new Error(`${document.name}: ${compiled.message}`)
  return compiled.model
}

const range = (start: number, count: number) => Int32Array.from({ length: count }, (_, i) => start + i)
const EMPTY = new Int32Array(0)

export async function measureThroughput(options: ThroughputOptions): Promise<BenchModelResult> {
  const { tf, document, dataset, batchSize, warmupBatches, timedBatches } = options
  const clock = options.clock ?? now
  const samples = (warmupBatches + timedBatches) * batchSize
  if (samples > dataset.size) throw new Error(`the bench needs ${samples} samples, the dataset has ${dataset.size}`)
  const config = {
    ...document.training,
    batchSize,
    epochs: 1,
    earlyStopping: { ...document.training.earlyStopping, enabled: false },
  }
  const split = (start: number, count: number): DatasetSplit => ({
    train: range(start, count),
    validation: EMPTY,
    test: EMPTY,
  })
  const trainerRun = async (
    model: tfjs.LayersModel,
    data: DatasetSplit,
    extra: { maxBatchesPerEpoch: number; epochs?: number; readbackMs?: number; onEvent?: (e: TrainingEvent) => void },
  ) => {
    const trainer = createTrainer({
      tf,
      model,
      dataset,
      split: data,
      config: { ...config, epochs: extra.epochs ?? 1 },
      onEvent: extra.onEvent ?? (() => undefined),
      readbackMs: extra.readbackMs,
      maxBatchesPerEpoch: extra.maxBatchesPerEpoch,
      yieldToHost: options.yieldToHost,
    })
    const result = await trainer.start()
    if (result.status !== 'done') throw new Error(`trainer: ${result.error?.message ?? result.status}`)
  }

  // ── The app's trainer ────────────────────────────────────────────────────────────────────
  const model = build(tf, document)
  const params = model.countParams()
  let firstBatch = 0
  const t0 = clock()
  // Warm-up (shader compilation, optimizer slots); reads after every batch to time the first.
  await trainerRun(model, split(0, warmupBatches * batchSize), {
    maxBatchesPerEpoch: warmupBatches,
    readbackMs: 0,
    onEvent: (e) => {
      if (e.event === 'batch' && firstBatch === 0) firstBatch = clock() - t0
    },
  })
  const t1 = clock()
  await trainerRun(model, split(warmupBatches * batchSize, timedBatches * batchSize), {
    maxBatchesPerEpoch: timedBatches,
  })
  const trainerSeconds = (clock() - t1) / 1000

  // Tensor growth: the count at each epoch end must stay put.
  const tensorsPerEpoch: number[] = []
  const leakSamples = Math.min(dataset.size, options.leakBatches * batchSize)
  await trainerRun(model, split(0, leakSamples), {
    maxBatchesPerEpoch: options.leakBatches,
    epochs: options.leakEpochs,
    onEvent: (e) => {
      if (e.event === 'epoch') tensorsPerEpoch.push(tf.memory().numTensors)
    },
  })
  model.dispose()

  // ── A hand-written model.fit, as a tfjs user would write it ──────────────────────────────
  const fitModel = build(tf, document)
  const classes = dataset.classNames?.length ?? 2
  const inputShape = (fitModel.inputs[0].shape.slice(1) as (number | null)[]).map((d, i) => d ?? dataset.inputShape[i])
  const size = featureSize(dataset)
  const tensors = (start: number, count: number) =>
    tf.tidy(() => {
      const x = tf.tensor(
        dataset.features.slice(start * size, (start + count) * size),
        [count, ...inputShape],
        dataset.inputDtype,
      )
      const y = tf
        .oneHot(tf.tensor1d(Int32Array.from(dataset.labels.subarray(start, start + count)), 'int32'), classes)
        .toFloat()
      return [x, y] as const
    })
  fitModel.compile({
    optimizer: tf.train.adam(config.optimizer.learningRate, config.optimizer.beta1, config.optimizer.beta2),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  })
  const [wx, wy] = tensors(0, warmupBatches * batchSize)
  const [tx, ty] = tensors(warmupBatches * batchSize, timedBatches * batchSize)
  let fitFirst = 0
  const f0 = clock()
  await fitModel.fit(wx, wy, {
    batchSize,
    epochs: 1,
    callbacks: {
      onBatchEnd: async () => {
        if (fitFirst === 0) fitFirst = clock() - f0
      },
    },
  })
  const f1 = clock()
  await fitModel.fit(tx, ty, { batchSize, epochs: 1 })
  const fitSeconds = (clock() - f1) / 1000
  tf.dispose([wx, wy, tx, ty])
  fitModel.optimizer.dispose()
  fitModel.dispose()

  const trainerSamplesPerSec = (timedBatches * batchSize) / trainerSeconds
  const fitSamplesPerSec = (timedBatches * batchSize) / fitSeconds
  return {
    name: options.name,
    params,
    trainerSamplesPerSec,
    fitSamplesPerSec,
    ratio: trainerSamplesPerSec / fitSamplesPerSec,
    trainerFirstBatchMs: firstBatch,
    fitFirstBatchMs: fitFirst,
    tensorGrowth: tensorsPerEpoch.length > 1 ? tensorsPerEpoch[tensorsPerEpoch.length - 1] - tensorsPerEpoch[0] : 0,
    tensorsPerEpoch,
  }
}
