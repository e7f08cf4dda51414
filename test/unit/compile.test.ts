import { describe, expect, it } from 'vitest'
import { compileModel } from '../../src/core/compile/compile'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { withBatch } from '../../src/core/shapes/shape'
import { graph, loadTemplate, TEMPLATE_IDS } from './helpers'
import { tfjs as tf } from './tf'

// Published parameter counts: Keras' mnist_mlp-style MLP, LeCun et al. 1998, Krizhevsky et al. 2012.
const PUBLISHED: Record<string, number> = { 'mlp-mnist': 101_770, lenet5: 61_706, alexnet: 62_378_344 }

describe('compileModel', () => {
  it('the published networks are among the templates', () => {
    expect(TEMPLATE_IDS).toEqual(expect.arrayContaining(Object.keys(PUBLISHED)))
  })

  it.each(TEMPLATE_IDS)('%s compiles, and tfjs agrees with every inferred shape and count', (id) => {
    const doc = loadTemplate(id)
    const analysis = analyzeGraph(doc)
    const result = compileModel(tf, doc, analysis)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { model, layerNames } = result
    try {
      expect(model.countParams()).toBe(analysis.totals.total)
      // The classic networks also match their papers' counts.
      if (id in PUBLISHED) expect(analysis.totals.total).toBe(PUBLISHED[id])
      for (const node of doc.nodes) {
        const layer = model.getLayer(layerNames[node.id])
        expect(layer.outputShape, node.id).toEqual(withBatch(analysis.nodes[node.id].outputShape!))
        expect(layer.countParams(), node.id).toBe(
          analysis.nodes[node.id].params!.trainable + analysis.nodes[node.id].params!.nonTrainable,
        )
      }
    } finally {
      model.dispose()
    }
  })

  it('builds branches, skip connections and several inputs and outputs', () => {
    const doc = graph(
      [
        ['img', 'input', { mode: 'image', height: 8, width: 8, channels: 3 }],
        ['vec', 'input', { mode: 'vector', size: 5 }],
        ['c1', 'conv2d', { filters: 3, padding: 'same' }],
        ['skip', 'add'],
        ['gap', 'globalAvgPool2d'],
        ['join', 'concatenate'],
        ['cls', 'dense', { units: 4, activation: 'softmax' }],
        ['reg', 'dense', { units: 1, activation: 'linear' }],
      ],
      [
        ['img', 'c1'],
        ['c1', 'skip', 0],
        ['img', 'skip', 1],
        ['skip', 'gap'],
        ['gap', 'join', 0],
        ['vec', 'join', 1],
        ['join', 'cls'],
        ['join', 'reg'],
      ],
    )
    const result = compileModel(tf, doc)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    try {
      expect(result.inputs).toEqual(['img', 'vec'])
      expect(result.outputs).toEqual(['cls', 'reg'])
      const outs = tf.tidy(() => {
        const [a, b] = result.model.predict([
          tf.ones([2, 8, 8, 3]),
          tf.ones([2, 5]),
        ]) as import('@tensorflow/tfjs').Tensor[]
        return [a.shape, b.shape]
      })
      expect(outs).toEqual([
        [2, 4],
        [2, 1],
      ])
    } finally {
      result.model.dispose()
    }
  })

  it('wires inputs as the analysis lists them, also when two edges claim one port', () => {
    const doc = graph(
      [
        ['a', 'input', { mode: 'vector', size: 2 }],
        ['b', 'input', { mode: 'vector', size: 3 }],
        ['join', 'concatenate'],
      ],
      [
        ['a', 'join', 0],
        ['b', 'join', 0],
      ],
    )
    // A hand-written file may list the edges in another order than their ids sort.
    doc.edges.reverse()
    const analysis = analyzeGraph(doc)
    expect(analysis.inputsByPort.join).toEqual(['a', 'b'])
    const result = compileModel(tf, doc, analysis)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    try {
      const joined = tf.tidy(() => {
        const out = result.model.predict([tf.ones([1, 2]), tf.fill([1, 3], 2)]) as import('@tensorflow/tfjs').Tensor
        return Array.from(out.dataSync())
      })
      expect(joined).toEqual([1, 1, 2, 2, 2])
    } finally {
      result.model.dispose()
    }
  })

  it('refuses a graph with errors and says how many', () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 28, width: 28, channels: 1 }],
        ['fc', 'dense'],
      ],
      [['in', 'fc']],
    )
    const result = compileModel(tf, doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.diagnostics.map((d) => d.code)).toEqual(['needsFlatten'])
  })

  it('leaks no tensors when a model is built and disposed', () => {
    const doc = loadTemplate('lenet5')
    const before = tf.memory().numTensors
    const result = compileModel(tf, doc)
    if (result.ok) result.model.dispose()
    expect(tf.memory().numTensors).toBe(before)
  })
})
