import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { backendName, cpuBackendHelp, isCpuBackend } from '../../../src/renderer/src/training/backend-label'
import { trainingEn } from '../../../src/renderer/src/i18n/training-en'
import { trainingZhCN } from '../../../src/renderer/src/i18n/training-zh-CN'
import type { BackendInfo } from '../../../src/renderer/src/worker/protocol'

/** The backend badge's words, through i18next with the app's own training catalogues. */

const i18n = i18next.createInstance()
await i18n.init({
  resources: {
    en: { translation: { training: trainingEn } },
    'zh-CN': { translation: { training: trainingZhCN } },
  },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
})
const en = i18n.getFixedT('en')
const zh = i18n.getFixedT('zh-CN')

const wasm = (simd: boolean, threads: number): BackendInfo => ({
  backend: 'wasm',
  gpu: null,
  software: false,
  wasm: { simd, threads, ownKernels: simd },
})
const jsCpu: BackendInfo = { backend: 'cpu', gpu: null, software: false }
const webgl: BackendInfo = { backend: 'webgl', gpu: 'SwiftShader', software: true, webglVersion: 2 }

describe('backend badge', () => {
  it('names the WebAssembly path with SIMD and, when more than one, its threads', () => {
    expect(backendName(en, wasm(true, 1))).toBe('CPU · WebAssembly (SIMD)')
    expect(backendName(en, wasm(true, 4))).toBe('CPU · WebAssembly (SIMD, 4 threads)')
    expect(backendName(en, wasm(false, 1))).toBe('CPU · WebAssembly')
    expect(backendName(zh, wasm(true, 1))).toBe('CPU · WebAssembly（SIMD）')
    expect(backendName(zh, wasm(true, 4))).toBe('CPU · WebAssembly（SIMD，4 个线程）')
  })

  it('keeps the other backends as they were', () => {
    expect(backendName(en, jsCpu)).toBe('CPU')
    expect(backendName(en, webgl)).toBe('WebGL 2')
    expect(backendName(en, { backend: 'webgpu', gpu: null, software: false })).toBe('WebGPU')
  })

  it('explains in plain words that no GPU is used, for both CPU engines only', () => {
    expect(cpuBackendHelp(en, wasm(true, 1))).toMatch(/^No GPU is used: WebAssembly runs the maths .* processor/)
    expect(cpuBackendHelp(zh, wasm(true, 1))).toMatch(/^没有使用 GPU：由 WebAssembly 在处理器上完成计算/)
    expect(cpuBackendHelp(en, jsCpu)).toMatch(/WebAssembly could not start: plain JavaScript/)
    expect(cpuBackendHelp(zh, jsCpu)).toMatch(/WebAssembly 也无法启动/)
    expect(cpuBackendHelp(en, webgl)).toBeNull()
    expect([isCpuBackend('wasm'), isCpuBackend('cpu'), isCpuBackend('webgl'), isCpuBackend('webgpu')]).toEqual([
      true,
      true,
      false,
      false,
    ])
  })
})
