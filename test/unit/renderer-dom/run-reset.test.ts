import { describe, expect, it } from 'vitest'
import { emptyDocument } from '../../../src/core/document/types'
import type { BatchEvent, EpochEvent, SamplesPayload } from '../../../src/core/training/events'
import type { Evaluation } from '../../../src/core/training/evaluate'
import { commit, documentStore, replaceDocument } from '../../../src/renderer/src/app/document-store'
import { addPreview, generativeStore } from '../../../src/renderer/src/training/generative/store'
import { appendBatch, appendEpoch, getSeries } from '../../../src/renderer/src/training/series'
import { installRunReset } from '../../../src/renderer/src/training/session'
import { trainingStore } from '../../../src/renderer/src/training/training-store'

/**
 * A run belongs to the project it was made in: its state, chart points and previews survive
 * ordinary edits and go when the document is replaced (New, Open, template, import, draft).
 */
describe('run reset on document replacement', () => {
  installRunReset()
  const batch = {
    event: 'batch',
    epoch: 0,
    batch: 0,
    batchesPerEpoch: 10,
    loss: 0.5,
    accuracy: 0.8,
    learningRate: 0.001,
  } as BatchEvent
  const epoch = {
    event: 'epoch',
    epoch: 0,
    loss: 0.5,
    valLoss: 0.6,
    valAccuracy: 0.893,
    learningRate: 0.001,
    seconds: 1,
  } as EpochEvent
  const text: SamplesPayload = { kind: 'text', lines: ['anna'], temperature: 0.8 } as SamplesPayload

  function finishedRun(): void {
    replaceDocument(emptyDocument('mlp'))
    trainingStore.setState({
      runId: 7,
      status: 'done',
      hasModel: true,
      epochs: [epoch],
      last: batch,
      evaluation: { task: 'classification', accuracy: 0.893 } as Evaluation,
      runDocument: documentStore.getState().doc,
      finishedAt: 1,
    })
    appendBatch(batch)
    appendEpoch(epoch)
    addPreview(text, 0, 0)
    generativeStore.setState({ temperature: 1.2 })
  }

  it('keeps the run through an edit of the project', () => {
    finishedRun()
    commit({ ...documentStore.getState().doc, name: 'renamed' })
    expect(trainingStore.getState()).toMatchObject({ status: 'done', hasModel: true, runId: 7 })
    expect(trainingStore.getState().evaluation).not.toBeNull()
    expect(getSeries().loss).toHaveLength(1)
    expect(generativeStore.getState().text).not.toBeNull()
  })

  it('clears the run, its charts and previews when another document replaces it', () => {
    finishedRun()
    replaceDocument(emptyDocument('gan'))
    const state = trainingStore.getState()
    expect(state).toMatchObject({
      status: 'idle',
      hasModel: false,
      busy: false,
      epochs: [],
      last: null,
      evaluation: null,
      runDocument: null,
    })
    // The run id moves on, so late messages of the old run are ignored.
    expect(state.runId).toBe(8)
    expect(getSeries().loss).toEqual([])
    expect(getSeries().epochValAccuracy).toEqual([])
    expect(generativeStore.getState()).toMatchObject({ text: null, temperature: null })
  })
})
