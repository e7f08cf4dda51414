import type { ProjectDocument } from '../../../core/document/types'
import { commit, documentStore } from '../app/document-store'
import { userFilesFor } from '../data/sources'
import { installExperimentsReset, runFinished, runStarted } from '../experiments/record-run'
import type { LoadTrainedResult } from '../../../core/training/load-trained-weights'
import type { ExportDataResult } from '../worker/protocol'
import type {
  BenchResult,
  BenchSpec,
  ExportMessage,
  ExportOutcome,
  RunOptions,
  SampledResult,
  ToWorker,
  TryItAction,
  TryItAnswer,
  WorkerMessage,
} from '../worker/protocol'
import { appendBatch, appendEpoch, resetSeries } from './series'
import { addOnDemand, addPreview, generativeStore, resetPreviews } from './generative/store'
import { isActive, runDefaults, trainingStore, type RunError } from './training-store'
import { request, settleAllLost, settleReply } from './worker-requests'

/**
 * The UI side of the training worker: starts it on first use, sends commands and turns its
 * messages into store updates and chart points. The worker is the only owner of tfjs.
 */

let worker: Worker | null = null
/** A run of a replaced document that is still winding down in the worker (see forgetRun). */
let drainingRunId: number | null = null

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('../worker/training.worker.ts', import.meta.url), {
      type: 'module',
      name: 'layercanvas-training',
    })
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => onMessage(event.data)
    worker.onerror = (event) => {
      event.preventDefault()
      const stopped = event.message || 'the training worker stopped'
      fail({ code: 'worker', message: stopped })
      settleAllLost(stopped)
      worker?.terminate()
      worker = null
    }
  }
  return worker
}

const send = (message: ToWorker) => getWorker().postMessage(message)

/** The activations view (inspect/) talks to the same worker: it sends its own messages and hears their answers. */
type ActivationsAnswer = Extract<WorkerMessage, { type: 'activations' }>
const activationListeners = new Set<(message: ActivationsAnswer) => void>()
export const sendToWorker = (message: Extract<ToWorker, { type: 'activations' | 'activationsWatch' }>) => send(message)
export const sendExplainToWorker = (message: Extract<ToWorker, { type: 'explainUnit' | 'gradientsWatch' }>) =>
  send(message)
export function onActivations(listener: (message: ActivationsAnswer) => void): () => void {
  activationListeners.add(listener)
  return () => activationListeners.delete(listener)
}

/** The 2-D views (playground/) likewise: the decision boundary and the GAN view. */
type PlaneAnswerMessage = Extract<WorkerMessage, { type: 'plane' }>
const planeListeners = new Set<(message: PlaneAnswerMessage) => void>()
export const sendPlaneMessage = (message: Extract<ToWorker, { type: 'plane' | 'planeWatch' | 'ganLearner' }>) =>
  send(message)
export function onPlane(listener: (message: PlaneAnswerMessage) => void): () => void {
  planeListeners.add(listener)
  return () => planeListeners.delete(listener)
}

/** The unit view's answers and the weights-and-gradients pushes, passed on as they come. */
type ExplainMessage = Extract<WorkerMessage, { type: 'explainUnit' | 'gradients' }>
const explainListeners = new Set<(message: ExplainMessage) => void>()
export function onExplainMessage(listener: (message: ExplainMessage) => void): () => void {
  explainListeners.add(listener)
  return () => explainListeners.delete(listener)
}

const baseUrl = () => document.baseURI

function fail(error: RunError): void {
  trainingStore.setState({ status: 'error', error, busy: false, phase: null, finishedAt: Date.now() })
}

function runOptions(): RunOptions {
  const { backendPreference, useSavedWeights } = trainingStore.getState()
  return { backend: backendPreference, useSavedWeights, ...debugOptions }
}

/** Test/bench overrides (set through the debug hook). */
let debugOptions: Partial<RunOptions> = {}

/** Trains the project (or `variant`, a copy with other settings: a sweep's run). */
export function startTraining(variant?: ProjectDocument): void {
  const state = trainingStore.getState()
  if (isActive(state.status) || state.busy) return
  const doc = variant ?? documentStore.getState().doc
  const runId = state.runId + 1
  resetSeries()
  resetPreviews()
  trainingStore.setState({
    ...runDefaults(),
    runId,
    status: 'starting',
    busy: true,
    hasModel: false,
    epochsPlanned: doc.training.epochs,
    runDocument: doc,
    startedAt: Date.now(),
  })
  send({
    type: 'start',
    runId,
    document: doc,
    baseUrl: baseUrl(),
    userFiles: userFilesFor(doc.training.dataset),
    options: runOptions(),
  })
  runStarted(runId)
}

export function pauseTraining(): void {
  if (trainingStore.getState().status === 'running') send({ type: 'pause' })
}
export function resumeTraining(): void {
  if (trainingStore.getState().status === 'paused') send({ type: 'resume' })
}
export function stopTraining(): void {
  if (isActive(trainingStore.getState().status)) send({ type: 'stop' })
}
export function stepTraining(): void {
  if (trainingStore.getState().status === 'paused') send({ type: 'step' })
}

/** Evaluates the current model (or the document's saved weights) on the test split. */
export function evaluateNow(): void {
  const state = trainingStore.getState()
  if (isActive(state.status) || state.busy) return
  const doc = documentStore.getState().doc
  const runId = state.runId + 1
  trainingStore.setState({ runId, busy: true, phase: 'evaluating', error: null, evaluation: null, samples: null })
  send({
    type: 'evaluate',
    runId,
    document: doc,
    baseUrl: baseUrl(),
    userFiles: userFilesFor(doc.training.dataset),
    options: { ...runOptions(), useSavedWeights: true },
  })
}

/** The weights of the model the worker holds (the last run's), in the document's `trained` form; null when there is none. */
export function requestRunWeights(): Promise<ProjectDocument['trained'] | null> {
  return request<ProjectDocument['trained'] | null>(
    (requestId) => send({ type: 'getWeights', requestId }),
    () => null,
  )
}

/** Stores the trained weights in the document (one undo step; saved with the project). */
export async function keepWeights(): Promise<boolean> {
  const runId = trainingStore.getState().runId
  const trained = await requestRunWeights()
  if (!trained) return false
  const doc = documentStore.getState().doc
  commit({ ...doc, trained })
  trainingStore.setState({ keptRunId: runId })
  return true
}

/**
 * The document was replaced (New, Open, template, import, draft restore): the run, its charts,
 * results and previews belong to the old project and go with it. A run still in flight is
 * stopped, and moving runId on makes the UI ignore its late messages. Ordinary edits keep
 * the run (the Results panel says when the graph changed since).
 */
export function forgetRun(): void {
  const state = trainingStore.getState()
  const inFlight = worker !== null && (isActive(state.status) || state.busy)
  if (worker) {
    if (isActive(state.status)) send({ type: 'stop' })
    else if (state.hasModel && !state.busy) send({ type: 'dispose' })
  }
  // The worker takes one run at a time: Train stays locked until the old run has wound down.
  drainingRunId = inFlight ? state.runId : null
  resetSeries()
  resetPreviews()
  generativeStore.setState({ temperature: null })
  trainingStore.setState({ ...runDefaults(), runId: state.runId + 1, hasModel: false, busy: inFlight })
}

/** Clears the run whenever the whole document is replaced (see document-store's `replaced`). */
export function installRunReset(): void {
  documentStore.subscribe((state, prev) => {
    if (state.replaced !== prev.replaced) forgetRun()
  })
  installExperimentsReset()
}

/** Removes the saved weights from the document (undoable). */
export function forgetWeights(): void {
  const doc = documentStore.getState().doc
  if (!doc.trained) return
  const next = { ...doc }
  delete next.trained
  commit(next)
}

/** data.npz of the document's dataset (PyTorch / Keras export): its size only, or its bytes. */
export function requestExportData(document: ProjectDocument, sizeOnly: boolean): Promise<ExportDataResult> {
  return request<ExportDataResult>(
    (requestId) =>
      send({
        type: 'exportData',
        requestId,
        document,
        baseUrl: baseUrl(),
        userFiles: userFilesFor(document.training.dataset),
        sizeOnly,
      }),
    (message) => ({ ok: false, message }),
  )
}

/** Checks weights trained outside (weights.json + weights.bin) against the document's layers, in the worker. */
export function requestLoadTrained(
  document: ProjectDocument,
  manifest: unknown,
  bin: Uint8Array,
): Promise<LoadTrainedResult> {
  return request<LoadTrainedResult>(
    (requestId) =>
      send({
        type: 'loadTrained',
        requestId,
        document,
        manifest,
        bin,
        backend: trainingStore.getState().backendPreference,
      }),
    (message) => ({ ok: false, problems: [{ en: message, 'zh-CN': message }] }),
  )
}

/** Exports a document in the worker (which owns tfjs); see export/ for the dialog. */
export function requestExport(
  what: Pick<ExportMessage, 'document' | 'format' | 'opset' | 'version'>,
): Promise<ExportOutcome> {
  return request<ExportOutcome>(
    (requestId) =>
      send({
        type: 'export',
        requestId,
        ...what,
        baseUrl: baseUrl(),
        userFiles: userFilesFor(what.document.training.dataset),
        backend: trainingStore.getState().backendPreference,
      }),
    (message) => ({ ok: false, problems: [{ nodeId: null, message }] }),
  )
}

/**
 * Asks the worker for previews now, from the model it trained (also while it trains):
 * a diffusion trajectory ('sample') or generated text ('generate'). The answer lands in the
 * generative store; the promise says whether there was one.
 */
function requestPreview(
  message:
    | { type: 'sample'; method: 'ddpm' | 'ddim'; steps?: number }
    | { type: 'generate'; temperature: number; count: number },
): Promise<boolean> {
  generativeStore.setState({ pending: message.type, requestError: null })
  return request<SampledResult>(
    (requestId) => send({ ...message, requestId }),
    (reason) => ({ ok: false, reason: 'failed', message: reason }),
    (result) => {
      if (result.ok) addOnDemand(result.samples)
      generativeStore.setState({ pending: null, ...(result.ok ? {} : { requestError: result.message }) })
      return result
    },
  ).then((result) => result.ok)
}

/** Diffusion: sample from fresh noise with DDPM (T steps) or DDIM (`steps` steps), keeping the intermediate states. */
export const requestSample = (method: 'ddpm' | 'ddim', steps?: number) =>
  requestPreview({ type: 'sample', method, ...(steps !== undefined ? { steps } : {}) })

/** Language model: `count` new lines at `temperature`. */
export const requestGenerate = (temperature: number, count: number) =>
  requestPreview({ type: 'generate', temperature, count })

/** The Try-it panel: prepares the model or runs one input in the worker (see tryit/). */
export function requestTryIt(action: TryItAction): Promise<TryItAnswer> {
  return request<TryItAnswer>(
    (requestId) => send({ type: 'tryit', requestId, action }),
    (message) => ({ ok: false, reason: 'failed', message }),
  )
}

export function runBench(spec: BenchSpec): Promise<BenchResult | { error: string }> {
  return request<BenchResult | { error: string }>(
    (requestId) => send({ type: 'bench', requestId, baseUrl: baseUrl(), spec }),
    (error) => ({ error }),
  )
}

const secondsSince = (start: number | null) => (start === null ? 0 : (Date.now() - start) / 1000)

/** Turns one worker message into store updates (exported for test/unit/renderer). */
export function onMessage(message: WorkerMessage): void {
  const state = trainingStore.getState()
  if (settleReply(message)) return
  if (message.type === 'activations') {
    for (const listener of activationListeners) listener(message)
    return
  }
  if (message.type === 'plane') {
    for (const listener of planeListeners) listener(message)
    return
  }
  if (message.type === 'explainUnit' || message.type === 'gradients') {
    for (const listener of explainListeners) listener(message)
    return
  }
  if (message.type === 'ready') return
  if (message.type === 'finished' && message.runId === drainingRunId) {
    drainingRunId = null
    trainingStore.setState({ busy: false })
    return
  }
  if (message.runId !== state.runId) return
  switch (message.type) {
    case 'backend':
      trainingStore.setState({ backend: message.info })
      break
    case 'phase':
      trainingStore.setState({ phase: message.phase })
      break
    case 'dataset':
      trainingStore.setState({ dataset: message.summary })
      break
    case 'savedWeights':
      trainingStore.setState({ savedWeights: { restored: message.restored, skipped: message.skipped } })
      break
    case 'memory':
      trainingStore.setState({
        memory: [...state.memory, { epoch: message.epoch, numTensors: message.numTensors, numBytes: message.numBytes }],
      })
      break
    case 'evaluation':
      trainingStore.setState({ evaluation: message.evaluation, samples: message.samples })
      break
    case 'failed':
      fail({ code: message.code, message: message.message, local: message.local })
      break
    case 'finished':
      trainingStore.setState({
        busy: false,
        phase: null,
        hasModel: message.hasModel,
        finishedAt: Date.now(),
        ...(state.status === 'starting' ? { status: message.status } : {}),
        ...(state.startedAt !== null && state.finishedAt === null ? { elapsed: secondsSince(state.startedAt) } : {}),
      })
      void runFinished(message.runId, message.status)
      break
    case 'event': {
      const event = message.event
      switch (event.event) {
        case 'status':
          trainingStore.setState({ status: event.status === 'idle' ? 'starting' : event.status })
          break
        case 'batch':
          appendBatch(event)
          trainingStore.setState({ last: event, elapsed: secondsSince(state.startedAt) })
          break
        case 'epoch':
          appendEpoch(event)
          trainingStore.setState({ epochs: [...state.epochs, event], elapsed: secondsSince(state.startedAt) })
          break
        case 'warning':
          trainingStore.setState({ warnings: [...state.warnings, event] })
          break
        case 'done':
          trainingStore.setState({ done: event })
          break
        case 'samples': {
          addPreview(event.samples, event.epoch, event.batch)
          // Names refresh each epoch at the temperature the panel chose, when it is not the config's.
          const wanted = generativeStore.getState().temperature
          if (event.samples.kind === 'text' && wanted !== null && Math.abs(wanted - event.samples.temperature) > 1e-6) {
            void requestGenerate(wanted, event.samples.lines.length)
          }
          break
        }
        case 'error':
          trainingStore.setState({
            error: {
              code: event.code,
              message: event.message,
              local: event.text?.message,
              suggestion: event.suggestion,
              localSuggestion: event.text?.suggestion,
              epoch: event.epoch,
              batch: event.batch,
              restored: event.restored,
              learningRate: state.last?.learningRate ?? state.runDocument?.training.optimizer.learningRate,
            },
          })
          break
      }
      break
    }
  }
}

/** For the browser build's test hook (training-debug-hook.ts): options merged into the next run's. */
export function setDebugRunOptions(options: Partial<RunOptions>): void {
  debugOptions = { ...options }
}

/** For the test hook: makes the worker lose its WebGL context, as a driver reset would. */
export const loseWorkerContext = () => send({ type: 'debugLoseContext' })
