import type { LayerCanvasApi } from '../../../shared/ipc-contract'
import { createElectronPlatform } from './electron'
import type { Platform } from './types'
import { createWebPlatform } from './web'

/**
 * Picks the host adapter: Electron when the preload bridge exposed `window.api`, else the
 * browser. Nothing else in the renderer asks which host it runs in.
 */
export function createPlatform(): Platform {
  const api = (window as unknown as { api?: LayerCanvasApi }).api
  return api ? createElectronPlatform(api) : createWebPlatform()
}

export type { Platform } from './types'
