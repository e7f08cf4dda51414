import type { Platform } from '../platform/types'

/** The host adapter chosen at start-up (see platform/index.ts). */
let current: Platform | null = null

export function setPlatform(platform: Platform): void {
  current = platform
}

export function getPlatform(): Platform {
  if (!current) throw new Error('Platform used before start-up set it')
  return current
}
