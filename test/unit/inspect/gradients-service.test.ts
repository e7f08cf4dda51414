import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { createGradientsService } from '../../../src/renderer/src/worker/gradients'
import type { GradientsPush } from '../../../src/renderer/src/worker/explain-messages'
import { config, gaussians } from '../training/helpers'

function model() {
  const m = tf.sequential()
  m.add(
    tf.layers.dense({
      name: 'hidden',
      inputShape: [2],
      units: 4,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  )
  m.add(
    tf.layers.dense({
      name: 'out',
      units: 2,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    }),
  )
  return m
}

describe('gradients service (worker side)', () => {
  const dataset = gaussians(32)
  const batch = Int32Array.from({ length: 8 }, (_, i) => i)

  it('probes nothing while the view is closed, then measures and pushes while it is open', () => {
    let now = 0
    const pushes: GradientsPush[] = []
    const service = createGradientsService({ tf, post: (m) => pushes.push(m), clock: () => now })
    const m = model()
    const probe = service.probeFor({
      model: m,
      layerNames: { hidden: 'hidden', out: 'out' },
      dataset,
      config: config(),
    })
    expect(probe.due()).toBe(false)
    expect(pushes).toEqual([])

    service.watch({ type: 'gradientsWatch', on: true, probeMs: 500, pushMs: 1000 })
    expect(pushes).toHaveLength(1) // what the run has so far, at once
    expect(probe.due()).toBe(true)
    probe.before(batch, { epoch: 0, batch: 0 })
    probe.after()
    now = 100
    expect(probe.due()).toBe(false) // 500 ms between probes
    now = 600
    expect(probe.due()).toBe(true)
    probe.before(batch, { epoch: 0, batch: 7 })
    probe.after()
    now = 1200
    expect(probe.due()).toBe(true)
    probe.before(batch, { epoch: 0, batch: 9 })
    probe.after()
    service.runEnded()
    const last = pushes[pushes.length - 1].state
    expect(last.ok && last.running).toBe(false)
    expect(last.ok && last.layers).toEqual(['hidden', 'out'])
    expect(last.ok && last.steps.map((s) => s.batch)).toEqual([0, 7, 9])
    // Pushed at most every second while training (after the first step, and after 1 s), and at the end.
    expect(pushes.length).toBeLessThanOrEqual(4)
    m.dispose()
  })

  it('says so for a run it cannot measure (a generative task)', () => {
    const pushes: GradientsPush[] = []
    const service = createGradientsService({ tf, post: (m) => pushes.push(m) })
    service.watch({ type: 'gradientsWatch', on: true })
    const m = model()
    const probe = service.probeFor({ model: m, layerNames: {}, dataset, config: config({ task: 'autoencoder' }) })
    expect(probe.due()).toBe(false)
    const state = pushes[pushes.length - 1].state
    expect(state.ok).toBe(false)
    m.dispose()
  })
})
