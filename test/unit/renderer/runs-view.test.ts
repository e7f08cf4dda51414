import { describe, expect, it } from 'vitest'
import { appendRun, type FinishedRun, type RunRecord } from '../../../src/core/experiments/run-history'
import {
  changesFromPrevious,
  curvePoints,
  scatterPoints,
  sortedIndices,
  sweptNumericPaths,
} from '../../../src/renderer/src/experiments/runs-view'
import { loadTemplate } from '../helpers'

const mlp = loadTemplate('mlp-mnist')

function history(rates: number[], units?: number[]): RunRecord[] {
  let runs: RunRecord[] = []
  rates.forEach((learningRate, i) => {
    const run: FinishedRun = {
      startedAt: new Date(),
      source: units ? 'sweep' : 'app',
      status: 'done',
      seconds: 10 - i,
      backend: 'cpu',
      training: { ...mlp.training, optimizer: { ...mlp.training.optimizer, learningRate } },
      ...(units ? { overrides: { 'nodes.hidden.params.units': units[i] } } : {}),
      epochs: [
        { event: 'epoch', epoch: 0, loss: 1 + i, valLoss: Number.NaN, learningRate, seconds: 1 },
        { event: 'epoch', epoch: 1, loss: 0.5 + i, valLoss: 0.7, learningRate, seconds: 1 },
      ],
      test: { loss: 0.3 + i, accuracy: 0.9 - i / 10, samples: 10 },
    }
    runs = appendRun(runs, run)
  })
  return runs
}

describe('the Runs tab view', () => {
  it('says what changed from the run before, the layer params a sweep set included', () => {
    const runs = history([0.001, 0.01, 0.01], [32, 32, 64])
    expect(changesFromPrevious(runs, 0)).toBeNull()
    expect(changesFromPrevious(runs, 1)).toEqual([
      { path: 'training.optimizer.learningRate', before: 0.001, after: 0.01 },
    ])
    expect(changesFromPrevious(runs, 2)).toEqual([{ path: 'nodes.hidden.params.units', before: 32, after: 64 }])
  })

  it('sorts by a column either way, ties in run order', () => {
    const runs = history([0.01, 0.001, 0.1])
    expect(sortedIndices(runs, { key: 'learningRate', descending: false })).toEqual([1, 0, 2])
    expect(sortedIndices(runs, { key: 'learningRate', descending: true })).toEqual([2, 0, 1])
    expect(sortedIndices(runs, { key: 'testAccuracy', descending: true })).toEqual([0, 1, 2])
    expect(sortedIndices(runs, { key: 'seconds', descending: false })).toEqual([2, 1, 0])
    expect(sortedIndices(runs, { key: 'order', descending: false })).toEqual([0, 1, 2])
  })

  it('draws curves from the recorded epochs (missing values left out) and scatter points per run', () => {
    const runs = history([0.001, 0.01], [32, 64])
    expect(curvePoints(runs[1], 'loss')).toEqual([
      { x: 1, y: 2 },
      { x: 2, y: 1.5 },
    ])
    expect(curvePoints(runs[1], 'valLoss')).toEqual([{ x: 2, y: 0.7 }])
    expect(sweptNumericPaths(runs)).toEqual(['nodes.hidden.params.units'])
    expect(scatterPoints(runs, 'nodes.hidden.params.units', 'accuracy')).toEqual([
      { x: 32, y: 0.9, id: 'run-1' },
      { x: 64, y: 0.8, id: 'run-2' },
    ])
    expect(scatterPoints(runs, 'training.optimizer.learningRate', 'loss').map((p) => [p.x, p.y])).toEqual([
      [0.001, 0.3],
      [0.01, 1.3],
    ])
  })
})
