import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { getPlatform } from '../app/platform-ref'
import type { GanLearner } from '../../../core/training/tasks/gan'
import {
  onPlane,
  pauseTraining,
  resumeTraining,
  sendPlaneMessage,
  startTraining,
  stepTraining,
} from '../training/session'
import { isActive, trainingStore } from '../training/training-store'
import type { PlaneResult } from '../worker/plane-messages'

/**
 * The 2-D views' state: open or not, which points are drawn, the GAN's learner, and the
 * worker's last reading. Outside the document and undo (a way of looking, not an edit).
 */
export type PlaneReading = Extract<PlaneResult, { ok: true }>

export interface PlaneState {
  on: boolean
  /** Decision boundary: draw the test split's points instead of the training split's. */
  showTest: boolean
  learner: GanLearner
  reading: PlaneReading | null
  problem: Extract<PlaneResult, { ok: false }> | null
  pending: boolean
}

export const planeStore = createStore<PlaneState>(() => ({
  on: false,
  showTest: false,
  learner: 'both',
  reading: null,
  problem: null,
  pending: false,
}))

export const usePlane = <T>(selector: (state: PlaneState) => T): T => useStore(planeStore, selector)

/** Pushes during training: at most this often (the worker reads between two batches). */
export const PLANE_INTERVAL_MS = 1000

let nextRequest = 1
let latestRequest = 0
let pushes = 0
let intervalMs = PLANE_INTERVAL_MS
/** A Step from an idle project starts a run and pauses it at once: this waits for it to run. */
let pauseWhenRunning = false

function request(): void {
  latestRequest = nextRequest++
  planeStore.setState({ pending: true })
  sendPlaneMessage({ type: 'plane', requestId: latestRequest })
}

function syncWatch(): void {
  sendPlaneMessage({ type: 'planeWatch', on: planeStore.getState().on, intervalMs })
}

function accept(result: PlaneResult): void {
  if (!result.ok) planeStore.setState({ problem: result, pending: false })
  else planeStore.setState({ reading: result, problem: null, pending: false })
}

let listening = false
function listen(): void {
  if (listening) return
  listening = true
  onPlane(({ requestId, result }) => {
    if (!planeStore.getState().on) return
    if (requestId === null) {
      pushes += 1
      if (!planeStore.getState().pending) accept(result)
      return
    }
    if (requestId === latestRequest) accept(result)
  })
  trainingStore.subscribe((state, prev) => {
    if (pauseWhenRunning && state.status === 'running') {
      pauseWhenRunning = false
      pauseTraining()
    }
    // A new run has a new GAN task: tell it who learns.
    if (state.status === 'running' && prev.status === 'starting')
      sendPlaneMessage({ type: 'ganLearner', learner: planeStore.getState().learner })
    if (!planeStore.getState().on) return
    const ended = (isActive(prev.status) && !isActive(state.status)) || (prev.busy && !state.busy)
    const paused = state.status === 'paused' && prev.status !== 'paused'
    if ((ended && state.hasModel) || paused) request()
  })
}

export function setPlaneOn(on: boolean): void {
  listen()
  planeStore.setState({ on })
  syncWatch()
  if (on) request()
}

export const setShowTest = (showTest: boolean) => planeStore.setState({ showTest })

export function setLearner(learner: GanLearner): void {
  planeStore.setState({ learner })
  sendPlaneMessage({ type: 'ganLearner', learner })
}

/** Step one batch: while paused, at once; while running, pause first; when idle, start a paused run. */
export function stepOnce(): void {
  listen()
  const { status } = trainingStore.getState()
  if (status === 'paused') stepTraining()
  else if (status === 'running') pauseTraining()
  else if (!isActive(status)) {
    pauseWhenRunning = true
    startTraining()
  }
}

/** Play / pause: starts a run when none is active. */
export function playOrPause(): void {
  listen()
  const { status } = trainingStore.getState()
  if (status === 'running') pauseTraining()
  else if (status === 'paused') resumeTraining()
  else if (!isActive(status)) startTraining()
}

const plainReading = (reading: PlaneReading) => {
  if (reading.view === 'boundary') {
    const { boundary, points } = reading
    return {
      view: reading.view,
      sequence: reading.sequence,
      batches: reading.batches,
      duringTraining: reading.duringTraining,
      area: boundary.area,
      output: {
        nodeId: boundary.output.nodeId,
        units: boundary.output.units,
        values: Array.from(boundary.output.values),
      },
      layers: boundary.layers.map((l) => ({ ...l, values: Array.from(l.values) })),
      edges: boundary.edges.map((e) => ({ ...e, weights: Array.from(e.weights) })),
      points: { train: points.train.length / 2, test: points.test.length / 2 },
    }
  }
  if (reading.view === 'curve') {
    const { curve, points } = reading
    return {
      view: reading.view,
      sequence: reading.sequence,
      batches: reading.batches,
      duringTraining: reading.duringTraining,
      range: curve.range,
      output: { nodeId: curve.output.nodeId, values: Array.from(curve.output.values) },
      layers: curve.layers.map((l) => ({ ...l, values: Array.from(l.values) })),
      points: { train: points.train.length / 2, test: points.test.length / 2 },
    }
  }
  const { gan } = reading
  return {
    view: reading.view,
    sequence: reading.sequence,
    batches: reading.batches,
    duringTraining: reading.duringTraining,
    area: gan.area,
    discriminator: Array.from(gan.discriminator),
    fakes: Array.from(gan.fakes),
    dFake: Array.from(gan.dFake),
    gradients: Array.from(gan.gradients),
    z: Array.from(reading.z),
    latent: reading.latent,
    coverage: reading.coverage,
    learner: reading.learner,
  }
}

/** Browser build only: a read-only hook for the end-to-end tests. */
export function installPlaneDebugHook(): void {
  if (getPlatform().kind !== 'web' || '__layercanvasPlane' in window) return
  Object.defineProperty(window, '__layercanvasPlane', {
    value: Object.freeze({
      getState: () => {
        const { on, showTest, learner, reading, problem, pending } = planeStore.getState()
        return { on, showTest, learner, pending, problem, pushes, reading: reading && plainReading(reading) }
      },
      setPushInterval: (ms: number) => {
        intervalMs = ms
        syncWatch()
      },
    }),
    configurable: false,
    writable: false,
  })
}
