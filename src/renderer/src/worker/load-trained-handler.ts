import { selectBackend } from './backend'
import { checkTrainedWeights } from './load-trained'
import type { ExportDataMessage, LoadTrainedMessage } from './protocol'
import { exportData } from './export-data'
import { modelSelfTest } from './self-test'
import { exclusive, post, state, tf } from './worker-state'

/** Weights trained outside (train.py's weights.json + .bin), checked against the document's layers. */
export function loadTrained(message: LoadTrainedMessage): void {
  if (state.busy) {
    const text = {
      en: 'Training is running: load the weights when it has finished.',
      'zh-CN': '正在训练：请在训练结束后再载入权重。',
    }
    post({ type: 'loadedTrained', requestId: message.requestId, result: { ok: false, problems: [text] } })
    return
  }
  void exclusive(async () => {
    if (!state.backendInfo) {
      state.backendInfo = await selectBackend(tf, message.backend, undefined, modelSelfTest(message.document))
      state.backendPreference = message.backend
    }
    let result
    try {
      result = checkTrainedWeights(tf, message)
    } catch (error) {
      const detail = String((error as Error)?.message ?? error)
      result = { ok: false as const, problems: [{ en: detail, 'zh-CN': detail }] }
    }
    post({ type: 'loadedTrained', requestId: message.requestId, result })
  }, null)
}

/** data.npz for the PyTorch / Keras export (its size, or its bytes); not while a run trains. */
export function exportDataFile(message: ExportDataMessage): void {
  if (state.busy) {
    post({ type: 'exportData', requestId: message.requestId, result: { ok: false, message: 'training is running' } })
    return
  }
  void exclusive(async () => {
    let result
    try {
      result = await exportData(message)
    } catch (error) {
      result = { ok: false as const, message: String((error as Error)?.message ?? error) }
    }
    const transfer = result.ok && result.data ? [result.data.buffer as ArrayBuffer] : []
    post({ type: 'exportData', requestId: message.requestId, result }, transfer)
  }, null)
}
