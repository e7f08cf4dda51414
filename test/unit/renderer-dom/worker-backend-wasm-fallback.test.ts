import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/renderer/src/worker/backend'
import type { WasmLoader } from '../../../src/renderer/src/worker/wasm-backend'

/**
 * When tfjs' WebAssembly backend cannot start, the worker trains on the pure-JS 'cpu' backend and
 * says why. The failure is a real one: the backend is told its .wasm files are in a folder that
 * does not exist (as when a build forgot to ship them). Its own file (process): the wasm package
 * remembers a failed start.
 */

let loads = 0
const loadFromMissingFolder: WasmLoader = async () => {
  loads++
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  wasm.setWasmPaths('/nonexistent-layercanvas-wasm-folder/')
  return wasm
}

afterAll(async () => {
  await tf.setBackend('cpu')
})

describe('selectBackend: WebAssembly will not start', () => {
  it("falls back to the JS 'cpu' backend with the fast kernels, and gives the reason and its cause", async () => {
    const info = await selectBackend(tf, 'cpu', undefined, undefined, loadFromMissingFolder)
    expect(info.backend).toBe('cpu')
    expect(info.fallback).toBe('wasmUnavailable')
    expect(info.fallbackDetail).toMatch(/^WebAssembly: /)
    expect(info.wasm).toBeUndefined()
    expect(tf.getBackend()).toBe('cpu')
    // The CPU fallback still trains: one Adam step of a dense layer gives a finite loss.
    const x = tf.tensor2d([[1, 2]])
    const w = tf.variable(tf.tensor2d([[0.5], [-0.5]]))
    const loss = tf.train.adam(0.1).minimize(() => tf.matMul(x, w).square().mean() as tf.Scalar, true)!
    expect(Number.isFinite((await loss.data())[0])).toBe(true)
    tf.dispose([x, w, loss])
  })

  it("keeps a GPU failure as the headline under 'auto' and adds the WebAssembly cause to its detail", async () => {
    const info = await selectBackend(tf, 'auto', undefined, undefined, loadFromMissingFolder)
    expect(info.backend).toBe('cpu')
    expect(info.fallback).toBe('webglUnavailable')
    expect(info.fallbackDetail).toMatch(/^WebAssembly: /)
  })

  it('does not try (and warn) again on every run once WebAssembly failed in this worker', () => {
    expect(loads).toBe(1)
  })
})
