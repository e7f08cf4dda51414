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

describe('composition root wiring (src/main/index.ts, which tests cannot load)', () => {
  const index = readFileSync(join(root, 'main', 'index.ts'), 'utf8')

  it('decides development only through detectRunMode, never from how the app was started', () => {
    expect(index).toMatch(/detectRunMode\(\{ isPackaged: app\.isPackaged, env: process\.env \}\)/)
    expect(index).not.toMatch(/ELECTRON_RENDERER_URL/)
    expect(index).not.toMatch(/isDev\s*=\s*!app\.isPackaged/)
  })

  it('hands links to the OS browser only through the external-link policy', () => {
    expect(index.match(/shell\.openExternal/g)).toHaveLength(1)
    expect(index).toMatch(/createExternalLinks\(\{\s*openExternal: \(url\) => shell\.openExternal\(url\)/)
    expect(index).toMatch(/hardenWebContents\(contents, \{[^}]*openExternal: \(url\) => externalLinks\.open\(url\)/)
  })
})
