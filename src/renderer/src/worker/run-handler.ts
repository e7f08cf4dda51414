import { compileModel } from '../../../core/compile/compile'
import { restoreWeights } from '../../../core/training/checkpoint'
import type { TrainingEvent } from '../../../core/training/events'
import { abortError } from '../../../core/training/guards'
import { createTrainer, type Trainer } from '../../../core/training/trainer'
import { resetWebgl, resetWebgpu, watchContextLoss } from './backend'
import { postEvaluation } from './evaluate-handler'
import { ownedSamples } from './generative'
import { prepare, reportFailure } from './prepare'
import type { StartMessage } from './protocol'
import { activations } from './activations-instance'
import { gradients } from './explain-instance'
import { plane } from './plane-instance'
import { ensureBackend, post, state, tf, yieldToHost, type Prepared } from './worker-state'

/** Mid-epoch previews (GAN grids) come at least this often, whatever the batch count. */
const PREVIEW_EVERY_MS = 10_000

/** How long to wait for a run to wind down after its context was lost before rebuilding anyway. */
const CONTEXT_LOSS_TIMEOUT_MS = 4000

/** Start: prepare the data and model, run the core trainer, stream its events to the page. */
export async function start(message: StartMessage): Promise<void> {
  const { runId, options } = message
  let prepared: Prepared
  try {
    await ensureBackend(runId, options.backend, message.document)
    prepared = await prepare(runId, message)
  } catch (error) {
    reportFailure(runId, error)
    post({ type: 'finished', runId, status: 'error', hasModel: state.current !== null })
    return
  }
  if (state.stopEarly) {
    post({ type: 'event', runId, event: { event: 'status', status: 'stopped' } })
    post({ type: 'finished', runId, status: 'stopped', hasModel: true })
    return
  }
  post({ type: 'phase', runId, phase: 'training' })

  let lost = false
  let lastWhere: { epoch?: number; batch?: number } = {}
  const forward = (event: TrainingEvent) => {
    // After a context loss the worker reports the error itself, once the model is rebuilt.
    if (lost && (event.event === 'error' || (event.event === 'status' && event.status === 'error'))) return
    if (event.event === 'batch') lastWhere = { epoch: event.epoch, batch: event.batch }
    if (event.event === 'batch') activations.noteBatch()
    if (event.event === 'batch') plane.noteBatch(event)
    if (event.event === 'samples') {
      // Previews carry typed arrays: post copies that own their buffers, transferred.
      const owned = ownedSamples(event.samples)
      post({ type: 'event', runId, event: { ...event, samples: owned.samples } }, owned.transfer)
      return
    }
    post({ type: 'event', runId, event })
    if (event.event === 'epoch') {
      const memory = tf.memory()
      post({ type: 'memory', runId, epoch: event.epoch, numTensors: memory.numTensors, numBytes: memory.numBytes })
      prepared.metrics = {
        ...prepared.metrics,
        loss: event.loss,
        valLoss: event.valLoss,
        ...(event.valAccuracy !== undefined ? { valAccuracy: event.valAccuracy } : {}),
      }
    }
  }
  const run = createTrainer({
    tf,
    model: prepared.model,
    graph: {
      document: prepared.document,
      layerNames: prepared.layerNames,
      inputs: prepared.inputs,
      outputs: prepared.outputs,
    },
    dataset: prepared.dataset,
    split: prepared.split,
    config: prepared.document.training,
    onEvent: forward,
    readbackMs: options.readbackMs ?? 200,
    yieldToHost,
    maxBatchesPerEpoch: options.maxBatchesPerEpoch,
    // A GAN's fixed-noise grid every 10 s as well as every sampleEvery batches: on a software GPU
    // 100 batches take minutes.
    previewEveryMs: PREVIEW_EVERY_MS,
    checkLeaks: true,
    batchProbe: gradients.probeFor({
      model: prepared.model,
      layerNames: prepared.layerNames,
      dataset: prepared.dataset,
      config: prepared.document.training,
      graph: {
        document: prepared.document,
        layerNames: prepared.layerNames,
        inputs: prepared.inputs,
        outputs: prepared.outputs,
      },
    }),
  })
  state.trainer = run
  let onLost: () => void = () => undefined
  const contextLost = new Promise<'lost'>((resolve) => {
    onLost = () => {
      lost = true
      run.abort('contextLost')
      setTimeout(() => resolve('lost'), CONTEXT_LOSS_TIMEOUT_MS)
    }
  })
  const unwatch = watchContextLoss(tf, () => onLost())
  const outcome = await Promise.race([run.start(), contextLost])
  unwatch()
  state.trainer = null
  gradients.runEnded()
  if (!lost && state.current === prepared) state.lastTask = run.task

  if (lost) {
    await recoverFromContextLoss(runId, prepared, run, lastWhere)
    return
  }
  if (outcome !== 'lost' && outcome.status === 'done' && outcome.evaluation) {
    post({ type: 'phase', runId, phase: 'evaluating' })
    await postEvaluation(runId, prepared, outcome.evaluation)
  }
  post({ type: 'finished', runId, status: outcome === 'lost' ? 'error' : outcome.status, hasModel: true })
}

/**
 * The context is gone and every texture with it (weights, optimizer state). Rebuild the backend
 * (WebGL again if it comes back, else CPU), build the model afresh and put the last checkpoint
 * (kept in host memory) into it, then explain.
 */
async function recoverFromContextLoss(
  runId: number,
  prepared: Prepared,
  run: Trainer,
  where: { epoch?: number; batch?: number },
): Promise<void> {
  const checkpoint = run.checkpoint
  try {
    prepared.model.dispose()
  } catch {
    // Dead textures.
  }
  state.current = null
  if (state.backendInfo?.backend === 'webgpu') resetWebgpu(tf)
  else resetWebgl(tf)
  state.backendInfo = null
  state.pendingFallback = 'contextLost'
  let restored = false
  try {
    await ensureBackend(runId, state.backendPreference ?? 'auto', prepared.document)
    const compiled = compileModel(tf, prepared.document)
    if (compiled.ok) {
      if (checkpoint) {
        restoreWeights(tf, compiled.model, checkpoint)
        restored = true
      }
      const { model, layerNames, inputs, outputs } = compiled
      state.current = { ...prepared, model, layerNames, inputs, outputs }
    }
  } catch {
    restored = false
  }
  post({ type: 'event', runId, event: abortError('contextLost', undefined, restored, where) })
  post({ type: 'event', runId, event: { event: 'status', status: 'error' } })
  post({ type: 'finished', runId, status: 'error', hasModel: state.current !== null })
}
