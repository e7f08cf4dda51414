import type * as tfjs from '@tensorflow/tfjs'
import { installFastCpuKernels } from '../../../core/training/cpu-kernels'
import { installWasmTrainingKernels } from '../../../core/training/wasm-kernels'
import { simdKernelsFor } from '../../../core/training/wasm-simd'

/**
 * The training worker's CPU path: tfjs' WebAssembly backend (XNNPACK, SIMD when the browser has
 * it) with our training kernels (conv gradients, the cpu bridge for what wasm lacks), several
 * times faster than tfjs' pure-JS 'cpu' backend. When WebAssembly is missing or the backend will
 * not start, the caller falls back to 'cpu' and shows `detail`.
 */

type Tf = typeof tfjs

/** The parts of '@tensorflow/tfjs-backend-wasm' used after it is loaded. */
export interface WasmBackendModule {
  getThreadsCount(): number
}

/** Loads the wasm backend package (registering 'wasm' with tfjs) and tells it where its files are. */
export type WasmLoader = () => Promise<WasmBackendModule>

interface WasmDetails {
  /** The SIMD build runs (128-bit vector instructions): about twice as fast as the plain one. */
  simd: boolean
  /** XNNPACK's thread pool size (1: threads are off, see startWasm). */
  threads: number
  /** Our WebAssembly SIMD kernels (Adam's update, matrix products) run on its memory. */
  ownKernels: boolean
}

type WasmAttempt = ({ ok: true } & WasmDetails) | { ok: false; detail: string }

const errorText = (error: unknown) => String((error as Error)?.message ?? error)

/** Why WebAssembly did not start, once: a worker does not retry (and warn again) on every run. */
let failure: string | null = null

async function startWasm(tf: Tf, load: WasmLoader): Promise<WasmAttempt> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function')
    return { ok: false, detail: 'WebAssembly is not available in this browser' }
  let wasm: WasmBackendModule
  try {
    wasm = await load()
  } catch (error) {
    return { ok: false, detail: `the WebAssembly backend could not be loaded: ${errorText(error)}` }
  }
  if (!tf.findBackendFactory('wasm')) return { ok: false, detail: 'the WebAssembly backend did not register' }
  // Single-threaded, even on a cross-origin isolated page: tfjs builds its threads' worker script
  // from its factory's source text, which a minifying bundler breaks ("e is not defined", an
  // uncaught error in the worker that ends the run), and on the 2-core machines we measured, a
  // second thread did not train faster. The flag exists once the package is loaded.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  // The cpu backend's kernels are what the wasm bridge runs for ops wasm lacks: make them the fast ones.
  installFastCpuKernels(tf)
  installWasmTrainingKernels(tf)
  try {
    if (!(await tf.setBackend('wasm'))) return { ok: false, detail: 'the WebAssembly backend failed to start' }
    await tf.ready()
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)))
    const value = (await probe.data())[0]
    probe.dispose()
    if (value !== 3) return { ok: false, detail: `the WebAssembly backend computed 1 + 2 = ${value}` }
  } catch (error) {
    return { ok: false, detail: errorText(error) }
  }
  return {
    ok: true,
    simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    threads: wasm.getThreadsCount(),
    ownKernels: simdKernelsFor(tf.backend()) !== null,
  }
}

/** Sets the wasm backend (with our training kernels) or says why it could not. Never throws. */
export async function tryWasm(tf: Tf, load: WasmLoader): Promise<WasmAttempt> {
  if (failure !== null) return { ok: false, detail: failure }
  const attempt = await startWasm(tf, load)
  if (!attempt.ok) failure = attempt.detail
  return attempt
}
