import { createPlaneService } from './plane'
import { post, state, tf } from './worker-state'

/** The decision boundary and GAN views: read the current model (and a GAN's task) over the 2-D plane. */
export const plane = createPlaneService({
  tf,
  post,
  context: () => state.current,
  task: () => state.trainer?.task ?? state.lastTask,
  training: () => state.trainer?.status === 'running',
})
