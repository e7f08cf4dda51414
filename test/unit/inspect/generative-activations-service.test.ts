import { describe, expect, it } from 'vitest'
import * as tf from '@tensorflow/tfjs'
import type { Dataset } from '../../../src/core/data/dataset'
import { createActivationsService } from '../../../src/renderer/src/worker/activations'
import type { ActivationsAnswerOf } from '../../../src/renderer/src/worker/activations-messages'
import { buildTask, taskDocument, twoMoons } from '../training/tasks/helpers'

/** The picker's preview stand-in: the row's first value, so each picture can be told apart. */
const preview = (raw: Dataset, row: number) => ({
  preview: Array.from(raw.features.slice(row * 2, row * 2 + 2)),
  transfer: [],
})

describe('the worker activations service on a GAN project', () => {
  it('answers with the generated sample: z from the seed, G(z) or the real test sample through D', () => {
    const doc = taskDocument(
      [
        ['z', 'noiseInput', { size: 3 }],
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
    const dataset = { ...twoMoons(12), task: 'regression', targetShape: [1] } as Dataset
    const { model, graph, task } = buildTask(doc, dataset)
    task.dispose()
    const split = { train: Int32Array.from([0, 1, 2]), validation: new Int32Array(0), test: Int32Array.from([5, 7]) }
    const context = { model, dataset, raw: dataset, split, ...graph }
    const posted: ActivationsAnswerOf<number[]>[] = []
    const service = createActivationsService({
      tf,
      preview,
      post: (m) => posted.push(m),
      context: () => context,
      training: () => false,
    })
    const before = tf.memory().numTensors
    service.request({ type: 'activations', requestId: 1, sample: { split: 'test', index: 1, seed: 9 } })
    service.request({ type: 'activations', requestId: 2, sample: { split: 'test', index: 1, seed: 9, judged: 'real' } })
    expect(tf.memory().numTensors).toBe(before)
    const [fake, real] = posted.map((p) => p.result)
    if (!fake.ok || !real.ok || fake.generated?.kind !== 'gan' || real.generated?.kind !== 'gan')
      throw new Error(JSON.stringify(posted))
    expect(Array.from(fake.generated.z)).toEqual(Array.from(tf.randomNormal([1, 3], 0, 1, 'float32', 9).dataSync()))
    expect(fake.sample.count).toBe(2)
    expect(fake.nodes.map((n) => n.nodeId)).toEqual(['z', 'g', 'x', 'd'])
    // D shown the real test sample 2 (dataset row 7) in the second answer.
    const shown = real.nodes.find((n) => n.nodeId === 'x')!
    expect(Array.from(shown.values)).toEqual(Array.from(dataset.features.slice(14, 16)))
    // The picker shows the test sample itself (as loaded), whatever D is shown.
    expect(real.sample.preview).toEqual(Array.from(dataset.features.slice(14, 16)))
    expect(fake.sample.preview).toEqual(Array.from(dataset.features.slice(14, 16)))
    expect(real.generated.judged).toBe('real')
    // The generator's side does not change with what D is shown.
    expect(Array.from(real.nodes[1].values)).toEqual(Array.from(fake.nodes[1].values))
    model.dispose()
  })
})
