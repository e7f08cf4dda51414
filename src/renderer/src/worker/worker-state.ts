/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs'
import type { Dataset, DatasetSplit } from '../../../core/data/dataset'
import type { ProjectDocument } from '../../../core/document/types'
import type { Trainer } from '../../../core/training/trainer'
import type { TrainingTask } from '../../../core/training/tasks/task'
import { selectBackend } from './backend'
import type { BackendInfo, FallbackReason, RunOptions, WorkerMessage } from './protocol'
import { modelSelfTest } from './self-test'

/**
 * What the training worker's handlers share: the one tfjs instance, the way back to the page,
 * the chosen backend, the current model and run, and the "one long task at a time" rule. One
 * module-level object, because a worker is one realm with one of each.
 */

declare const self: DedicatedWorkerGlobalScope

export { tf }

export const post = (message: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer)

/** A macrotask without setTimeout's 4 ms clamp: lets pause/stop messages in between batches. */
const channel = new MessageChannel()
const waiting: (() => void)[] = []
channel.port1.onmessage = () => waiting.shift()?.()
export const yieldToHost = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve)
    channel.port2.postMessage(null)
  })

export interface Prepared {
  document: ProjectDocument
  /** The graph part of the document the model was built from (to reuse it for evaluation). */
  graphKey: string
  model: tf.LayersModel
  layerNames: Record<string, string>
  inputs: string[]
  outputs: string[]
  /** As loaded (for the gallery) and as trained (normalised). */
  raw: Dataset
  dataset: Dataset
  split: DatasetSplit
  metrics: Record<string, number>
}

export const state: {
  backendInfo: BackendInfo | null
  backendPreference: RunOptions['backend'] | null
  pendingFallback: FallbackReason | undefined
  current: Prepared | null
  trainer: Trainer | null
  /** The last run's task (its models share current.model): on-demand Sample / Generate use it after training. */
  lastTask: TrainingTask | null
  busy: boolean
  /** A stop that arrived while the data was loading: the run ends before its first batch. */
  stopEarly: boolean
} = {
  backendInfo: null,
  backendPreference: null,
  pendingFallback: undefined,
  current: null,
  trainer: null,
  lastTask: null,
  busy: false,
  stopEarly: false,
}

export async function ensureBackend(
  runId: number,
  preference: RunOptions['backend'],
  document: ProjectDocument | null = null,
): Promise<void> {
  if (!state.backendInfo || state.backendPreference !== preference || state.pendingFallback) {
    post({ type: 'phase', runId, phase: 'backend' })
    state.backendInfo = await selectBackend(tf, preference, state.pendingFallback, modelSelfTest(document))
    state.backendPreference = preference
    state.pendingFallback = undefined
  }
  post({ type: 'backend', runId, info: state.backendInfo })
}

export function disposeCurrent(): void {
  state.lastTask = null
  if (!state.current) return
  try {
    state.current.model.dispose()
  } catch {
    // A model on a lost context may refuse; its tensors die with the context anyway.
  }
  state.current = null
}

/** One long task at a time (start, evaluate, bench, export); controls go straight to the trainer. */
export async function exclusive(task: () => Promise<void>, runId: number | null): Promise<void> {
  if (state.busy) {
    if (runId !== null) {
      post({ type: 'failed', runId, code: 'internal', message: 'the worker is still busy with the previous run' })
      post({ type: 'finished', runId, status: 'error', hasModel: state.current !== null })
    }
    return
  }
  state.busy = true
  state.stopEarly = false
  try {
    await task()
  } finally {
    state.busy = false
  }
}
