import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { TRAINING_MESSAGES } from '../../../src/core/i18n/training-messages'
import { createTrainer } from '../../../src/core/training/trainer'
import { config, gaussians, mlp, recorder, splitOf } from '../training/helpers'

describe('the trainer’s shape messages', () => {
  it('a model that does not fit the data is refused in both languages', async () => {
    const rec = recorder()
    const dataset = gaussians(40)
    const t = createTrainer({
      tf,
      model: mlp(2, 4, 3),
      dataset,
      split: splitOf(dataset.size),
      config: config(),
      onEvent: rec.onEvent,
      readbackMs: 0,
    })
    expect((await t.start()).status).toBe('error')
    const error = rec.of('error')[0]
    expect(error.code).toBe('shapeMismatch')
    // English stays where it was (logs, the CLI), the text carries both languages for the app.
    expect(error.message).toBe('The output layer has 3 unit(s), but the dataset has 2 classes.')
    expect(error.text?.message.en).toBe(error.message)
    expect(error.text?.message['zh-CN']).toBe('输出层有 3 个单元，但数据集有 2 个类别。')
    expect(error.text?.suggestion['zh-CN']).toContain('1 个单元配合 Sigmoid')
    expect(error.suggestion).toMatch(/2 units/)
  })

  it('every message has the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(TRAINING_MESSAGES)) {
      const names = (s: string) =>
        [...s.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .sort()
          .join()
      expect(names(text['zh-CN']), key).toBe(names(text.en))
    }
  })
})
