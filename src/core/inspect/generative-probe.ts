import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../data/dataset'
import type { Tf } from '../layers/kind'
import type { BatchProbe } from '../training/batch-probe'
import type { TrainingConfig } from '../training/config'
import type { TaskGraph } from '../training/tasks/task'
import { generativeObjectives } from './generative-objectives'
import type { ProbeStep } from './gradient-stats'
import { createObjectiveProbe } from './objective-probe'

export { isGenerativeProbeTask } from './generative-objectives'

export interface GenerativeProbeOptions {
  tf: Tf
  /** The compiled document model. */
  model: tfjs.LayersModel
  graph: TaskGraph
  dataset: Dataset
  config: TrainingConfig
  /** Read at every batch (it may change while the run trains). */
  readonly everyMs: number
  clock?: () => number
  onStep: (step: ProbeStep) => void
  onError?: (message: string) => void
}

/**
 * The weights-and-gradients probe of a GAN or diffusion run: the task's own losses
 * (generative-objectives.ts) measured by the objective probe. A model whose parts cannot be
 * found reports that once and probes nothing (the run itself reports the same problem).
 */
export function generativeProbe(options: GenerativeProbeOptions): BatchProbe & { readonly layers: string[] } {
  const { tf, model, graph, dataset, config } = options
  const found = generativeObjectives({ tf, model, graph, dataset, config })
  if (!found.ok) {
    options.onError?.(found.message)
    return { layers: [], due: () => false, before: () => undefined, after: () => undefined }
  }
  return createObjectiveProbe({
    tf,
    layerNames: graph.layerNames,
    objectives: found.objectives,
    get everyMs() {
      return options.everyMs
    },
    // Apart from every seed the run draws from (tasks use seed + 7919, + 31 337, …).
    seed: config.seed + 90_001,
    // BatchNormalization updates its moving statistics in training mode: probed in inference mode.
    training: !model.layers.some((l) => l.getClassName() === 'BatchNormalization'),
    clock: options.clock,
    onStep: options.onStep,
    onError: options.onError,
  })
}
