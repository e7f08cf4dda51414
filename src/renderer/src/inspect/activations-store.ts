import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { NodeActivation } from '../../../core/inspect/activations'
import { getPlatform } from '../app/platform-ref'
import { onActivations, sendToWorker } from '../training/session'
import { isActive, trainingStore } from '../training/training-store'
import type { ActivationsResult } from '../worker/protocol'

/**
 * The activations view's state: on/off, the chosen test sample, the page per node, and the
 * worker's last reading. Outside the document and undo (it is a way of looking, not an edit).
 */
export type Reading = Extract<ActivationsResult, { ok: true }>

export interface ActivationsState {
  on: boolean
  sampleIndex: number
  pages: Record<string, number>
  reading: Reading | null
  /** Node id → its activation in `reading`. */
  byNode: Record<string, NodeActivation>
  problem: Extract<ActivationsResult, { ok: false }> | null
  pending: boolean
  /** The node whose large view is open. */
  viewNodeId: string | null
  /** Generative projects: the noise seed ("new z"), what D is shown, the diffusion timestep (null: the middle). */
  generative: { seed: number; judged: 'fake' | 'real'; t: number | null }
}

export const activationsStore = createStore<ActivationsState>(() => ({
  on: false,
  sampleIndex: 0,
  pages: {},
  reading: null,
  byNode: {},
  problem: null,
  pending: false,
  viewNodeId: null,
  generative: { seed: 1, judged: 'fake', t: null },
}))

export const useActivations = <T>(selector: (state: ActivationsState) => T): T => useStore(activationsStore, selector)

/** Pushes during training: at most this often (the worker reads between two batches). */
export const PUSH_INTERVAL_MS = 1500

let nextRequest = 1
let latestRequest = 0
/** Pushes received while training (the e2e tests read it) and their interval (they shorten it). */
let pushes = 0
let pushIntervalMs = PUSH_INTERVAL_MS

function sample() {
  const { sampleIndex, generative } = activationsStore.getState()
  // The generative fields are read only for GAN and diffusion projects (the worker decides).
  return {
    split: 'test' as const,
    index: sampleIndex,
    seed: generative.seed,
    judged: generative.judged,
    ...(generative.t === null ? {} : { t: generative.t }),
  }
}

/** Asks for a reading now (the answer replaces the shown one unless a newer request went out). */
function request(): void {
  const { pages } = activationsStore.getState()
  latestRequest = nextRequest++
  activationsStore.setState({ pending: true })
  sendToWorker({ type: 'activations', requestId: latestRequest, sample: sample(), pages })
}

function syncWatch(): void {
  const { on, pages } = activationsStore.getState()
  sendToWorker({ type: 'activationsWatch', on, sample: sample(), pages, intervalMs: pushIntervalMs })
}

function accept(result: ActivationsResult): void {
  if (!result.ok) {
    activationsStore.setState({ problem: result, pending: false })
    return
  }
  const byNode: Record<string, NodeActivation> = {}
  for (const node of result.nodes) byNode[node.nodeId] = node
  activationsStore.setState({
    reading: result,
    byNode,
    problem: null,
    pending: false,
    sampleIndex: result.sample.index,
  })
}

let listening = false
function listen(): void {
  if (listening) return
  listening = true
  onActivations(({ requestId, result }) => {
    if (!activationsStore.getState().on) return
    if (requestId === null) {
      pushes += 1
      // A push while training: newer than any answer, unless a request is still out.
      if (latestRequest === 0 || !activationsStore.getState().pending) accept(result)
      return
    }
    if (requestId === latestRequest) accept(result)
  })
  // When a run (or an evaluation) ends, read the final model once.
  trainingStore.subscribe((state, prev) => {
    if (!activationsStore.getState().on) return
    const ended = (isActive(prev.status) && !isActive(state.status)) || (prev.busy && !state.busy)
    if (ended && state.hasModel) request()
  })
}

export function setActivationsOn(on: boolean): void {
  listen()
  activationsStore.setState(on ? { on } : { on, viewNodeId: null })
  syncWatch()
  if (on) request()
}

export function chooseSample(index: number): void {
  const count = activationsStore.getState().reading?.sample.count
  const clamped = Math.max(0, count ? Math.min(index, count - 1) : index)
  activationsStore.setState({ sampleIndex: clamped })
  syncWatch()
  request()
}

/** Generative projects: change the noise seed, what D is shown, or the timestep, and read again. */
export function setGenerativeSample(change: Partial<ActivationsState['generative']>): void {
  activationsStore.setState((state) => ({ generative: { ...state.generative, ...change } }))
  syncWatch()
  request()
}

export function choosePage(nodeId: string, page: number): void {
  activationsStore.setState((state) => ({ pages: { ...state.pages, [nodeId]: Math.max(0, page) } }))
  syncWatch()
  request()
}

export const openActivationView = (nodeId: string) => activationsStore.setState({ viewNodeId: nodeId })
export const closeActivationView = () => activationsStore.setState({ viewNodeId: null })

/** Browser build only: a read-only hook for the end-to-end tests (like window.__layercanvasTraining). */
export function installActivationsDebugHook(): void {
  if (getPlatform().kind !== 'web' || '__layercanvasActivations' in window) return
  const plain = (node: NodeActivation) => ({
    ...node,
    values: Array.from(node.values),
    ...(node.attention ? { attention: { ...node.attention, values: Array.from(node.attention.values) } } : {}),
  })
  Object.defineProperty(window, '__layercanvasActivations', {
    value: Object.freeze({
      getState: () => {
        const { on, sampleIndex, reading, problem, pending, viewNodeId } = activationsStore.getState()
        return {
          on,
          pushes,
          sampleIndex,
          pending,
          viewNodeId,
          problem,
          reading: reading && {
            sequence: reading.sequence,
            duringTraining: reading.duringTraining,
            nodeIds: reading.nodes.map((n) => n.nodeId),
            sample: {
              index: reading.sample.index,
              count: reading.sample.count,
              label: reading.sample.label,
              input: { shape: reading.sample.input.shape, values: Array.from(reading.sample.input.values) },
            },
            generated: reading.generated && plainGenerated(reading.generated),
          },
        }
      },
      setPushInterval: (ms: number) => {
        pushIntervalMs = ms
        syncWatch()
      },
      getNode: (nodeId: string) => {
        const node = activationsStore.getState().byNode[nodeId]
        return node ? plain(node) : null
      },
    }),
    configurable: false,
    writable: false,
  })
}

/** The generated sample's numbers for the test hook (pictures left out). */
function plainGenerated(generated: NonNullable<Reading['generated']>) {
  if (generated.kind === 'gan') {
    const { kind, seed, z, judged, realProbability, generatorNodes, discriminatorNodes } = generated
    return { kind, seed, z: Array.from(z), judged, realProbability, generatorNodes, discriminatorNodes }
  }
  const { kind, seed, t, timesteps, signal } = generated
  return { kind, seed, t, timesteps, signal }
}
