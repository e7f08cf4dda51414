import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../../../core/data/dataset'
import { canProbe, createGradientProbe } from '../../../core/inspect/gradient-probe'
import { generativeProbe, isGenerativeProbeTask } from '../../../core/inspect/generative-probe'
import type { ProbeStep } from '../../../core/inspect/gradient-stats'
import type { Tf } from '../../../core/layers/kind'
import type { BatchProbe } from '../../../core/training/batch-probe'
import type { TrainingConfig } from '../../../core/training/config'
import type { TaskGraph } from '../../../core/training/tasks/task'
import { DEFAULT_GRADIENTS_PUSH_MS, DEFAULT_PROBE_MS } from './gradients-defaults'
import type { GradientsPush, GradientsState, GradientsWatchMessage } from './explain-messages'

/** Steps kept per run: beyond it every second one is dropped (the chart keeps its whole time span). */
export const MAX_STEPS = 240

export interface ProbeContext {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  dataset: Dataset
  config: TrainingConfig
  /** The document's maps: how a GAN's G and D or a denoiser's inputs are found. */
  graph?: TaskGraph
}

/**
 * The worker side of the weights-and-gradients view. Every run gets a probe from `probeFor`;
 * it does nothing (one boolean test per batch) while the view is closed, so training without
 * the view is unchanged. While open, the real probe (core/inspect/gradient-probe.ts) measures
 * one step every `probeMs`; the steps are pushed every `pushMs`, from the batch loop itself
 * (a push is a postMessage of a few kB, no tensor work).
 */
export function createGradientsService({
  tf,
  post,
  clock = () => performance.now(),
}: {
  tf: Tf
  post: (message: GradientsPush) => void
  clock?: () => number
}) {
  let on = false
  let probeMs = DEFAULT_PROBE_MS
  let pushMs = DEFAULT_GRADIENTS_PUSH_MS
  let state: GradientsState = { ok: true, running: false, layers: [], steps: [] }
  let lastPush = -Infinity

  const push = () => {
    lastPush = clock()
    if (on) post({ type: 'gradients', state })
  }

  function record(step: ProbeStep): void {
    if (!state.ok) return
    let steps = [...state.steps, step]
    if (steps.length > MAX_STEPS) steps = steps.filter((_, i) => i % 2 === 1 || i === steps.length - 1)
    state = { ...state, steps }
    if (clock() - lastPush >= pushMs) push()
  }

  return {
    watch(message: GradientsWatchMessage): void {
      on = message.on
      probeMs = Math.max(0, message.probeMs ?? DEFAULT_PROBE_MS)
      pushMs = Math.max(0, message.pushMs ?? DEFAULT_GRADIENTS_PUSH_MS)
      if (on) push()
    },
    /** A probe for a new run (the history starts afresh). */
    probeFor(ctx: ProbeContext): BatchProbe {
      const generative = isGenerativeProbeTask(ctx.config.task) && ctx.graph !== undefined
      if (!generative && !canProbe(ctx.model, ctx.dataset, ctx.config)) {
        state = {
          ok: false,
          reason: 'unsupported',
          message:
            'The weights-and-gradients view reads models trained on labels (classification, regression, a language model) with one input and one output, GANs and diffusion denoisers.',
        }
        push()
        return { due: () => false, before: () => undefined, after: () => undefined }
      }
      let inner: (BatchProbe & { readonly layers: string[] }) | null = null
      const onError = (message: string) => {
        state = { ok: false, reason: 'failed', message }
        push()
      }
      const make = () =>
        generative && ctx.graph
          ? generativeProbe({
              tf,
              model: ctx.model,
              graph: ctx.graph,
              dataset: ctx.dataset,
              config: ctx.config,
              get everyMs() {
                return probeMs
              },
              clock,
              onStep: record,
              onError,
            })
          : createGradientProbe({
              tf,
              model: ctx.model,
              layerNames: ctx.layerNames,
              dataset: ctx.dataset,
              loss: ctx.config.loss,
              get everyMs() {
                return probeMs
              },
              clock,
              onStep: record,
              onError,
            })
      const real = () => (inner ??= make())
      state = { ok: true, running: true, layers: [], steps: [] }
      return {
        due: () => on && real().due(),
        before: (indices, where) => {
          const probe = real()
          if (state.ok && state.layers.length === 0) state = { ...state, layers: probe.layers }
          probe.before(indices, where)
        },
        after: () => inner?.after(),
      }
    },
    /** The run ended: push the last steps (the chart's final picture). */
    runEnded(): void {
      if (state.ok) state = { ...state, running: false }
      push()
    },
  }
}
