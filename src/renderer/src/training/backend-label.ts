import type { TFunction } from 'i18next'
import type { BackendInfo } from '../worker/protocol'

/**
 * What the backend badge says. The CPU path has two engines: tfjs' WebAssembly backend (the
 * normal one, several times faster) and its pure-JS backend (the fallback); the badge names the
 * one in use, with SIMD and threads, so a slow run on an old browser explains itself.
 */

/** No GPU involved: WebAssembly or plain JavaScript on the processor. */
export function isCpuBackend(backend: string): boolean {
  return backend === 'wasm' || backend === 'cpu'
}

export function backendName(t: TFunction, info: BackendInfo): string {
  if (info.backend === 'webgl') return t('training.backend.badgeWebgl', { version: info.webglVersion ?? '' }).trim()
  if (info.backend === 'webgpu') return t('training.backend.badgeWebgpu')
  if (info.backend === 'wasm') {
    const threads = info.wasm?.threads ?? 1
    if (!info.wasm?.simd) return t('training.backend.badgeWasm')
    return threads > 1
      ? t('training.backend.badgeWasmSimdThreads', { count: threads })
      : t('training.backend.badgeWasmSimd')
  }
  return t('training.backend.badgeCpu')
}

/** The badge's tooltip line for the CPU engines (null for GPU backends). */
export function cpuBackendHelp(t: TFunction, info: BackendInfo): string | null {
  if (info.backend === 'wasm') return t('training.backend.wasmHelp')
  if (info.backend === 'cpu') return t('training.backend.cpuHelp')
  return null
}
