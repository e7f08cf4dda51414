import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { createGradientProbe } from '../../../src/core/inspect/gradient-probe'
import { gradientVerdicts, histogram, type ProbeStep } from '../../../src/core/inspect/gradient-stats'
import { makeBatch } from '../../../src/core/training/batches'
import { createLoss } from '../../../src/core/training/losses'
import { createTrainer } from '../../../src/core/training/trainer'
import { config, gaussians, line, recorder, splitOf, weightValues } from '../training/helpers'

/** A small ReLU network with seeded weights; node ids are its layer names. */
function reluMlp() {
  const model = tf.sequential()
  model.add(
    tf.layers.dense({
      name: 'hidden',
      inputShape: [2],
      units: 6,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }),
  )
  model.add(
    tf.layers.dense({
      name: 'out',
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
    }),
  )
  return { model, layerNames: { hidden: 'hidden', out: 'out' } }
}

describe('gradient probe', () => {
  it('reports the gradient norms tf.variableGrads gives for the same batch, and the real update ratio', () => {
    const dataset = gaussians(64)
    const { model, layerNames } = reluMlp()
    const steps: ProbeStep[] = []
    const probe = createGradientProbe({
      tf,
      model,
      layerNames,
      dataset,
      loss: 'categoricalCrossentropy',
      everyMs: 0,
      onStep: (s) => steps.push(s),
    })
    const indices = Int32Array.from({ length: 16 }, (_, i) => i)
    // tfjs' own gradients of the trainer's loss on that batch.
    const reference = tf.tidy(() => {
      const { x, y } = makeBatch(tf, dataset, indices, 0, 16, [2])
      const loss = createLoss(tf, 'categoricalCrossentropy', 'classification', 2)
      const { value, grads } = tf.variableGrads(() => loss(y, model.predict(x) as tf.Tensor))
      const norm = (names: string[]) =>
        Math.sqrt(names.reduce((a, n) => a + tf.sum(tf.square(grads[n])).dataSync()[0], 0))
      const hidden = model.getLayer('hidden').trainableWeights.map((w) => (w.read() as tf.Variable).name)
      const out = model.getLayer('out').trainableWeights.map((w) => (w.read() as tf.Variable).name)
      return {
        loss: value.dataSync()[0],
        hidden: norm(hidden),
        out: norm(out),
        grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.keep(g)])),
      }
    })
    const before = model.getWeights().map((w) => w.dataSync().slice())
    expect(probe.due()).toBe(true)
    probe.before(indices, { epoch: 0, batch: 0 })
    // A plain SGD step of 0.1 stands in for the trainer's step: Δw = −0.1·g exactly.
    tf.tidy(() => {
      for (const layer of model.layers)
        for (const w of layer.trainableWeights)
          (w.read() as tf.Variable).assign(
            tf.sub(w.read(), tf.mul(0.1, reference.grads[(w.read() as tf.Variable).name])),
          )
    })
    probe.after()
    tf.dispose(Object.values(reference.grads))
    expect(steps).toHaveLength(1)
    const [step] = steps
    expect(step.loss).toBeCloseTo(reference.loss, 5)
    expect(step.layers.map((l) => l.nodeId)).toEqual(['hidden', 'out'])
    expect(Math.abs(step.layers[0].gradNorm - reference.hidden)).toBeLessThan(1e-5)
    expect(Math.abs(step.layers[1].gradNorm - reference.out)).toBeLessThan(1e-5)
    // ‖Δw‖/‖w‖ = 0.1·‖g‖/‖w‖ for the hidden layer (kernel and bias).
    const hiddenNorm = Math.hypot(...before[0], ...before[1])
    expect(step.layers[0].updateRatio).toBeCloseTo((0.1 * reference.hidden) / hiddenNorm, 5)
    // The histogram is over the kernel after the step (the bias left out).
    const kernelAfter = model.getLayer('hidden').getWeights()[0].dataSync()
    expect(step.layers[0].histogram).toEqual(histogram(kernelAfter))
    // Dead ReLUs: units of the hidden layer that output 0 for all 16 samples, counted by tfjs.
    const deadByTf = tf.tidy(() => {
      const { x } = makeBatch(tf, dataset, indices, 0, 16, [2])
      const hidden = tf
        .model({ inputs: model.inputs, outputs: model.getLayer('hidden').output as tf.SymbolicTensor })
        .predict(x) as tf.Tensor
      return tf.sum(tf.cast(tf.lessEqual(tf.max(hidden, 0), 0), 'float32')).dataSync()[0] / 6
    })
    expect(step.layers[0].deadFraction).toBeCloseTo(deadByTf, 6)
    expect(step.layers[1].deadFraction).toBeNull()
  })

  it('leaves a seeded run byte-identical and the tensor count flat', async () => {
    const dataset = gaussians(120)
    const split = splitOf(dataset.size)
    const cfg = config({ optimizer: { type: 'adam', learningRate: 0.05 }, batchSize: 16, epochs: 3 })
    const plain = reluMlp()
    await createTrainer({
      tf,
      model: plain.model,
      dataset,
      split,
      config: cfg,
      onEvent: () => undefined,
      readbackMs: 0,
    }).start()

    const probed = reluMlp()
    const steps: ProbeStep[] = []
    const probe = createGradientProbe({
      tf,
      model: probed.model,
      layerNames: probed.layerNames,
      dataset,
      loss: cfg.loss,
      everyMs: 0,
      onStep: (s) => steps.push(s),
    })
    const rec = recorder()
    const counts: number[] = []
    await createTrainer({
      tf,
      model: probed.model,
      dataset,
      split,
      config: cfg,
      onEvent: (e) => {
        rec.onEvent(e)
        if (e.event === 'epoch') counts.push(tf.memory().numTensors)
      },
      readbackMs: 0,
      checkLeaks: true,
      batchProbe: probe,
    }).start()
    expect(await weightValues(probed.model)).toEqual(await weightValues(plain.model))
    // Every batch probed (everyMs 0), each reading finite.
    expect(steps.length).toBe(rec.of('batch').length)
    expect(
      steps.every((s) => s.layers.every((l) => Number.isFinite(l.gradNorm) && Number.isFinite(l.updateRatio))),
    ).toBe(true)
    expect(counts).toHaveLength(3)
    expect(new Set(counts).size).toBe(1)
    expect(rec.of('warning').filter((w) => w.code === 'tensorLeak')).toEqual([])
  })

  it('measures how much each time step of a sequence moves the loss, as tf.grad of the input says', () => {
    const steps = 12
    const n = 8
    const features = Float32Array.from({ length: n * steps }, (_, i) => Math.sin(i * 0.37) * 0.8)
    const labels = Float32Array.from({ length: n }, (_, i) => features[i * steps])
    const dataset = { ...line(n), inputShape: [steps, 1], targetShape: [1], features, labels }
    const model = tf.sequential()
    model.add(
      tf.layers.simpleRNN({
        name: 'rnn',
        inputShape: [steps, 1],
        units: 8,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: 6 }),
      }),
    )
    model.add(tf.layers.dense({ name: 'out', units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }))
    const seen: ProbeStep[] = []
    const probe = createGradientProbe({
      tf,
      model,
      layerNames: { rnn: 'rnn', out: 'out' },
      dataset,
      loss: 'meanSquaredError',
      everyMs: 0,
      onStep: (s) => seen.push(s),
    })
    const indices = Int32Array.from({ length: n }, (_, i) => i)
    probe.before(indices, { epoch: 0, batch: 0 })
    probe.after()
    const reference = tf.tidy(() => {
      const { x, y } = makeBatch(tf, dataset, indices, 0, n, [steps, 1])
      const loss = createLoss(tf, 'meanSquaredError', 'regression', 1)
      // Per sample ‖∂lᵢ/∂xₜ‖ (the batch-mean loss times n), averaged over the batch.
      const g = tf.grad((input: tf.Tensor) => loss(y, model.predict(input) as tf.Tensor))(x)
      return tf.mul(tf.mean(tf.sqrt(tf.sum(tf.square(g), 2)), 0), n).dataSync()
    })
    const measured = seen[0].inputGradByTime!
    expect(measured).toHaveLength(steps)
    measured.forEach((v, t) => expect(Math.abs(v - reference[t])).toBeLessThan(1e-5))
    model.dispose()
  })
})

describe('gradient verdicts', () => {
  const step = (first: number, last: number, time: number[] | null = null): ProbeStep => ({
    batch: 0,
    epoch: 0,
    loss: 1,
    inputGradByTime: time,
    layers: [
      { nodeId: 'a', gradNorm: first, weightNorm: 1, updateRatio: 1e-3, histogram: histogram([0]), deadFraction: 0.9 },
      { nodeId: 'b', gradNorm: last, weightNorm: 1, updateRatio: 1e-3, histogram: histogram([0]), deadFraction: null },
    ],
  })
  it('waits for enough steps, then names what held for all of them', () => {
    expect(gradientVerdicts([step(1e-4, 1)])).toEqual([{ code: 'tooFewSteps' }])
    const vanishing = gradientVerdicts(Array.from({ length: 5 }, () => step(1e-4, 1, [1e-3, 0.5, 1])))
    expect(vanishing.map((v) => v.code)).toEqual(['vanishingLayers', 'vanishingTime', 'deadRelu'])
    // One healthy step among them: no vanishing flag.
    const mixed = [...Array.from({ length: 4 }, () => step(1e-4, 1)), step(0.5, 1)]
    expect(gradientVerdicts(mixed).map((v) => v.code)).toEqual(['deadRelu'])
    expect(gradientVerdicts(Array.from({ length: 5 }, () => step(500, 1))).map((v) => v.code)).toContain('exploding')
    expect(gradientVerdicts(Array.from({ length: 5 }, () => step(Number.NaN, 1))).map((v) => v.code)).toContain(
      'exploding',
    )
  })
  it('bins like a hand count', () => {
    expect(histogram([0, 1, 2, 3, 4], 4)).toEqual({ min: 0, max: 4, counts: [1, 1, 1, 2] })
    expect(histogram([2, 2], 3)).toEqual({ min: 2, max: 2, counts: [0, 2, 0] })
  })
})
