import type * as tfjs from '@tensorflow/tfjs'
import { ADAM_FUNCTION, type AdamFn } from './wasm-adam'
import { assembleModule } from './wasm-assembler'
import { GEMM_FUNCTIONS, type GemmFn } from './wasm-gemm'

/**
 * Our hand-written WebAssembly SIMD kernels (Adam's update, matrix products), instantiated on
 * tfjs' wasm backend's own memory so they read and write its tensors in place, with no copies.
 */

export interface SimdKernels {
  adam: AdamFn
  gemm: Record<string, GemmFn>
}

/**
 * The WebAssembly API used here (a JavaScript global in every engine we run on; declared here
 * because src/core compiles without DOM typings).
 */
interface WasmApi {
  Memory: abstract new (...args: never[]) => object
  Module: new (bytes: Uint8Array) => object
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> }
  validate(bytes: Uint8Array): boolean
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

/** What is needed of tfjs' wasm backend beyond its kernels' API: its WebAssembly.Memory. */
interface WasmBackendModule {
  wasm?: { asm?: { memory?: unknown } }
}

let compiled: object | null | undefined
const instances = new WeakMap<object, SimdKernels | null>()

export function simdModuleBytes(): Uint8Array {
  return assembleModule([ADAM_FUNCTION, ...GEMM_FUNCTIONS])
}

/**
 * The kernels bound to `backend`'s memory, or null where they cannot run: an engine without
 * WebAssembly SIMD, tfjs' threaded build (its memory is shared, which this module does not
 * declare), or a backend whose memory is not where tfjs 4.22's wasm backend keeps it.
 */
export function simdKernelsFor(backend: tfjs.KernelBackend | object): SimdKernels | null {
  const api = WebAssemblyApi
  const memory = (backend as unknown as WasmBackendModule).wasm?.asm?.memory
  if (!api || !(memory instanceof api.Memory)) return null
  const known = instances.get(memory)
  if (known !== undefined) return known
  let kernels: SimdKernels | null = null
  try {
    if (compiled === undefined) {
      const bytes = simdModuleBytes()
      compiled = api.validate(bytes) ? new api.Module(bytes) : null
    }
    if (compiled) {
      const { exports } = new api.Instance(compiled, { env: { memory } })
      kernels = {
        adam: exports[ADAM_FUNCTION.name] as AdamFn,
        gemm: Object.fromEntries(GEMM_FUNCTIONS.map((f) => [f.name, exports[f.name] as GemmFn])),
      }
    }
  } catch {
    kernels = null // A shared (threaded) memory does not link: tfjs' own kernels run instead.
  }
  instances.set(memory, kernels)
  return kernels
}
