/// <reference lib="webworker" />
/**
 * The training worker: the only place in the renderer that imports tfjs. It picks the backend
 * (WebGL on an OffscreenCanvas; WebGPU when asked for and its self-test passes; CPU as the
 * fallback), loads the dataset, compiles the document, runs the core trainer and streams its
 * events to the UI. The UI thread never runs tensor code, so the canvas stays smooth while a
 * model trains.
 *
 * Guards: the trainer stops on a non-finite loss and puts the last good weights back; a lost
 * WebGL context aborts the run, the backend is rebuilt and the last checkpoint is restored
 * into a fresh model (with a time limit, because read-backs on a dead context may never end);
 * tf.memory() is reported at every epoch end so the UI can show the tensor count stays flat.
 *
 * This file is the router: one flat `case` per message, each a line or two calling its handler
 * (run-handler.ts, evaluate-handler.ts, bench-handler.ts, requests-handlers.ts, activations).
 * Shared state lives in worker-state.ts. A new message: add it to protocol.ts, a handler in
 * its own module, and one case here.
 */
import { customLayers } from '../../../core/layers/custom/index'
import { activations } from './activations-instance'
import { loseContext } from './backend'
import { bench } from './bench-handler'
import { evaluate } from './evaluate-handler'
import type { ToWorker } from './protocol'
import { explainer, gradients } from './explain-instance'
import { exportDataFile, loadTrained } from './load-trained-handler'
import { plane } from './plane-instance'
import { exportModel, sampleOnDemand, sendWeights } from './requests-handlers'
import { start } from './run-handler'
import { tryIt } from './tryit-handler'
import { disposeCurrent, exclusive, post, state, tf } from './worker-state'

declare const self: DedicatedWorkerGlobalScope

tf.enableProdMode()
customLayers(tf)

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  switch (message.type) {
    case 'start':
      void exclusive(() => start(message), message.runId)
      break
    case 'evaluate':
      void exclusive(() => evaluate(message), message.runId)
      break
    case 'bench':
      void exclusive(() => bench(message), null)
      break
    case 'pause':
      state.trainer?.pause()
      break
    case 'resume':
      state.trainer?.resume()
      break
    case 'stop':
      if (state.trainer) state.trainer.stop()
      else if (state.busy) state.stopEarly = true
      break
    case 'step':
      void state.trainer?.step()
      break
    case 'getWeights':
      sendWeights(message)
      break
    case 'export':
      exportModel(message)
      break
    case 'exportData':
      exportDataFile(message)
      break
    case 'loadTrained':
      loadTrained(message)
      break
    case 'sample':
    case 'generate':
      sampleOnDemand(message)
      break
    case 'activations':
      activations.request(message)
      break
    case 'activationsWatch':
      activations.watch(message)
      break
    case 'explainUnit':
      explainer.request(message)
      break
    case 'gradientsWatch':
      gradients.watch(message)
      break
    case 'tryit':
      tryIt(message)
      break
    case 'plane':
      plane.request(message)
      break
    case 'planeWatch':
      plane.watch(message)
      break
    case 'ganLearner':
      plane.setLearner(message)
      break
    case 'debugLoseContext':
      loseContext(tf)
      break
    case 'dispose':
      state.trainer?.stop()
      disposeCurrent()
      break
  }
}

post({ type: 'ready' })
