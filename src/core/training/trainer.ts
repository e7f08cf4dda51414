import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset, DatasetSplit } from '../data/dataset'
import { createRng, shuffleInPlace } from '../data/random'
import type { Tf } from '../layers/kind'
import { batchCount } from './batches'
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './checkpoint'
import type { Monitor, Task, TrainingConfig } from './config'
import type { Evaluation } from './evaluate'
import type { EndReason, EpochEvent, ErrorEvent, SamplesPayload, TaskMetrics, TestSummary, TrainerStatus, TrainingErrorCode, TrainingEvent } from './events'
import { abortError, codeForException, countNonFinite, nonFiniteLossError } from './guards'
import { learningRateAt } from './schedules'
import { createTask, trainerTask } from './tasks/index'
import type { TaskGraph, TrainingTask } from './tasks/task'

export interface TrainerOptions {
  /** The tfjs namespace with its backend already chosen (WebGL in the worker, CPU or node in the CLI). */
  tf: Tf
  /**
   * The compiled document model (compileModel's result). Classification and regression want
   * one input and one output; the other tasks find their parts in it through `graph`.
   */
  model: tfjs.LayersModel
  /**
   * The document and compileModel's maps (`layerNames`, `inputs`, `outputs`): required for a
   * GAN (its groups and noise Input) and diffusion (its timestep Input); lets an autoencoder
   * find its encoder group. Classification and regression ignore it.
   */
  graph?: TaskGraph
  dataset: Dataset
  split: DatasetSplit
  config: TrainingConfig
  /**
   * The task. Default: the config's when it is a generative one (autoencoder, gan, diffusion,
   * languageModel), else the dataset's (which decides how its labels are stored).
   */
  task?: Task
  onEvent: (event: TrainingEvent) => void
  /** Milliseconds; defaults to performance.now() or Date.now(). */
  clock?: () => number
  /**
   * Read the recent batches' losses back from the device at most this often (ms). Every read
   * is a GPU→CPU sync, so the worker keeps the default 200; the CLI and tests may pass 0 to
   * read (and report) every batch.
   */
  readbackMs?: number
  /** Give the event loop a turn at most this often (ms), so pause/stop messages arrive. Default 50. */
  yieldMs?: number
  /** How to give the event loop a turn: a macrotask. Defaults to globalThis.setTimeout(…, 0). */
  yieldToHost?: () => Promise<void>
  /** Caps the batches per epoch (quick smoke runs). */
  maxBatchesPerEpoch?: number
  /** Debug: compare tf.memory().numTensors at each epoch end and warn when it grows. */
  checkLeaks?: boolean
  /** Batch size for validation and test (inference only). Default: up to 256, by sample size. */
  evaluationBatchSize?: number
}

export interface TrainingResult {
  status: 'done' | 'stopped' | 'error'
  epochs: EpochEvent[]
  /** Classification and regression: the full test evaluation when training finished (status 'done') and the test split is not empty. */
  evaluation?: Evaluation
  /** The final metrics (the done event's `test`), for every task. */
  summary?: TestSummary
  /** The last previews of a generative task. */
  samples?: SamplesPayload[]
  error?: ErrorEvent
}

export interface Trainer {
  /** Runs the training; resolves when it is done, stopped or failed (never rejects). Idempotent. */
  start(): Promise<TrainingResult>
  /** Pauses before the next batch; the 'paused' status event says when it is effective. */
  pause(): void
  resume(): void
  /** Ends after the current batch; keeps the weights as they are. */
  stop(): void
  /** While paused: runs one batch, reports it, and stays paused. Resolves when the batch is done. */
  step(): Promise<void>
  /**
   * Ends after the current batch because something outside went wrong (the worker's WebGL
   * context was lost, …): restores the last checkpoint and reports an error with `code`.
   */
  abort(code: TrainingErrorCode, detail?: string): void
  /**
   * Puts the last checkpoint (the weights at the last good epoch end, or before training)
   * into `model` (default: the trained one; after a context loss, a rebuilt one).
   * False when there is no checkpoint yet.
   */
  restoreCheckpoint(model?: tfjs.LayersModel): boolean
  readonly status: TrainerStatus
  /**
   * The last checkpoint, in host memory: every weight of the compiled document model, so of
   * every model of the task (a GAN's generator and discriminator share its layers).
   */
  readonly checkpoint: WeightSnapshot | null
  readonly epochs: readonly EpochEvent[]
  /** The task being trained (its models and its `samples()`), once start() has built it. */
  readonly task: TrainingTask | null
}

interface PendingBatch {
  epoch: number
  batch: number
  size: number
  learningRate: number
  loss: tfjs.Scalar
  metrics: tfjs.Scalar[]
}

interface Failure {
  error: ErrorEvent
}

const defaultClock = (): number => (globalThis.performance ? globalThis.performance.now() : Date.now())

const defaultYield = (): Promise<void> => new Promise((resolve) => globalThis.setTimeout(resolve, 0))

/** Lower is better for losses, higher for accuracy. */
const improves = (monitor: Monitor, value: number, best: number) =>
  monitor === 'val_accuracy' ? value > best : value < best

export function createTrainer(options: TrainerOptions): Trainer {
  const { tf, model, dataset, split, config } = options
  const taskId = trainerTask(options.task, config, dataset)
  const clock = options.clock ?? defaultClock
  const readbackMs = options.readbackMs ?? 200
  const yieldMs = options.yieldMs ?? 50
  const yieldToHost = options.yieldToHost ?? defaultYield

  let status: TrainerStatus = 'idle'
  let running: Promise<TrainingResult> | null = null
  let checkpoint: WeightSnapshot | null = null
  let task: TrainingTask | null = null
  const epochs: EpochEvent[] = []

  // Control flags, set by the host between batches.
  let pauseRequested = false
  let stopRequested = false
  let abortRequest: { code: TrainingErrorCode; detail?: string } | null = null
  let stepsQueued = 0
  let stepWaiters: (() => void)[] = []
  let wake: (() => void) | null = null

  const emit = (event: TrainingEvent) => options.onEvent(event)
  const setStatus = (next: TrainerStatus) => {
    if (status === next) return
    status = next
    emit({ event: 'status', status: next })
  }
  const nudge = () => {
    const resume = wake
    wake = null
    resume?.()
  }
  const releaseSteppers = () => {
    const waiters = stepWaiters
    stepWaiters = []
    for (const done of waiters) done()
  }

  async function run(): Promise<TrainingResult> {
    const made = createTask(taskId, { tf, model, dataset, split, config, graph: options.graph, evaluationBatchSize: options.evaluationBatchSize })
    if (!made.ok) return fail(made.error)
    if (split.train.length === 0) {
      made.task.dispose()
      return fail({ event: 'error', code: 'emptyDataset', message: 'The training split is empty.', suggestion: 'Give the training split a larger share, or load more data.' })
    }
    const current = made.task
    task = current
    setStatus('running')

    const batchSize = config.batchSize
    const perEpoch = Math.min(batchCount(split.train.length, batchSize), options.maxBatchesPerEpoch ?? Number.POSITIVE_INFINITY)
    const totalBatches = perEpoch * config.epochs
    const base = config.optimizer.learningRate
    const rateAt = (epoch: number, batch: number) =>
      learningRateAt(config.schedule, base, { epoch, epochs: config.epochs, batch, batchesPerEpoch: perEpoch })
    current.setLearningRate(rateAt(0, 0))
    const rng = createRng(config.seed)
    const order = Int32Array.from(split.train)
    // Counted only when something went wrong, to tailor the advice.
    const badInputs = () => (dataset.inputDtype === 'float32' ? countNonFinite(dataset.features) : 0)
    const metricNames = current.metricNames
    const zeros = () => metricNames.map(() => 0)

    let monitor: Monitor = config.earlyStopping.monitor
    if (config.earlyStopping.enabled && monitor !== 'loss' && split.validation.length === 0) {
      monitor = 'loss'
      emit({ event: 'warning', code: 'noValidation', message: 'The validation split is empty, so early stopping watches the training loss.' })
    }
    if (monitor === 'val_accuracy' && !current.hasAccuracy) monitor = 'val_loss'

    let pending: PendingBatch[] = []
    let failure: Failure | null = null
    let endReason: EndReason = 'completed'
    let best: { value: number; snapshot: WeightSnapshot } | null = null
    let sinceBest = 0
    let tensorBaseline: number | null = null
    let rateEma = 0
    let lastRead = clock()
    let lastYield = clock()
    let recent = { start: clock(), samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
    let epochTotals = { lossSum: 0, sums: zeros(), samples: 0 }
    let where: { epoch?: number; batch?: number } = {}
    let lastRate = rateAt(0, 0)
    let lastSamples: SamplesPayload[] | undefined
    let batchesDone = 0

    /** The means of the task's metrics as event fields (accuracy, dLoss, …). */
    const metricFields = (sums: number[], samples: number): TaskMetrics =>
      Object.fromEntries(metricNames.map((name, i) => [name, sums[i] / Math.max(1, samples)])) as TaskMetrics

    /** Reads every pending loss and metric in one transfer, checks them, reports progress, frees them. */
    async function readBack(): Promise<void> {
      if (pending.length === 0) return
      const batches = pending
      pending = []
      const scalars = [...batches.map((p) => p.loss), ...batches.flatMap((p) => p.metrics)]
      const packed = tf.stack(scalars)
      tf.dispose(scalars)
      let values: Float32Array | Int32Array | Uint8Array
      try {
        values = await packed.data()
      } finally {
        packed.dispose()
      }
      lastRead = clock()
      const m = metricNames.length
      for (let i = 0; i < batches.length; i++) {
        const p = batches[i]
        const loss = values[i]
        if (!Number.isFinite(loss)) {
          failure = {
            error: nonFiniteLossError({ loss, epoch: p.epoch, batch: p.batch, learningRate: p.learningRate, badInputValues: badInputs(), restored: false }),
          }
          return
        }
        recent.lossSum += loss * p.size
        recent.samples += p.size
        recent.batches++
        epochTotals.lossSum += loss * p.size
        epochTotals.samples += p.size
        for (let k = 0; k < m; k++) {
          const value = values[batches.length + i * m + k] * p.size
          recent.sums[k] += value
          epochTotals.sums[k] += value
        }
      }
      const last = batches[batches.length - 1]
      const now = clock()
      const seconds = Math.max(1e-6, (now - recent.start) / 1000)
      const rate = recent.samples / seconds
      rateEma = rateEma === 0 ? rate : 0.7 * rateEma + 0.3 * rate
      const remaining = totalBatches - (last.epoch * perEpoch + last.batch + 1)
      emit({
        event: 'batch',
        epoch: last.epoch,
        batch: last.batch,
        batchesPerEpoch: perEpoch,
        loss: recent.lossSum / recent.samples,
        ...metricFields(recent.sums, recent.samples),
        learningRate: last.learningRate,
        samplesPerSec: rate,
        etaSeconds: rateEma > 0 ? (remaining * batchSize) / rateEma : 0,
      })
      recent = { start: now, samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
    }

    /** Waits while paused; false when training must end (stop or abort). */
    async function gate(): Promise<boolean> {
      for (;;) {
        if (abortRequest) return false
        if (stopRequested) {
          await readBack()
          return false
        }
        if (!pauseRequested) {
          setStatus('running')
          return true
        }
        if (stepsQueued > 0) {
          stepsQueued--
          return true
        }
        if (status !== 'paused') {
          await readBack()
          if (failure) return false
          setStatus('paused')
        }
        releaseSteppers()
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        recent = { ...recent, start: clock(), samples: 0, lossSum: 0, sums: zeros(), batches: 0 }
      }
    }

    function trainBatch(epoch: number, batch: number): PendingBatch {
      const learningRate = rateAt(epoch, batch)
      current.setLearningRate(learningRate)
      lastRate = learningRate
      const start = batch * batchSize
      const end = Math.min(order.length, start + batchSize)
      const { loss, metrics, size } = current.trainStep(order.subarray(start, end))
      return { epoch, batch, size, learningRate, loss, metrics }
    }

    async function showSamples(epoch: number, batch: number): Promise<void> {
      const payloads = await current.samples()
      if (payloads.length === 0) return
      lastSamples = payloads
      for (const samples of payloads) emit({ event: 'samples', epoch, batch, samples })
    }

    try {
      checkpoint = await snapshotWeights(current.root, -1)
      training: for (let epoch = 0; epoch < config.epochs; epoch++) {
        const epochStart = clock()
        shuffleInPlace(order, rng)
        epochTotals = { lossSum: 0, sums: zeros(), samples: 0 }
        for (let batch = 0; batch < perEpoch; batch++) {
          if (!(await gate())) break training
          where = { epoch, batch }
          const stepping = pauseRequested
          pending.push(trainBatch(epoch, batch))
          batchesDone++
          const sampling = current.sampleEvery !== null && current.sampleEvery > 0 && batchesDone % current.sampleEvery === 0
          if (sampling || stepping || readbackMs <= 0 || clock() - lastRead >= readbackMs) await readBack()
          if (failure) break training
          if (sampling) await showSamples(epoch, batch)
          if (stepping) stepWaiters.shift()?.()
          if (clock() - lastYield >= yieldMs) {
            await yieldToHost()
            lastYield = clock()
          }
        }
        await readBack()
        if (failure) break
        const val = await current.validate(split.validation)
        if (split.validation.length > 0 && !Number.isFinite(val.loss)) {
          failure = {
            error: nonFiniteLossError({ loss: val.loss, epoch, batch: perEpoch - 1, learningRate: lastRate, badInputValues: badInputs(), restored: false }),
          }
          break
        }
        const trainLoss = epochTotals.lossSum / Math.max(1, epochTotals.samples)
        const event: EpochEvent = {
          event: 'epoch',
          epoch,
          loss: trainLoss,
          ...metricFields(epochTotals.sums, epochTotals.samples),
          valLoss: val.loss,
          ...(val.accuracy !== undefined ? { valAccuracy: val.accuracy } : {}),
          ...(val.mae !== undefined ? { valMae: val.mae } : {}),
          learningRate: lastRate,
          seconds: (clock() - epochStart) / 1000,
        }
        const snapshot = await snapshotWeights(current.root, epoch)
        // The last batch's update can poison the weights after its loss was read: check them too.
        if (snapshot.values.some((v) => countNonFinite(v) > 0)) {
          failure = {
            error: nonFiniteLossError({ loss: Number.NaN, subject: 'weights', epoch, batch: perEpoch - 1, learningRate: lastRate, badInputValues: badInputs(), restored: false }),
          }
          break
        }
        epochs.push(event)
        emit(event)
        checkpoint = snapshot
        if (current.sampleEvery !== null) await showSamples(epoch, perEpoch - 1)

        if (options.checkLeaks) {
          const count = tf.memory().numTensors
          if (tensorBaseline === null) tensorBaseline = count
          else if (count > tensorBaseline) {
            emit({
              event: 'warning',
              code: 'tensorLeak',
              message: `The tensor count grew from ${tensorBaseline} to ${count} by the end of epoch ${epoch + 1}.`,
              epoch,
            })
            tensorBaseline = count
          }
        }

        if (config.earlyStopping.enabled) {
          const value = monitor === 'loss' ? event.loss : monitor === 'val_accuracy' ? (event.valAccuracy ?? 0) : event.valLoss
          if (best === null || improves(monitor, value, best.value)) {
            best = { value, snapshot: checkpoint }
            sinceBest = 0
          } else if (++sinceBest >= config.earlyStopping.patience) {
            endReason = 'earlyStopping'
            break
          }
        }
      }
    } catch (error) {
      const code = codeForException(error)
      failure = { error: abortError(code, String((error as Error)?.message ?? error), false, where) }
    } finally {
      tf.dispose(pending.flatMap((p) => [p.loss, ...p.metrics]))
      pending = []
      current.dispose()
    }

    const failed = failure as Failure | null
    if (failed || abortRequest) {
      const restored = restoreSafely()
      const error = failed
        ? { ...failed.error, restored, message: withRestoreNote(failed.error.message, restored) }
        : abortError(abortRequest!.code, abortRequest!.detail, restored, where)
      return fail(error)
    }
    if (stopRequested) {
      setStatus('stopped')
      releaseSteppers()
      return { status: 'stopped', epochs, ...(lastSamples ? { samples: lastSamples } : {}) }
    }

    let bestEpoch: number | undefined
    if (best !== null) {
      const chosen = best as { value: number; snapshot: WeightSnapshot }
      bestEpoch = chosen.snapshot.epoch
      if (chosen.snapshot.epoch !== epochs.length - 1) restoreWeights(tf, current.root, chosen.snapshot)
      checkpoint = chosen.snapshot
    }
    let evaluation: Evaluation | undefined
    let summary: TestSummary | undefined
    try {
      // Label tasks evaluate the test split only; generative ones always report their final metrics.
      const labelTask = current.id === 'classification' || current.id === 'regression'
      const indices = split.test.length > 0 ? split.test : labelTask ? null : split.train
      if (indices) {
        const evaluated = await current.evaluate(indices)
        evaluation = evaluated.evaluation
        summary = evaluated.summary
      }
    } catch (error) {
      return fail(abortError(codeForException(error), String((error as Error)?.message ?? error), false, {}))
    }
    emit({
      event: 'done',
      reason: endReason,
      epochs: epochs.length,
      ...(bestEpoch !== undefined ? { bestEpoch } : {}),
      test: summary ?? null,
    })
    setStatus('done')
    releaseSteppers()
    return { status: 'done', epochs, evaluation, ...(summary ? { summary } : {}), ...(lastSamples ? { samples: lastSamples } : {}) }
  }

  function withRestoreNote(message: string, restored: boolean): string {
    const note = ' The weights were put back to the last good checkpoint.'
    return restored && !message.endsWith(note) ? message + note : message
  }

  function restoreSafely(): boolean {
    try {
      return restoreCheckpoint()
    } catch {
      // A lost context can make even this fail; the worker restores into a rebuilt model.
      return false
    }
  }

  function fail(error: ErrorEvent): TrainingResult {
    emit(error)
    setStatus('error')
    releaseSteppers()
    return { status: 'error', epochs, error }
  }

  function restoreCheckpoint(target: tfjs.LayersModel = model): boolean {
    if (!checkpoint) return false
    restoreWeights(tf, target, checkpoint)
    return true
  }

  return {
    start() {
      running ??= run()
      return running
    },
    pause() {
      if (status === 'idle' || status === 'running' || status === 'paused') pauseRequested = true
    },
    resume() {
      pauseRequested = false
      stepsQueued = 0
      nudge()
    },
    stop() {
      stopRequested = true
      nudge()
    },
    step() {
      if (!pauseRequested || status === 'done' || status === 'stopped' || status === 'error') return Promise.resolve()
      stepsQueued++
      const done = new Promise<void>((resolve) => stepWaiters.push(resolve))
      nudge()
      return done
    },
    abort(code, detail) {
      if (status === 'done' || status === 'stopped' || status === 'error') return
      abortRequest = { code, detail }
      nudge()
    },
    restoreCheckpoint,
    get status() {
      return status
    },
    get checkpoint() {
      return checkpoint
    },
    get epochs() {
      return epochs
    },
    get task() {
      return task
    },
  }
}
