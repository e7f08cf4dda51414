import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { getPlatform } from '../app/platform-ref'
import { onExplainMessage, sendExplainToWorker as sendToWorker } from '../training/session'
import type { ExplainUnitResult, GradientsState } from '../worker/protocol'
import { activationsStore } from './activations-store'

/**
 * State of "how one unit computes" (a dialog for one node) and of the weights-and-gradients
 * panel. Outside the document and undo: ways of looking, not edits. The unit view follows the
 * activations view's sample and re-reads whenever a fresh activations reading arrives (so it
 * is live during training at the same throttle).
 */
export interface ExplainState {
  nodeId: string | null
  unit: number
  row: number
  col: number
  result: ExplainUnitResult | null
  pending: boolean
  gradientsOn: boolean
  gradients: GradientsState | null
  /** Pushes received (the e2e tests read it). */
  gradientPushes: number
}

export const explainStore = createStore<ExplainState>(() => ({
  nodeId: null,
  unit: 0,
  row: 0,
  col: 0,
  result: null,
  pending: false,
  gradientsOn: false,
  gradients: null,
  gradientPushes: 0,
}))

export const useExplain = <T>(selector: (state: ExplainState) => T): T => useStore(explainStore, selector)

let nextRequest = 1
let latestRequest = 0
let probeMs: number | undefined
let pushMs: number | undefined

function request(): void {
  const { nodeId, unit, row, col } = explainStore.getState()
  if (!nodeId) return
  latestRequest = nextRequest++
  explainStore.setState({ pending: true })
  sendToWorker({
    type: 'explainUnit',
    requestId: latestRequest,
    sample: { split: 'test', index: activationsStore.getState().sampleIndex },
    nodeId,
    unit,
    row,
    col,
  })
}

let listening = false
function listen(): void {
  if (listening) return
  listening = true
  onExplainMessage((message) => {
    if (message.type === 'explainUnit') {
      if (message.requestId === latestRequest) explainStore.setState({ result: message.result, pending: false })
      return
    }
    explainStore.setState((s) =>
      s.gradientsOn ? { gradients: message.state, gradientPushes: s.gradientPushes + 1 } : {},
    )
  })
  // A new activations reading (a push while training, another sample, the final model): read again.
  activationsStore.subscribe((state, prev) => {
    if (explainStore.getState().nodeId && state.reading !== prev.reading && state.reading) request()
  })
}

export function openUnitView(nodeId: string, unit = 0): void {
  listen()
  explainStore.setState({ nodeId, unit, row: 0, col: 0, result: null })
  request()
}

export const closeUnitView = () => explainStore.setState({ nodeId: null, result: null })

export function chooseUnit(unit: number, position?: { row: number; col: number }): void {
  explainStore.setState((s) => ({
    unit: Math.max(0, Math.floor(unit)),
    row: position?.row ?? s.row,
    col: position?.col ?? s.col,
  }))
  request()
}

export function setGradientsOn(on: boolean): void {
  listen()
  explainStore.setState({ gradientsOn: on })
  sendToWorker({ type: 'gradientsWatch', on, probeMs, pushMs })
}

/** Browser build only: a read-only hook for the end-to-end tests (like window.__layercanvasActivations). */
export function installExplainDebugHook(): void {
  if (getPlatform().kind !== 'web' || '__layercanvasExplain' in window) return
  Object.defineProperty(window, '__layercanvasExplain', {
    value: Object.freeze({
      // Typed arrays become plain arrays, so the page can hand them to the test as JSON.
      getState: () =>
        JSON.parse(
          JSON.stringify(explainStore.getState(), (_, v) =>
            ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v,
          ),
        ),
      setIntervals: (probe: number, push: number) => {
        probeMs = probe
        pushMs = push
        if (explainStore.getState().gradientsOn) setGradientsOn(true)
      },
    }),
    configurable: false,
    writable: false,
  })
}
