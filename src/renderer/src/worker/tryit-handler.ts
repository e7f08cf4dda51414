import { selectBackend } from './backend'
import type { TryItMessage } from './protocol'
import { modelSelfTest } from './self-test'
import { handleTryIt, tryItTransferables } from './tryit'
import { exclusive, post, state, tf } from './worker-state'

/** The Try-it panel's requests; not while a run trains (a second model would disturb its memory checks). */
export function tryIt(message: TryItMessage): void {
  if (state.busy) {
    post({
      type: 'tryit',
      requestId: message.requestId,
      answer: { ok: false, reason: 'busy', message: 'training is running' },
    })
    return
  }
  void exclusive(async () => {
    const answer = await handleTryIt(tf, message, async () => {
      const { action } = message
      if (action.kind !== 'prepare' || (state.backendInfo && state.backendPreference === action.backend)) return
      state.backendInfo = await selectBackend(tf, action.backend, undefined, modelSelfTest(action.document))
      state.backendPreference = action.backend
    })
    post({ type: 'tryit', requestId: message.requestId, answer }, tryItTransferables(answer))
  }, null)
}
