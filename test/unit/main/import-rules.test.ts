import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Only the composition root may load 'electron' at runtime: everything else must stay testable
 * without the Electron binary. The sandboxed preload may load nothing but 'electron'.
 */
const root = join(import.meta.dirname, '../../../src')
const runtimeImports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!)

describe('main-process import rules', () => {
  it('keeps electron out of every main module except index.ts', () => {
    const files = readdirSync(join(root, 'main')).filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    expect(files.length).toBeGreaterThan(4)
    for (const name of files) {
      expect(runtimeImports(join(root, 'main', name)), name).not.toContain('electron')
    }
  })

  it('lets the preload load only electron at runtime', () => {
    expect(runtimeImports(join(root, 'preload', 'index.ts'))).toEqual(['electron'])
  })
})
