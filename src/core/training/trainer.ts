import type * as tfjs from '@tensorflow/tfjs'
import { createRng, shuffleInPlace } from '../data/random'
import { withRandomSource } from './random-source'
import { createBatchReadback, type PendingBatch } from './batch-readback'
import { batchCount } from './batches'
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './checkpoint'
import { createEarlyStopping, resolveMonitor } from './early-stopping'
import { createLeakCheck, endEpoch } from './epoch-end'
import type { Evaluation } from './evaluate'
import type { EndReason, EpochEvent, ErrorEvent, TestSummary, TrainerStatus, TrainingEvent } from './events'
import { abortError, codeForException, countNonFinite } from './guards'
import { createProgress } from './progress'
import { createRunControl } from './run-control'
import { firstOf, runLimits } from './run-limits'
import { createSamplePreviews } from './sample-previews'
import { learningRateAt } from './schedules'
import { createTask, learnsLabels, trainerTask } from './tasks/index'
import type { TrainingTask } from './tasks/task'
import type { Trainer, TrainerOptions, TrainingResult } from './trainer-api'

export type { Trainer, TrainerOptions, TrainingResult } from './trainer-api'

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

  // The host's requests, read between batches.
  const control = createRunControl()

  const emit = (event: TrainingEvent) => options.onEvent(event)
  const setStatus = (next: TrainerStatus) => {
    if (status === next) return
    status = next
    emit({ event: 'status', status: next })
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

    let failure: Failure | null = null
    let endReason: EndReason = 'completed'
    const checkLeaks = options.checkLeaks ? createLeakCheck(() => tf.memory().numTensors, emit) : null
    // The clock is read in this order (tests' clocks advance at each reading).
    const readStart = clock()
    let lastYield = clock()
    const progress = createProgress(metricNames, clock)
    const readback = createBatchReadback({
      tf,
      metricNames,
      progress,
      clock,
      startedAt: readStart,
      badInputs,
      batchesPerEpoch: perEpoch,
      totalBatches,
      batchSize,
      emit,
    })
    let where: { epoch?: number; batch?: number } = {}
    let lastRate = rateAt(0, 0)
    let batchesDone = 0
    const previews = createSamplePreviews({
      task: current,
      quick: limits.quickPreviews,
      previewEveryMs,
      clock,
      startedAt: clock(),
      emit,
    })

    /** Reads the pending batches back (batch-readback.ts); a non-finite loss ends the run. */
    async function readBack(): Promise<void> {
      const error = await readback.read()
      if (error) failure = { error }
    }

    /** Waits while paused; false when training must end (stop or abort). */
    async function gate(): Promise<boolean> {
      for (;;) {
        if (control.abortRequest) return false
        if (control.stopRequested) {
          await readBack()
          return false
        }
        if (!control.pauseRequested) {
          setStatus('running')
          return true
        }
        if (control.takeQueuedStep()) return true
        if (status !== 'paused') {
          await readBack()
          if (failure) return false
          setStatus('paused')
        }
        control.releaseSteppers()
        await control.waitForWake()
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

    try {
      checkpoint = await snapshotWeights(current.root, -1)
      training: for (let epoch = 0; epoch < config.epochs; epoch++) {
        const epochStart = clock()
        shuffleInPlace(order, rng)
        progress.startEpoch()
        for (let batch = 0; batch < perEpoch; batch++) {
          if (!(await gate())) break training
          where = { epoch, batch }
          const stepping = control.pauseRequested
          readback.push(trainBatch(epoch, batch))
          batchesDone++
          const sampling = previews.due(batchesDone)
          if (sampling || stepping || readbackMs <= 0 || clock() - readback.lastRead >= readbackMs) await readBack()
          if (failure) break training
          if (sampling) await previews.show(epoch, batch)
          if (stepping) control.finishStep()
          if (clock() - lastYield >= yieldMs) {
            await yieldToHost()
            lastYield = clock()
          }
        }
        await readBack()
        if (failure) break
        const ended = await endEpoch({
          task: current,
          epoch,
          validation: firstOf(split.validation, limits.evaluationSamples),
          validates: split.validation.length > 0,
          lastBatch: perEpoch - 1,
          learningRate: lastRate,
          progress,
          clock,
          epochStart,
          badInputs,
        })
        if (!ended.ok) {
          failure = { error: ended.error }
          break
        }
        const { event, snapshot } = ended
        epochs.push(event)
        emit(event)
        checkpoint = snapshot
        const stopEarly = config.earlyStopping.enabled && earlyStopping.observe(event, checkpoint)
        const lastEpoch = stopEarly || epoch === config.epochs - 1
        if (current.sampleEvery !== null && (!limits.quickPreviews || lastEpoch))
          await previews.show(epoch, perEpoch - 1)

        checkLeaks?.(epoch)

        if (stopEarly) {
          endReason = 'earlyStopping'
          break
        }
      }
    } catch (error) {
      const code = codeForException(error)
      failure = { error: abortError(code, String((error as Error)?.message ?? error), false, where) }
    } finally {
      readback.dispose()
      current.dispose()
    }

    const failed = failure as Failure | null
    const abortRequest = control.abortRequest
    if (failed || abortRequest) {
      const restored = restoreSafely()
      const error = failed
        ? { ...failed.error, restored, message: withRestoreNote(failed.error.message, restored) }
        : abortError(abortRequest!.code, abortRequest!.detail, restored, where)
      return fail(error)
    }
    const lastSamples = previews.last
    if (control.stopRequested) {
      setStatus('stopped')
      control.releaseSteppers()
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
    control.releaseSteppers()
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
    control.releaseSteppers()
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
      if (status === 'idle' || status === 'running' || status === 'paused') control.requestPause()
    },
    resume() {
      control.resume()
    },
    stop() {
      control.stop()
    },
    step() {
      if (!control.pauseRequested || status === 'done' || status === 'stopped' || status === 'error')
        return Promise.resolve()
      return control.queueStep()
    },
    abort(code, detail) {
      if (status === 'done' || status === 'stopped' || status === 'error') return
      control.abort(code, detail)
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
