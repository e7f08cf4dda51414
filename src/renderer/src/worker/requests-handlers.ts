import { exportProblem } from '../../../core/i18n/export-messages'
import { trainedWeightsFromModel } from '../../../core/training/weights'
import { selectBackend } from './backend'
import { exportTransferables, runExport } from './export'
import { ownedSamples, runOnDemand } from './generative'
import type { ExportMessage, ExportOutcome, GenerateMessage, GetWeightsMessage, SampleMessage } from './protocol'
import { modelSelfTest } from './self-test'
import { exclusive, post, state, tf } from './worker-state'

/** The current model's weights for "keep the trained weights"; null while a run is busy or before any. */
export function sendWeights(message: GetWeightsMessage): void {
  const prepared = state.current
  if (!prepared || state.busy) {
    post({ type: 'weights', requestId: message.requestId, trained: null })
    return
  }
  trainedWeightsFromModel(prepared.model, prepared.layerNames, { metrics: prepared.metrics })
    .then((trained) => post({ type: 'weights', requestId: message.requestId, trained }))
    .catch(() => post({ type: 'weights', requestId: message.requestId, trained: null }))
}

/** An export: the core exporters compile their own model here, where tfjs lives. */
export function exportModel(message: ExportMessage): void {
  // Not while a run trains (its memory checks would see the export's model).
  if (state.busy) {
    const result = { ok: false as const, problems: [exportProblem(null, 'trainingBusy')] }
    post({ type: 'export', requestId: message.requestId, result })
    return
  }
  void exclusive(async () => {
    let result: ExportOutcome
    try {
      if (!state.backendInfo) {
        state.backendInfo = await selectBackend(tf, message.backend, undefined, modelSelfTest(message.document))
        state.backendPreference = message.backend
      }
      result = await runExport(tf, message)
    } catch (error) {
      result = { ok: false, problems: [{ nodeId: null, message: String((error as Error)?.message ?? error) }] }
    }
    post({ type: 'export', requestId: message.requestId, result }, exportTransferables(result))
  }, null)
}

/** Sample / Generate on demand from the running or the last run's task. */
export function sampleOnDemand(message: SampleMessage | GenerateMessage): void {
  const prepared = state.current
  const context = prepared ? { config: prepared.document.training, dataShape: prepared.dataset.inputShape } : null
  void runOnDemand(state.trainer?.task ?? state.lastTask, context, message).then((result) => {
    const owned = result.ok ? ownedSamples(result.samples) : null
    const answer = owned ? { ok: true as const, samples: owned.samples } : result
    post({ type: 'sampled', requestId: message.requestId, result: answer }, owned?.transfer ?? [])
  })
}
