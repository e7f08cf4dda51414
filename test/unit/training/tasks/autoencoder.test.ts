import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../../src/core/data/dataset'
import { createRng } from '../../../../src/core/data/random'
import { splitOf } from '../helpers'
import { buildTask, mean, runSteps, taskDocument } from './helpers'

/** 16 values per sample that really live on 2 dimensions: one of two class blobs, through a fixed random map. */
function lowRank(n: number, seed = 1): Dataset {
  const rng = createRng(seed)
  const map = Array.from({ length: 32 }, () => rng.gaussian() / 2)
  const features = new Float32Array(n * 16)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2
    const a = (labels[i] ? 1 : -1) + 0.3 * rng.gaussian()
    const b = 0.5 * rng.gaussian()
    for (let d = 0; d < 16; d++) features[i * 16 + d] = Math.tanh(map[d] * a + map[16 + d] * b)
  }
  return {
    id: 'lowRank',
    name: { en: 'low rank', 'zh-CN': 'low rank' },
    description: { en: '', 'zh-CN': '' },
    task: 'classification',
    inputShape: [16],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames: ['a', 'b'],
    preview: 'table',
    size: n,
  }
}

function aeDocument(inputNoise = 0, latentPoints = 50) {
  return taskDocument(
    [
      ['x', 'input', { mode: 'vector', size: 16 }],
      ['e1', 'dense', { units: 8, activation: 'tanh' }],
      ['code', 'dense', { units: 2, activation: 'linear' }],
      ['d1', 'dense', { units: 8, activation: 'tanh' }],
      ['out', 'dense', { units: 16, activation: 'linear' }],
    ],
    [
      ['x', 'e1'],
      ['e1', 'code'],
      ['code', 'd1'],
      ['d1', 'out'],
    ],
    {
      task: 'autoencoder',
      loss: 'meanSquaredError',
      batchSize: 32,
      optimizer: { type: 'adam', learningRate: 0.01 },
      autoencoder: { inputNoise, samples: 4, latentPoints },
    },
    [
      { name: 'Encoder', role: 'encoder', nodeIds: ['x', 'e1', 'code'] },
      { name: 'Decoder', role: 'decoder', nodeIds: ['d1', 'out'] },
    ],
  )
}

describe('autoencoder task', () => {
  it('the reconstruction loss falls over a few steps (plain and denoising)', async () => {
    for (const noise of [0, 0.2]) {
      const data = lowRank(400)
      const split = splitOf(data.size, 0.8, 0.1)
      const { task, model } = buildTask(aeDocument(noise), data, split)
      const losses = await runSteps(task, split, 40, 32)
      expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 5)))
      task.dispose()
      model.dispose()
    }
  })

  it('shows reconstructions and a latent map of the encoder group, without leaking tensors', async () => {
    const data = lowRank(200)
    const split = splitOf(data.size, 0.8, 0.1)
    const { task, model } = buildTask(aeDocument(0.1), data, split)
    expect(task.models.encoder.outputs[0].shape).toEqual([null, 2])
    await runSteps(task, split, 2, 32)
    const before = tf.memory().numTensors
    const [recon, latent] = await task.samples()
    expect(tf.memory().numTensors).toBe(before)
    expect(recon.kind).toBe('reconstructions')
    if (recon.kind === 'reconstructions') {
      expect(recon.pairs).toHaveLength(4)
      expect(recon.pairs[0].output).toHaveLength(16)
      // Denoising: the input shown is the noisy one, the target the clean one.
      expect(recon.pairs[0].input).not.toEqual(recon.pairs[0].target)
    }
    expect(latent).toMatchObject({ kind: 'latent', method: 'first2', dims: 2 })
    if (latent.kind === 'latent') {
      expect(latent.points).toHaveLength(2 * 20)
      expect(latent.labels).toHaveLength(20)
    }
    const { summary } = await task.evaluate(split.test)
    expect(summary).toMatchObject({ task: 'autoencoder', samples: 20 })
    task.dispose()
    model.dispose()
  })

  it('quick previews (capped runs): the same reconstructions, a latent map of at most 100 codes', async () => {
    const data = lowRank(1500)
    const split = splitOf(data.size, 0.8, 0.1)
    const { task, model } = buildTask(aeDocument(0, 500), data, split)
    const points = (payloads: Awaited<ReturnType<typeof task.samples>>) =>
      payloads.map((p) =>
        p.kind === 'latent' ? p.points.length / 2 : p.kind === 'reconstructions' ? p.pairs.length : -1,
      )
    expect(points(await task.samples())).toEqual([4, 150])
    expect(points(await task.samples({ quick: true }))).toEqual([4, 100])
    task.dispose()
    model.dispose()
  })
})
