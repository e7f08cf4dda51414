import { getPlatform } from '../app/platform-ref'
import { getSeries, getSmoothing } from './series'
import { loseWorkerContext, runBench, setDebugRunOptions } from './session'
import { trainingStore } from './training-store'

/**
 * Browser build only: a read-only hook for the end-to-end tests and the throughput bench
 * (like window.__layercanvas in app/startup.ts).
 */
export function installTrainingDebugHook(): void {
  if (getPlatform().kind !== 'web' || '__layercanvasTraining' in window) return
  Object.defineProperty(window, '__layercanvasTraining', {
    value: Object.freeze({
      getState: () => {
        const { status, phase, backend, dataset, epochs, last, done, error, memory, evaluation, hasModel } =
          trainingStore.getState()
        return JSON.parse(
          JSON.stringify({
            status,
            phase,
            backend,
            dataset,
            epochs,
            last,
            done,
            error,
            memory,
            hasModel,
            evaluation: evaluation && { ...evaluation, predictions: undefined },
          }),
        )
      },
      /** The per-batch loss chart's points: raw and smoothed values, and the smoothing weight. */
      getLossSeries: () => ({
        raw: getSeries().loss.map((p) => p.y),
        smoothed: getSeries().lossSmooth.map((p) => p.y),
        smoothing: getSmoothing(),
      }),
      setRunOptions: setDebugRunOptions,
      loseContext: loseWorkerContext,
      bench: runBench,
    }),
    configurable: false,
    writable: false,
  })
}
