import type * as tfTypes from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import {
  customLayers,
  CONDITION_CLASS_NAME,
  GROUP_NORMALIZATION_CLASS_NAME,
  TIMESTEP_EMBEDDING_CLASS_NAME,
} from '../../../../src/core/layers/custom'
import { compileModel } from '../../../../src/core/compile/compile'
import { tfjs as tf } from '../../tf'
import { taskDocument } from './helpers'

/** A small conditioned conv net using every new kind: GroupNorm, TimestepEmbedding, Condition (add and FiLM). */
function unetish() {
  return taskDocument(
    [
      ['x', 'input', { mode: 'image', height: 6, width: 6, channels: 1 }],
      ['t', 'timestepInput'],
      ['te', 'timestepEmbedding', { dim: 8 }],
      ['tadd', 'dense', { units: 4 }],
      ['tfilm', 'dense', { units: 8 }],
      ['c1', 'conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same' }],
      ['gn', 'groupNormalization', { groups: 2 }],
      ['add', 'condition', { mode: 'add' }],
      ['film', 'condition', { mode: 'film' }],
      ['out', 'conv2d', { filters: 1, kernelSize: [3, 3], padding: 'same' }],
    ],
    [
      ['t', 'te'],
      ['te', 'tadd'],
      ['te', 'tfilm'],
      ['x', 'c1'],
      ['c1', 'gn'],
      ['gn', 'add', 0],
      ['tadd', 'add', 1],
      ['add', 'film', 0],
      ['tfilm', 'film', 1],
      ['film', 'out'],
    ],
    { task: 'diffusion' },
  )
}

async function roundTrip(model: tfTypes.LayersModel): Promise<{ loaded: tfTypes.LayersModel; json: string }> {
  let saved: tfTypes.io.ModelArtifacts | undefined
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  if (!saved) throw new Error('nothing saved')
  return { loaded: await tf.loadLayersModel(tf.io.fromMemory(saved)), json: JSON.stringify(saved.modelTopology) }
}

describe('generative custom layers', () => {
  it('TimestepEmbedding, Condition (add, FiLM) and GroupNormalization survive save → load with identical outputs', async () => {
    customLayers(tf)
    const compiled = compileModel(tf, unetish())
    if (!compiled.ok) throw new Error(compiled.message)
    const model = compiled.model
    // Non-trivial GroupNorm weights, so a lost γ/β would show.
    const gn = model.getLayer('gn')
    gn.setWeights(gn.getWeights().map((w, i) => tf.add(w, tf.randomNormal(w.shape, 0, 0.5, 'float32', 3 + i))))
    const inputs = [tf.randomNormal([3, 6, 6, 1], 0, 1, 'float32', 1), tf.tensor2d([[0], [7], [49]])]
    const before = (model.predict(inputs) as tfTypes.Tensor).arraySync()
    const { loaded, json } = await roundTrip(model)
    for (const name of [TIMESTEP_EMBEDDING_CLASS_NAME, CONDITION_CLASS_NAME, GROUP_NORMALIZATION_CLASS_NAME])
      expect(json).toContain(name)
    const after = (loaded.predict(inputs) as tfTypes.Tensor).arraySync()
    expect(after).toEqual(before)
    model.dispose()
    loaded.dispose()
  })

  it('compute what their docs say', () => {
    const { TimestepEmbedding, Condition, GroupNormalization } = customLayers(tf)
    const emb = new TimestepEmbedding({ dim: 4, maxPeriod: 100 })
    const e = (emb.apply(tf.tensor2d([[2]])) as tfTypes.Tensor).arraySync() as number[][]
    // f = [1, 100^(-1/2)] = [1, 0.1]
    expect(e[0][0]).toBeCloseTo(Math.sin(2), 5)
    expect(e[0][1]).toBeCloseTo(Math.sin(0.2), 5)
    expect(e[0][2]).toBeCloseTo(Math.cos(2), 5)
    expect(e[0][3]).toBeCloseTo(Math.cos(0.2), 5)
    const x = tf.ones([1, 2, 2, 2])
    const add = new Condition({ mode: 'add' }).apply([x, tf.tensor2d([[1, 2]])]) as tfTypes.Tensor
    expect(add.arraySync()).toEqual([
      [
        [
          [2, 3],
          [2, 3],
        ],
        [
          [2, 3],
          [2, 3],
        ],
      ],
    ])
    const film = new Condition({ mode: 'film' }).apply([x, tf.tensor2d([[1, 2, 10, 20]])]) as tfTypes.Tensor
    expect(film.arraySync()).toEqual([
      [
        [
          [12, 23],
          [12, 23],
        ],
        [
          [12, 23],
          [12, 23],
        ],
      ],
    ])
    const norm = new GroupNormalization({ groups: 2, epsilon: 1e-6, center: true, scale: true })
    const y = (
      norm.apply(tf.tensor4d([1, 10, 3, 30, 5, 50, 7, 70], [1, 2, 2, 2])) as tfTypes.Tensor
    ).arraySync() as number[][][][]
    // Each channel is its own group here: channel 0 is 1, 3, 5, 7 → mean 4, std √5.
    expect(y[0][0][0][0]).toBeCloseTo(-3 / Math.sqrt(5), 4)
    expect(y[0][0][0][1]).toBeCloseTo(-3 / Math.sqrt(5), 4)
  })
})
