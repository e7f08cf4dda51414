import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import { parseProject, parseProjectText, serializeProject } from '../../../src/core/document/parse'
import { kindLabel } from '../../../src/core/i18n/format'
import { getLayerKind } from '../../../src/core/layers/registry'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { tfjs as tf } from '../tf'

const mlp = JSON.parse(readFileSync(new URL('../../../templates/mlp-mnist.json', import.meta.url), 'utf8'))

function withNode(index: number, change: (node: Record<string, unknown>) => void) {
  const doc = structuredClone(mlp)
  change(doc.nodes[index])
  return doc
}

describe('parseProject with repair: invalid parameters', () => {
  const broken = withNode(3, (node) => ((node.params as Record<string, unknown>).units = -4))

  it('refuses the file without repair, as before', () => {
    expect(parseProject(broken).ok).toBe(false)
  })

  it('puts the default in place and says where and why, in both languages', () => {
    const result = parseProject(broken, { repair: true })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.document.nodes[3].params.units).toBe(getLayerKind('dense')?.params.units.default)
    expect(result.repairs).toEqual([
      {
        path: 'nodes[3].params.units',
        message: {
          en: 'nodes[3].params.units: expected a whole number 1–1000000, got -4; replaced by its default, 64',
          'zh-CN': 'nodes[3].params.units：应为 1–1000000 的整数，实际为 -4；已改为默认值 64',
        },
      },
    ])
    expect(analyzeGraph(result.document).valid).toBe(true)
  })

  it('leaves a valid file untouched and reports nothing', () => {
    const strict = parseProject(mlp)
    const repaired = parseProject(mlp, { repair: true })
    expect(repaired).toEqual(strict)
    expect(repaired.ok && repaired.repairs).toEqual([])
  })
})

describe('parseProject with repair: unknown layer kinds', () => {
  const future = withNode(3, (node) => {
    node.kind = 'hyperDense'
    node.params = { units: 'many', nested: { keep: [1, 2, 3] } }
    node.kindVersion = 7
  })

  it('refuses the file without repair, as before', () => {
    const result = parseProject(future)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.path).toBe('nodes[3].kind')
  })

  it('keeps the node and its data exactly, as a placeholder', () => {
    const result = parseProject(future, { repair: true })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.document.nodes[3]).toEqual(future.nodes[3])
    expect(result.repairs.map((repair) => repair.path)).toEqual(['nodes[3].kind'])
    expect(result.repairs[0].message.en).toContain('"hyperDense"')
    expect(result.repairs[0].message['zh-CN']).toContain('“hyperDense”')
  })

  it('gives the placeholder a diagnostic and never compiles it', () => {
    const result = parseProject(future, { repair: true })
    if (!result.ok) throw new Error(result.error.message)
    const analysis = analyzeGraph(result.document)
    expect(analysis.valid).toBe(false)
    expect(analysis.nodes[future.nodes[3].id].diagnostics.map((d) => d.code)).toEqual(['unknownKind'])
    const compiled = compileModel(tf, result.document, analysis)
    expect(compiled.ok).toBe(false)
  })

  it('is written back unchanged when saved', () => {
    const result = parseProject(future, { repair: true })
    if (!result.ok) throw new Error(result.error.message)
    const saved = JSON.parse(serializeProject(result.document))
    expect(saved.nodes[3]).toEqual(future.nodes[3])
    const again = parseProjectText(serializeProject(result.document), { repair: true })
    expect(again.ok && again.document).toEqual(result.document)
  })

  it('is labelled "unknown layer <type>" on the canvas, in both languages', () => {
    expect(kindLabel('hyperDense', 'en')).toBe('unknown layer hyperDense')
    expect(kindLabel('hyperDense', 'zh-CN')).toBe('未知层 hyperDense')
    expect(kindLabel('dense', 'en')).toBe('Dense')
  })
})
