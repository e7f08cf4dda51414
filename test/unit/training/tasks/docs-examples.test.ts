import { readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../../src/core/data/dataset'
import { namesDataset } from '../../../../src/core/data/names'
import { gaussiansDataset } from '../../../../src/core/data/toys'
import { parseProject } from '../../../../src/core/document/parse'
import { splitOf } from '../helpers'
import { buildTask } from './helpers'

/** Random 28×28 greyscale "digits": enough to check shapes. */
function fakeMnist(n = 20): Dataset {
  const features = Float32Array.from({ length: n * 784 }, (_, i) => ((i * 7919) % 255) / 255)
  return {
    id: 'mnist',
    name: { en: 'mnist', 'zh-CN': 'mnist' },
    description: { en: '', 'zh-CN': '' },
    task: 'classification',
    inputShape: [28, 28, 1],
    inputDtype: 'float32',
    features,
    labels: Int32Array.from({ length: n }, (_, i) => i % 10),
    targetShape: [],
    classNames: '0123456789'.split(''),
    preview: 'image',
    size: n,
  }
}

const datasets: Record<string, () => Dataset> = {
  mnist: () => fakeMnist(),
  gaussians: () => gaussiansDataset({ samples: 40 }),
  names: () =>
    namesDataset(
      [
        'anna',
        'bella',
        'clara',
        'zoe',
        'yvonne',
        'xena',
        'wendy',
        'quinn',
        'jo-ann',
        'kim',
        'lu',
        'mae',
        'ness',
        'opal',
        'pia',
        'ruth',
        'sue',
        'ty',
        'uma',
        'vi',
        'gigi',
        'hope',
        'ivy',
        'dee',
        'eve',
        'fay',
      ],
      { context: 10 },
    ),
}

describe('docs/tasks.md examples', () => {
  const text = readFileSync(new URL('../../../../docs/tasks.md', import.meta.url), 'utf8')
  const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]))
  it('has one example per generative task', () => {
    expect(blocks.map((b) => b.training.task).sort()).toEqual(['autoencoder', 'diffusion', 'gan', 'languageModel'])
  })
  // The conv denoiser's backward pass is slow on the pure-JS CPU backend: built only.
  it.each(blocks.map((b) => [b.training.task as string, b] as const))(
    '%s: parses, compiles, builds its task (and trains a step)',
    async (name, json) => {
      const parsed = parseProject(json)
      if (!parsed.ok) throw new Error(parsed.error.message)
      const dataset = datasets[parsed.document.training.dataset.id]()
      const split = splitOf(dataset.size, 0.8, 0.1)
      const { task, model } = buildTask(parsed.document, dataset, split)
      if (name !== 'diffusion') {
        const { loss, metrics } = task.trainStep(split.train.subarray(0, 4))
        expect(Number.isFinite((await loss.data())[0])).toBe(true)
        tf.dispose([loss, ...metrics])
      }
      task.dispose()
      model.dispose()
    },
  )
})
