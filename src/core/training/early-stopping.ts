import type { WeightSnapshot } from './checkpoint'
import type { Monitor, TrainingConfig } from './config'
import type { EpochEvent } from './events'

/**
 * Early stopping for the trainer: which value it watches, and the best epoch so far. The
 * trainer feeds it every epoch end while early stopping is enabled.
 */

/** Lower is better for losses, higher for accuracy. */
const improves = (monitor: Monitor, value: number, best: number) =>
  monitor === 'val_accuracy' ? value > best : value < best

/**
 * The value early stopping watches: the configured one, unless there is no validation split
 * (then the training loss; `noValidation` says so, when early stopping is enabled) or the
 * task has no accuracy (then the validation loss).
 */
export function resolveMonitor(
  config: TrainingConfig,
  hasValidation: boolean,
  hasAccuracy: boolean,
): { monitor: Monitor; noValidation: boolean } {
  let monitor: Monitor = config.earlyStopping.monitor
  let noValidation = false
  if (config.earlyStopping.enabled && monitor !== 'loss' && !hasValidation) {
    monitor = 'loss'
    noValidation = true
  }
  if (monitor === 'val_accuracy' && !hasAccuracy) monitor = 'val_loss'
  return { monitor, noValidation }
}

export interface EarlyStopping {
  /** Records an epoch's end and its weights; true when training should stop (patience exhausted). */
  observe(event: EpochEvent, snapshot: WeightSnapshot): boolean
  /** The weights at the best epoch so far, or null before the first observation. */
  readonly best: WeightSnapshot | null
}

export function createEarlyStopping(monitor: Monitor, patience: number): EarlyStopping {
  let best: { value: number; snapshot: WeightSnapshot } | null = null
  let sinceBest = 0
  return {
    observe(event, snapshot) {
      const value =
        monitor === 'loss' ? event.loss : monitor === 'val_accuracy' ? (event.valAccuracy ?? 0) : event.valLoss
      if (best === null || improves(monitor, value, best.value)) {
        best = { value, snapshot }
        sinceBest = 0
        return false
      }
      return ++sinceBest >= patience
    },
    get best() {
      return best?.snapshot ?? null
    },
  }
}
