/**
 * The typed message protocol between the UI thread and the training worker. Types only (plus
 * a few constants): the UI imports this file, never tfjs. Every message is structured-clone
 * safe; big arrays travel as typed arrays and are transferred, not copied.
 */
import type { ProjectDocument, TrainedWeights } from '../../../core/document/types'
import type { ExportFormat as CoreExportFormat } from '../../../core/export/exporters'
import type { LocalText } from '../../../core/i18n/text'
import type { Task } from '../../../core/training/config'
import type { Evaluation } from '../../../core/training/evaluate'
import type { SamplesPayload, TrainingEvent } from '../../../core/training/events'
import type { SkipReason } from '../../../core/training/weights'
import type { LoadTrainedResult } from '../../../core/training/load-trained-weights'
import type { RawUserFile } from '../data/raw-user-file'
import type { TryItMessage, TryItReply } from './tryit-messages'
import type {
  ActivationSampleInfoOf,
  ActivationsAnswerOf,
  ActivationsRequest,
  ActivationsResultOf,
  ActivationsWatchMessage,
} from './activations-messages'
import type { ExplainUnitAnswer, ExplainUnitRequest, GradientsPush, GradientsWatchMessage } from './explain-messages'

export type { ActivationSample, ActivationsRequest, ActivationsWatchMessage } from './activations-messages'
export type { TryItAction, TryItAnswer, TryItMessage, TryItReply } from './tryit-messages'
import type { GanLearnerMessage, PlaneAnswer, PlaneRequest, PlaneWatchMessage } from './plane-messages'
export type { GanLearnerMessage, PlaneRequest, PlaneWatchMessage } from './plane-messages'
export type {
  ExplainUnitAnswer,
  ExplainUnitRequest,
  ExplainUnitResult,
  GradientsPush,
  GradientsState,
  GradientsWatchMessage,
} from './explain-messages'

/** What the user asks for. 'auto' = WebGL when it works, else CPU; 'webgpu' after a one-step self-test. */
export type BackendPreference = 'auto' | 'webgl' | 'webgpu' | 'cpu'
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgl', 'webgpu', 'cpu']

export interface BackendInfo {
  /** The tfjs backend in use: 'webgl', 'webgpu', 'wasm' (the CPU path) or 'cpu' (its pure-JS fallback). */
  backend: string
  /** The GPU's name as the driver reports it (null on CPU or when the driver hides it). */
  gpu: string | null
  /** True for a software rasteriser (SwiftShader, llvmpipe): correct, but no faster than a CPU. */
  software: boolean
  /** WebGL version (1 or 2) when backend is 'webgl'. */
  webglVersion?: number
  /** Why the preferred backend was not used (e.g. "WebGL is not available"). */
  fallback?: FallbackReason
  /** The technical cause behind `fallback` (an error message, in English), when there is one. */
  fallbackDetail?: string
  /**
   * When backend is 'wasm': whether its SIMD build runs, how many threads XNNPACK uses, and
   * whether our own SIMD kernels (Adam's update, matrix products) run on it.
   */
  wasm?: { simd: boolean; threads: number; ownKernels: boolean }
}

export type FallbackReason =
  'webglUnavailable' | 'webgpuUnavailable' | 'webgpuSelfTestFailed' | 'contextLost' | 'wasmUnavailable'

/** Options that are not part of the document (host/debug settings). */
export interface RunOptions {
  backend: BackendPreference
  /** Put doc.trained into the model before training (continue from the saved weights). */
  useSavedWeights: boolean
  /** Quick runs (tests): at most this many batches per epoch. */
  maxBatchesPerEpoch?: number
  /** Read the loss back at most this often (ms). Default 200. */
  readbackMs?: number
}

// ── UI → worker ────────────────────────────────────────────────────────────────────────────

export interface StartMessage {
  type: 'start'
  runId: number
  document: ProjectDocument
  /** The page's document.baseURI: `datasets/mnist.bin` etc. resolve against it. */
  baseUrl: string
  /** Imported files the dataset config refers to (data/sources.ts userFilesFor), keyed by `options.source`. */
  userFiles: Record<string, RawUserFile>
  options: RunOptions
}

/** Evaluates the current model (the last run's, or the document's saved weights) on the test split. */
export interface EvaluateMessage {
  type: 'evaluate'
  runId: number
  document: ProjectDocument
  baseUrl: string
  userFiles: Record<string, RawUserFile>
  options: RunOptions
}

/** Asks for the trained weights in the document's `trained` shape (answered with 'weights'). */
export interface GetWeightsMessage {
  type: 'getWeights'
  requestId: number
}

export interface ControlMessage {
  type: 'pause' | 'resume' | 'stop' | 'step' | 'dispose'
}

/** Debug/test: makes the WebGL context lose itself (WEBGL_lose_context), as a driver reset would. */
export interface LoseContextMessage {
  type: 'debugLoseContext'
}

/** Bench: trains the same model with the app's trainer and with model.fit, side by side. */
export interface BenchMessage {
  type: 'bench'
  requestId: number
  baseUrl: string
  spec: BenchSpec
}

/** The model files the export dialog offers: the core's format ids (EXPORTERS; see export/formats.ts). */
export type ExportFormat = CoreExportFormat

/** Exports the document (with `doc.trained` when it has weights) in one format; answered with 'export'. */
export interface ExportMessage {
  type: 'export'
  requestId: number
  document: ProjectDocument
  format: ExportFormat
  /** ONNX operator set (13–17). */
  opset?: number
  /** LayerCanvas' version, written into README/metadata. */
  version: string
  /** For tfjs' metadata.json (class names, normalisation): where the dataset is read from. */
  baseUrl: string
  userFiles: Record<string, RawUserFile>
  /** The backend to start when the worker has none yet. */
  backend: BackendPreference
}

/**
 * Diffusion: runs a sampler on the trained denoiser now (while training or after it), from new
 * noise each time; answered with 'sampled' holding a diffusionSteps payload.
 */
export interface SampleMessage {
  type: 'sample'
  requestId: number
  method: 'ddpm' | 'ddim'
  /** DDIM's denoising steps (default: the config's samplingSteps); DDPM always runs T steps. */
  steps?: number
  /** Samples to draw (default and at most: the config's `diffusion.samples`). */
  count?: number
}

/** Language model: generates `count` lines at `temperature` now; answered with 'sampled' holding a text payload. */
export interface GenerateMessage {
  type: 'generate'
  requestId: number
  temperature: number
  count: number
}

/** Weights trained outside (weights.json + weights.bin) checked against the document's layers; answered with 'loadedTrained'. */
export interface LoadTrainedMessage {
  type: 'loadTrained'
  requestId: number
  document: ProjectDocument
  manifest: unknown
  bin: Uint8Array
  backend: ExportMessage['backend']
}

/** data.npz for the PyTorch / Keras export: its size only (shown before writing) or its bytes; answered with 'exportData'. */
export interface ExportDataMessage {
  type: 'exportData'
  requestId: number
  document: ProjectDocument
  baseUrl: string
  userFiles: Record<string, RawUserFile>
  sizeOnly: boolean
}

export type ExportDataResult =
  | { ok: true; bytes: number; counts: { train: number; validation: number; test: number }; data?: Uint8Array }
  | { ok: false; message: string }

export type ToWorker =
  | ExportDataMessage
  | LoadTrainedMessage
  | StartMessage
  | EvaluateMessage
  | GetWeightsMessage
  | ControlMessage
  | LoseContextMessage
  | BenchMessage
  | ExportMessage
  | SampleMessage
  | GenerateMessage
  | ActivationsRequest
  | ActivationsWatchMessage
  | TryItMessage
  | PlaneRequest
  | PlaneWatchMessage
  | GanLearnerMessage
  | ExplainUnitRequest
  | GradientsWatchMessage

// ── worker → UI ────────────────────────────────────────────────────────────────────────────

export type Phase = 'backend' | 'loadingData' | 'compiling' | 'training' | 'evaluating'

export interface DatasetSummary {
  id: string
  train: number
  validation: number
  test: number
  classNames: string[] | null
  task: Task
  preview: 'image' | 'table' | 'series' | 'text' | 'points'
}

/** Test samples for the prediction gallery (the evaluation's `predictions`, same order). */
export type GallerySamples =
  | {
      kind: 'image'
      height: number
      width: number
      /** 1 (grey) or 3 (RGB). */
      channels: number
      /** One byte per value (0–255), sample after sample. */
      pixels: Uint8ClampedArray
    }
  | { kind: 'text'; texts: string[] }
  | { kind: 'table'; columns: string[]; rows: number[][] }

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'backend'; runId: number; info: BackendInfo }
  | { type: 'phase'; runId: number; phase: Phase }
  | { type: 'dataset'; runId: number; summary: DatasetSummary }
  | { type: 'savedWeights'; runId: number; restored: string[]; skipped: { nodeId: string; reason: SkipReason }[] }
  | { type: 'event'; runId: number; event: TrainingEvent }
  /** tf.memory() at an epoch end: the leak guard's reading, shown in the panel. */
  | { type: 'memory'; runId: number; epoch: number; numTensors: number; numBytes: number }
  | { type: 'evaluation'; runId: number; evaluation: Evaluation; samples: GallerySamples | null }
  /** A failure before or around training (dataset, compile, backend): not a trainer event. */
  | { type: 'failed'; runId: number; code: FailureCode; message: string; local?: LocalText }
  /** The run is over (after done/stopped/error and the evaluation): the worker is idle again. */
  | { type: 'finished'; runId: number; status: 'done' | 'stopped' | 'error'; hasModel: boolean }
  | { type: 'weights'; requestId: number; trained: TrainedWeights | null }
  | { type: 'bench'; requestId: number; result: BenchResult | { error: string } }
  | { type: 'export'; requestId: number; result: ExportOutcome }
  | { type: 'loadedTrained'; requestId: number; result: LoadTrainedResult }
  | { type: 'exportData'; requestId: number; result: ExportDataResult }
  /** The answer to a 'sample' or 'generate' request. */
  | { type: 'sampled'; requestId: number; result: SampledResult }
  /** Answer to an 'activations' request, or (requestId null) a push while training. */
  | ActivationsAnswerOf<GallerySamples>
  /** The answer to a 'tryit' request (tryit-messages.ts). */
  | TryItReply
  /** Answer to a 'plane' request (the decision boundary / GAN view), or (requestId null) a push. */
  | PlaneAnswer
  /** "How one unit computes" answers, and the weights-and-gradients view's pushes. */
  | ExplainUnitAnswer
  | GradientsPush

export type FailureCode = 'dataset' | 'compile' | 'backend' | 'internal'

/** What an on-demand Sample/Generate gave: the preview, or why there is none. */
export type SampledResult =
  { ok: true; samples: SamplesPayload } | { ok: false; reason: 'noModel' | 'wrongTask' | 'failed'; message: string }

/** The activations view's answer, with the gallery's preview of the sample (see activations-messages.ts). */
export type ActivationSampleInfo = ActivationSampleInfoOf<GallerySamples>
export type ActivationsResult = ActivationsResultOf<GallerySamples>

/** A reason an export failed (or what it approximated), on a node or on the whole graph (null). */
export interface ExportProblem {
  nodeId: string | null
  message: string
  /** The message in both languages, when the exporter gives it (core/i18n/export-messages.ts). */
  text?: LocalText
}

/** The exported files (relative '/' paths; bytes are transferred) or why there are none. */
export type ExportOutcome =
  | { ok: true; files: { path: string; data: string | Uint8Array }[]; warnings: ExportProblem[] }
  | { ok: false; problems: ExportProblem[] }

// ── bench ──────────────────────────────────────────────────────────────────────────────────

export interface BenchSpec {
  /** Project documents to train (same data, batch size and backend for both contestants). */
  models: { name: string; document: ProjectDocument }[]
  batchSize: number
  warmupBatches: number
  timedBatches: number
  /** Epochs (of `leakBatches` each) for the tensor-growth check. */
  leakEpochs: number
  leakBatches: number
  backend: BackendPreference
}

export interface BenchModelResult {
  name: string
  params: number
  trainerSamplesPerSec: number
  fitSamplesPerSec: number
  /** trainer ÷ fit. */
  ratio: number
  trainerFirstBatchMs: number
  fitFirstBatchMs: number
  /** numTensors at the last epoch end minus at the first (0 = flat). */
  tensorGrowth: number
  tensorsPerEpoch: number[]
}

export interface BenchResult {
  backend: BackendInfo
  models: BenchModelResult[]
}
