import { snapshotWeights, type WeightSnapshot } from './checkpoint'
import type { EpochEvent, ErrorEvent, TrainingEvent } from './events'
import { countNonFinite, nonFiniteLossError } from './guards'
import type { Progress } from './progress'
import type { TrainingTask } from './tasks/task'

export interface EpochEndOptions {
  task: TrainingTask
  epoch: number
  /** The validation samples to check (possibly a capped subset of the split). */
  validation: Int32Array
  /** The split has validation samples: only then does a non-finite validation loss end the run. */
  validates: boolean
  /** The epoch's last batch and its learning rate, for the error's advice. */
  lastBatch: number
  learningRate: number
  progress: Progress
  clock: () => number
  /** The clock's reading when the epoch started. */
  epochStart: number
  badInputs: () => number
}

export type EpochEnd = { ok: true; event: EpochEvent; snapshot: WeightSnapshot } | { ok: false; error: ErrorEvent }

/**
 * The end of an epoch: validates, builds the epoch event and takes the weights' checkpoint. An
 * error instead when the validation loss or the weights are not finite (the event is not sent).
 */
export async function endEpoch(options: EpochEndOptions): Promise<EpochEnd> {
  const { task, epoch, progress, clock, badInputs } = options
  const broken = (loss: number, subject?: 'weights'): EpochEnd => ({
    ok: false,
    error: nonFiniteLossError({
      loss,
      ...(subject ? { subject } : {}),
      epoch,
      batch: options.lastBatch,
      learningRate: options.learningRate,
      badInputValues: badInputs(),
      restored: false,
    }),
  })
  const val = await task.validate(options.validation)
  if (options.validates && !Number.isFinite(val.loss)) return broken(val.loss)
  const event: EpochEvent = {
    event: 'epoch',
    epoch,
    ...progress.epochMeans(),
    valLoss: val.loss,
    ...(val.accuracy !== undefined ? { valAccuracy: val.accuracy } : {}),
    ...(val.mae !== undefined ? { valMae: val.mae } : {}),
    learningRate: options.learningRate,
    seconds: (clock() - options.epochStart) / 1000,
  }
  const snapshot = await snapshotWeights(task.root, epoch)
  // The last batch's update can poison the weights after its loss was read: check them too.
  if (snapshot.values.some((v) => countNonFinite(v) > 0)) return broken(Number.NaN, 'weights')
  return { ok: true, event, snapshot }
}

/**
 * With checkLeaks: a warning when the tensor count grew since the last epoch's end (the first
 * epoch's count is the baseline). Returns the check to call at each epoch's end.
 */
export function createLeakCheck(
  numTensors: () => number,
  emit: (event: TrainingEvent) => void,
): (epoch: number) => void {
  let tensorBaseline: number | null = null
  return (epoch) => {
    const count = numTensors()
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
}
