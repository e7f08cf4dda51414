import type * as tfjs from '@tensorflow/tfjs'
import type { BackendInfo, BackendPreference, FallbackReason } from './protocol'

/**
 * Backend choice inside the training worker. WebGL runs on an OffscreenCanvas (tfjs creates
 * one itself when OffscreenCanvas exists); a software rasteriser (SwiftShader on machines
 * without a GPU, headless Chromium) is accepted and reported as such.
 * WebGPU needs @tensorflow/tfjs-backend-webgpu, which this build does not bundle, so asking
 * for it falls back to WebGL with the reason shown.
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

/** Sets the backend for a run. Never throws: CPU always works. */
export async function selectBackend(tf: Tf, preference: BackendPreference, previousFailure?: FallbackReason): Promise<BackendInfo> {
  if (!factories.has('webgl')) {
    const factory = tf.findBackendFactory('webgl')
    if (factory) factories.set('webgl', factory)
  }
  let fallback: FallbackReason | undefined = previousFailure
  if (preference === 'webgpu') fallback = 'webgpuUnavailable'
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
      }
    }
    fallback ??= 'webglUnavailable'
  }
  await tf.setBackend('cpu')
  await tf.ready()
  return { backend: 'cpu', gpu: null, software: false, ...(preference !== 'cpu' && fallback ? { fallback } : {}) }
}

/**
 * Calls `onLost` once when the backend's WebGL context is lost (a driver reset, a GPU hang,
 * too many contexts). tfjs itself only logs this and then computes garbage. Returns an
 * unsubscribe function.
 */
export function watchContextLoss(tf: Tf, onLost: () => void): () => void {
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
  const gl = webglContext(tf)
  const extension = gl?.getExtension('WEBGL_lose_context')
  if (!extension) return false
  extension.loseContext()
  return true
}
