import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { readDiffusionActivations, readGanActivations } from '../../../src/core/inspect/generative-activations'
import { noiseSchedule } from '../../../src/core/training/tasks/diffusion'
import { buildTask, taskDocument, twoMoons } from '../training/tasks/helpers'

/** Every value of a node's reading equals tfjs' own output of that layer (a model truncated there). */
function expectLayerOutput(model: tf.LayersModel, layerName: string, inputs: tf.Tensor[], values: Float32Array) {
  const symbolic = model.getLayer(layerName).output as tf.SymbolicTensor
  const truncated = tf.model({
    inputs: model.inputs.length === inputs.length ? model.inputs : [model.inputs[0]],
    outputs: symbolic,
  })
  const expected = tf.tidy(() => (truncated.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor).dataSync())
  expect(values.length).toBe(expected.length)
  let worst = 0
  values.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - expected[i]))))
  expect(worst, layerName).toBeLessThan(1e-5)
}

describe('activations of a generated sample', () => {
  it('GAN: every G node for a seeded z, every D node for G(z) and for a real sample, equal to tfjs', () => {
    const doc = taskDocument(
      [
        ['z', 'noiseInput', { size: 3 }],
        ['g1', 'dense', { units: 5, activation: 'relu' }],
        ['g2', 'dense', { units: 2, activation: 'linear' }],
        ['x', 'input', { mode: 'vector', size: 2 }],
        ['d1', 'dense', { units: 4, activation: 'relu' }],
        ['d2', 'dense', { units: 1, activation: 'sigmoid' }],
      ],
      [
        ['z', 'g1'],
        ['g1', 'g2'],
        ['x', 'd1'],
        ['d1', 'd2'],
      ],
      { task: 'gan', seed: 4 },
      [
        { name: 'G', role: 'generator', nodeIds: ['z', 'g1', 'g2'] },
        { name: 'D', role: 'discriminator', nodeIds: ['x', 'd1', 'd2'] },
      ],
    )
    const data = { ...twoMoons(20), task: 'regression', targetShape: [1] } as Dataset
    const { model, graph, task } = buildTask(doc, data)
    const compiled = { ...graph, model }
    const fake = readGanActivations(tf, compiled, { seed: 77, judged: 'fake', real: null })
    expect(fake.generatorNodes).toEqual(['g1', 'g2'])
    expect(fake.discriminatorNodes).toEqual(['d1', 'd2'])
    // z as the task draws it: N(0, 1) from the seed.
    const z = tf.randomNormal([1, 3], 0, 1, 'float32', 77)
    expect(Array.from(fake.z)).toEqual(Array.from(z.dataSync()))
    const zIndex = graph.inputs.indexOf('z')
    const xIndex = graph.inputs.indexOf('x')
    const byId = Object.fromEntries(fake.nodes.map((n) => [n.nodeId, n]))
    expect(fake.nodes.map((n) => n.nodeId)).toEqual(['z', 'g1', 'g2', 'x', 'd1', 'd2'])
    expect(Array.from(byId.z.values)).toEqual(Array.from(fake.z))
    expect(Array.from(byId.x.values)).toEqual(Array.from(fake.fake))
    const generator = tf.model({ inputs: model.inputs[zIndex], outputs: model.outputs[graph.outputs.indexOf('g2')] })
    const discriminator = tf.model({
      inputs: model.inputs[xIndex],
      outputs: model.outputs[graph.outputs.indexOf('d2')],
    })
    for (const id of ['g1', 'g2']) expectLayerOutput(generator, graph.layerNames[id], [z], byId[id].values)
    const gz = generator.predict(z) as tf.Tensor
    expect(Array.from(fake.fake)).toEqual(Array.from(gz.dataSync()))
    for (const id of ['d1', 'd2']) expectLayerOutput(discriminator, graph.layerNames[id], [gz], byId[id].values)
    expect(fake.realProbability).toBeCloseTo((discriminator.predict(gz) as tf.Tensor).dataSync()[0], 6)

    const realValues = Float32Array.from(data.features.slice(4, 6))
    const real = readGanActivations(tf, compiled, { seed: 77, judged: 'real', real: realValues })
    expect(real.judged).toBe('real')
    const realById = Object.fromEntries(real.nodes.map((n) => [n.nodeId, n]))
    const x = tf.tensor2d(realValues, [1, 2])
    for (const id of ['d1', 'd2']) expectLayerOutput(discriminator, graph.layerNames[id], [x], realById[id].values)
    // The generator's nodes do not depend on what D is shown.
    expect(Array.from(realById.g1.values)).toEqual(Array.from(byId.g1.values))
    tf.dispose([z, gz, x])
    task.dispose()
    model.dispose()
  })

  it('diffusion: x_t from the schedule and a seeded ε; every node, ε̂ and x̂₀ equal to tfjs’ own', () => {
    const doc = taskDocument(
      [
        ['x', 'input', { mode: 'vector', size: 2 }],
        ['t', 'timestepInput'],
        ['te', 'timestepEmbedding', { dim: 8 }],
        ['td', 'dense', { units: 6, activation: 'linear' }],
        ['h1', 'dense', { units: 6, activation: 'relu' }],
        ['c1', 'condition', { mode: 'add' }],
        ['eps', 'dense', { units: 2, activation: 'linear' }],
      ],
      [
        ['t', 'te'],
        ['te', 'td'],
        ['x', 'h1'],
        ['h1', 'c1', 0],
        ['td', 'c1', 1],
        ['c1', 'eps'],
      ],
      { task: 'diffusion', seed: 3, diffusion: { timesteps: 20, schedule: 'cosine' } },
    )
    const moons = { ...twoMoons(10), task: 'regression', targetShape: [1] } as Dataset
    const { model, graph, task } = buildTask(doc, moons)
    const clean = Float32Array.from(moons.features.slice(6, 8))
    const reading = readDiffusionActivations(tf, { ...graph, model }, moons, doc.training, { clean, t: 12, seed: 5 })
    const ab = noiseSchedule(doc.training.diffusion).alphaBars[12]
    const eps = tf.randomNormal([1, 2], 0, 1, 'float32', 5)
    const xt = tf.add(tf.mul(Math.sqrt(ab), tf.tensor2d(clean, [1, 2])), tf.mul(Math.sqrt(1 - ab), eps))
    const tIn = tf.tensor2d([12], [1, 1])
    const inputs = graph.inputs[0] === 'x' ? [xt, tIn] : [tIn, xt]
    expect(reading.t).toBe(12)
    Array.from(xt.dataSync()).forEach((v, i) => expect(Math.abs(reading.noisy[i] - v)).toBeLessThan(1e-6))
    expect(reading.nodes.map((n) => n.nodeId).sort()).toEqual(['c1', 'eps', 'h1', 't', 'td', 'te', 'x'])
    const inputNodes = reading.nodes.filter((n) => n.nodeId === 'x' || n.nodeId === 't')
    expect(Array.from(inputNodes[0].values)).toEqual(Array.from(reading.noisy))
    expect(Array.from(inputNodes[1].values)).toEqual([12])
    for (const node of reading.nodes.filter((n) => !inputNodes.includes(n)))
      expectLayerOutput(model, graph.layerNames[node.nodeId], inputs, node.values)
    const predicted = (model.predict(inputs) as tf.Tensor).dataSync()
    Array.from(predicted).forEach((v, i) => {
      expect(Math.abs(reading.predictedNoise[i] - v)).toBeLessThan(1e-5)
      // 2-D points are not clipped: x̂₀ = (x_t − √(1 − ᾱ)·ε̂) / √ᾱ.
      const x0 = (xt.dataSync()[i] - Math.sqrt(1 - ab) * v) / Math.sqrt(ab)
      expect(Math.abs(reading.denoised[i] - x0)).toBeLessThan(1e-4)
    })
    tf.dispose([eps, xt, tIn])
    task.dispose()
    model.dispose()
  })

  it('leaves no tensor behind', () => {
    const doc = taskDocument(
      [
        ['z', 'noiseInput', { size: 2 }],
        ['g', 'dense', { units: 2 }],
        ['x', 'input', { mode: 'vector', size: 2 }],
        ['d', 'dense', { units: 1, activation: 'sigmoid' }],
      ],
      [
        ['z', 'g'],
        ['x', 'd'],
      ],
      { task: 'gan' },
    )
    const data = { ...twoMoons(10), task: 'regression', targetShape: [1] } as Dataset
    const { model, graph, task } = buildTask(doc, data)
    readGanActivations(tf, { ...graph, model }, { seed: 1, judged: 'fake', real: null })
    const before = tf.memory().numTensors
    for (let i = 0; i < 3; i++) readGanActivations(tf, { ...graph, model }, { seed: i, judged: 'fake', real: null })
    expect(tf.memory().numTensors).toBe(before)
    task.dispose()
    model.dispose()
  })
})
