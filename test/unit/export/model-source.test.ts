import { describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import { modelSource, readLayerWeights } from '../../../src/core/export/model-source'
import { trainedWeightsFromModel } from '../../../src/core/training/weights'
import { graph } from '../helpers'
import { tfjs as tf } from '../tf'

/** in → hidden → out, and a second Dense "extra" after hidden that the test removes. */
const withExtra = () =>
  graph(
    [
      ['in', 'input', { mode: 'vector', size: 3 }],
      ['hidden', 'dense', { units: 4 }],
      ['out', 'dense', { units: 2 }],
      ['extra', 'dense', { units: 5 }],
    ],
    [
      ['in', 'hidden'],
      ['hidden', 'out'],
      ['hidden', 'extra'],
    ],
  )

describe('the shared model source', () => {
  it("reads a node's weights in tf's order, with tf's names and values", async () => {
    const prepared = modelSource(tf, withExtra())
    expect(prepared.ok).toBe(true)
    if (!prepared.ok) return
    const { source } = prepared
    try {
      const weights = await readLayerWeights(source, 'hidden')
      const layer = source.model.getLayer(source.layerNames.hidden)
      expect(weights?.map((w) => w.name)).toEqual(layer.weights.map((w) => w.originalName ?? w.name))
      expect(weights?.map((w) => w.shape)).toEqual([[3, 4], [4]])
      const values = layer.getWeights().map((t) => Array.from(t.dataSync()))
      expect(weights?.map((w) => Array.from(w.data))).toEqual(values)
      expect(await readLayerWeights(source, 'in')).toEqual([])
      expect(await readLayerWeights(source, 'no-such-node')).toBeNull()
    } finally {
      source.model.dispose()
    }
  })

  it('loads the trained weights that fit, and lists every saved layer it could not restore', async () => {
    const trainedDoc = withExtra()
    const compiled = compileModel(tf, trainedDoc)
    if (!compiled.ok) throw new Error(compiled.message)
    const trained = await trainedWeightsFromModel(compiled.model, compiled.layerNames)
    const saved = Array.from(compiled.model.getLayer(compiled.layerNames.hidden).getWeights()[0].dataSync())
    compiled.model.dispose()

    // The document after an edit: "extra" deleted, "out" wider (its saved kernel no longer fits).
    const doc = withExtra()
    doc.nodes = doc.nodes.filter((node) => node.id !== 'extra')
    doc.edges = doc.edges.filter((edge) => edge.target !== 'extra')
    doc.nodes.find((node) => node.id === 'out')!.params.units = 3
    doc.trained = trained
    const prepared = modelSource(tf, doc)
    expect(prepared.ok).toBe(true)
    if (!prepared.ok) return
    const { source } = prepared
    try {
      expect(source.weights).toBe('trained')
      expect([...source.notRestored].sort()).toEqual(['extra', 'out'])
      // Warnings name only the nodes still in the model.
      expect(source.warnings.map((w) => w.nodeId)).toEqual(['out'])
      const hidden = await readLayerWeights(source, 'hidden')
      expect(Array.from(hidden![0].data)).toEqual(saved)
    } finally {
      source.model.dispose()
    }
  })
})
