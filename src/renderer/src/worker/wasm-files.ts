/**
 * Loads tfjs' WebAssembly backend in the training worker (its own chunk: only CPU runs load it)
 * and tells it where Vite put its three .wasm builds (`?url`: emitted as assets by the browser
 * and the Electron build alike). tfjs picks plain or SIMD (threads are off: wasm-backend.ts); all
 * three are named because setWasmPaths wants the complete map.
 *
 * The URLs are made absolute against this worker script's own URL, so they hold on http(s) and
 * on file:// (the packaged app). There, Emscripten's loader reads file:// URLs with
 * XMLHttpRequest itself (Chromium's fetch refuses them), so tfjs' platform fetch is not used.
 */
import plainWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import simdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import threadedSimdWasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import type { WasmBackendModule } from './wasm-backend'

const absolute = (url: string) => new URL(url, import.meta.url).href

let paths: Promise<WasmBackendModule> | null = null

/** Imports the backend (which registers 'wasm' with tfjs) and sets its file locations, once. */
export function loadWasmBackend(): Promise<WasmBackendModule> {
  paths ??= import('@tensorflow/tfjs-backend-wasm').then((wasm) => {
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': absolute(plainWasmUrl),
      'tfjs-backend-wasm-simd.wasm': absolute(simdWasmUrl),
      'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedSimdWasmUrl),
    })
    return wasm
  })
  // A failed chunk load may succeed later (e.g. a flaky dev server); do not cache the failure.
  paths.catch(() => (paths = null))
  return paths
}
