/// <reference lib="webworker" />
/**
 * The training worker: the only place in the renderer that imports tfjs. It picks the backend
 * (WebGL on an OffscreenCanvas; WebGPU when asked for and its self-test passes; CPU as the fallback), loads the dataset, compiles the
 * document, runs the core trainer and streams its events to the UI. The UI thread never runs
 * tensor code, so the canvas stays smooth while a model trains.
 *
 * Guards: the trainer stops on a non-finite loss and puts the last good weights back; a lost
 * WebGL context aborts the run, the backend is rebuilt and the last checkpoint is restored
 * into a fresh model (with a time limit, because read-backs on a dead context may never end);
 * tf.memory() is reported at every epoch end so the UI can show the tensor count stays flat.
 */
import * as tf from '@tensorflow/tfjs'
import { compileModel } from '../../../core/compile/compile'
import type { Dataset, DatasetSplit } from '../../../core/data/dataset'
import { normalizeDataset } from '../../../core/data/normalize'
import { loadDataset } from '../../../core/data/registry'
import { splitFor } from '../../../core/data/split'
import type { ProjectDocument } from '../../../core/document/types'
import type { LocalText } from '../../../core/i18n/text'
import { customLayers } from '../../../core/layers/custom/index'
import { restoreWeights } from '../../../core/training/checkpoint'
import { evaluateModel, type Evaluation } from '../../../core/training/evaluate'
import type { TrainingEvent } from '../../../core/training/events'
import { exportProblem } from '../../../core/i18n/export-messages'
import { abortError } from '../../../core/training/guards'
import { createTrainer, type Trainer } from '../../../core/training/trainer'
import { applyTrainedWeights, trainedWeightsFromModel } from '../../../core/training/weights'
import { loseContext, resetWebgl, resetWebgpu, selectBackend, watchContextLoss } from './backend'
import { modelSelfTest } from './self-test'
import type { BackendInfo, BenchMessage, EvaluateMessage, ExportOutcome, FailureCode, FallbackReason, RunOptions, StartMessage, ToWorker, WorkerMessage } from './protocol'
import { gallerySamples, transferablesOf } from './samples'
import { measureThroughput } from './throughput'
import { createDatasetSources, putUserFiles } from '../data/sources'
import { exportTransferables, runExport } from './export'
import { ownedSamples, runOnDemand } from './generative'
import type { TrainingTask } from '../../../core/training/tasks/task'
import { createActivationsService } from './activations'
import { createExplainService } from './explain'
import { createGradientsService } from './gradients'

declare const self: DedicatedWorkerGlobalScope

tf.enableProdMode()
customLayers(tf)

const post = (message: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer)

/** A macrotask without setTimeout's 4 ms clamp: lets pause/stop messages in between batches. */
const channel = new MessageChannel()
const waiting: (() => void)[] = []
channel.port1.onmessage = () => waiting.shift()?.()
const yieldToHost = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve)
    channel.port2.postMessage(null)
  })

/** Mid-epoch previews (GAN grids) come at least this often, whatever the batch count. */
const PREVIEW_EVERY_MS = 10_000

/** How long to wait for a run to wind down after its context was lost before rebuilding anyway. */
const CONTEXT_LOSS_TIMEOUT_MS = 4000

interface Prepared {
  document: ProjectDocument
  /** The graph part of the document the model was built from (to reuse it for evaluation). */
  graphKey: string
  model: tf.LayersModel
  layerNames: Record<string, string>
  inputs: string[]
  outputs: string[]
  /** As loaded (for the gallery) and as trained (normalised). */
  raw: Dataset
  dataset: Dataset
  split: DatasetSplit
  metrics: Record<string, number>
}

let backendInfo: BackendInfo | null = null
let backendPreference: RunOptions['backend'] | null = null
let pendingFallback: FallbackReason | undefined
let current: Prepared | null = null
let trainer: Trainer | null = null
/** The last run's task (its models share current.model): on-demand Sample / Generate use it after training. */
let lastTask: TrainingTask | null = null
let busy = false
/** A stop that arrived while the data was loading: the run ends before its first batch. */
let stopEarly = false

/** The activations view: reads every node's output for one sample from `current` (also between batches). */
const activations = createActivationsService({ tf, post, preview: (raw, row) => {
    const preview = gallerySamples(raw, [row])
    return { preview, transfer: transferablesOf(preview) as ArrayBuffer[] }
  }, context: () => current, training: () => trainer?.status === 'running' })
/** "How one unit computes" and the weights-and-gradients view (probes training steps while open). */
const explainer = createExplainService({ tf, post, context: () => current })
const gradients = createGradientsService({ tf, post })

const graphKey = (doc: ProjectDocument) => JSON.stringify([doc.nodes.map((n) => [n.id, n.kind, n.params]), doc.edges, doc.training.dataset, doc.training.split, doc.training.normalization])

async function ensureBackend(runId: number, preference: RunOptions['backend'], document: ProjectDocument | null = null): Promise<void> {
  if (!backendInfo || backendPreference !== preference || pendingFallback) {
    post({ type: 'phase', runId, phase: 'backend' })
    backendInfo = await selectBackend(tf, preference, pendingFallback, modelSelfTest(document))
    backendPreference = preference
    pendingFallback = undefined
  }
  post({ type: 'backend', runId, info: backendInfo })
}

class SetupError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly local?: LocalText,
  ) {
    super(message)
  }
}

function disposeCurrent(): void {
  lastTask = null
  if (!current) return
  try {
    current.model.dispose()
  } catch {
    // A model on a lost context may refuse; its tensors die with the context anyway.
  }
  current = null
}

/** Loads the data and builds the model for a document; applies the saved weights if asked. */
async function prepare(runId: number, message: StartMessage | EvaluateMessage): Promise<Prepared> {
  const { document } = message
  const config = document.training
  post({ type: 'phase', runId, phase: 'loadingData' })
  putUserFiles(message.userFiles)
  const loaded = await loadDataset(config.dataset, createDatasetSources({ baseUrl: message.baseUrl }))
  if (!loaded.ok) throw new SetupError('dataset', loaded.error, loaded.message)
  const raw = loaded.dataset
  const split = splitFor(raw, config.split)
  const { dataset } = normalizeDataset(raw, split, config.normalization)
  post({
    type: 'dataset',
    runId,
    summary: {
      id: dataset.id,
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
      classNames: dataset.classNames ?? null,
      task: dataset.task,
      preview: dataset.preview,
    },
  })
  post({ type: 'phase', runId, phase: 'compiling' })
  disposeCurrent()
  const compiled = compileModel(tf, document)
  if (!compiled.ok) throw new SetupError('compile', compiled.message)
  const prepared: Prepared = { document, graphKey: graphKey(document), model: compiled.model, layerNames: compiled.layerNames, inputs: compiled.inputs, outputs: compiled.outputs, raw, dataset, split, metrics: {} }
  current = prepared
  if (message.options.useSavedWeights && document.trained) {
    const applied = applyTrainedWeights(tf, compiled.model, compiled.layerNames, document.trained)
    post({ type: 'savedWeights', runId, restored: applied.restored, skipped: applied.skipped })
  }
  return prepared
}

function reportFailure(runId: number, error: unknown): void {
  if (error instanceof SetupError) post({ type: 'failed', runId, code: error.code, message: error.message, ...(error.local ? { local: error.local } : {}) })
  else post({ type: 'failed', runId, code: 'internal', message: String((error as Error)?.message ?? error) })
}

async function postEvaluation(runId: number, prepared: Prepared, evaluation: Evaluation): Promise<void> {
  const samples = evaluation.task === 'classification' ? gallerySamples(prepared.raw, evaluation.predictions.map((p) => p.index)) : null
  if (evaluation.task === 'classification') prepared.metrics = { ...prepared.metrics, testAccuracy: evaluation.accuracy, testLoss: evaluation.loss }
  else prepared.metrics = { ...prepared.metrics, testLoss: evaluation.loss, testMae: evaluation.mae, testR2: evaluation.r2 }
  post({ type: 'evaluation', runId, evaluation, samples }, transferablesOf(samples))
}

async function start(message: StartMessage): Promise<void> {
  const { runId, options } = message
  let prepared: Prepared
  try {
    await ensureBackend(runId, options.backend, message.document)
    prepared = await prepare(runId, message)
  } catch (error) {
    reportFailure(runId, error)
    post({ type: 'finished', runId, status: 'error', hasModel: current !== null })
    return
  }
  if (stopEarly) {
    post({ type: 'event', runId, event: { event: 'status', status: 'stopped' } })
    post({ type: 'finished', runId, status: 'stopped', hasModel: true })
    return
  }
  post({ type: 'phase', runId, phase: 'training' })

  let lost = false
  let lastWhere: { epoch?: number; batch?: number } = {}
  const forward = (event: TrainingEvent) => {
    // After a context loss the worker reports the error itself, once the model is rebuilt.
    if (lost && (event.event === 'error' || (event.event === 'status' && event.status === 'error'))) return
    if (event.event === 'batch') lastWhere = { epoch: event.epoch, batch: event.batch }
    if (event.event === 'batch') activations.noteBatch()
    if (event.event === 'samples') {
      // Previews carry typed arrays: post copies that own their buffers, transferred.
      const owned = ownedSamples(event.samples)
      post({ type: 'event', runId, event: { ...event, samples: owned.samples } }, owned.transfer)
      return
    }
    post({ type: 'event', runId, event })
    if (event.event === 'epoch') {
      const memory = tf.memory()
      post({ type: 'memory', runId, epoch: event.epoch, numTensors: memory.numTensors, numBytes: memory.numBytes })
      prepared.metrics = { ...prepared.metrics, loss: event.loss, valLoss: event.valLoss, ...(event.valAccuracy !== undefined ? { valAccuracy: event.valAccuracy } : {}) }
    }
  }
  const run = createTrainer({
    tf,
    model: prepared.model,
    graph: { document: prepared.document, layerNames: prepared.layerNames, inputs: prepared.inputs, outputs: prepared.outputs },
    dataset: prepared.dataset,
    split: prepared.split,
    config: prepared.document.training,
    onEvent: forward,
    readbackMs: options.readbackMs ?? 200,
    yieldToHost,
    maxBatchesPerEpoch: options.maxBatchesPerEpoch,
    // A GAN's fixed-noise grid every 10 s as well as every sampleEvery batches: on a software GPU 100 batches take minutes.
    previewEveryMs: PREVIEW_EVERY_MS,
    checkLeaks: true,
    batchProbe: gradients.probeFor({ model: prepared.model, layerNames: prepared.layerNames, dataset: prepared.dataset, config: prepared.document.training }),
  })
  trainer = run
  let onLost: () => void = () => undefined
  const contextLost = new Promise<'lost'>((resolve) => {
    onLost = () => {
      lost = true
      run.abort('contextLost')
      setTimeout(() => resolve('lost'), CONTEXT_LOSS_TIMEOUT_MS)
    }
  })
  const unwatch = watchContextLoss(tf, () => onLost())
  const outcome = await Promise.race([run.start(), contextLost])
  unwatch()
  trainer = null
  gradients.runEnded()
  if (!lost && current === prepared) lastTask = run.task

  if (lost) {
    await recoverFromContextLoss(runId, prepared, run, lastWhere)
    return
  }
  if (outcome !== 'lost' && outcome.status === 'done' && outcome.evaluation) {
    post({ type: 'phase', runId, phase: 'evaluating' })
    await postEvaluation(runId, prepared, outcome.evaluation)
  }
  post({ type: 'finished', runId, status: outcome === 'lost' ? 'error' : outcome.status, hasModel: true })
}

/**
 * The context is gone and every texture with it (weights, optimizer state). Rebuild the backend
 * (WebGL again if it comes back, else CPU), build the model afresh and put the last checkpoint
 * (kept in host memory) into it, then explain.
 */
async function recoverFromContextLoss(runId: number, prepared: Prepared, run: Trainer, where: { epoch?: number; batch?: number }): Promise<void> {
  const checkpoint = run.checkpoint
  try {
    prepared.model.dispose()
  } catch {
    // Dead textures.
  }
  current = null
  if (backendInfo?.backend === 'webgpu') resetWebgpu(tf)
  else resetWebgl(tf)
  backendInfo = null
  pendingFallback = 'contextLost'
  let restored = false
  try {
    await ensureBackend(runId, backendPreference ?? 'auto', prepared.document)
    const compiled = compileModel(tf, prepared.document)
    if (compiled.ok) {
      if (checkpoint) {
        restoreWeights(tf, compiled.model, checkpoint)
        restored = true
      }
      current = { ...prepared, model: compiled.model, layerNames: compiled.layerNames, inputs: compiled.inputs, outputs: compiled.outputs }
    }
  } catch {
    restored = false
  }
  post({ type: 'event', runId, event: abortError('contextLost', undefined, restored, where) })
  post({ type: 'event', runId, event: { event: 'status', status: 'error' } })
  post({ type: 'finished', runId, status: 'error', hasModel: current !== null })
}

async function evaluate(message: EvaluateMessage): Promise<void> {
  const { runId } = message
  try {
    await ensureBackend(runId, message.options.backend, message.document)
    const prepared = current && current.graphKey === graphKey(message.document) ? current : await prepare(runId, message)
    post({ type: 'phase', runId, phase: 'evaluating' })
    const model = prepared.model
    const inputShape = (model.inputs[0].shape.slice(1) as (number | null)[]).map((d, i) => d ?? prepared.dataset.inputShape[i])
    const evaluation = await evaluateModel({ tf, model, dataset: prepared.dataset, indices: prepared.split.test, loss: message.document.training.loss, inputShape })
    await postEvaluation(runId, prepared, evaluation)
    post({ type: 'finished', runId, status: 'done', hasModel: true })
  } catch (error) {
    reportFailure(runId, error)
    post({ type: 'finished', runId, status: 'error', hasModel: current !== null })
  }
}

async function bench(message: BenchMessage): Promise<void> {
  const { spec } = message
  try {
    const info = await selectBackend(tf, spec.backend, undefined, modelSelfTest(spec.models[0]?.document ?? null))
    backendInfo = info
    backendPreference = spec.backend
    const results = []
    for (const entry of spec.models) {
      const loaded = await loadDataset(entry.document.training.dataset, createDatasetSources({ baseUrl: message.baseUrl }))
      if (!loaded.ok) throw new Error(loaded.error)
      results.push(
        await measureThroughput({
          tf,
          name: entry.name,
          document: entry.document,
          dataset: loaded.dataset,
          batchSize: spec.batchSize,
          warmupBatches: spec.warmupBatches,
          timedBatches: spec.timedBatches,
          leakEpochs: spec.leakEpochs,
          leakBatches: spec.leakBatches,
          yieldToHost,
        }),
      )
    }
    post({ type: 'bench', requestId: message.requestId, result: { backend: info, models: results } })
  } catch (error) {
    post({ type: 'bench', requestId: message.requestId, result: { error: String((error as Error)?.stack ?? error) } })
  }
}

/** One long task at a time (start, evaluate, bench); controls go straight to the trainer. */
async function exclusive(task: () => Promise<void>, runId: number | null): Promise<void> {
  if (busy) {
    if (runId !== null) {
      post({ type: 'failed', runId, code: 'internal', message: 'the worker is still busy with the previous run' })
      post({ type: 'finished', runId, status: 'error', hasModel: current !== null })
    }
    return
  }
  busy = true
  stopEarly = false
  try {
    await task()
  } finally {
    busy = false
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'start':
      void exclusive(() => start(message), message.runId)
      break
    case 'evaluate':
      void exclusive(() => evaluate(message), message.runId)
      break
    case 'bench':
      void exclusive(() => bench(message), null)
      break
    case 'pause':
      trainer?.pause()
      break
    case 'resume':
      trainer?.resume()
      break
    case 'stop':
      if (trainer) trainer.stop()
      else if (busy) stopEarly = true
      break
    case 'step':
      void trainer?.step()
      break
    case 'getWeights': {
      const prepared = current
      if (!prepared || busy) {
        post({ type: 'weights', requestId: message.requestId, trained: null })
        break
      }
      trainedWeightsFromModel(prepared.model, prepared.layerNames, { metrics: prepared.metrics })
        .then((trained) => post({ type: 'weights', requestId: message.requestId, trained }))
        .catch(() => post({ type: 'weights', requestId: message.requestId, trained: null }))
      break
    }
    case 'export': {
      // Exports compile their own model; not while a run trains (its memory checks would see it).
      if (busy) {
        post({ type: 'export', requestId: message.requestId, result: { ok: false, problems: [exportProblem(null, 'trainingBusy')] } })
        break
      }
      void exclusive(async () => {
        let result: ExportOutcome
        try {
          if (!backendInfo) {
            backendInfo = await selectBackend(tf, message.backend, undefined, modelSelfTest(message.document))
            backendPreference = message.backend
          }
          result = await runExport(tf, message)
        } catch (error) {
          result = { ok: false, problems: [{ nodeId: null, message: String((error as Error)?.message ?? error) }] }
        }
        post({ type: 'export', requestId: message.requestId, result }, exportTransferables(result))
      }, null)
      break
    }
    case 'sample':
    case 'generate': {
      const prepared = current
      const context = prepared ? { config: prepared.document.training, dataShape: prepared.dataset.inputShape } : null
      void runOnDemand(trainer?.task ?? lastTask, context, message).then((result) => {
        const owned = result.ok ? ownedSamples(result.samples) : null
        post({ type: 'sampled', requestId: message.requestId, result: owned ? { ok: true, samples: owned.samples } : result }, owned?.transfer ?? [])
      })
      break
    }
    case 'activations':
      activations.request(message)
      break
    case 'activationsWatch':
      activations.watch(message)
      break
    case 'explainUnit':
      explainer.request(message)
      break
    case 'gradientsWatch':
      gradients.watch(message)
      break
    case 'debugLoseContext':
      loseContext(tf)
      break
    case 'dispose':
      trainer?.stop()
      disposeCurrent()
      break
  }
}

post({ type: 'ready' })
