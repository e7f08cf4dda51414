import type * as tfjs from '@tensorflow/tfjs'
import { installFastCpuKernels } from '../../../core/training/cpu-kernels'
import type { BackendInfo, BackendPreference, FallbackReason } from './protocol'
import { tryWasm, type WasmLoader } from './wasm-backend'

/**
 * Backend choice inside the training worker. WebGL runs on an OffscreenCanvas (tfjs creates
 * one itself when OffscreenCanvas exists); a software rasteriser (SwiftShader on machines
 * without a GPU, headless Chromium) is accepted and reported as such.
 * WebGPU is opt-in: @tensorflow/tfjs-backend-webgpu is loaded on demand (its own chunk), and
 * the backend is only kept after a one-step self-test (the project's model, one tiny random
 * batch, a finite loss) passes within a time limit; otherwise WebGL (then CPU) is used and the
 * reason is shown.
 * The CPU path (the 'cpu' preference, or no working GPU) is tfjs' WebAssembly backend with our
 * training kernels (wasm-backend.ts); only when WebAssembly will not start does the worker fall
 * back to tfjs' pure-JS 'cpu' backend, and say why.
 */

type Tf = typeof tfjs

/** The parts of tfjs' WebGL backend we read; not in its public typings. */
interface WebGLBackendLike {
  gpgpu?: { gl?: WebGL2RenderingContext | WebGLRenderingContext }
}

export function webglContext(tf: Tf): WebGL2RenderingContext | WebGLRenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null
  return (tf.backend() as unknown as WebGLBackendLike).gpgpu?.gl ?? null
}

function gpuName(gl: WebGL2RenderingContext | WebGLRenderingContext): string | null {
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)
    return typeof name === 'string' && name.length > 0 ? name : null
  } catch {
    return null
  }
}

/** The parts of tfjs' WebGPU backend we read; not in its public typings. */
interface WebGPUBackendLike {
  device?: { lost?: Promise<unknown>; destroy?: () => void }
}

interface GpuAdapterInfoLike {
  vendor?: string
  architecture?: string
  device?: string
  description?: string
  isFallbackAdapter?: boolean
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<{
    info?: GpuAdapterInfoLike
    isFallbackAdapter?: boolean
    requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>
  } | null>
}

/** Trains one step on the backend now set; throws (or rejects) when the backend is not usable. */
export type SelfTest = () => Promise<void>

/** The WebGPU self-test (and setting the backend up) must finish within this, or WebGL is used. */
export const WEBGPU_SELF_TEST_MS = 20_000

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const errorText = (error: unknown) => String((error as Error)?.message ?? error)

function adapterName(info: GpuAdapterInfoLike | undefined): string | null {
  if (!info) return null
  if (info.description) return info.description
  const name = [info.vendor, info.architecture, info.device]
    .filter((part) => typeof part === 'string' && part.length > 0)
    .join(' ')
  return name.length > 0 ? name : null
}

type WebgpuAttempt =
  { ok: true; gpu: string | null; software: boolean } | { ok: false; reason: FallbackReason; detail: string }

async function tryWebgpu(tf: Tf, selfTest: SelfTest | undefined): Promise<WebgpuAttempt> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu
  if (!gpu)
    return {
      ok: false,
      reason: 'webgpuUnavailable',
      detail: 'navigator.gpu is missing (WebGPU is not enabled in this browser)',
    }
  let name: string | null = null
  let software = false
  try {
    const adapter = await withTimeout(
      gpu.requestAdapter({ powerPreference: 'high-performance' }),
      WEBGPU_SELF_TEST_MS,
      'requestAdapter',
    )
    if (!adapter) return { ok: false, reason: 'webgpuUnavailable', detail: 'no WebGPU adapter was found' }
    const info =
      adapter.info ??
      (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo().catch(() => undefined) : undefined)
    name = adapterName(info)
    software = Boolean(info?.isFallbackAdapter ?? adapter.isFallbackAdapter) || (name !== null && SOFTWARE.test(name))
  } catch (error) {
    return { ok: false, reason: 'webgpuUnavailable', detail: errorText(error) }
  }
  try {
    // Its own chunk: the main bundle and WebGL-only runs never load it.
    await import('@tensorflow/tfjs-backend-webgpu')
  } catch (error) {
    return {
      ok: false,
      reason: 'webgpuUnavailable',
      detail: `the WebGPU backend could not be loaded: ${errorText(error)}`,
    }
  }
  const factory = factories.get('webgpu') ?? tf.findBackendFactory('webgpu')
  if (!factory) return { ok: false, reason: 'webgpuUnavailable', detail: 'the WebGPU backend did not register' }
  factories.set('webgpu', factory)
  try {
    if (!tf.findBackendFactory('webgpu')) tf.registerBackend('webgpu', factory, 1)
    if (!(await withTimeout(tf.setBackend('webgpu'), WEBGPU_SELF_TEST_MS, 'Starting WebGPU')))
      return { ok: false, reason: 'webgpuUnavailable', detail: 'the WebGPU backend failed to start' }
    await tf.ready()
  } catch (error) {
    return { ok: false, reason: 'webgpuUnavailable', detail: errorText(error) }
  }
  try {
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)))
    const value = (await withTimeout(probe.data(), WEBGPU_SELF_TEST_MS, 'The WebGPU probe'))[0]
    probe.dispose()
    if (value !== 3) throw new Error(`1 + 2 gave ${value}`)
    if (selfTest) await withTimeout(selfTest(), WEBGPU_SELF_TEST_MS, 'The WebGPU self-test')
  } catch (error) {
    resetWebgpu(tf)
    return { ok: false, reason: 'webgpuSelfTestFailed', detail: errorText(error) }
  }
  return { ok: true, gpu: name, software }
}

/** Forgets the WebGPU backend (lost device, failed self-test) so the next setBackend builds a fresh one. */
export function resetWebgpu(tf: Tf): boolean {
  const factory = factories.get('webgpu') ?? tf.findBackendFactory('webgpu')
  if (!factory) return false
  factories.set('webgpu', factory)
  try {
    tf.removeBackend('webgpu')
  } catch {
    // A lost device may refuse to dispose cleanly.
  }
  try {
    // Priority 1 (below WebGL's 2): WebGPU is only ever used when asked for by name.
    tf.registerBackend('webgpu', factory, 1)
  } catch {
    return false
  }
  return true
}

function webgpuDevice(tf: Tf): WebGPUBackendLike['device'] | null {
  if (tf.getBackend() !== 'webgpu') return null
  return (tf.backend() as unknown as WebGPUBackendLike).device ?? null
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i

/** Registered factories, kept so a backend can be re-created after its context was lost. */
const factories = new Map<string, ReturnType<Tf['findBackendFactory']>>()

async function tryWebgl(tf: Tf): Promise<boolean> {
  // Accept a software rasteriser too (tfjs refuses one by default): the badge says so, and on
  // GPU-less machines SwiftShader is still a working WebGL. tfjs caches its WebGL flags, so a
  // refused first attempt could not be retried with other settings.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true)
  try {
    if (!(await tf.setBackend('webgl'))) return false
    await tf.ready()
    // A tiny op proves the context really works (shader compile + read-back).
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)))
    const value = (await probe.data())[0]
    probe.dispose()
    return value === 3 && webglContext(tf) !== null
  } catch {
    return false
  }
}

/** Forgets a broken WebGL backend (lost context) so the next setBackend builds a fresh one. */
export function resetWebgl(tf: Tf): boolean {
  const factory = factories.get('webgl') ?? tf.findBackendFactory('webgl')
  if (!factory) return false
  factories.set('webgl', factory)
  try {
    tf.removeBackend('webgl')
  } catch {
    // dispose() of a dead context can throw; the registry entry may be left behind.
  }
  try {
    tf.registerBackend('webgl', factory, 2)
  } catch {
    return false
  }
  return true
}

/** The browser's loader: the wasm package and its .wasm files are their own chunk and assets. */
const loadWasmFromBuild: WasmLoader = () => import('./wasm-files').then((files) => files.loadWasmBackend())

/**
 * Sets the backend for a run. Never throws: the JS CPU backend always works. `selfTest` is what
 * WebGPU must pass (one training step of the project's model) before it is used. `loadWasm`
 * loads the WebAssembly backend (tests pass Node's).
 */
export async function selectBackend(
  tf: Tf,
  preference: BackendPreference,
  previousFailure?: FallbackReason,
  selfTest?: SelfTest,
  loadWasm: WasmLoader = loadWasmFromBuild,
): Promise<BackendInfo> {
  if (!factories.has('webgl')) {
    const factory = tf.findBackendFactory('webgl')
    if (factory) factories.set('webgl', factory)
  }
  let fallback: FallbackReason | undefined = previousFailure
  let fallbackDetail: string | undefined
  if (preference === 'webgpu') {
    const attempt = await tryWebgpu(tf, selfTest)
    if (attempt.ok)
      return { backend: 'webgpu', gpu: attempt.gpu, software: attempt.software, ...(fallback ? { fallback } : {}) }
    fallback = attempt.reason
    fallbackDetail = attempt.detail
  }
  if (preference !== 'cpu') {
    const ok = await tryWebgl(tf)
    if (ok) {
      const gl = webglContext(tf)!
      const name = gpuName(gl)
      return {
        backend: 'webgl',
        gpu: name,
        software: name !== null && SOFTWARE.test(name),
        webglVersion: tf.env().getNumber('WEBGL_VERSION'),
        ...(fallback ? { fallback } : {}),
        ...(fallbackDetail ? { fallbackDetail } : {}),
      }
    }
    fallback ??= 'webglUnavailable'
  }
  // With the CPU preference, an earlier GPU failure (a lost context) is no reason to show.
  if (preference === 'cpu') fallback = fallbackDetail = undefined
  const wasm = await tryWasm(tf, loadWasm)
  if (wasm.ok)
    return {
      backend: 'wasm',
      gpu: null,
      software: false,
      wasm: { simd: wasm.simd, threads: wasm.threads, ownKernels: wasm.ownKernels },
      ...(fallback ? { fallback } : {}),
      ...(fallbackDetail ? { fallbackDetail } : {}),
    }
  // A GPU failure stays the headline (it is why we are on the CPU at all); the wasm cause joins its detail.
  fallback ??= 'wasmUnavailable'
  fallbackDetail = [fallbackDetail, `WebAssembly: ${wasm.detail}`].filter(Boolean).join('\n')
  await tf.setBackend('cpu')
  await tf.ready()
  // The CPU backend's conv weight-gradient kernel is very slow; swap in a direct one.
  installFastCpuKernels(tf)
  return { backend: 'cpu', gpu: null, software: false, fallback, fallbackDetail }
}

/**
 * Calls `onLost` once when the backend's WebGL context (or WebGPU device) is lost (a driver
 * reset, a GPU hang, too many contexts). tfjs itself only logs this and then computes garbage.
 * Returns an unsubscribe function.
 */
export function watchContextLoss(tf: Tf, onLost: () => void): () => void {
  const device = webgpuDevice(tf)
  if (device) {
    if (!device.lost) return () => undefined
    let active = true
    void device.lost.then(() => {
      if (!active) return
      active = false
      onLost()
    })
    return () => {
      active = false
    }
  }
  const gl = webglContext(tf)
  const canvas = gl?.canvas as (OffscreenCanvas | HTMLCanvasElement) | undefined
  if (!canvas || typeof canvas.addEventListener !== 'function') return () => undefined
  let fired = false
  const listener = () => {
    if (fired) return
    fired = true
    onLost()
  }
  canvas.addEventListener('webglcontextlost', listener as EventListener)
  return () => canvas.removeEventListener('webglcontextlost', listener as EventListener)
}

/** Test hook: loses the context on purpose, as a driver reset would. */
export function loseContext(tf: Tf): boolean {
  const device = webgpuDevice(tf)
  if (device?.destroy) {
    device.destroy()
    return true
  }
  const gl = webglContext(tf)
  const extension = gl?.getExtension('WEBGL_lose_context')
  if (!extension) return false
  extension.loseContext()
  return true
}
