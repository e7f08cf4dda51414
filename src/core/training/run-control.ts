import type { TrainingErrorCode } from './events'

/**
 * The host's requests to a running trainer (pause, resume, single steps, stop, abort). The host
 * sets them at any time; the trainer's loop reads them between batches, and sleeps in
 * `waitForWake` while paused until the next request wakes it.
 */
export interface RunControl {
  readonly pauseRequested: boolean
  readonly stopRequested: boolean
  readonly abortRequest: { code: TrainingErrorCode; detail?: string } | null
  requestPause(): void
  /** Runs on: drops the single steps still queued. */
  resume(): void
  stop(): void
  abort(code: TrainingErrorCode, detail?: string): void
  /** Queues one batch while paused; resolves once it has trained (or training ended). */
  queueStep(): Promise<void>
  /** Takes one queued step, if any (the loop then trains one batch while paused). */
  takeQueuedStep(): boolean
  /** The oldest queued step's batch has trained. */
  finishStep(): void
  /** Resolves every waiting step: the loop paused again, or training ended. */
  releaseSteppers(): void
  /** Sleeps until the host's next request. */
  waitForWake(): Promise<void>
}

export function createRunControl(): RunControl {
  let pauseRequested = false
  let stopRequested = false
  let abortRequest: { code: TrainingErrorCode; detail?: string } | null = null
  let stepsQueued = 0
  let stepWaiters: (() => void)[] = []
  let wake: (() => void) | null = null

  const nudge = () => {
    const resume = wake
    wake = null
    resume?.()
  }

  return {
    get pauseRequested() {
      return pauseRequested
    },
    get stopRequested() {
      return stopRequested
    },
    get abortRequest() {
      return abortRequest
    },
    requestPause() {
      pauseRequested = true
    },
    resume() {
      pauseRequested = false
      stepsQueued = 0
      nudge()
    },
    stop() {
      stopRequested = true
      nudge()
    },
    abort(code, detail) {
      abortRequest = { code, detail }
      nudge()
    },
    queueStep() {
      stepsQueued++
      const done = new Promise<void>((resolve) => stepWaiters.push(resolve))
      nudge()
      return done
    },
    takeQueuedStep() {
      if (stepsQueued <= 0) return false
      stepsQueued--
      return true
    },
    finishStep() {
      stepWaiters.shift()?.()
    },
    releaseSteppers() {
      const waiters = stepWaiters
      stepWaiters = []
      for (const done of waiters) done()
    },
    waitForWake() {
      return new Promise<void>((resolve) => {
        wake = resolve
      })
    },
  }
}
