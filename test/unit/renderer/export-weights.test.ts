import { describe, expect, it } from 'vitest'
import { emptyDocument, type ProjectDocument } from '../../../src/core/document/types'
import type { Evaluation } from '../../../src/core/training/evaluate'
import type { BatchEvent, EpochEvent } from '../../../src/core/training/events'
import {
  documentForExport,
  effectiveWeightsSource,
  weightsChoices,
  type RunFields,
} from '../../../src/renderer/src/export/weights-source'

const doc = emptyDocument('net')
const trained: NonNullable<ProjectDocument['trained']> = {
  savedAt: '2026-01-02T03:04:05Z',
  layers: { d: [{ name: 'kernel', shape: [1], data: new Float32Array(1) }] },
  metrics: { testAccuracy: 0.8 },
}
const runWeights: NonNullable<ProjectDocument['trained']> = { savedAt: '2026-02-02T00:00:00Z', layers: {} }

/** The training store's fields before any run. */
const noRun = (): RunFields => ({
  hasModel: false,
  status: 'idle',
  busy: false,
  runDocument: null,
  last: null,
  epochs: [],
  epochsPlanned: 0,
  evaluation: null,
  finishedAt: null,
})

/** The training store after a finished run of `doc`. */
const finishedRun = (overrides: Partial<RunFields> = {}): RunFields => ({
  ...noRun(),
  hasModel: true,
  status: 'done',
  runDocument: doc,
  last: { event: 'batch' } as BatchEvent,
  epochs: [{ event: 'epoch' } as EpochEvent, { event: 'epoch' } as EpochEvent],
  epochsPlanned: 3,
  evaluation: { task: 'classification', accuracy: 0.91 } as Evaluation,
  finishedAt: 1_700_000_000_000,
  ...overrides,
})

describe('export weights', () => {
  it('defaults to the latest finished run, with its epochs and test accuracy', () => {
    const choices = weightsChoices(finishedRun(), { ...doc, trained })
    expect(choices.run).toEqual({
      finishedAt: 1_700_000_000_000,
      epochs: 2,
      epochsPlanned: 3,
      status: 'done',
      testAccuracy: 0.91,
      graphChanged: false,
    })
    expect(choices.project).toEqual({ savedAt: trained.savedAt, testAccuracy: 0.8 })
    expect(effectiveWeightsSource(choices, null)).toBe('run')
  })

  it('offers no run weights while training, before a batch, or when the worker has no model', () => {
    for (const run of [
      finishedRun({ status: 'running' }),
      finishedRun({ busy: true }),
      finishedRun({ last: null }),
      finishedRun({ hasModel: false }),
      noRun(),
    ]) {
      expect(weightsChoices(run, doc).run).toBeNull()
    }
  })

  it('falls back to the project weights, then to fresh ones; an explicit pick wins while available', () => {
    expect(effectiveWeightsSource(weightsChoices(noRun(), { ...doc, trained }), null)).toBe('project')
    expect(effectiveWeightsSource(weightsChoices(noRun(), doc), null)).toBe('initial')
    expect(effectiveWeightsSource(weightsChoices(finishedRun(), doc), 'initial')).toBe('initial')
    // The project weights were picked, then removed: back to the best available.
    expect(effectiveWeightsSource(weightsChoices(finishedRun(), doc), 'project')).toBe('run')
  })

  it('notices a graph edited since the run', () => {
    const edited = { ...doc, nodes: [...doc.nodes] }
    expect(weightsChoices(finishedRun(), edited).run?.graphChanged).toBe(true)
  })

  it('hands the exporter exactly the chosen weights', () => {
    const withSaved = { ...doc, trained }
    expect(documentForExport(withSaved, 'run', runWeights).trained).toBe(runWeights)
    expect(documentForExport(withSaved, 'project', null).trained).toBe(trained)
    expect('trained' in documentForExport(withSaved, 'initial', null)).toBe(false)
    expect(() => documentForExport(withSaved, 'run', null)).toThrow(/run weights/)
  })
})
