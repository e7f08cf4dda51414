import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { applyNormalization, normalizeDataset } from '../../../src/core/data/normalize'
import { splitDataset, splitFor } from '../../../src/core/data/split'
import { datasetStats, featureStats } from '../../../src/core/data/stats'
import { irisDataset } from '../../../src/core/data/iris'
import { sineDataset } from '../../../src/core/data/sine'

const ratios = { train: 0.7, validation: 0.15, test: 0.15, seed: 42 }

function expectPartition(split: { train: Int32Array; validation: Int32Array; test: Int32Array }, size: number) {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b)
  expect(all).toEqual(Array.from({ length: size }, (_, i) => i)) // disjoint and covering
}

describe('splitDataset', () => {
  it('is deterministic, disjoint, covering, and respects the ratios (unlabelled)', () => {
    const a = splitDataset(1000, ratios)
    expectPartition(a, 1000)
    expect(a.train.length).toBe(700)
    expect(a.validation.length).toBe(150)
    expect(a.test.length).toBe(150)
    expect(splitDataset(1000, ratios)).toEqual(a)
    expect(splitDataset(1000, { ...ratios, seed: 43 }).train).not.toEqual(a.train)
  })

  it('is stratified for classification labels', () => {
    const labels = new Int32Array(1000)
    for (let i = 0; i < 1000; i++) labels[i] = i < 800 ? 0 : i < 950 ? 1 : 2 // 800 / 150 / 50
    const split = splitDataset(1000, ratios, labels)
    expectPartition(split, 1000)
    const count = (part: Int32Array, c: number) => [...part].filter((i) => labels[i] === c).length
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([700, 150, 150])
    const sizes = [800, 150, 50]
    for (const [part, ratio] of [
      [split.train, 0.7],
      [split.validation, 0.15],
      [split.test, 0.15],
    ] as const) {
      sizes.forEach((n, c) => expect(Math.abs(count(part, c) - n * ratio)).toBeLessThanOrEqual(1))
    }
  })

  it('puts every class in every split when it can, even a tiny one', () => {
    const labels = Int32Array.from([...new Array(97).fill(0), 1, 1, 1])
    const split = splitDataset(100, { train: 0.8, validation: 0.1, test: 0.1, seed: 1 }, labels)
    expectPartition(split, 100)
    for (const part of [split.train, split.validation, split.test])
      expect([...part].some((i) => labels[i] === 1)).toBe(true)
  })

  it('splitFor stratifies classification datasets and not regression ones', () => {
    const iris = irisDataset()
    const split = splitFor(iris, { train: 0.8, validation: 0.1, test: 0.1, seed: 3 })
    for (const part of [split.train, split.validation, split.test]) {
      const counts = [0, 0, 0]
      for (const i of part) counts[iris.labels[i]]++
      expect(new Set(counts).size).toBe(1) // 40/40/40, 5/5/5, 5/5/5
    }
    const sine = sineDataset({ samples: 200 })
    expectPartition(splitFor(sine, ratios), 200)
  })
})

describe('normalisation', () => {
  const table: Dataset = {
    id: 'csv',
    name: { en: 't', 'zh-CN': 't' },
    description: { en: '', 'zh-CN': '' },
    task: 'regression',
    inputShape: [2],
    inputDtype: 'float32',
    // Feature 0: 0,1,2,3 (train: samples 0 and 1), feature 1 constant 5.
    features: Float32Array.from([0, 5, 1, 5, 2, 5, 3, 5]),
    labels: Float32Array.from([0, 0, 0, 0]),
    targetShape: [1],
    preview: 'table',
    size: 4,
  }
  const split = { train: Int32Array.from([0, 1]), validation: Int32Array.from([2]), test: Int32Array.from([3]) }

  it('minmax uses the train split only and applies to every sample', () => {
    const { dataset, stats } = normalizeDataset(table, split, 'minmax')
    expect(stats).toEqual({ method: 'minmax', shift: [0, 5], scale: [1, 1] })
    expect([...dataset.features]).toEqual([0, 0, 1, 0, 2, 0, 3, 0]) // validation/test go beyond 1: no leak
    expect(table.features[2]).toBe(1) // the original stays untouched
  })

  it('standard uses train mean and std', () => {
    const { dataset, stats } = normalizeDataset(table, split, 'standard')
    expect(stats!.shift).toEqual([0.5, 5])
    expect(stats!.scale).toEqual([0.5, 1])
    expect([...dataset.features]).toEqual([-1, 0, 1, 0, 3, 0, 5, 0])
    expect([...applyNormalization([1.5, 6], [2], stats!)]).toEqual([2, 1])
  })

  it('none and token ids are left alone', () => {
    expect(normalizeDataset(table, split, 'none').stats).toBeNull()
    const tokens = { ...table, inputDtype: 'int32' as const, features: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) }
    expect(normalizeDataset(tokens, split, 'standard').dataset).toBe(tokens)
  })

  it('images are normalised per channel', () => {
    const image = { ...table, inputShape: [1, 2, 3], size: 1, features: Float32Array.from([0, 10, 100, 2, 30, 300]) }
    const stats = featureStats(image)
    expect(stats.map((s) => s.mean)).toEqual([1, 20, 200])
    const all = { train: Int32Array.from([0]), validation: new Int32Array(0), test: new Int32Array(0) }
    expect(normalizeDataset(image, all, 'minmax').stats!.scale).toEqual([2, 20, 200])
  })
})

describe('stats', () => {
  it('counts classes, summarises features, picks examples per class', () => {
    const stats = datasetStats(irisDataset(), 3)
    expect(stats.classCounts).toEqual([50, 50, 50])
    expect(stats.features.map((f) => f.name)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width'])
    expect(stats.features[0].min).toBeCloseTo(4.3, 5)
    expect(stats.features[0].max).toBeCloseTo(7.9, 5)
    expect(stats.features[0].mean).toBeCloseTo(5.8433, 3)
    expect(stats.examples).toEqual([
      [0, 1, 2],
      [50, 51, 52],
      [100, 101, 102],
    ])
    const sine = datasetStats(sineDataset({ samples: 50 }))
    expect(sine.target!.min).toBeLessThan(sine.target!.max)
    expect(sine.classCounts).toBeUndefined()
  })
})
