import type { Dataset, DatasetSplit } from '../../../core/data/dataset'
import { curveRange, readFittedCurve, takesScalar } from '../../../core/inspect/fitted-curve'
import type { Tf } from '../../../core/layers/kind'
import type { CurvePoints, PlaneResult } from './plane-messages'
import type { PlaneContext } from './plane'

/** 1-D regression data: one number x in, one number y out (the fitted-curve view). */
export const isCurveData = (dataset: Dataset): boolean =>
  dataset.task === 'regression' &&
  dataset.inputShape.length === 1 &&
  dataset.inputShape[0] === 1 &&
  dataset.targetShape.reduce((a, b) => a * b, 1) === 1

type Common = { ok: true; duringTraining: boolean; sequence: number; batches: number }

/**
 * The fitted-curve reading for the plane service: the model over a dense x grid, the hidden
 * neurons over the same grid, and the data's (x, y) points. Read synchronously; no tensor
 * outlives it (see core/inspect/fitted-curve.ts).
 */
export function readCurveResult(
  tf: Tf,
  ctx: PlaneContext,
  common: Common,
): { result: PlaneResult; transfer: ArrayBuffer[] } {
  if (!takesScalar(ctx.model))
    return {
      result: {
        ok: false,
        reason: 'unsupported',
        message: 'The fitted curve needs a network with one Input of 1 feature (x) and one output unit (y).',
      },
      transfer: [],
    }
  try {
    const points = curvePointsOf(ctx.dataset, ctx.split)
    const xs = [...points.train, ...points.test].filter((_, i) => i % 2 === 0)
    const curve = readFittedCurve(tf, ctx, curveRange(xs))
    const buffers = [curve.output.values, ...curve.layers.map((l) => l.values), points.train, points.test]
    return {
      result: { ...common, view: 'curve', curve, points },
      transfer: buffers.map((a) => a.buffer as ArrayBuffer),
    }
  } catch (error) {
    return {
      result: { ok: false, reason: 'failed', message: String((error as Error)?.message ?? error) },
      transfer: [],
    }
  }
}

/** The (x, y) pairs of the training and test splits, as the model is fed them. */
function curvePointsOf(dataset: Dataset, split: DatasetSplit): CurvePoints {
  const pairs = (rows: Int32Array) => {
    const out = new Float32Array(rows.length * 2)
    rows.forEach((row, i) => {
      out[2 * i] = dataset.features[row]
      out[2 * i + 1] = dataset.labels[row]
    })
    return out
  }
  return { train: pairs(split.train), test: pairs(split.test) }
}
