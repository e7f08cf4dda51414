import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { featureSize } from '../../../src/core/data/dataset'
import { irisDataset } from '../../../src/core/data/iris'
import { namesDataset } from '../../../src/core/data/names'
import { createRng, permutation } from '../../../src/core/data/random'
import { shapesDataset } from '../../../src/core/data/shapes'
import { sineDataset } from '../../../src/core/data/sine'
import { datasetStats } from '../../../src/core/data/stats'
import { textDataset } from '../../../src/core/data/text'
import { circlesDataset, gaussiansDataset, spiralDataset, xorDataset } from '../../../src/core/data/toys'
import { contextWindow, decodeTokens, encodeText, END_ID, PAD_ID, START_ID } from '../../../src/core/data/vocab'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'
import { sameArray } from './util'

/** Every dataset keeps the contract of dataset.ts. */
function expectConsistent(d: Dataset) {
  expect(d.features.length).toBe(d.size * featureSize(d))
  expect(d.features).toBeInstanceOf(d.inputDtype === 'int32' ? Int32Array : Float32Array)
  expect(d.name.en.length).toBeGreaterThan(0)
  expect(d.name['zh-CN'].length).toBeGreaterThan(0)
  expect(d.description['zh-CN'].length).toBeGreaterThan(0)
  if (d.task === 'classification') {
    expect(d.labels).toBeInstanceOf(Int32Array)
    expect(d.labels.length).toBe(d.size)
    const classes = d.classNames!.length
    expect(d.labels.every((l) => l >= 0 && l < classes)).toBe(true)
  } else {
    expect(d.labels).toBeInstanceOf(Float32Array)
    expect(d.labels.length).toBe(d.size * d.targetShape.reduce((a, b) => a * b, 1))
  }
  expect(d.features.every((v) => Number.isFinite(v))).toBe(true)
}

describe('random', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(1)
    const b = createRng(1)
    const c = createRng(2)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs)
    const g = createRng(3)
    const values = Array.from({ length: 20_000 }, () => g.gaussian())
    const mean = values.reduce((s, v) => s + v, 0) / values.length
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
    expect([...permutation(50, createRng(4))].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})

describe('iris', () => {
  it('has 150 rows × 4 features and 3 classes of 50', () => {
    const d = irisDataset()
    expectConsistent(d)
    expect(d.size).toBe(150)
    expect(d.inputShape).toEqual([4])
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(datasetStats(d).classCounts).toEqual([50, 50, 50])
    expect([...d.features.slice(0, 4)].map((v) => Number(v.toFixed(2)))).toEqual([5.1, 3.5, 1.4, 0.2])
  })

  it('reads the same rows from the Node source', async () => {
    const rows = await nodeDatasetSources().iris!()
    expect(sameArray(irisDataset(rows).features, irisDataset().features)).toBe(true)
  })
})

describe('toy 2-D sets', () => {
  const makers = { spiral: spiralDataset, xor: xorDataset, circles: circlesDataset, gaussians: gaussiansDataset }
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: shapes, balance, deterministic per seed`, () => {
      const d = make({ samples: 300, seed: 7 })
      expectConsistent(d)
      expect(d.inputShape).toEqual([2])
      expect(d.preview).toBe('points')
      expect(d.size).toBe(300)
      const counts = datasetStats(d).classCounts!
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1)
      expect(sameArray(make({ samples: 300, seed: 7 }).features, d.features)).toBe(true)
      expect(sameArray(make({ samples: 300, seed: 8 }).features, d.features)).toBe(false)
      expect(d.features.every((v) => Math.abs(v) < 2)).toBe(true)
    })
  }

  it('spiral has as many classes as arms; xor labels follow the signs without noise', () => {
    expect(spiralDataset({ classes: 5, samples: 100 }).classNames).toHaveLength(5)
    const d = xorDataset({ noise: 0, samples: 200 })
    const wrong = Array.from({ length: d.size }, (_, i) => i).filter(
      (i) => d.labels[i] !== (d.features[2 * i] * d.features[2 * i + 1] > 0 ? 0 : 1),
    )
    expect(wrong).toEqual([])
  })
})

describe('sine forecasting', () => {
  it('gives [window, 1] sequences and a [1] target, deterministic per seed', () => {
    const d = sineDataset({ samples: 100, window: 20, seed: 3 })
    expectConsistent(d)
    expect(d.task).toBe('regression')
    expect(d.inputShape).toEqual([20, 1])
    expect(d.targetShape).toEqual([1])
    expect(d.preview).toBe('series')
    expect(sameArray(sineDataset({ samples: 100, window: 20, seed: 3 }).labels, d.labels)).toBe(true)
    expect(sameArray(sineDataset({ samples: 100, window: 20, seed: 4 }).labels, d.labels)).toBe(false)
    // Without noise the target continues the wave smoothly: close to the last value.
    const clean = sineDataset({ samples: 200, noise: 0 })
    let gap = 0
    for (let i = 0; i < clean.size; i++) gap += Math.abs(clean.labels[i] - clean.features[i * 30 + 29])
    expect(gap / clean.size).toBeLessThan(0.5)
  })
})

describe('shapes', () => {
  it('draws 32×32×3 pictures of 3 balanced classes in 0–1', () => {
    const d = shapesDataset({ samples: 90, seed: 1 })
    expectConsistent(d)
    expect(d.inputShape).toEqual([32, 32, 3])
    expect(d.classNames).toEqual(['circle', 'square', 'triangle'])
    expect(datasetStats(d).classCounts).toEqual([30, 30, 30])
    expect(d.features.every((v) => v >= 0 && v <= 1)).toBe(true)
    expect(sameArray(shapesDataset({ samples: 90, seed: 1 }).features, d.features)).toBe(true)
    expect(sameArray(shapesDataset({ samples: 90, seed: 2 }).features, d.features)).toBe(false)
  })

  it('a clean picture shows the shape: its pixels differ from the background', () => {
    const d = shapesDataset({ samples: 3, noise: 0, antialias: false, seed: 5 })
    const per = 32 * 32 * 3
    for (let i = 0; i < 3; i++) {
      const corner = d.features.slice(i * per, i * per + 3)
      let different = 0
      for (let px = 0; px < 1024; px++) {
        const at = i * per + px * 3
        if (
          Math.abs(d.features[at] - corner[0]) +
            Math.abs(d.features[at + 1] - corner[1]) +
            Math.abs(d.features[at + 2] - corner[2]) >
          0.01
        )
          different++
      }
      expect(different).toBeGreaterThan(40) // at least a radius-5 shape
      expect(different).toBeLessThan(700)
    }
  })
})

describe('names and text (char level)', () => {
  it('names: token-id windows → next token, with start/end tokens', async () => {
    const names = await nodeDatasetSources().names()
    expect(names).toHaveLength(4951)
    const d = namesDataset(names, { context: 8 })
    expectConsistent(d)
    expect(d.inputDtype).toBe('int32')
    expect(d.inputShape).toEqual([8])
    expect(d.vocab!.slice(0, 3)).toEqual(['<pad>', '<start>', '<end>'])
    expect(d.classNames).toEqual(d.vocab)
    const letters = names.reduce((sum, n) => sum + n.length, 0)
    expect(d.size).toBe(letters + names.length) // every character plus the end token
    expect(d.labels.filter((l) => l === END_ID).length).toBe(names.length)
  })

  it('encode / decode / context windows match how samples are built', () => {
    const d = namesDataset(['Ada', 'Bo'], { context: 4, seed: 1 })
    const vocab = d.vocab!
    expect(vocab).toEqual(['<pad>', '<start>', '<end>', 'a', 'b', 'd', 'o'])
    const ids = encodeText('ada', vocab, { start: true, end: true })
    expect(ids).toEqual([START_ID, 3, 5, 3, END_ID])
    expect(decodeTokens(ids, vocab)).toBe('ada')
    expect([...contextWindow([START_ID, 3], 4)]).toEqual([PAD_ID, PAD_ID, START_ID, 3])
    // The samples contain exactly that window followed by 'd'.
    const found = Array.from({ length: d.size }, (_, i) => i).some(
      (i) => d.features.slice(i * 4, i * 4 + 4).join() === [0, 0, 1, 3].join() && d.labels[i] === 5,
    )
    expect(found).toBe(true)
    expect(d.size).toBe(4 + 3)
  })

  it('text: one sample per position, errors on empty text', () => {
    const result = textDataset('hello world\r\nhello', { context: 5 })
    if (!result.ok) throw new Error(result.error)
    const d = result.dataset
    expectConsistent(d)
    expect(d.size).toBe('hello world\nhello'.length - 1)
    expect(decodeTokens(d.features.slice(4 * 5, 5 * 5), d.vocab!)).toBe('hello')
    expect(d.vocab![d.labels[4]]).toBe(' ')
    const empty = textDataset('   ')
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.message['zh-CN']).toMatch(/空/)
    const capped = textDataset('abcdefghij'.repeat(100), { maxSamples: 100 })
    expect(capped.ok && capped.dataset.size).toBe(100)
  })
})
