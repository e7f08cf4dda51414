import { describe, expect, it } from 'vitest'
import { parseProject } from '../../../src/core/document/parse'
import { encodeProjectFile, joinParts, parseProjectFile } from '../../../src/core/document/project-file'
import type { ProjectDocument } from '../../../src/core/document/types'
import { appendRun, MAX_RUNS, MAX_RUNS_WITH_WEIGHTS, type FinishedRun } from '../../../src/core/experiments/run-history'
import type { EpochEvent } from '../../../src/core/training/events'
import { loadTemplate } from '../helpers'

const mlp = loadTemplate('mlp-mnist')

const epoch = (n: number, loss: number, valLoss = loss + 0.1): EpochEvent => ({
  event: 'epoch',
  epoch: n,
  loss,
  valLoss,
  accuracy: 0.5,
  valAccuracy: 0.4,
  learningRate: 0.001,
  seconds: 1,
})

/** Four float32 values for a [2, 2] kernel. */
const weights = {
  savedAt: '2026-01-01T00:00:00.000Z',
  layers: { hidden: [{ name: 'kernel', shape: [2, 2], data: new Float32Array([1, -2, 0.5, 3]) }] },
}

function finished(overrides: Partial<FinishedRun> = {}): FinishedRun {
  return {
    startedAt: new Date('2026-01-01T00:00:00Z'),
    source: 'app',
    status: 'done',
    seconds: 3.5,
    backend: 'cpu',
    training: mlp.training,
    epochs: [epoch(0, 0.9), epoch(1, 0.5)],
    test: { task: 'classification', loss: 0.4, accuracy: 0.9, samples: 100 },
    ...overrides,
  }
}

// Through the real file form: a container when the runs keep weights, plain JSON otherwise.
const roundTrip = (doc: ProjectDocument) => {
  const file = encodeProjectFile(doc)
  if (!file.ok) throw new Error(file.error)
  return parseProjectFile(joinParts(file.parts))
}

describe('run history in the project document', () => {
  it('a project without runs stays valid and gains none', () => {
    const parsed = parseProject(structuredClone(mlp))
    expect(parsed.ok && parsed.document.runs).toBeUndefined()
  })

  it('records a run and survives save → open unchanged', () => {
    const runs = appendRun(
      undefined,
      finished({ overrides: { 'nodes.hidden.params.units': 32 }, sweep: { id: 'sweep-1', index: 0, of: 3 } }),
    )
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({
      id: 'run-1',
      seconds: 3.5,
      backend: 'cpu',
      test: { loss: 0.4, accuracy: 0.9, samples: 100 },
    })
    expect(runs[0].epochs).toEqual([
      { epoch: 0, loss: 0.9, accuracy: 0.5, valLoss: 1, valAccuracy: 0.4 },
      { epoch: 1, loss: 0.5, accuracy: 0.5, valLoss: 0.6, valAccuracy: 0.4 },
    ])
    const doc = { ...mlp, runs }
    const again = roundTrip(doc)
    expect(again.ok && again.document.runs).toEqual(runs)
  })

  it('drops non-finite metrics (a NaN loss) instead of writing an invalid file', () => {
    const runs = appendRun(
      undefined,
      finished({ epochs: [epoch(0, Number.NaN, Number.NaN)], test: { loss: Number.POSITIVE_INFINITY, accuracy: 0.1 } }),
    )
    expect(runs[0].epochs).toEqual([{ epoch: 0, accuracy: 0.5, valAccuracy: 0.4 }])
    expect(runs[0].test).toEqual({ accuracy: 0.1 })
    expect(roundTrip({ ...mlp, runs }).ok).toBe(true)
  })

  it('keeps the newest MAX_RUNS runs, and weights only in the newest MAX_RUNS_WITH_WEIGHTS', () => {
    let runs = appendRun(undefined, finished({ weights }))
    for (let i = 1; i < MAX_RUNS + 5; i++) runs = appendRun(runs, finished({ weights, seconds: i }))
    expect(runs).toHaveLength(MAX_RUNS)
    expect(runs.at(-1)!.id).toBe(`run-${MAX_RUNS + 5}`)
    expect(runs.at(-1)!.seconds).toBe(MAX_RUNS + 4)
    expect(runs.filter((run) => run.weights)).toHaveLength(MAX_RUNS_WITH_WEIGHTS)
    expect(runs.slice(-MAX_RUNS_WITH_WEIGHTS).every((run) => run.weights)).toBe(true)
  })

  it('rejects a broken run with the exact path', () => {
    const runs = appendRun(undefined, finished({ weights }))
    const bad = (change: (raw: Record<string, unknown>) => void) => {
      const raw = structuredClone({ ...mlp, runs }) as unknown as Record<string, unknown>
      change(raw)
      const parsed = parseProject(raw)
      return parsed.ok ? null : parsed.error.path
    }
    type Raw = { runs: Record<string, unknown>[] }
    expect(bad((raw) => ((raw as unknown as Raw).runs[0].status = 'exploded'))).toBe('runs[0].status')
    expect(bad((raw) => ((raw as unknown as Raw).runs[0].training = { optimizer: { learningRate: -1 } }))).toBe(
      'runs[0].training.optimizer.learningRate',
    )
    expect(bad((raw) => ((raw as unknown as Raw).runs[0].epochs = [{ epoch: 0, loss: 'low' }]))).toBe(
      'runs[0].epochs[0].loss',
    )
    expect(
      bad(
        (raw) =>
          (((raw as unknown as Raw).runs[0].weights as typeof weights).layers.hidden[0].data = new Float32Array(3)),
      ),
    ).toBe('runs[0].weights.layers.hidden[0].data')
    expect(bad((raw) => (raw.runs = 'none'))).toBe('runs')
  })
})
