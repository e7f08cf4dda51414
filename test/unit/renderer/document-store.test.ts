import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyDocument } from '../../../src/core/document/types'
import { addNode } from '../../../src/core/graph/edits'
import {
  commit,
  documentStore,
  historyStore,
  redo,
  replaceDocument,
  undo,
} from '../../../src/renderer/src/app/document-store'

const doc = () => documentStore.getState().doc
const past = () => historyStore.getState().pastStates.length
const rename = (name: string, coalesce?: string) => commit({ ...doc(), name }, coalesce ? { coalesce } : {})

describe('document store: commit, coalesce, replace', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(0)
    replaceDocument(emptyDocument('start'))
  })
  afterEach(() => vi.useRealTimers())

  it('records one undo step per commit, and none for the same document', () => {
    rename('a')
    rename('b')
    commit(doc())
    expect(past()).toBe(2)
    undo()
    expect(doc().name).toBe('a')
    redo()
    expect(doc().name).toBe('b')
  })

  it('coalesces edits with the same key close together into the first one’s step', () => {
    rename('1', 'units')
    vi.setSystemTime(500)
    rename('12', 'units')
    vi.setSystemTime(1000)
    rename('128', 'units')
    expect(past()).toBe(1)
    undo()
    expect(doc().name).toBe('start')
  })

  it('starts a new step after a pause, for another key, and after an undo', () => {
    rename('1', 'units')
    vi.setSystemTime(5000)
    rename('12', 'units')
    expect(past()).toBe(2)
    rename('x', 'name')
    expect(past()).toBe(3)
    undo()
    rename('y', 'name')
    expect(past()).toBe(3)
  })

  it('replaceDocument clears the history, marks it saved and counts the replacement', () => {
    rename('edited')
    const before = documentStore.getState().replaced
    const next = addNode(emptyDocument('other'), 'dense', { x: 0, y: 0 }).doc
    replaceDocument(next)
    const state = documentStore.getState()
    expect(state.doc).toBe(next)
    expect(state.savedDoc).toBe(next)
    expect(state.replaced).toBe(before + 1)
    expect(past()).toBe(0)
  })

  it('keeps the dataset fit out of the history', () => {
    rename('a')
    documentStore.setState({
      datasetFit: {
        key: 'k',
        info: { task: 'classification', inputShape: [2], inputDtype: 'float32', targetShape: [] },
      },
    })
    expect(past()).toBe(1)
    undo()
    expect(doc().name).toBe('start')
    expect(documentStore.getState().datasetFit?.key).toBe('k')
    documentStore.setState({ datasetFit: null })
  })
})
