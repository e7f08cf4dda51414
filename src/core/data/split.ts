import type { Dataset, DatasetSplit } from './dataset'
import { createRng, permutation, shuffleInPlace, type Rng } from './random'

export interface SplitRatios {
  train: number
  validation: number
  test: number
  seed: number
}

/** How many of `n` go to validation and test; train gets the rest. */
function counts(n: number, r: SplitRatios): [number, number, number] {
  const total = r.train + r.validation + r.test || 1
  const validation = Math.round((n * r.validation) / total)
  const test = Math.min(Math.round((n * r.test) / total), n - validation)
  return [n - validation - test, validation, test]
}

/**
 * Per class: validation and test shares by cumulative rounding over the classes seen so far
 * (`before` samples), so the totals equal the unstratified ones and each class is off by at most
 * one; then every split that should have data gets at least one sample when the class is big enough.
 */
function classCounts(n: number, before: number, r: SplitRatios): [number, number, number] {
  const total = r.train + r.validation + r.test || 1
  const share = (count: number, ratio: number) => Math.round((count * ratio) / total)
  let validation = share(before + n, r.validation) - share(before, r.validation)
  let test = Math.min(share(before + n, r.test) - share(before, r.test), n - validation)
  const wanted = [r.train > 0, r.validation > 0, r.test > 0].filter(Boolean).length
  if (n >= wanted) {
    if (r.validation > 0 && validation === 0) validation = 1
    if (r.test > 0 && test === 0) test = 1
    while (r.train > 0 && n - validation - test < 1) {
      if (validation >= test && validation > (r.validation > 0 ? 1 : 0)) validation--
      else if (test > (r.test > 0 ? 1 : 0)) test--
      else break
    }
  }
  return [n - validation - test, validation, test]
}

function finish(parts: number[][], rng: Rng): DatasetSplit {
  const [train, validation, test] = parts.map((part) => shuffleInPlace(Int32Array.from(part), rng))
  return { train, validation, test }
}

/**
 * Deterministic train / validation / test index lists. With classification labels (an
 * Int32Array) the split is stratified: each class is divided in the same proportions, so
 * every class appears in every split whenever it has enough samples. Regression targets
 * (Float32Array) or no labels give a plain shuffled split.
 */
export function splitDataset(size: number, ratios: SplitRatios, labels?: Int32Array | Float32Array): DatasetSplit {
  const rng = createRng(ratios.seed)
  const parts: number[][] = [[], [], []]
  if (!(labels instanceof Int32Array)) {
    const order = permutation(size, rng)
    const [train, validation] = counts(size, ratios)
    order.forEach((index, i) => parts[i < train ? 0 : i < train + validation ? 1 : 2].push(index))
    return finish(parts, rng)
  }
  const byClass = new Map<number, number[]>()
  for (let i = 0; i < size; i++) {
    const group = byClass.get(labels[i])
    if (group) group.push(i)
    else byClass.set(labels[i], [i])
  }
  let before = 0
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const group = shuffleInPlace(byClass.get(label)!, rng)
    const [train, validation] = classCounts(group.length, before, ratios)
    before += group.length
    group.forEach((index, i) => parts[i < train ? 0 : i < train + validation ? 1 : 2].push(index))
  }
  return finish(parts, rng)
}

/** The split of a dataset: stratified when it is a classification dataset. */
export function splitFor(dataset: Dataset, ratios: SplitRatios): DatasetSplit {
  return splitDataset(dataset.size, ratios, dataset.task === 'classification' ? dataset.labels : undefined)
}
