import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { generativeProbe } from '../../../src/core/inspect/generative-probe'
import { probeTimesteps } from '../../../src/core/inspect/generative-objectives'
import { canProbe, createGradientProbe } from '../../../src/core/inspect/gradient-probe'
import { gradientVerdicts, type ProbeStep } from '../../../src/core/inspect/gradient-stats'
import type { Dataset } from '../../../src/core/data/dataset'
import { createTrainer } from '../../../src/core/training/trainer'
import { noiseSchedule } from '../../../src/core/training/tasks/diffusion'
import { config, recorder, splitOf, weightValues } from '../training/helpers'
import { buildTask, gaussian1d, taskDocument, twoMoons } from '../training/tasks/helpers'

/** The probe's own seed rule (generative-probe.ts): the run's seed + 90 001, + the objective's index. */
const probeSeed = (runSeed: number) => runSeed + 90_001

/** Noise(4) → Dense(6, relu) → Dense(1) against Input(1) → Dense(5, relu) → Dense(1, sigmoid). */
function ganDocument(seed: number) {
  return taskDocument(
    [
      ['z', 'noiseInput', { size: 4 }],
      ['g1', 'dense', { units: 6, activation: 'relu' }],
      ['g2', 'dense', { units: 1, activation: 'linear' }],
      ['x', 'input', { mode: 'vector', size: 1 }],
      ['d1', 'dense', { units: 5, activation: 'relu' }],
      ['d2', 'dense', { units: 1, activation: 'sigmoid' }],
    ],
    [
      ['z', 'g1'],
      ['g1', 'g2'],
      ['x', 'd1'],
      ['d1', 'd2'],
    ],
    { task: 'gan', seed, batchSize: 16, epochs: 2, gan: { dSteps: 1, labelSmoothing: 0.1 } },
    [
      { name: 'Generator', role: 'generator', nodeIds: ['z', 'g1', 'g2'] },
      { name: 'Discriminator', role: 'discriminator', nodeIds: ['x', 'd1', 'd2'] },
    ],
  )
}

/** Norm of a list of gradient tensors. */
const normOf = (grads: tf.Tensor[]) => Math.sqrt(grads.reduce((a, g) => a + tf.sum(tf.square(g)).dataSync()[0], 0))

/**
 * The GAN's two losses written out by hand from the weights (matmuls, relu, sigmoid, the
 * binary cross-entropy): the reference the probe's numbers are checked against, with tf.grads
 * taking the gradients with respect to the weight values themselves.
 */
function ganReference(model: tf.LayersModel, names: Record<string, string>, real: Float32Array, seed: number) {
  const w = (id: string) => model.getLayer(names[id]).getWeights()
  const [g1k, g1b] = w('g1')
  const [g2k, g2b] = w('g2')
  const [d1k, d1b] = w('d1')
  const [d2k, d2b] = w('d2')
  const n = real.length
  const G = (z: tf.Tensor, k1: tf.Tensor, b1: tf.Tensor, k2: tf.Tensor, b2: tf.Tensor) =>
    tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(z, k1), b1)), k2), b2)
  const D = (x: tf.Tensor, k1: tf.Tensor, b1: tf.Tensor, k2: tf.Tensor, b2: tf.Tensor) =>
    tf.sigmoid(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, k1), b1)), k2), b2))
  const bce = (target: number, p: tf.Tensor) => {
    const q = tf.clipByValue(p, 1e-7, 1 - 1e-7)
    return tf.neg(tf.mean(tf.add(tf.mul(target, tf.log(q)), tf.mul(1 - target, tf.log(tf.sub(1, q))))))
  }
  return tf.tidy(() => {
    const x = tf.tensor2d(real, [n, 1])
    const zD = tf.randomNormal([n, 4], 0, 1, 'float32', seed)
    const zG = tf.randomNormal([n, 4], 0, 1, 'float32', seed + 1)
    const fake = G(zD, g1k, g1b, g2k, g2b)
    const dLoss = (k1: tf.Tensor, b1: tf.Tensor, k2: tf.Tensor, b2: tf.Tensor) =>
      tf.div(tf.add(bce(0.9, D(x, k1, b1, k2, b2)), bce(0, D(fake, k1, b1, k2, b2))), 2) as tf.Scalar
    const gLoss = (k1: tf.Tensor, b1: tf.Tensor, k2: tf.Tensor, b2: tf.Tensor) =>
      bce(1, D(G(zG, k1, b1, k2, b2), d1k, d1b, d2k, d2b)) as tf.Scalar
    const dGrads = tf.grads((a, b, c, d) => dLoss(a, b, c, d))([d1k, d1b, d2k, d2b])
    const gGrads = tf.grads((a, b, c, d) => gLoss(a, b, c, d))([g1k, g1b, g2k, g2b])
    return {
      dLoss: dLoss(d1k, d1b, d2k, d2b).dataSync()[0],
      gLoss: gLoss(g1k, g1b, g2k, g2b).dataSync()[0],
      d1: normOf(dGrads.slice(0, 2)),
      d2: normOf(dGrads.slice(2)),
      g1: normOf(gGrads.slice(0, 2)),
      g2: normOf(gGrads.slice(2)),
    }
  })
}

describe('weights and gradients of generative models', () => {
  it('GAN: D’s gradients are of D’s loss, G’s of G’s loss through D, as tf.grads gives them', () => {
    const data = gaussian1d(64, 3, 1)
    const doc = ganDocument(5)
    const { model, graph, task } = buildTask(doc, data)
    const steps: ProbeStep[] = []
    const errors: string[] = []
    const probe = generativeProbe({
      tf,
      model,
      graph,
      dataset: data,
      config: doc.training,
      everyMs: 0,
      onStep: (s) => steps.push(s),
      onError: (m) => errors.push(m),
    })
    const indices = Int32Array.from({ length: 16 }, (_, i) => i * 3)
    const real = Float32Array.from(indices, (i) => data.features[i])
    const reference = ganReference(model, graph.layerNames, real, probeSeed(5))
    probe.before(indices, { epoch: 0, batch: 0 })
    probe.after()
    expect(errors).toEqual([])
    const [step] = steps
    // D's layers first (its loss is measured first, as the task trains D first), then G's.
    expect(step.layers.map((l) => [l.nodeId, l.network])).toEqual([
      ['d1', 'discriminator'],
      ['d2', 'discriminator'],
      ['g1', 'generator'],
      ['g2', 'generator'],
    ])
    expect(step.losses).toEqual([
      { network: 'discriminator', loss: expect.closeTo(reference.dLoss, 5) },
      { network: 'generator', loss: expect.closeTo(reference.gLoss, 5) },
    ])
    const byId = Object.fromEntries(step.layers.map((l) => [l.nodeId, l.gradNorm]))
    for (const id of ['d1', 'd2', 'g1', 'g2'] as const)
      expect(Math.abs(byId[id] - reference[id]), id).toBeLessThan(1e-5)
    // No step in between: nothing moved.
    expect(step.layers.every((l) => l.updateRatio === 0)).toBe(true)
    task.dispose()
    model.dispose()
  })

  it('GAN: a probed run trains byte-identically to an unprobed one, with a flat tensor count', async () => {
    const data = gaussian1d(96, 3, 1)
    const split = splitOf(data.size, 0.8, 0.1)
    const run = async (probed: boolean) => {
      const doc = ganDocument(8)
      const { model, graph, task } = buildTask(doc, data, split)
      task.dispose()
      const steps: ProbeStep[] = []
      const counts: number[] = []
      const rec = recorder()
      await createTrainer({
        tf,
        model,
        graph,
        dataset: data,
        split,
        config: doc.training,
        readbackMs: 0,
        checkLeaks: true,
        onEvent: (e) => {
          rec.onEvent(e)
          if (e.event === 'epoch') counts.push(tf.memory().numTensors)
        },
        batchProbe: probed
          ? generativeProbe({
              tf,
              model,
              graph,
              dataset: data,
              config: doc.training,
              everyMs: 0,
              onStep: (s) => steps.push(s),
            })
          : undefined,
      }).start()
      const weights = await weightValues(model)
      model.dispose()
      return { weights, steps, counts, batches: rec.of('batch').length, leaks: rec.of('warning') }
    }
    const plain = await run(false)
    const probed = await run(true)
    expect(probed.weights).toEqual(plain.weights)
    expect(probed.steps).toHaveLength(probed.batches)
    // Every step's D and G rows moved (the step trained both) by a finite, positive ratio.
    for (const step of probed.steps) for (const layer of step.layers) expect(layer.updateRatio).toBeGreaterThan(0)
    expect(new Set(probed.counts).size).toBe(1)
    expect(probed.leaks.filter((w) => w.code === 'tensorLeak')).toEqual([])
  })

  it('diffusion: the noise-prediction loss and its gradient per layer, as tf.grads gives them', () => {
    const data = twoMoons(48)
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
      { task: 'diffusion', seed: 3, batchSize: 16, diffusion: { timesteps: 20, schedule: 'linear' } },
    )
    const { model, graph, task } = buildTask(doc, { ...data, task: 'regression', targetShape: [1] } as Dataset)
    const steps: ProbeStep[] = []
    const probe = generativeProbe({
      tf,
      model,
      graph,
      dataset: data,
      config: doc.training,
      everyMs: 0,
      onStep: (s) => steps.push(s),
    })
    const n = 12
    const indices = Int32Array.from({ length: n }, (_, i) => 2 * i)
    probe.before(indices, { epoch: 0, batch: 0 })
    probe.after()
    // The reference: x_t from the schedule (2-D points are used as they are), ε from the same seed.
    const seed = probeSeed(3)
    const ts = probeTimesteps(seed, n, 20)
    const { alphaBars } = noiseSchedule(doc.training.diffusion)
    const layers = ['td', 'h1', 'eps'].map((id) => model.getLayer(graph.layerNames[id]))
    const variables = layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable))
    const reference = tf.tidy(() => {
      const x0 = tf.tensor2d(
        Float32Array.from(Array.from(indices).flatMap((i) => [data.features[2 * i], data.features[2 * i + 1]])),
        [n, 2],
      )
      const eps = tf.randomNormal([n, 2], 0, 1, 'float32', seed)
      const a = tf.tensor2d(
        ts.map((t) => Math.sqrt(alphaBars[t])),
        [n, 1],
      )
      const b = tf.tensor2d(
        ts.map((t) => Math.sqrt(1 - alphaBars[t])),
        [n, 1],
      )
      const xt = tf.add(tf.mul(a, x0), tf.mul(b, eps))
      const tIn = tf.tensor2d(ts, [n, 1])
      const inputs = graph.inputs[0] === 'x' ? [xt, tIn] : [tIn, xt]
      const { value, grads } = tf.valueAndGrads(() =>
        tf.mean(tf.square(tf.sub(eps, model.apply(inputs) as tf.Tensor))),
      )(variables)
      let k = 0
      const norms = layers.map((l) => normOf(grads.slice(k, (k += l.trainableWeights.length))))
      return { loss: value.dataSync()[0], norms }
    })
    const [step] = steps
    expect(step.layers.map((l) => l.nodeId).sort()).toEqual(['eps', 'h1', 'td'])
    expect(step.layers.every((l) => l.network === 'denoiser')).toBe(true)
    expect(step.loss).toBeCloseTo(reference.loss, 5)
    ;['td', 'h1', 'eps'].forEach((id, i) => {
      const measured = step.layers.find((l) => l.nodeId === id)!.gradNorm
      expect(Math.abs(measured - reference.norms[i]), id).toBeLessThan(1e-5)
    })
    task.dispose()
    model.dispose()
  })

  it('a language model (sparse next-token targets): probed like classification, equal to tf.grads', () => {
    const vocab = ['<pad>', '<start>', '<end>', 'a', 'b', 'c']
    const n = 10
    const context = 4
    const features = Int32Array.from({ length: n * context }, (_, i) => (i * 7 + 3) % vocab.length)
    const labels = Int32Array.from({ length: n }, (_, i) => (i * 5 + 1) % vocab.length)
    const dataset: Dataset = {
      id: 'names',
      name: { en: 'names', 'zh-CN': 'names' },
      description: { en: 'names', 'zh-CN': 'names' },
      task: 'classification',
      inputDtype: 'int32',
      preview: 'text',
      inputShape: [context],
      targetShape: [],
      features,
      labels,
      vocab,
      classNames: vocab,
      size: n,
    }
    const model = tf.sequential()
    model.add(tf.layers.embedding({ name: 'embed', inputDim: vocab.length, outputDim: 3, inputLength: context }))
    model.add(tf.layers.lstm({ name: 'lstm', units: 5, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }))
    model.add(tf.layers.dense({ name: 'out', units: vocab.length, activation: 'softmax' }))
    const cfg = config({ task: 'languageModel', loss: 'sparseCategoricalCrossentropy' })
    expect(canProbe(model, dataset, cfg)).toBe(true)
    const steps: ProbeStep[] = []
    const probe = createGradientProbe({
      tf,
      model,
      layerNames: { embed: 'embed', lstm: 'lstm', out: 'out' },
      dataset,
      loss: cfg.loss,
      everyMs: 0,
      onStep: (s) => steps.push(s),
    })
    const indices = Int32Array.from({ length: n }, (_, i) => i)
    probe.before(indices, { epoch: 0, batch: 0 })
    probe.after()
    // Per-token cross-entropy −mean log p(next token), by hand.
    const reference = tf.tidy(() => {
      const x = tf.tensor2d(features, [n, context], 'int32')
      const picked = tf.oneHot(tf.tensor1d(labels, 'int32'), vocab.length)
      const variables = model.layers.flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable))
      const { value, grads } = tf.valueAndGrads(() =>
        tf.neg(
          tf.mean(tf.sum(tf.mul(picked, tf.log(tf.clipByValue(model.predict(x) as tf.Tensor, 1e-7, 1 - 1e-7))), 1)),
        ),
      )(variables)
      let k = 0
      const norms = model.layers.map((l) => normOf(grads.slice(k, (k += l.trainableWeights.length))))
      return { loss: value.dataSync()[0], norms }
    })
    const [step] = steps
    expect(step.layers.map((l) => l.nodeId)).toEqual(['embed', 'lstm', 'out'])
    expect(step.loss).toBeCloseTo(reference.loss, 5)
    step.layers.forEach((l, i) => expect(Math.abs(l.gradNorm - reference.norms[i]), l.nodeId).toBeLessThan(1e-5))
    model.dispose()
  })

  it('verdicts judge a GAN’s networks apart: a vanishing gradient along G is named as G’s', () => {
    const layer = (nodeId: string, network: 'generator' | 'discriminator', gradNorm: number) => ({
      nodeId,
      network,
      gradNorm,
      weightNorm: 1,
      updateRatio: 1e-3,
      histogram: { min: 0, max: 0, counts: [] },
      deadFraction: null,
    })
    // Across the whole list D's last layer (1) vs G's first (1e-4) would not be compared: only within a network.
    const step: ProbeStep = {
      batch: 0,
      epoch: 0,
      loss: 1,
      layers: [
        layer('d1', 'discriminator', 1),
        layer('d2', 'discriminator', 2),
        layer('g1', 'generator', 1e-4),
        layer('g2', 'generator', 1),
      ],
      inputGradByTime: null,
    }
    const verdicts = gradientVerdicts(Array.from({ length: 5 }, () => step))
    expect(verdicts).toEqual([{ code: 'vanishingLayers', nodeId: 'g1', value: 1e-4, network: 'generator' }])
  })
})
