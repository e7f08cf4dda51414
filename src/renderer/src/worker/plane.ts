import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset, DatasetSplit } from '../../../core/data/dataset'
import { createRng } from '../../../core/data/random'
import type { ProjectDocument } from '../../../core/document/types'
import { readDecisionBoundary, takesPoints } from '../../../core/inspect/decision-boundary'
import { ganMakesPoints, modeCoverage, readGanPlane } from '../../../core/inspect/gan-plane'
import { DEFAULT_RESOLUTION, planeWindow } from '../../../core/inspect/plane'
import type { Tf } from '../../../core/layers/kind'
import { isGanTrainingTask, type GanLearner } from '../../../core/training/tasks/gan'
import type { TrainingTask } from '../../../core/training/tasks/task'
import type {
  GanLearnerMessage,
  PlaneAnswer,
  PlanePoints,
  PlaneRequest,
  PlaneResult,
  PlaneWatchMessage,
} from './plane-messages'
import { isCurveData, readCurveResult } from './plane-curve'

/** What the worker has that the 2-D views read: the compiled model, its data and the run's task. */
export interface PlaneContext {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  document: ProjectDocument
  /** As trained (normalised): the plane is the model's input space. */
  dataset: Dataset
  split: DatasetSplit
}

export interface PlaneServiceOptions {
  tf: Tf
  post: (message: PlaneAnswer, transfer: ArrayBuffer[]) => void
  context: () => PlaneContext | null
  /** The running (or last) run's task: a GAN's generator and discriminator live there. */
  task: () => TrainingTask | null
  /** True while a run trains and is not paused. */
  training: () => boolean
  /** Runs `f` soon, between two batches (a macrotask). */
  later?: (f: () => void) => void
}

/** Pushes while training: not more often than this (ms). */
export const DEFAULT_PLANE_INTERVAL_MS = 1000
/** Fake points the GAN view draws, and real points beside them. */
export const GAN_FAKES = 256
export const GAN_REAL = 512
/** The fixed noise's seed: the same fakes' z from reading to reading, so their motion shows. */
const NOISE_SEED = 20_240_601

const hasPoints = (dataset: Dataset) => dataset.inputShape.length === 1 && dataset.inputShape[0] === 2

/**
 * The worker side of the decision boundary and GAN views: answers requests at once, and while
 * watched pushes fresh readings during training from a timer (between batches, as the
 * activations view does) and right after a single step. Readings are synchronous and leave no
 * tensor behind, so the trainer's epoch-end tensor count never sees them.
 */
export function createPlaneService({
  tf,
  post,
  context,
  task,
  training,
  later = (f) => setTimeout(f, 0),
}: PlaneServiceOptions) {
  let sequence = 0
  let batches = 0
  let watching = false
  let timer: ReturnType<typeof setInterval> | null = null
  let fresh = 0
  let learner: GanLearner = 'both'
  let noise: { latent: number; uniform: boolean; z: Float32Array } | null = null

  const fail = (reason: 'noModel' | 'unsupported' | 'failed', message: string): PlaneResult => ({
    ok: false,
    reason,
    message,
  })

  function fixedNoise(latent: number, uniform: boolean): Float32Array {
    if (noise && noise.latent === latent && noise.uniform === uniform) return noise.z
    const rng = createRng(NOISE_SEED)
    const z = Float32Array.from({ length: GAN_FAKES * latent }, () => (uniform ? rng.uniform(-1, 1) : rng.gaussian()))
    noise = { latent, uniform, z }
    return z
  }

  function read(): { result: PlaneResult; transfer: ArrayBuffer[] } {
    const ctx = context()
    if (!ctx)
      return {
        result: fail('noModel', 'There is no model yet: train it, or press Evaluate to load its saved weights.'),
        transfer: [],
      }
    if (isCurveData(ctx.dataset)) {
      // 1-D regression: the fitted curve over the data (Playground's regression view).
      const curve = readCurveResult(tf, ctx, { ok: true, duringTraining: training(), sequence: sequence + 1, batches })
      if (curve.result.ok) sequence += 1
      return curve
    }
    if (!hasPoints(ctx.dataset))
      return {
        result: fail(
          'unsupported',
          `This view needs 2-D points as data; ${ctx.dataset.id} has samples of shape [${ctx.dataset.inputShape.join(', ')}].`,
        ),
        transfer: [],
      }
    const common = { ok: true as const, duringTraining: training(), sequence: sequence + 1, batches }
    try {
      if (ctx.document.training.task === 'gan') {
        const gan = task()
        if (!gan || !isGanTrainingTask(gan))
          return {
            result: fail('noModel', 'The GAN view needs a run: press Train (a step or two is enough).'),
            transfer: [],
          }
        const models = { generator: gan.models.generator, discriminator: gan.models.discriminator }
        if (!ganMakesPoints(models))
          return {
            result: fail('unsupported', 'The generator must make 2-D points and the discriminator judge them.'),
            transfer: [],
          }
        const latent = models.generator.inputs[0].shape[1] as number
        const uniform = ctx.document.nodes.some((n) => n.kind === 'noiseInput' && n.params.distribution === 'uniform')
        const z = fixedNoise(latent, uniform)
        const { points, labels } = pointsOf(ctx.dataset, spreadRows(ctx.split.train, GAN_REAL))
        const reading = readGanPlane(tf, models, planeWindow(points, DEFAULT_RESOLUTION, 0.35), z, latent)
        const zCopy = z.slice()
        sequence += 1
        const result: PlaneResult = {
          ...common,
          view: 'gan',
          gan: reading,
          z: zCopy,
          latent,
          real: points,
          realLabels: labels,
          coverage: modeCoverage(points, labels, reading.fakes),
          learner,
        }
        const buffers = [
          reading.discriminator,
          reading.fakes,
          reading.dFake,
          reading.gradients,
          zCopy,
          points,
          labels,
        ].map((a) => a.buffer as ArrayBuffer)
        return { result, transfer: buffers }
      }
      if (!takesPoints(ctx.model))
        return {
          result: fail(
            'unsupported',
            'The decision boundary needs a network with one Input of 2 features (x, y) and one output.',
          ),
          transfer: [],
        }
      const train = pointsOf(ctx.dataset, ctx.split.train)
      const test = pointsOf(ctx.dataset, ctx.split.test)
      const all = new Float32Array(train.points.length + test.points.length)
      all.set(train.points)
      all.set(test.points, train.points.length)
      const boundary = readDecisionBoundary(tf, ctx, planeWindow(all))
      const points: PlanePoints = {
        train: train.points,
        trainLabels: train.labels,
        test: test.points,
        testLabels: test.labels,
        classNames: ctx.dataset.classNames ?? [],
      }
      sequence += 1
      const buffers = [
        boundary.output.values,
        ...boundary.layers.map((l) => l.values),
        ...boundary.edges.map((e) => e.weights),
        train.points,
        train.labels,
        test.points,
        test.labels,
      ]
      return {
        result: { ...common, view: 'boundary', boundary, points },
        transfer: buffers.map((a) => a.buffer as ArrayBuffer),
      }
    } catch (error) {
      return { result: fail('failed', String((error as Error)?.message ?? error)), transfer: [] }
    }
  }

  function answer(requestId: number | null): void {
    const { result, transfer } = read()
    post({ type: 'plane', requestId, result }, transfer)
  }

  function applyLearner(): void {
    const current = task()
    if (isGanTrainingTask(current) && current.learner !== learner) current.setLearner(learner)
  }

  return {
    /** The trainer reported batches (one event per read-back). A single step (not training) is shown at once. */
    noteBatch(event: { epoch: number; batch: number; batchesPerEpoch: number }): void {
      batches = event.epoch * event.batchesPerEpoch + event.batch + 1
      fresh += 1
      applyLearner()
      if (watching && !training()) later(() => answer(null))
    },
    request(message: PlaneRequest): void {
      answer(message.requestId)
    },
    watch(message: PlaneWatchMessage): void {
      if (timer !== null) clearInterval(timer)
      timer = null
      watching = message.on
      if (!watching) return
      timer = setInterval(
        () => {
          if (!training() || fresh === 0) return
          fresh = 0
          answer(null)
        },
        Math.max(200, message.intervalMs ?? DEFAULT_PLANE_INTERVAL_MS),
      )
    },
    setLearner(message: GanLearnerMessage): void {
      learner = message.learner
      applyLearner()
    },
  }
}

/** At most `count` rows spread evenly over `rows` (all of them when there are fewer). */
function spreadRows(rows: Int32Array, count: number): Int32Array {
  if (rows.length <= count) return rows
  return Int32Array.from({ length: count }, (_, i) => rows[Math.floor((i * rows.length) / count)])
}

/** The x, y of the given rows (copies) and their labels. */
function pointsOf(dataset: Dataset, rows: Int32Array): { points: Float32Array; labels: Int32Array } {
  const points = new Float32Array(rows.length * 2)
  const labels = new Int32Array(rows.length)
  rows.forEach((row, i) => {
    points[2 * i] = dataset.features[2 * row]
    points[2 * i + 1] = dataset.features[2 * row + 1]
    labels[i] = dataset.task === 'classification' ? dataset.labels[row] : 0
  })
  return { points, labels }
}
