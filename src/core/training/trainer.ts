import type * as tfjs from '@tensorflow/tfjs'
import { createRng, shuffleInPlace } from '../data/random'
import { withRandomSource } from './random-source'
import { batchCount } from './batches'
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './checkpoint'
import { createEarlyStopping, resolveMonitor } from './early-stopping'
import type { Evaluation } from './evaluate'
import type {
  EndReason,
  EpochEvent,
  ErrorEvent,
  SamplesPayload,
  TestSummary,
  TrainerStatus,
  TrainingErrorCode,
  TrainingEvent,
} from './events'
import { abortError, codeForException, countNonFinite, nonFiniteLossError } from './guards'
import { createProgress } from './progress'
import { firstOf, runLimits } from './run-limits'
import { learningRateAt } from './schedules'
import { createTask, learnsLabels, trainerTask } from './tasks/index'
import type { TrainingTask } from './tasks/task'
import type { Trainer, TrainerOptions, TrainingResult } from './trainer-api'

export type { Trainer, TrainerOptions, TrainingResult } from './trainer-api'

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

export function createTrainer(options: TrainerOptions): Trainer {
  const { tf, model, dataset, split, config } = options
  const taskId = trainerTask(options.task, config, dataset)
  const clock = options.clock ?? defaultClock
  const readbackMs = options.readbackMs ?? 200
  const yieldMs = options.yieldMs ?? 50
  const previewEveryMs = options.previewEveryMs ?? 0
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
    const made = createTask(taskId, {
      tf,
      model,
      dataset,
      split,
      config,
      graph: options.graph,
      evaluationBatchSize: options.evaluationBatchSize,
    })
    if (!made.ok) return fail(made.error)
    if (split.train.length === 0) {
      made.task.dispose()
      return fail({
        event: 'error',
        code: 'emptyDataset',
        message: 'The training split is empty.',
        suggestion: 'Give the training split a larger share, or load more data.',
      })
    }
    const current = made.task
    task = current
    setStatus('running')

    const batchSize = config.batchSize
    const limits = runLimits(options, batchCount(split.train.length, batchSize), batchSize)
    const perEpoch = limits.batchesPerEpoch
    const totalBatches = perEpoch * config.epochs
    const base = config.optimizer.learningRate
    const rateAt = (epoch: number, batch: number) =>
      learningRateAt(config.schedule, base, { epoch, epochs: config.epochs, batch, batchesPerEpoch: perEpoch })
    current.setLearningRate(rateAt(0, 0))
    const rng = createRng(config.seed)
    // A second stream for the dropout masks, so adding dropout does not change the data order.
    const maskRng = createRng(config.seed ^ 0x6d61736b)
    const order = Int32Array.from(split.train)
    // Counted only when something went wrong, to tailor the advice.
    const badInputs = () => (dataset.inputDtype === 'float32' ? countNonFinite(dataset.features) : 0)
    const metricNames = current.metricNames

    const { monitor, noValidation } = resolveMonitor(config, split.validation.length > 0, current.hasAccuracy)
    if (noValidation) {
      emit({
        event: 'warning',
        code: 'noValidation',
        message: 'The validation split is empty, so early stopping watches the training loss.',
      })
    }
    const earlyStopping = createEarlyStopping(monitor, config.earlyStopping.patience)

    let pending: PendingBatch[] = []
    let failure: Failure | null = null
    let endReason: EndReason = 'completed'
    let tensorBaseline: number | null = null
    let lastRead = clock()
    let lastYield = clock()
    const progress = createProgress(metricNames, clock)
    let where: { epoch?: number; batch?: number } = {}
    let lastRate = rateAt(0, 0)
    let lastSamples: SamplesPayload[] | undefined
    let batchesDone = 0
    let lastPreview = clock()

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
            error: nonFiniteLossError({
              loss,
              epoch: p.epoch,
              batch: p.batch,
              learningRate: p.learningRate,
              badInputValues: badInputs(),
              restored: false,
            }),
          }
          return
        }
        progress.add(p.size, loss, values, batches.length + i * m)
      }
      const last = batches[batches.length - 1]
      const remaining = totalBatches - (last.epoch * perEpoch + last.batch + 1)
      emit(progress.batchEvent(last, perEpoch, remaining, batchSize))
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
        progress.restartWindow()
      }
    }

    function trainBatch(epoch: number, batch: number): PendingBatch {
      const learningRate = rateAt(epoch, batch)
      current.setLearningRate(learningRate)
      lastRate = learningRate
      const start = batch * batchSize
      const end = Math.min(order.length, start + batchSize)
      const indices = order.subarray(start, end)
      // Outside the seeded random source: a probe draws no dropout mask from the run's stream.
      const probe = options.batchProbe?.due() ? options.batchProbe : null
      probe?.before(indices, { epoch, batch: batchesDone })
      const { loss, metrics, size } = withRandomSource(maskRng.next, () => current.trainStep(indices))
      probe?.after()
      return { epoch, batch, size, learningRate, loss, metrics }
    }

    async function showSamples(epoch: number, batch: number): Promise<void> {
      const payloads = await current.samples({ quick: limits.quickPreviews })
      if (payloads.length === 0) return
      lastSamples = payloads
      for (const samples of payloads) emit({ event: 'samples', epoch, batch, samples })
      // Measured after drawing, so a slow preview still leaves previewEveryMs of training between two.
      lastPreview = clock()
    }

    /**
     * Mid-epoch previews (tasks with sampleEvery > 0, e.g. a GAN's fixed-noise grid): after the
     * first batch, so there is a picture at once instead of after sampleEvery batches (minutes on
     * a slow GPU); then every sampleEvery batches, and every previewEveryMs as well.
     */
    function previewDue(): boolean {
      const every = current.sampleEvery
      if (limits.quickPreviews || every === null || every <= 0) return false
      return (
        batchesDone === 1 ||
        batchesDone % every === 0 ||
        (previewEveryMs > 0 && clock() - lastPreview >= previewEveryMs)
      )
    }

    try {
      checkpoint = await snapshotWeights(current.root, -1)
      training: for (let epoch = 0; epoch < config.epochs; epoch++) {
        const epochStart = clock()
        shuffleInPlace(order, rng)
        progress.startEpoch()
        for (let batch = 0; batch < perEpoch; batch++) {
          if (!(await gate())) break training
          where = { epoch, batch }
          const stepping = pauseRequested
          pending.push(trainBatch(epoch, batch))
          batchesDone++
          const sampling = previewDue()
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
        const val = await current.validate(firstOf(split.validation, limits.evaluationSamples))
        if (split.validation.length > 0 && !Number.isFinite(val.loss)) {
          failure = {
            error: nonFiniteLossError({
              loss: val.loss,
              epoch,
              batch: perEpoch - 1,
              learningRate: lastRate,
              badInputValues: badInputs(),
              restored: false,
            }),
          }
          break
        }
        const event: EpochEvent = {
          event: 'epoch',
          epoch,
          ...progress.epochMeans(),
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
            error: nonFiniteLossError({
              loss: Number.NaN,
              subject: 'weights',
              epoch,
              batch: perEpoch - 1,
              learningRate: lastRate,
              badInputValues: badInputs(),
              restored: false,
            }),
          }
          break
        }
        epochs.push(event)
        emit(event)
        checkpoint = snapshot
        const stopEarly = config.earlyStopping.enabled && earlyStopping.observe(event, checkpoint)
        const lastEpoch = stopEarly || epoch === config.epochs - 1
        if (current.sampleEvery !== null && (!limits.quickPreviews || lastEpoch)) await showSamples(epoch, perEpoch - 1)

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

        if (stopEarly) {
          endReason = 'earlyStopping'
          break
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
    const best = earlyStopping.best
    if (best !== null) {
      bestEpoch = best.epoch
      if (best.epoch !== epochs.length - 1) restoreWeights(tf, current.root, best)
      checkpoint = best
    }
    let evaluation: Evaluation | undefined
    let summary: TestSummary | undefined
    try {
      // Label tasks evaluate the test split only; generative ones always report their final metrics.
      const indices = split.test.length > 0 ? split.test : learnsLabels(current.id) ? null : split.train
      if (indices) {
        const evaluated = await current.evaluate(firstOf(indices, limits.evaluationSamples))
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
    return {
      status: 'done',
      epochs,
      evaluation,
      ...(summary ? { summary } : {}),
      ...(lastSamples ? { samples: lastSamples } : {}),
    }
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
