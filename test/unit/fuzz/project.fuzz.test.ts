import fc from 'fast-check'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { parseProject, parseProjectText, serializeProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'
import { formatDiagnostic } from '../../../src/core/i18n/format'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { FUZZ_SEED, FUZZ_TEST_TIMEOUT_MS, fuzzRuns } from './cli-fuzz-helpers'

/**
 * Fuzzing of the project parser, shape inference and `layercanvas check`: real templates
 * mutated structurally (keys deleted, wrong types, huge numbers, deep nesting, odd ids,
 * duplicated layers and connections, loops). Whatever the file, the answer is a document or
 * one error, never an exception; `check` exits 0, 1 or 2; and whatever is accepted saves and
 * opens again to the same document.
 *
 * The budget is shared with the other fuzz files (cli-fuzz-helpers.ts): a fixed seed and a
 * short run in `npm test`, 25 times wider in `npm run fuzz`, FUZZ_RUNS / FUZZ_SEED to override.
 */
const RUNS = fuzzRuns(150)
const settings = (scale = 1) => ({ numRuns: Math.max(1, Math.round(RUNS * scale)), seed: FUZZ_SEED })

type Json = unknown
type Path = (string | number)[]

const templatesDir = new URL('../../../templates/', import.meta.url)
const TEMPLATES: Record<string, unknown>[] = readdirSync(templatesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, templatesDir), 'utf8')) as Record<string, unknown>)

const dir = mkdtempSync(join(tmpdir(), 'layercanvas-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Every path to a value inside `value`, down to 12 levels (an earlier mutation may have nested 10,000). */
function paths(value: Json): Path[] {
  const out: Path[] = []
  const stack: [Json, Path][] = [[value, []]]
  while (stack.length > 0) {
    const [v, at] = stack.pop()!
    out.push(at)
    if (at.length >= 12) continue
    if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, [...at, i]]))
    else if (typeof v === 'object' && v !== null)
      for (const [k, item] of Object.entries(v)) stack.push([item, [...at, k]])
  }
  return out
}

function parentOf(root: Json, path: Path): Record<string | number, Json> | null {
  let at = root as Record<string | number, Json>
  for (const key of path.slice(0, -1)) {
    const next = at?.[key]
    if (typeof next !== 'object' || next === null) return null
    at = next as Record<string | number, Json>
  }
  return at
}

function nested(value: Json, depth: number, asObject: boolean): Json {
  let out = value
  for (let i = 0; i < depth; i++) out = asObject ? { a: out } : [out]
  return out
}

const oddString = fc.oneof(
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    ' ',
    '\u0000',
    'a\nb',
    '\ud800',
    '😀',
    'C:\\Users\\x',
    '"""',
    'x'.repeat(300),
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
)
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53, 2 ** 31, 1e21, -1, 0, -0, 0.5, 1e-300, 65_537, 100_001)
/** A value to put somewhere: wrong types, huge numbers, odd strings, nesting up to `maxDepth` levels. */
const replacement = (maxDepth: number): fc.Arbitrary<Json> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    hugeNumber,
    oddString,
    fc
      .tuple(fc.jsonValue({ maxDepth: 1 }), fc.integer({ min: 1, max: maxDepth }), fc.boolean())
      .map(([v, d, o]) => nested(v, d, o)),
    fc.array(fc.oneof(fc.integer({ min: -3, max: 1e6 }), hugeNumber), { maxLength: 5 }),
  )

/** One structural change; the template is copied first, so mutations never leak between runs. */
type Mutation = (doc: Record<string, unknown>, pick: number) => void
const mutations = (maxDepth: number) =>
  fc.oneof(
    // Replace any value (wrong type, huge number, deep nesting, odd string).
    replacement(maxDepth).map((value): Mutation => (doc, pick) => {
      const all = paths(doc)
      const path = all[pick % all.length]
      const parent = parentOf(doc, path)
      if (parent && path.length > 0) parent[path[path.length - 1]] = value
    }),
    // Replace one layer parameter, or a dataset option: the values the schema reads most closely.
    fc
      .tuple(
        replacement(maxDepth),
        fc.constantFrom(
          'units',
          'size',
          'kernelSize',
          'strides',
          'filters',
          'poolSize',
          'targetShape',
          'height',
          'rate',
          'option',
        ),
      )
      .map(([value, name]): Mutation => (doc, pick) => {
        if (name === 'option') {
          const training = doc.training as { dataset?: { options?: Record<string, Json> } } | undefined
          if (training?.dataset) training.dataset.options = { ...training.dataset.options, extra: value }
          return
        }
        const nodes = doc.nodes as { params?: Record<string, Json> }[]
        const node = Array.isArray(nodes) ? nodes[pick % nodes.length] : undefined
        if (typeof node === 'object' && node !== null) node.params = { ...node.params, [name]: value }
      }),
    // Delete a key or an array element.
    fc.constant<Mutation>((doc, pick) => {
      const all = paths(doc).filter((p) => p.length > 0)
      const path = all[pick % all.length]
      const parent = parentOf(doc, path)
      const last = path[path.length - 1]
      if (Array.isArray(parent)) parent.splice(last as number, 1)
      else if (parent) delete parent[last]
    }),
    // Duplicate a layer or a connection (same id), or a connection with a fresh id (parallel edges).
    fc.constantFrom('nodes', 'edges', 'freshEdge').map((what): Mutation => (doc, pick) => {
      const list = doc[what === 'nodes' ? 'nodes' : 'edges']
      if (!Array.isArray(list) || list.length === 0) return
      // A shallow copy: an earlier mutation may have nested a value too deep for structuredClone.
      const item = list[pick % list.length] as Json
      const copy = typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item } : item
      if (what === 'freshEdge' && typeof copy === 'object' && copy !== null)
        (copy as Record<string, unknown>).id = `dup_${pick}`
      list.push(copy)
    }),
    // A loop: an edge from a later layer back to an earlier one.
    fc.nat().map((port): Mutation => (doc, pick) => {
      const nodes = doc.nodes as { id?: unknown }[]
      if (!Array.isArray(nodes) || nodes.length < 2 || !Array.isArray(doc.edges)) return
      const from = nodes[nodes.length - 1 - (pick % (nodes.length - 1))]
      const to = nodes[pick % (nodes.length - 1)]
      doc.edges.push({ id: `loop_${pick}`, source: from?.id, target: to?.id, targetPort: port % 3 })
    }),
    // Rename a layer, its edges following (odd ids reach every table keyed by id).
    oddString.map((id): Mutation => (doc, pick) => {
      const nodes = doc.nodes as Record<string, unknown>[]
      if (!Array.isArray(nodes) || nodes.length === 0) return
      const node = nodes[pick % nodes.length]
      if (typeof node !== 'object' || node === null) return
      const old = node.id
      node.id = id
      for (const edge of Array.isArray(doc.edges) ? (doc.edges as Record<string, unknown>[]) : []) {
        if (edge?.source === old) edge.source = id
        if (edge?.target === old) edge.target = id
      }
    }),
  )

/**
 * A template with 1–4 mutations. Nesting goes to 10,000 levels for the parser (it overflowed
 * the stack at ~5,000); the CLI runs get at most 1,000, because the test itself writes their
 * files with JSON.stringify, which is recursive too.
 */
const mutatedProject = (maxDepth = 10_000) =>
  fc
    .tuple(fc.nat(), fc.array(fc.tuple(mutations(maxDepth), fc.nat()), { minLength: 1, maxLength: 4 }))
    .map(([which, changes]) => {
      const doc = structuredClone(TEMPLATES[which % TEMPLATES.length])
      for (const [change, pick] of changes) change(doc, pick)
      // fast-check prints a failing value recursively, which overflows on deep ones.
      return Object.defineProperty(doc, fc.toStringMethod, { enumerable: false, value: () => printable(doc) })
    })

function printable(value: Json): string {
  try {
    const text = JSON.stringify(value)
    return text.length > 4000 ? `${text.slice(0, 4000)}…` : text
  } catch (error) {
    return `<not printable: ${(error as Error).message}>`
  }
}

/** The invariants for any input: an answer, not an exception; what is accepted round-trips. */
function checkAccepted(doc: ProjectDocument): void {
  const analysis = analyzeGraph(doc)
  expect(typeof analysis.valid).toBe('boolean')
  expect(Number.isFinite(analysis.totals.total)).toBe(true)
  for (const d of analysis.diagnostics) {
    expect(formatDiagnostic(d, doc, 'en').length).toBeGreaterThan(0)
    expect(formatDiagnostic(d, doc, 'zh-CN').length).toBeGreaterThan(0)
  }
  // Save → open → save: the same file, and the same document.
  const saved = serializeProject(doc)
  const reopened = parseProjectText(saved)
  expect(reopened.ok, reopened.ok ? '' : reopened.error.message).toBe(true)
  if (!reopened.ok) return
  expect(serializeProject(reopened.document)).toBe(saved)
  structuredClone(doc)
}

let file = 0
/** `layercanvas check <file> [flags]` (default --json), in process: the exit code and output. */
async function cliCheck(
  text: string,
  flags: string[] = ['--json'],
): Promise<{ code: number; out: string; err: string }> {
  const path = join(dir, `p${file++}.json`)
  writeFileSync(path, text)
  let out = ''
  let err = ''
  const code = await main(['check', path, ...flags], {
    cwd: dir,
    out: (t) => void (out += t),
    err: (t) => void (err += t),
  })
  return { code, out, err }
}

describe('project files, fuzzed', () => {
  it(
    'parseProject + analyzeGraph never throw on mutated templates; accepted files round-trip',
    () => {
      fc.assert(
        fc.property(mutatedProject(), (raw) => {
          const result = parseProject(raw)
          if (result.ok) checkAccepted(result.document)
          else {
            expect(result.error.message.length).toBeGreaterThan(0)
            expect(result.error.message.startsWith(result.error.path)).toBe(true)
          }
        }),
        settings(2),
      )
    },
    FUZZ_TEST_TIMEOUT_MS,
  )

  it(
    'layercanvas check exits 0, 1 or 2 and agrees with the parser and the analysis',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          mutatedProject(1_000),
          fc.constantFrom('--json', 'table'),
          fc.constantFrom('en', 'zh-CN'),
          async (raw, form, lang) => {
            const text = JSON.stringify(raw)
            const json = form === '--json'
            const { code, out, err } = await cliCheck(text, [...(json ? ['--json'] : []), '--lang', lang])
            expect(err).not.toContain('internal error')
            const parsed = parseProjectText(text)
            if (!parsed.ok) {
              expect(code).toBe(2)
              return
            }
            expect(code).toBe(analyzeGraph(parsed.document).valid ? 0 : 1)
            if (json) expect(JSON.parse(out).valid).toBe(code === 0)
            else expect(out).toContain(lang === 'en' ? 'Total params' : '参数总数')
          },
        ),
        settings(0.5),
      )
    },
    FUZZ_TEST_TIMEOUT_MS,
  )

  it('layercanvas check answers a value nested 5,000 levels deep with exit 2 and the path (was: exit 3)', async () => {
    const text = JSON.stringify(TEMPLATES[0]).replace(/"units":\d+/, `"units":${'['.repeat(5000)}1${']'.repeat(5000)}`)
    const { code, err } = await cliCheck(text)
    expect(code).toBe(2)
    expect(err).toMatch(/^layercanvas: \S+\.json: nodes\[\d+\]\.params\.units(\[0\])+: nested too deeply/)
  })

  it(
    'never throws on damaged file text (cut, spliced, padded)',
    () => {
      const texts = TEMPLATES.map((t) => JSON.stringify(t, null, 2))
      fc.assert(
        fc.property(fc.nat(), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }), (which, at, cut, insert) => {
          const text = texts[which % texts.length]
          const start = at % text.length
          const damaged = text.slice(0, start) + insert + text.slice(start + (cut % 16))
          const result = parseProjectText(damaged)
          if (result.ok) checkAccepted(result.document)
          else expect(result.error.message.length).toBeGreaterThan(0)
        }),
        settings(2),
      )
    },
    FUZZ_TEST_TIMEOUT_MS,
  )
})
