import { describe, expect, it } from 'vitest'
import { GUIDE_STEPS } from '../../../src/core/guide/steps'
import { guideEn, guideZhCN } from '../../../src/renderer/src/guide/guide-text'

/** The guided path's UI strings: the same keys in both languages, Chinese texts, same placeholders. */
const leaves = (table: unknown, path = ''): [string, string][] =>
  typeof table === 'string'
    ? [[path, table]]
    : Object.entries(table as Record<string, unknown>).flatMap(([key, inner]) =>
        leaves(inner, path ? `${path}.${key}` : key),
      )
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('guide strings', () => {
  it('every English string has a Chinese one with the same placeholders', () => {
    const zh = new Map(leaves(guideZhCN))
    const english = leaves(guideEn)
    expect([...zh.keys()].sort()).toEqual(english.map(([path]) => path).sort())
    for (const [path, text] of english) {
      expect(zh.get(path), path).toMatch(/[\u4e00-\u9fff]/)
      expect(placeholders(zh.get(path)!), path).toEqual(placeholders(text))
    }
  })

  it("names and explains every step in two or three sentences, with the tutorial's step names", () => {
    for (const step of GUIDE_STEPS) {
      const about = guideEn.steps[step].about
      const sentences = about.split(/(?<=[.:;])\s+/).filter((s) => s.endsWith('.'))
      expect(sentences.length, step).toBeGreaterThanOrEqual(2)
      expect(sentences.length, step).toBeLessThanOrEqual(3)
    }
    expect(GUIDE_STEPS.map((s) => guideZhCN.steps[s].name)).toEqual([
      '准备数据集',
      '划分数据',
      '设计模型结构',
      '损失函数与优化器',
      '训练模型',
      '评估模型',
      '部署模型',
    ])
  })
})
