import { createActivationsService } from './activations'
import { gallerySamples, transferablesOf } from './samples'
import { post, state, tf } from './worker-state'

/** The activations view: reads every node's output for one sample from the current model (also between batches). */
export const activations = createActivationsService({
  tf,
  post,
  preview: (raw, row) => {
    const preview = gallerySamples(raw, [row])
    return { preview, transfer: transferablesOf(preview) as ArrayBuffer[] }
  },
  context: () => state.current,
  training: () => state.trainer?.status === 'running',
})
