import { createExplainService } from './explain'
import { createGradientsService } from './gradients'
import { post, state, tf } from './worker-state'

/** "How one unit computes": reads a node's inputs, weights and output for one sample from the current model. */
export const explainer = createExplainService({ tf, post, context: () => state.current })

/** The weights-and-gradients view: probes training steps (on a throttle) while it is open. */
export const gradients = createGradientsService({ tf, post })
