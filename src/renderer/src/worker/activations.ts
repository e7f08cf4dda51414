import type * as tfjs from '@tensorflow/tfjs'
import { featureSize, type Dataset, type DatasetSplit } from '../../../core/data/dataset'
import { readActivations, type NodeActivation } from '../../../core/inspect/activations'
import type { Tf } from '../../../core/layers/kind'
import type {
  ActivationSample,
  ActivationsAnswerOf,
  ActivationsRequest,
  ActivationsResultOf,
  ActivationsWatchMessage,
} from './activations-messages'
import { isGenerativeContext, readGenerative } from './generative-activations'

/** What the worker has that the activations view reads: the compiled model and its data. */
export interface ActivationsContext {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  /** As trained (normalised): what the model is fed. */
  dataset: Dataset
  /** As loaded: what the picker shows. */
  raw: Dataset
  split: DatasetSplit
}

export interface ActivationsServiceOptions<Preview> {
  tf: Tf
  post: (message: ActivationsAnswerOf<Preview>, transfer: ArrayBuffer[]) => void
  /** The sample as the picker shows it, and its buffers to transfer (the worker uses its gallery's samples.ts). */
  preview: (raw: Dataset, row: number) => { preview: Preview; transfer: ArrayBuffer[] }
  /** The current model, or null before any run (or after a failed one). */
  context: () => ActivationsContext | null
  /** True while a run trains and is not paused: only then do pushes bring anything new. */
  training: () => boolean
}

/** Pushes while training: not more often than this (ms), so the view never slows training. */
export const DEFAULT_PUSH_INTERVAL_MS = 1500

/**
 * The worker side of the activations view. Requests are answered at once; a watch pushes fresh
 * readings while a run trains, from a timer: timer callbacks are macrotasks, and the trainer
 * yields to the host between batches, so a reading always falls between two batches. A reading
 * is synchronous and leaves no tensor behind (readActivations), so the trainer's epoch-end
 * tensor count never sees one.
 */
export function createActivationsService<Preview>({
  tf,
  post,
  preview: previewOf,
  context,
  training,
}: ActivationsServiceOptions<Preview>) {
  type Result = ActivationsResultOf<Preview>
  let sequence = 0
  let watch: { sample: ActivationSample; pages: Record<string, number> } | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  /** Batch events since the last push (none during validation, or while a read-back waits). */
  let freshBatches = 0
  /** The last push's values, hashed: a push that would repeat them is not sent. */
  let lastPushHash: number | null = null

  const fail = (reason: 'noModel' | 'unsupported' | 'failed', message: string) => ({
    result: { ok: false, reason, message } as Result,
    transfer: [] as ArrayBuffer[],
  })

  function read(
    sample: ActivationSample,
    pages: Record<string, number> = {},
  ): { result: Result; transfer: ArrayBuffer[] } {
    const ctx = context()
    if (!ctx) return fail('noModel', 'There is no model yet: train it, or press Evaluate to load its saved weights.')
    // GAN and diffusion projects: a generated sample (z, or a noisy x_t) instead of a test sample.
    if (isGenerativeContext(ctx)) {
      try {
        return readGenerative(tf, ctx, sample, pages, previewOf, () => ({
          sequence: ++sequence,
          duringTraining: training(),
        }))
      } catch (error) {
        return fail('failed', String((error as Error)?.message ?? error))
      }
    }
    const { model, dataset, raw, split } = ctx
    if (model.inputs.length !== 1) return fail('unsupported', 'The activations view shows models with one input.')
    // The trainer's rule (tasks/supervised.ts): null dims come from the data; fixed dims may
    // reshape a sample of the same size (MNIST's 28×28×1 read as 28 rows of 28).
    const declared = model.inputs[0].shape.slice(1)
    const size = featureSize(dataset)
    const inputShape = declared.map((d, i) => d ?? dataset.inputShape[i])
    const fits = declared.some((d) => d === null)
      ? declared.length === dataset.inputShape.length
      : inputShape.reduce((a, b) => a * b, 1) === size
    if (!fits)
      return fail(
        'unsupported',
        `The model's input [${declared.join(', ')}] does not take the data's samples [${dataset.inputShape.join(', ')}].`,
      )
    if (split.test.length === 0) return fail('unsupported', 'The test split is empty: set a test fraction in Data.')
    const index = Math.min(Math.max(0, Math.floor(sample.index)), split.test.length - 1)
    const row = split.test[index]
    // Copies: the view's arrays are transferred, the dataset's must stay.
    const values = dataset.features.slice(row * size, (row + 1) * size)
    try {
      const nodes = readActivations(tf, ctx, { values, shape: inputShape, dtype: dataset.inputDtype }, { pages })
      const labels = dataset.classNames
      const label = labels && dataset.task === 'classification' ? (labels[dataset.labels[row]] ?? null) : null
      const { preview, transfer: previewBuffers } = previewOf(raw, row)
      sequence += 1
      const result: Result = {
        ok: true,
        sample: {
          split: 'test',
          index,
          count: split.test.length,
          label,
          preview,
          input: { shape: inputShape, values },
        },
        nodes,
        duringTraining: training(),
        sequence,
      }
      const buffers = new Set<ArrayBufferLike>([
        values.buffer,
        ...nodes.flatMap((n) => [n.values.buffer, ...(n.attention ? [n.attention.values.buffer] : [])]),
      ])
      for (const buffer of previewBuffers) buffers.add(buffer)
      return { result, transfer: [...(buffers as Set<ArrayBuffer>)] }
    } catch (error) {
      return fail('failed', String((error as Error)?.message ?? error))
    }
  }

  function answer(requestId: number | null, sample: ActivationSample, pages?: Record<string, number>): void {
    const { result, transfer } = read(sample, pages)
    if (requestId === null && result.ok) {
      // A batch event can arrive after a push that already saw that batch's weights (the event
      // waits for the loss read-back, the push reads the weights at once): skip the repeat.
      const hash = hashReading(result.nodes)
      if (hash === lastPushHash) return
      lastPushHash = hash
    }
    post({ type: 'activations', requestId, result }, transfer)
  }

  function tick(): void {
    // Nothing new while nothing trains or no batch ran since the last push (a slow GPU read-back
    // can span two ticks); a request still reads the weights as they are.
    if (!watch || !training() || freshBatches === 0) return
    freshBatches = 0
    answer(null, watch.sample, watch.pages)
  }

  return {
    /** The trainer finished a batch (the weights changed). */
    noteBatch(): void {
      freshBatches += 1
    },
    request(message: ActivationsRequest): void {
      answer(message.requestId, message.sample, message.pages)
    },
    watch(message: ActivationsWatchMessage): void {
      lastPushHash = null
      if (timer !== null) clearInterval(timer)
      timer = null
      watch = message.on ? { sample: message.sample, pages: message.pages ?? {} } : null
      if (watch) timer = setInterval(tick, Math.max(250, message.intervalMs ?? DEFAULT_PUSH_INTERVAL_MS))
    },
  }
}

/** FNV-1a over the bits of every value (and the attention weights) of a reading. */
export function hashReading(nodes: readonly NodeActivation[]): number {
  let hash = 0x811c9dc5
  for (const node of nodes) {
    for (const array of node.attention ? [node.values, node.attention.values] : [node.values]) {
      const bits = new Uint32Array(array.buffer, array.byteOffset, array.length)
      for (let i = 0; i < bits.length; i++) hash = Math.imul(hash ^ bits[i], 0x01000193) >>> 0
    }
  }
  return hash
}
