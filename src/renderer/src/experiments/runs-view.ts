import type { RunRecord, SettingValue } from '../../../core/experiments/run-history'
import {
  diffSettings,
  flattenTraining,
  type SettingChange,
  type SettingEntry,
} from '../../../core/experiments/settings'

/** What the Runs tab computes from the history: settings diffs, sort order, chart points (no DOM, no store). */

export type CurveMetric = 'loss' | 'valLoss' | 'accuracy' | 'valAccuracy'
export type SortKey = 'order' | 'learningRate' | 'batchSize' | 'testAccuracy' | 'testLoss' | 'seconds'

/** A run's settings by path: the training config, plus the layer params its sweep set. */
export function runSettings(run: RunRecord): SettingEntry[] {
  const layer = Object.entries(run.overrides ?? {}).filter(([path]) => !path.startsWith('training.'))
  return [...flattenTraining(run.training), ...layer]
}

/** What changed from the run before; null for the first run. */
export function changesFromPrevious(runs: readonly RunRecord[], index: number): SettingChange[] | null {
  if (index === 0) return null
  return diffSettings(runSettings(runs[index - 1]), runSettings(runs[index]))
}

export const formatSetting = (value: SettingValue | undefined): string =>
  value === undefined ? '–' : typeof value === 'number' ? String(Number(value.toPrecision(4))) : String(value)

function sortValue(run: RunRecord, key: SortKey, order: number): number | string {
  switch (key) {
    case 'order':
      return order
    case 'learningRate':
      return run.training.optimizer.learningRate
    case 'batchSize':
      return run.training.batchSize
    case 'testAccuracy':
      return run.test?.accuracy ?? Number.NEGATIVE_INFINITY
    case 'testLoss':
      return run.test?.loss ?? Number.POSITIVE_INFINITY
    case 'seconds':
      return run.seconds
  }
}

/** Indices into `runs` in table order. */
export function sortedIndices(runs: readonly RunRecord[], sort: { key: SortKey; descending: boolean }): number[] {
  const indices = runs.map((_, i) => i)
  indices.sort((a, b) => {
    const x = sortValue(runs[a], sort.key, a)
    const y = sortValue(runs[b], sort.key, b)
    const order = x < y ? -1 : x > y ? 1 : a - b
    return sort.descending ? -order : order
  })
  return indices
}

/** One run's learning curve for the chosen metric: x = epoch from 1. */
export function curvePoints(run: RunRecord, metric: CurveMetric): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = []
  for (const row of run.epochs) {
    const y = row[metric]
    if (y !== undefined) points.push({ x: row.epoch + 1, y })
  }
  return points
}

/** The numeric settings swept in the history, by path (the scatter plot's x choices), newest sweep first. */
export function sweptNumericPaths(runs: readonly RunRecord[]): string[] {
  const paths: string[] = []
  for (let i = runs.length - 1; i >= 0; i--) {
    for (const [path, value] of Object.entries(runs[i].overrides ?? {}))
      if (typeof value === 'number' && !paths.includes(path)) paths.push(path)
  }
  return paths
}

/** Scatter points: the run's value of `path` against its test metric (runs without either are left out). */
export function scatterPoints(
  runs: readonly RunRecord[],
  path: string,
  metric: 'accuracy' | 'loss',
): { x: number; y: number; id: string }[] {
  const points: { x: number; y: number; id: string }[] = []
  for (const run of runs) {
    const x = new Map(runSettings(run)).get(path)
    const y = run.test?.[metric]
    if (typeof x === 'number' && y !== undefined) points.push({ x, y, id: run.id })
  }
  return points
}
