import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { ddimTimesteps, noiseSchedule, type DiffusionTask } from '../../../../src/core/training/tasks/diffusion'
import { splitOf } from '../helpers'
import { buildTask, mean, moonDistance, runSteps, taskDocument, twoMoons } from './helpers'

/** An MLP denoiser: x → Dense → Condition(+ Dense(TimestepEmbedding(t))) → Dense → Condition → Dense → ε. */
function diffusionDocument(seed: number, H = 32) {
  return taskDocument(
    [
      ['x', 'input', { mode: 'vector', size: 2 }],
      ['t', 'timestepInput'],
      ['te', 'timestepEmbedding', { dim: 16 }],
      ['td1', 'dense', { units: H, activation: 'linear' }],
      ['td2', 'dense', { units: H, activation: 'linear' }],
      ['h1', 'dense', { units: H, activation: 'relu' }],
      ['c1', 'condition', { mode: 'add' }],
      ['h2', 'dense', { units: H, activation: 'relu' }],
      ['c2', 'condition', { mode: 'add' }],
      ['h3', 'dense', { units: H, activation: 'relu' }],
      ['eps', 'dense', { units: 2, activation: 'linear' }],
    ],
    [
      ['t', 'te'],
      ['te', 'td1'],
      ['te', 'td2'],
      ['x', 'h1'],
      ['h1', 'c1', 0],
      ['td1', 'c1', 1],
      ['c1', 'h2'],
      ['h2', 'c2', 0],
      ['td2', 'c2', 1],
      ['c2', 'h3'],
      ['h3', 'eps'],
    ],
    {
      task: 'diffusion',
      seed,
      batchSize: 128,
      optimizer: { type: 'adam', learningRate: 0.01 },
      diffusion: { timesteps: 50, schedule: 'cosine', samplingSteps: 20, keepSteps: 5 },
    },
  )
}

/** The data's region: within 0.25 of the noise-free moon arcs (the data's noise has std 0.05). */
const insideShare = (values: Float32Array) => {
  let inside = 0
  for (let i = 0; i < values.length / 2; i++) if (moonDistance(values[2 * i], values[2 * i + 1]) < 0.25) inside++
  return inside / (values.length / 2)
}

describe('diffusion task', () => {
  it('schedules: linear scaled to T ends in noise; cosine; DDIM timesteps', () => {
    const linear = noiseSchedule({ timesteps: 100, schedule: 'linear', betaStart: 0.0001, betaEnd: 0.02 })
    expect(linear.betas[0]).toBeCloseTo(0.001, 8)
    expect(linear.betas[99]).toBeCloseTo(0.2, 8)
    expect(linear.alphaBars[99]).toBeLessThan(1e-3)
    const cosine = noiseSchedule({ timesteps: 50, schedule: 'cosine', betaStart: 0, betaEnd: 0 })
    expect(cosine.alphaBars[0]).toBeGreaterThan(0.99)
    expect(cosine.alphaBars[49]).toBeLessThan(1e-3)
    expect(ddimTimesteps(50, 5)).toEqual([0, 12, 25, 37, 49])
    expect(ddimTimesteps(10, 50)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('compiles the denoiser from (x_t, t) and finds its inputs', () => {
    const { task, model } = buildTask(diffusionDocument(1), twoMoons(100))
    expect(task.models.denoiser.inputs.map((i) => i.shape)).toEqual([
      [null, 2],
      [null, 1],
    ])
    task.dispose()
    model.dispose()
  })

  it('two moons: the loss falls and > 70 % of DDPM and DDIM samples land on the moons', async () => {
    const seed = 2
    const data = twoMoons(2000, 0.05, seed)
    const split = splitOf(data.size, 0.9, 0.05)
    const { task, model } = buildTask(diffusionDocument(seed), data, split)
    const steps = 1000
    const losses = await runSteps(task, split, steps, 128, seed, (s) => 0.01 * (1 - (0.9 * s) / steps))
    expect(mean(losses.slice(-50))).toBeLessThan(0.6 * mean(losses.slice(0, 20)))
    const diffusion = task as DiffusionTask
    const ddpm = await diffusion.sampleDdpm(300, 7)
    const ddim = await diffusion.sampleDdim(300, 20, 7)
    expect(insideShare(ddpm.final)).toBeGreaterThan(0.7)
    expect(insideShare(ddim.final)).toBeGreaterThan(0.7)
    // Pure noise lands mostly outside: the test means something.
    expect(insideShare(ddpm.steps[0].values)).toBeLessThan(0.5)
    expect(ddpm.steps[0].t).toBe(50)
    expect(ddpm.steps.at(-1)!.t).toBe(0)
    task.dispose()
    model.dispose()
  })

  it('keeps the tensor count flat across training steps and sampling; previews carry both samplers', async () => {
    const data = twoMoons(300)
    const split = splitOf(data.size, 0.8, 0.1)
    const { task, model } = buildTask(diffusionDocument(4), data, split)
    await runSteps(task, split, 2, 32)
    const before = tf.memory().numTensors
    await runSteps(task, split, 5, 32)
    expect(tf.memory().numTensors).toBe(before)
    const previews = await task.samples()
    expect(tf.memory().numTensors).toBe(before)
    expect(previews.map((p) => p.kind)).toEqual(['points', 'diffusionSteps', 'diffusionSteps'])
    const ddim = previews[2]
    if (ddim.kind !== 'diffusionSteps') throw new Error('expected steps')
    expect(ddim.sampler).toBe('ddim')
    expect(ddim.steps.length).toBeLessThanOrEqual(6)
    expect(ddim.steps[0].values.length).toBe(ddim.count * 2)
    const score = await task.evaluate(split.test)
    expect(score.summary).toMatchObject({ task: 'diffusion', samples: split.test.length })
    task.dispose()
    model.dispose()
  })
})
