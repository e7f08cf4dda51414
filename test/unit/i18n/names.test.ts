import { describe, expect, it } from 'vitest'
import { parseProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'
import { formatDiagnostic } from '../../../src/core/i18n/format'
import { groupName, nameTranslation, nodeName, projectName, setNameTranslation } from '../../../src/core/i18n/names'
import { removeElements } from '../../../src/core/graph/edits'
import { ungroup } from '../../../src/core/graph/groups'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { loadTemplate } from '../helpers'

/** A small project with a named layer and a group, and Chinese texts for both and for the title. */
function project(translations?: unknown): unknown {
  return {
    format: 'layercanvas',
    schemaVersion: 1,
    name: 'Tiny GAN',
    nodes: [
      { id: 'in', kind: 'input', params: { mode: 'vector', size: 4 } },
      { id: 'out', kind: 'dense', name: 'fake digit', params: { units: 2 } },
    ],
    edges: [{ id: 'e1', source: 'in', target: 'out' }],
    groups: [{ id: 'gen', name: 'Generator', role: 'generator', nodeIds: ['in', 'out'] }],
    meta: translations === undefined ? {} : { translations },
  }
}

function parsed(json: unknown): ProjectDocument {
  const result = parseProject(json)
  if (!result.ok) throw new Error(result.error.message)
  return result.document
}

const ZH = { 'zh-CN': { name: '小 GAN', nodes: { out: '假数字' }, groups: { gen: '生成器' } } }

describe('localized names in the project format', () => {
  it('a project without translations still opens, and shows its plain names in every language', () => {
    const doc = parsed(project())
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(projectName(doc, lang)).toBe('Tiny GAN')
      expect(nodeName(doc, doc.nodes[1], lang)).toBe('fake digit')
      expect(nodeName(doc, doc.nodes[0], lang)).toBeUndefined()
      expect(groupName(doc, doc.groups[0], lang)).toBe('Generator')
    }
  })

  it('shows the Chinese texts in Chinese and the plain (English) names in English', () => {
    const doc = parsed(project(ZH))
    expect(projectName(doc, 'zh-CN')).toBe('小 GAN')
    expect(nodeName(doc, doc.nodes[1], 'zh-CN')).toBe('假数字')
    expect(groupName(doc, doc.groups[0], 'zh-CN')).toBe('生成器')
    expect(projectName(doc, 'en')).toBe('Tiny GAN')
    expect(nodeName(doc, doc.nodes[1], 'en')).toBe('fake digit')
    expect(groupName(doc, doc.groups[0], 'en')).toBe('Generator')
  })

  it('diagnostics name the layer in the reader’s language', () => {
    // A Conv2D after a flat input is an error on the Conv2D, whose message names the layer.
    const json = project(ZH) as { nodes: Record<string, unknown>[] }
    const doc = parsed({
      ...json,
      nodes: [json.nodes[0], { id: 'out', kind: 'conv2d', name: 'fake digit', params: {} }],
    })
    const error = analyzeGraph(doc).diagnostics.find((d) => d.nodeId === 'out' && d.severity === 'error')
    expect(error).toBeDefined()
    expect(formatDiagnostic(error!, doc, 'zh-CN')).toContain('假数字')
    expect(formatDiagnostic(error!, doc, 'en')).toContain('fake digit')
  })

  it('rejects a malformed translation with the exact path', () => {
    const wrongType = parseProject(project({ 'zh-CN': { nodes: { out: 5 } } }))
    expect(wrongType.ok).toBe(false)
    if (!wrongType.ok) expect(wrongType.error.path).toBe('meta.translations.zh-CN.nodes.out')

    const typo = parseProject(project({ 'zh-CN': { node: { out: '假数字' } } }))
    expect(typo.ok).toBe(false)
    if (!typo.ok) {
      expect(typo.error.path).toBe('meta.translations.zh-CN')
      expect(typo.error.message).toContain('node')
    }

    const language = parseProject(project({ fr: { name: 'Petit GAN' } }))
    expect(language.ok).toBe(false)
    if (!language.ok) expect(language.error.message).toContain('fr')
  })

  it('editing a Chinese text keeps the English name; clearing it falls back to the plain name', () => {
    const doc = parsed(project(ZH))
    const target = { type: 'node', id: 'out' } as const
    const edited = setNameTranslation(doc, target, 'zh-CN', '生成的数字')
    expect(nodeName(edited, edited.nodes[1], 'zh-CN')).toBe('生成的数字')
    expect(edited.nodes[1].name).toBe('fake digit')
    expect(doc.meta.translations?.['zh-CN']?.nodes?.out).toBe('假数字') // the argument is untouched (undo keeps it)

    const cleared = setNameTranslation(edited, target, 'zh-CN', '  ')
    expect(nameTranslation(cleared, target, 'zh-CN')).toBeUndefined()
    expect(nodeName(cleared, cleared.nodes[1], 'zh-CN')).toBe('fake digit')

    const title = setNameTranslation(doc, { type: 'project' }, 'zh-CN', '我的 GAN')
    expect(projectName(title, 'zh-CN')).toBe('我的 GAN')
    expect(title.name).toBe('Tiny GAN')
  })

  it('removing a layer or a group drops its texts, so a later one with the same id starts without them', () => {
    const doc = parsed(project(ZH))
    const removed = removeElements(doc, { nodeIds: ['out'] })
    expect(removed.meta.translations?.['zh-CN']?.nodes).toEqual({})
    expect(removed.meta.translations?.['zh-CN']?.groups).toEqual({ gen: '生成器' }) // 'in' keeps the group alive
    const both = removeElements(doc, { nodeIds: ['in', 'out'] })
    expect(both.meta.translations?.['zh-CN']?.groups).toEqual({})
    const ungrouped = ungroup(doc, 'gen')
    expect(ungrouped.meta.translations?.['zh-CN']?.groups).toEqual({})
    expect(ungrouped.meta.translations?.['zh-CN']?.nodes).toEqual({ out: '假数字' })
  })

  it('the GAN template names its groups and layers in Chinese', () => {
    const doc = loadTemplate('gan-mlp')
    expect(projectName(doc, 'zh-CN')).not.toBe(doc.name)
    expect(doc.groups.map((group) => groupName(doc, group, 'zh-CN'))).toEqual(['生成器', '判别器'])
    expect(
      nodeName(
        doc,
        doc.nodes.find((node) => node.id === 'fake')!,
        'zh-CN',
      ),
    ).toBe('假数字')
  })
})
