import { describe, expect, it } from 'vitest'
import { checkDatasetFit, type DatasetFitInfo } from '../../../src/core/data/fit'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { analysisOf, datasetKey, setDatasetFit } from '../../../src/renderer/src/app/analysis'
import { documentStore, replaceDocument } from '../../../src/renderer/src/app/document-store'
import { graph } from '../helpers'

/** A 4-feature classifier with 3 classes, shown data of 2 features: the Input does not fit. */
function project() {
  return graph(
    [
      ['in', 'input', { mode: 'vector', size: 4 }],
      ['out', 'dense', { units: 3, activation: 'softmax' }],
    ],
    [['in', 'out']],
  )
}
const twoFeatures: DatasetFitInfo = {
  task: 'classification',
  inputShape: [2],
  inputDtype: 'float32',
  targetShape: [],
  classNames: ['a', 'b', 'c'],
}

describe('analysis: shapes merged with the dataset-fit check', () => {
  it('is the shape analysis, cached per document object, while nothing is known about the data', () => {
    const doc = project()
    replaceDocument(doc)
    setDatasetFit(null)
    const first = analysisOf(doc)
    expect(first).toEqual(analyzeGraph(doc))
    expect(analysisOf(doc)).toBe(first)
  })

  it('merges the fit diagnostics into the nodes and the list when the fit is for this dataset', () => {
    const doc = project()
    replaceDocument(doc)
    const fit = { key: datasetKey(doc.training.dataset), info: twoFeatures }
    const expected = checkDatasetFit(twoFeatures, doc, analyzeGraph(doc))
    expect(expected.length).toBeGreaterThan(0)
    const merged = analysisOf(doc, fit)
    expect(merged.diagnostics).toEqual([...analyzeGraph(doc).diagnostics, ...expected])
    for (const d of expected.filter((d) => d.nodeId)) expect(merged.nodes[d.nodeId!].diagnostics).toContainEqual(d)
    expect(analysisOf(doc, fit)).toBe(merged)
  })

  it('ignores a fit that belongs to another dataset choice', () => {
    const doc = project()
    const other = { key: datasetKey({ id: 'iris', options: {} }), info: twoFeatures }
    expect(analysisOf(doc, other)).toBe(analysisOf(doc, null))
  })

  it('setDatasetFit is a store input: subscribers hear it, the document and history stay', () => {
    const doc = project()
    replaceDocument(doc)
    const heard: unknown[] = []
    const unsubscribe = documentStore.subscribe((state) => heard.push(state.datasetFit))
    const fit = { key: datasetKey(doc.training.dataset), info: twoFeatures }
    setDatasetFit(fit)
    setDatasetFit(fit) // the same fit again: no update
    expect(heard).toEqual([fit])
    expect(documentStore.getState().doc).toBe(doc)
    expect(documentStore.temporal.getState().pastStates).toHaveLength(0)
    // Readers outside a selector get the store's fit by default.
    expect(analysisOf(doc)).toBe(analysisOf(doc, fit))
    setDatasetFit(null)
    unsubscribe()
  })
})
