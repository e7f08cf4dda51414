import type * as tfjs from '@tensorflow/tfjs'
import { featureSize, type Dataset, type DatasetSplit } from '../../data/dataset'
import { createRng, type Rng } from '../../data/random'
import type { ProjectDocument } from '../../document/types'
import { adjacency, reachableFrom } from '../../graph/topology'
import type { LocalText } from '../../i18n/text'
import type { Tf } from '../../layers/kind'
import type { Task, TrainingConfig } from '../config'
import type { Evaluation, SplitScore } from '../evaluate'
import type { ErrorEvent, SamplesPayload, TaskMetricName, TestSummary } from '../events'
import { createOptimizer, setLearningRate } from '../optimizers'

/**
 * A training task: how batches are drawn, what one training step does, what is measured and
 * what is shown. One file per task in this folder; the trainer (trainer.ts) drives any of them
 * with the same controls (pause, step, stop), guards (NaN, leaks) and checkpoints, and the
 * app and the CLI use the same objects.
 *
 * Every task trains models that are parts of ONE compiled document model (`root`): the GAN's
 * generator and discriminator, the diffusion denoiser, … share its layers. So one snapshot of
 * `root` checkpoints all of them, and `root.dispose()` (the host's job) frees them all.
 */
export interface TrainingTask {
  readonly id: Task
  /** The compiled document model: every weight of every model below. */
  readonly root: tfjs.LayersModel
  /**
   * The models by role, for previews and export: `model` for single-model tasks; `generator`,
   * `discriminator` and `combined` (z → G → D) for a GAN; `denoiser` for diffusion; `encoder`
   * too for an autoencoder with an encoder group. They share `root`'s layers: never dispose them.
   */
  readonly models: Readonly<Record<string, tfjs.LayersModel>>
  /** Metrics each step reports besides the loss, in `StepResult.metrics` order. */
  readonly metricNames: readonly TaskMetricName[]
  /** Validation also reports an accuracy (early stopping may watch val_accuracy). */
  readonly hasAccuracy: boolean
  /** Samples every this many batches (0 = at epoch ends only); null: the task shows none. */
  readonly sampleEvery: number | null
  /** Sets the rate of every optimizer the task owns (the schedule's value for this batch). */
  setLearningRate(rate: number): void
  /**
   * One training update on the samples `indices` (dataset indices). Returns scalars that stay
   * on the device: the caller reads them back when it chooses (one transfer for many batches)
   * and disposes them. Everything else the step makes is freed before it returns.
   */
  trainStep(indices: Int32Array): StepResult
  /** Loss (and accuracy or MAE where they mean something) on a split; NaN loss when it is empty. */
  validate(indices: Int32Array): Promise<SplitScore>
  /** Final metrics on a split (the test split; generative tasks fall back to training samples). */
  evaluate(indices: Int32Array): Promise<{ summary: TestSummary; evaluation?: Evaluation }>
  /**
   * Previews (JSON-able plain objects with typed arrays); [] for tasks that show none.
   * `quick`: the cheap form for smoke runs (the trainer's quickPreviews), where a task's full
   * preview would cost more than the run's training (docs/tasks.md says what each one drops).
   */
  samples(options?: PreviewOptions): Promise<SamplesPayload[]>
  /** Frees what the task made (optimizers); the models belong to the host. Idempotent. */
  dispose(): void
}

export interface PreviewOptions {
  quick?: boolean
}

export interface StepResult {
  /** Mean loss of the batch. */
  loss: tfjs.Scalar
  /** Batch means of `metricNames`, in that order. */
  metrics: tfjs.Scalar[]
  /** Samples in the batch (the trainer weights the means by it). */
  size: number
}

/** The document a model was compiled from, with compileModel's maps: how tasks find roles. */
export interface TaskGraph {
  document: ProjectDocument
  /** Node id → tf layer name. */
  layerNames: Record<string, string>
  /** Node ids of the model's inputs and outputs, in the model's order. */
  inputs: string[]
  outputs: string[]
}

export interface TaskOptions {
  tf: Tf
  /** The compiled document model (compileModel's result). */
  model: tfjs.LayersModel
  dataset: Dataset
  split: DatasetSplit
  config: TrainingConfig
  /** Needed by the GAN and diffusion (which Input is the noise / the timestep, the groups) and the autoencoder's latent map. */
  graph?: TaskGraph
  /** Batch size for inference. */
  evaluationBatchSize?: number
}

export type TaskResult = { ok: true; task: TrainingTask } | { ok: false; error: ErrorEvent }

/** A model that does not fit its task or data: what is wrong and what to change, in both languages. */
export const shapeError = (message: LocalText, suggestion: LocalText): TaskResult => ({
  ok: false,
  error: {
    event: 'error',
    code: 'shapeMismatch',
    message: message.en,
    suggestion: suggestion.en,
    text: { message, suggestion },
  },
})

/** Optimizers made from the project's settings, all set to the same scheduled rate. */
export function optimizerSet(
  tf: Tf,
  config: TrainingConfig,
  count: number,
): { list: tfjs.Optimizer[]; setRate(rate: number): void; dispose(): void } {
  const list = Array.from({ length: count }, () => createOptimizer(tf, config.optimizer))
  let disposed = false
  return {
    list,
    setRate: (rate) => list.forEach((o) => setLearningRate(o, rate)),
    dispose() {
      if (disposed) return
      disposed = true
      list.forEach((o) => o.dispose())
    },
  }
}

/** The variables (not the LayerVariables) of a model's trainable weights, for optimizer.minimize. */
export function trainableVariables(model: tfjs.LayersModel): tfjs.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tfjs.Variable)
}

/** Default inference batch: up to 256, keeping one batch's inputs around 16 MB. */
export function inferenceBatch(options: Pick<TaskOptions, 'config' | 'dataset' | 'evaluationBatchSize'>): number {
  return (
    options.evaluationBatchSize ??
    Math.max(options.config.batchSize, Math.min(256, Math.floor(4_194_304 / Math.max(1, featureSize(options.dataset)))))
  )
}

/** Features of `indices` as one flat Float32Array (any dataset dtype). */
export function gatherFeatures(dataset: Dataset, indices: ArrayLike<number>): Float32Array {
  const size = featureSize(dataset)
  const out = new Float32Array(indices.length * size)
  for (let i = 0; i < indices.length; i++)
    out.set(dataset.features.subarray(indices[i] * size, (indices[i] + 1) * size), i * size)
  return out
}

/** A seeded source of tfjs seeds: every random tensor of a run differs, and runs repeat. */
/**
 * The loss plus the model's own regularisation terms (kernel/bias/activity regularizers), which
 * tfjs collects in calculateLosses() and which a custom training step must add itself.
 */
export function withRegularizers(tf: Tf, loss: tfjs.Scalar, model: tfjs.LayersModel): tfjs.Scalar {
  const extra = model.calculateLosses()
  return extra.length > 0 ? (tf.add(loss, tf.addN(extra)) as tfjs.Scalar) : loss
}

export function seedSource(seed: number): { rng: Rng; next(): number } {
  const rng = createRng(seed)
  return { rng, next: () => rng.int(2_147_483_647) }
}

/** Up to `n` indices spread evenly over `indices` (deterministic previews). */
export function spread(indices: Int32Array, n: number): Int32Array {
  if (indices.length <= n) return indices
  return Int32Array.from({ length: n }, (_, i) => indices[Math.floor((i * indices.length) / n)])
}

/** Node ids reachable forwards from `start` along the document's edges (start included). */
export function downstream(doc: ProjectDocument, start: string): Set<string> {
  return reachableFrom([start], adjacency(doc))
}

/** The model's input/output tensor of a node id (from the graph maps). */
export function inputOf(model: tfjs.LayersModel, graph: TaskGraph, nodeId: string): tfjs.SymbolicTensor {
  return model.inputs[graph.inputs.indexOf(nodeId)]
}
export function outputOf(model: tfjs.LayersModel, graph: TaskGraph, nodeId: string): tfjs.SymbolicTensor {
  return model.outputs[graph.outputs.indexOf(nodeId)]
}

/** Product of known dims (unknown → 0). */
export const sizeOf = (shape: readonly (number | null)[]) => shape.reduce<number>((a, b) => a * (b ?? 0), 1)
