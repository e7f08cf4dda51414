import { afterEach, describe, expect, it, vi } from 'vitest'
import { compileModel } from '../../src/core/compile/compile'
import type { Dataset } from '../../src/core/data/dataset'
import { createActivationsService } from '../../src/renderer/src/worker/activations'
import type { ActivationsAnswerOf } from '../../src/renderer/src/worker/activations-messages'
import { loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

/** Three MNIST-shaped samples, labelled 3, 1, 4. */
function smallDataset(): Dataset {
  const size = 28 * 28
  return {
    id: 'tiny',
    name: { en: 'tiny', 'zh-CN': 'tiny' },
    description: { en: '', 'zh-CN': '' },
    task: 'classification',
    inputShape: [28, 28, 1],
    inputDtype: 'float32',
    features: Float32Array.from({ length: 3 * size }, (_, i) => ((i * 7919) % 255) / 255),
    labels: Int32Array.from([3, 1, 4]),
    targetShape: [1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    preview: 'image',
    size: 3,
  }
}

/** The picker's preview, as the worker's gallery gives it for one row (a text stand-in suffices here). */
const preview = (_raw: Dataset, row: number) => ({
  preview: { kind: 'text' as const, texts: [`row ${row}`] },
  transfer: [],
})

afterEach(() => {
  vi.useRealTimers()
})

describe('the worker activations service', () => {
  it('answers a request; pushes while training only after a batch, never the same reading twice; no tensor left', () => {
    vi.useFakeTimers()
    const compiled = compileModel(tf, loadTemplate('mlp-mnist'))
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = smallDataset()
    const posted: ActivationsAnswerOf<unknown>[] = []
    let training = true
    const context = {
      model: compiled.model,
      layerNames: compiled.layerNames,
      dataset,
      raw: dataset,
      split: { train: new Int32Array(0), validation: new Int32Array(0), test: Int32Array.from([2, 0, 1]) },
    }
    const service = createActivationsService({
      tf,
      preview,
      post: (m) => posted.push(m),
      context: () => context,
      training: () => training,
    })
    const before = tf.memory().numTensors
    try {
      service.request({ type: 'activations', requestId: 7, sample: { split: 'test', index: 1 } })
      expect(posted).toHaveLength(1)
      const answer = posted[0]
      expect(answer.requestId).toBe(7)
      if (!answer.result.ok) throw new Error(answer.result.message)
      // Test sample 1 is dataset row 0 (label 3); its input is that row's features.
      expect([answer.result.sample.index, answer.result.sample.count, answer.result.sample.label]).toEqual([1, 3, '3'])
      expect(answer.result.sample.preview).toEqual({ kind: 'text', texts: ['row 0'] })
      expect(Array.from(answer.result.sample.input.values)).toEqual(Array.from(dataset.features.subarray(0, 784)))
      expect(answer.result.nodes.map((n) => n.nodeId)).toEqual(['flatten', 'hidden', 'output'])

      service.watch({ type: 'activationsWatch', on: true, sample: { split: 'test', index: 0 }, intervalMs: 250 })
      vi.advanceTimersByTime(300)
      expect(posted).toHaveLength(1) // no batch yet
      service.noteBatch()
      vi.advanceTimersByTime(250)
      expect(posted).toHaveLength(2)
      expect(posted[1].requestId).toBeNull()
      service.noteBatch() // the weights did not change: the same reading is not pushed again
      vi.advanceTimersByTime(250)
      expect(posted).toHaveLength(2)
      const hidden = compiled.model.getLayer(compiled.layerNames.hidden)
      hidden.setWeights(hidden.getWeights().map((w) => tf.mul(w, 0.5)))
      service.noteBatch()
      vi.advanceTimersByTime(250)
      expect(posted).toHaveLength(3)
      training = false // paused: nothing new
      service.noteBatch()
      vi.advanceTimersByTime(1000)
      expect(posted).toHaveLength(3)
      service.watch({ type: 'activationsWatch', on: false, sample: { split: 'test', index: 0 } })
      training = true
      service.noteBatch()
      vi.advanceTimersByTime(1000)
      expect(posted).toHaveLength(3)
    } finally {
      compiled.model.dispose()
    }
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before)
  })

  it('says why when there is no model, or the model does not take the data', () => {
    const posted: ActivationsAnswerOf<unknown>[] = []
    const none = createActivationsService({
      tf,
      preview,
      post: (m) => posted.push(m),
      context: () => null,
      training: () => false,
    })
    none.request({ type: 'activations', requestId: 1, sample: { split: 'test', index: 0 } })
    expect(posted[0]).toMatchObject({ result: { ok: false, reason: 'noModel' } })
    const compiled = compileModel(tf, loadTemplate('lenet5'))
    if (!compiled.ok) throw new Error(compiled.message)
    const dataset = { ...smallDataset(), inputShape: [10, 10, 1] }
    const wrong = createActivationsService({
      tf,
      preview,
      post: (m) => posted.push(m),
      context: () => ({
        ...compiled,
        dataset,
        raw: dataset,
        split: { train: new Int32Array(0), validation: new Int32Array(0), test: Int32Array.from([0]) },
      }),
      training: () => false,
    })
    wrong.request({ type: 'activations', requestId: 2, sample: { split: 'test', index: 0 } })
    expect(posted[1]).toMatchObject({ result: { ok: false, reason: 'unsupported' } })
    compiled.model.dispose()
  })
})
