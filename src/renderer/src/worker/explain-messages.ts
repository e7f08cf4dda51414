/**
 * Messages of the "how one unit computes" view and the weights-and-gradients view (UI ⇄
 * training worker), apart from protocol.ts so the worker's services depend on no DOM type.
 */
import type { UnitExplanationResult } from '../../../core/inspect/explain-unit'
import type { ProbeStep } from '../../../core/inspect/gradient-stats'
import type { ActivationSample } from './activations-messages'

/** Explain one unit (dense) / one filter at one position (conv) of a node for a test sample. */
export interface ExplainUnitRequest {
  type: 'explainUnit'
  requestId: number
  sample: ActivationSample
  nodeId: string
  unit: number
  row?: number
  col?: number
}

export type ExplainUnitResult =
  | {
      ok: true
      sample: { index: number; count: number; label: string | null }
      explanation: UnitExplanationResult
      /** The class names (classification), for the softmax bars. */
      classNames: string[] | null
    }
  | { ok: false; reason: 'noModel' | 'unsupported' | 'failed'; message: string }

export interface ExplainUnitAnswer {
  type: 'explainUnit'
  requestId: number
  result: ExplainUnitResult
}

/**
 * While `on`, training runs probe the gradients every `probeMs` (at most), and the worker
 * pushes the run's probed steps at most every `pushMs`. Turning it on also pushes what the
 * last run recorded, at once.
 */
export interface GradientsWatchMessage {
  type: 'gradientsWatch'
  on: boolean
  probeMs?: number
  pushMs?: number
}

export type GradientsState =
  | { ok: true; running: boolean; layers: string[]; steps: ProbeStep[] }
  | { ok: false; reason: 'unsupported' | 'failed'; message: string }

export interface GradientsPush {
  type: 'gradients'
  state: GradientsState
}
