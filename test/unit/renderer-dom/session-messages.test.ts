import { beforeEach, describe, expect, it } from 'vitest'
import type { BatchEvent, EpochEvent } from '../../../src/core/training/events'
import { getSeries, resetSeries } from '../../../src/renderer/src/training/series'
import { onMessage } from '../../../src/renderer/src/training/session'
import { runDefaults, trainingStore } from '../../../src/renderer/src/training/training-store'

/** The UI side of the training worker: each message the worker posts becomes store updates. */
const batch = { event: 'batch', epoch: 0, batch: 3, batchesPerEpoch: 10, loss: 0.5, learningRate: 0.01 } as BatchEvent
const epoch = { event: 'epoch', epoch: 0, loss: 0.5, valLoss: 0.6, learningRate: 0.01, seconds: 1 } as EpochEvent

describe('training session: worker messages', () => {
  beforeEach(() => {
    resetSeries()
    trainingStore.setState({ ...runDefaults(), runId: 5, status: 'starting', busy: true, startedAt: Date.now() })
  })

  it('applies the phases, the dataset summary and the trainer events of the current run', () => {
    onMessage({ type: 'phase', runId: 5, phase: 'loadingData' })
    expect(trainingStore.getState().phase).toBe('loadingData')
    onMessage({ type: 'event', runId: 5, event: { event: 'status', status: 'running' } })
    onMessage({ type: 'event', runId: 5, event: batch })
    onMessage({ type: 'event', runId: 5, event: epoch })
    onMessage({ type: 'memory', runId: 5, epoch: 0, numTensors: 12, numBytes: 480 })
    const state = trainingStore.getState()
    expect(state.status).toBe('running')
    expect(state.last).toEqual(batch)
    expect(state.epochs).toEqual([epoch])
    expect(state.memory).toEqual([{ epoch: 0, numTensors: 12, numBytes: 480 }])
    expect(getSeries().loss).toHaveLength(1)
  })

  it('ignores late messages of an earlier run', () => {
    onMessage({ type: 'phase', runId: 4, phase: 'training' })
    onMessage({ type: 'event', runId: 4, event: batch })
    onMessage({ type: 'finished', runId: 4, status: 'done', hasModel: true })
    expect(trainingStore.getState()).toMatchObject({ phase: null, last: null, busy: true, status: 'starting' })
  })

  it('a failure before training: the error with its Chinese text, then finished unlocks the controls', () => {
    const local = { en: 'no data', 'zh-CN': '没有数据' }
    onMessage({ type: 'failed', runId: 5, code: 'dataset', message: 'no data', local })
    expect(trainingStore.getState()).toMatchObject({
      status: 'error',
      error: { code: 'dataset', message: 'no data', local },
    })
    onMessage({ type: 'finished', runId: 5, status: 'error', hasModel: false })
    expect(trainingStore.getState()).toMatchObject({ busy: false, phase: null, hasModel: false })
  })

  it('finished while still starting takes the worker’s status (a stop before the first batch)', () => {
    onMessage({ type: 'finished', runId: 5, status: 'stopped', hasModel: true })
    expect(trainingStore.getState()).toMatchObject({ status: 'stopped', busy: false, hasModel: true })
  })
})
