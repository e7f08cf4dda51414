/**
 * The 2-D views' messages (UI ⇄ training worker): the decision boundary (TensorFlow Playground)
 * and the GAN view (GAN Lab). Apart from protocol.ts so the worker's service (plane.ts) depends
 * on no DOM type and is unit-tested in Node.
 */
import type { BoundaryReading } from '../../../core/inspect/decision-boundary'
import type { CurveReading } from '../../../core/inspect/fitted-curve'
import type { GanPlaneReading, ModeCoverage } from '../../../core/inspect/gan-plane'
import type { GanLearner } from '../../../core/training/tasks/gan'

/** A reading of the current model over the plane (answered with 'plane'). */
export interface PlaneRequest {
  type: 'plane'
  requestId: number
}

/**
 * While `on`: pushes 'plane' (requestId null) at most every `intervalMs` while a run trains,
 * and once after each single step (Step while paused), so the learner sees that batch's effect.
 */
export interface PlaneWatchMessage {
  type: 'planeWatch'
  on: boolean
  intervalMs?: number
}

/** GAN: which network the next steps train (GAN Lab's "train D only / G only / both"). */
export interface GanLearnerMessage {
  type: 'ganLearner'
  learner: GanLearner
}

/** The data's points in the model's input space (as it is fed, normalised), x, y pairs. */
export interface PlanePoints {
  train: Float32Array
  trainLabels: Int32Array
  test: Float32Array
  testLabels: Int32Array
  classNames: string[]
}

/** 1-D regression: the data's (x, y) pairs, as the model is fed them. */
export interface CurvePoints {
  train: Float32Array
  test: Float32Array
}

interface PlaneCommon {
  ok: true
  /** Read while a run was training (a push), not from a finished or paused model. */
  duringTraining: boolean
  /** Increases with every reading. */
  sequence: number
  /** Batches the current (or last) run had trained when this was read. */
  batches: number
}

export type PlaneResult =
  | (PlaneCommon & { view: 'boundary'; boundary: BoundaryReading; points: PlanePoints })
  | (PlaneCommon & { view: 'curve'; curve: CurveReading; points: CurvePoints })
  | (PlaneCommon & {
      view: 'gan'
      gan: GanPlaneReading
      /** The fixed noise the fakes come from: `latent` numbers per fake point. */
      z: Float32Array
      latent: number
      /** Real points (a sample of the training split) and the mode each was drawn from. */
      real: Float32Array
      realLabels: Int32Array
      coverage: ModeCoverage
      learner: GanLearner
    })
  | { ok: false; reason: 'noModel' | 'unsupported' | 'failed'; message: string }

export interface PlaneAnswer {
  type: 'plane'
  requestId: number | null
  result: PlaneResult
}
