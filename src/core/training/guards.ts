import type { ErrorEvent, TrainingErrorCode } from './events'

/** Counts NaN and ±Infinity in a feature array (one pass; MNIST takes a few milliseconds). */
export function countNonFinite(values: ArrayLike<number>): number {
  let count = 0
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) count++
  return count
}

const fmt = (n: number) => Number(n.toPrecision(3)).toString()

/** The learner-facing error for a loss that became NaN or Infinity. Epoch and batch count from 0. */
export function nonFiniteLossError(info: {
  loss: number
  /** What was found non-finite: the loss (default) or the weights after the epoch's last update. */
  subject?: 'loss' | 'weights'
  epoch: number
  batch: number
  learningRate: number
  badInputValues: number
  restored: boolean
}): ErrorEvent {
  const what = Number.isNaN(info.loss) ? 'NaN (not a number)' : info.loss > 0 ? 'Infinity' : '-Infinity'
  const subject = info.subject === 'weights' ? 'the weights became NaN or Infinity' : `the loss became ${what}`
  const message =
    `Training stopped: ${subject} at epoch ${info.epoch + 1}, batch ${info.batch + 1}.` +
    (info.restored ? ' The weights were put back to the last good checkpoint.' : '')
  const tips: string[] = []
  if (info.badInputValues > 0) {
    tips.push(`the training data holds ${info.badInputValues} NaN or Infinity value(s): fix or remove those samples`)
  }
  tips.push(`lower the learning rate (now ${fmt(info.learningRate)}; try ${fmt(info.learningRate / 10)})`)
  tips.push('normalise the inputs (Normalization: standard or min-max)')
  tips.push('with a cross-entropy loss, make sure the last layer is a softmax (or sigmoid) so no log(0) occurs')
  return {
    event: 'error',
    code: 'nonFiniteLoss',
    message,
    epoch: info.epoch,
    batch: info.batch,
    suggestion: `Try: ${tips.join('; ')}.`,
    restored: info.restored,
  }
}

/** Why `abort(code)` was called, in the learner's words. */
export function abortError(
  code: TrainingErrorCode,
  detail: string | undefined,
  restored: boolean,
  where: { epoch?: number; batch?: number },
): ErrorEvent {
  const back = restored ? ' The weights were put back to the last good checkpoint.' : ''
  switch (code) {
    case 'contextLost':
      return {
        event: 'error',
        code,
        message: `Training stopped: the graphics card reset (WebGL context lost).${back}`,
        ...where,
        suggestion:
          'Train again; if it keeps happening, use a smaller batch size or model, or switch to the CPU backend.',
        restored,
      }
    case 'outOfMemory':
      return {
        event: 'error',
        code,
        message: `Training stopped: out of memory${detail ? ` (${detail})` : ''}.${back}`,
        ...where,
        suggestion: 'Use a smaller batch size, fewer filters or units, or smaller images.',
        restored,
      }
    default:
      return {
        event: 'error',
        code,
        message: `Training stopped: ${detail ?? code}.${back}`,
        ...where,
        suggestion: 'Check the model and the data, then train again.',
        restored,
      }
  }
}

/** Sorts an exception thrown by tfjs into an error code. */
export function codeForException(error: unknown): TrainingErrorCode {
  const text = String((error as Error)?.message ?? error)
  if (/out of memory|OOM|allocat|texture size|exceeds the size limit/i.test(text)) return 'outOfMemory'
  if (/context.*lost|CONTEXT_LOST/i.test(text)) return 'contextLost'
  return 'internal'
}
