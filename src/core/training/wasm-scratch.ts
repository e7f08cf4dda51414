import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'

/** Helpers for our wasm kernels: calling the backend's own kernels and reading its memory. */

export type KernelParams = Parameters<tfjs.KernelFunc>[0]
export type Info = tfjs.TensorInfo
export type Backend = tfjs.KernelBackend
export type Run = (name: string, inputs: Record<string, Info>, attrs?: Record<string, unknown>) => Info

export const BACKEND = 'wasm'

/**
 * What our typed-array kernels use of tfjs' wasm backend (not in its public typings): an output
 * tensor in its memory, and a view of a tensor's values. A view is invalid after the next
 * allocation (memory may grow), so kernels make their outputs first.
 */
export interface WasmMemory {
  makeOutput(shape: number[], dtype: tfjs.DataType): Info
  typedArrayFromHeap(info: Info): Float32Array | Int32Array | Uint8Array
}
/** The parts of tfjs' wasm backend used here to read and write its memory; not in its public typings. */
interface WasmBackendLike {
  typedArrayFromHeap(info: Info): Float32Array
  write(values: Float32Array | null, shape: number[], dtype: 'float32'): tfjs.DataId
}

export interface Scratch {
  /** Calls another wasm kernel directly. */
  run: Run
  /** A float32 tensor in wasm memory holding `values` (null: uninitialised, to be filled). */
  make: (values: Float32Array | null, shape: number[]) => Info
  /** A live view of a tensor's values; invalid after the next allocation (memory may grow). */
  view: (info: Info) => Float32Array
}

/**
 * Runs `body` with helpers that call other wasm kernels directly and make tensors in wasm memory,
 * and disposes every intermediate made, except the result. (Kernels must not create tensors
 * through tf ops.)
 */
export function withScratch(tf: Tf, backend: Backend, body: (scratch: Scratch) => Info): Info {
  const made: Info[] = []
  const wasm = backend as unknown as WasmBackendLike
  const run: Run = (name, inputs, attrs = {}) => {
    const kernel = tf.getKernel(name, BACKEND)
    const out = kernel.kernelFunc({ inputs, backend, attrs: attrs as tfjs.NamedAttrMap }) as Info
    made.push(out)
    return out
  }
  const make = (values: Float32Array | null, shape: number[]): Info => {
    const info: Info = { dataId: wasm.write(values, shape, 'float32'), shape, dtype: 'float32' }
    made.push(info)
    return info
  }
  const view = (info: Info) => wasm.typedArrayFromHeap(info)
  const result = body({ run, make, view })
  for (const info of made) if (info !== result) backend.disposeData(info.dataId)
  return result
}
