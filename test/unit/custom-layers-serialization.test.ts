import { describe, expect, it } from 'vitest'
import type * as tfTypes from '@tensorflow/tfjs'
import { tfjs as tf } from './tf'
import { multiHeadAttention } from '../../src/core/layers/kinds/multi-head-attention'
import { positionalEmbedding } from '../../src/core/layers/kinds/positional-embedding'
import { MHA_CLASS_NAME, POSITIONAL_EMBEDDING_CLASS_NAME, customLayers } from '../../src/core/layers/custom'
import { defaultParams } from '../../src/core/params/schema'
import type { TfLayer } from '../../src/core/layers/kind'
import type { Shape } from '../../src/core/shapes/shape'

const apply = (layer: TfLayer, x: tfTypes.SymbolicTensor | tfTypes.SymbolicTensor[]) =>
  layer.apply(x) as tfTypes.SymbolicTensor

/**
 * A tiny Transformer-ish graph that uses every custom layer and option: sinusoidal + learned
 * positions, causal self-attention, and cross-attention to a second input of another length.
 */
function buildModel(): tfTypes.LayersModel {
  const seq: Shape = [6, 8]
  const memory: Shape = [4, 5]
  const x = tf.input({ shape: [...seq] })
  const m = tf.input({ shape: [...memory] })
  const pe = (mode: 'sinusoidal' | 'learned', name: string) =>
    positionalEmbedding.build(
      tf,
      { ...defaultParams(positionalEmbedding.params), mode, maxLength: 10 },
      { name, inputShapes: [seq] },
    ) as TfLayer
  const mha = (causal: boolean, name: string, inputShapes: Shape[]) =>
    multiHeadAttention.build(
      tf,
      { ...defaultParams(multiHeadAttention.params), numHeads: 2, keyDim: 3, dropout: 0.1, causal },
      { name, inputShapes },
    ) as TfLayer
  const h1 = apply(pe('learned', 'pos_learned'), apply(pe('sinusoidal', 'pos_sin'), x))
  const h2 = apply(mha(true, 'self_attn', [seq]), h1)
  const h3 = apply(mha(false, 'cross_attn', [seq, memory]), [h2, m])
  return tf.model({ inputs: [x, m], outputs: h3 })
}

async function roundTrip(model: tfTypes.LayersModel): Promise<tfTypes.LayersModel> {
  let saved: tfTypes.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  if (!saved) throw new Error('nothing saved')
  return tf.loadLayersModel(tf.io.fromMemory(saved))
}

describe('custom layers survive save → load', () => {
  it('MultiHeadAttention and PositionalEmbedding (both modes) reload with identical predictions', async () => {
    const model = buildModel()
    const inputs = [tf.randomNormal([2, 6, 8], 0, 1, 'float32', 1), tf.randomNormal([2, 4, 5], 0, 1, 'float32', 2)]
    const before = (model.predict(inputs) as tfTypes.Tensor).arraySync()

    const loaded = await roundTrip(model)
    const after = (loaded.predict(inputs) as tfTypes.Tensor).arraySync()
    expect(after).toEqual(before)

    // Same layers, same config, same weights.
    const classes = loaded.layers.map((l) => l.getClassName())
    expect(classes.filter((c) => c === MHA_CLASS_NAME)).toHaveLength(2)
    expect(classes.filter((c) => c === POSITIONAL_EMBEDDING_CLASS_NAME)).toHaveLength(2)
    expect(loaded.getLayer('self_attn').getConfig()).toMatchObject({
      numHeads: 2,
      keyDim: 3,
      dropout: 0.1,
      causal: true,
      useBias: true,
    })
    expect(loaded.getLayer('cross_attn').getConfig()).toMatchObject({ causal: false })
    expect(loaded.getLayer('pos_learned').getConfig()).toMatchObject({ mode: 'learned', maxLength: 10 })
    expect(loaded.getLayer('pos_sin').countParams()).toBe(0)
    expect(loaded.countParams()).toBe(model.countParams())
  })

  it('registers the classes once per tf namespace', () => {
    expect(customLayers(tf)).toBe(customLayers(tf))
  })

  it('sinusoidal positions follow sin/cos interleaving', () => {
    const layer = positionalEmbedding.build(
      tf,
      { ...defaultParams(positionalEmbedding.params), mode: 'sinusoidal' },
      { name: 'pos_check', inputShapes: [[3, 4]] },
    )
    const out = ((layer as TfLayer).apply(tf.zeros([1, 3, 4])) as tfTypes.Tensor).arraySync() as number[][][]
    const t = 2
    const expected = [Math.sin(t), Math.cos(t), Math.sin(t / 100), Math.cos(t / 100)] // 10000^(2/4) = 100
    out[0][t].forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5))
  })
})
