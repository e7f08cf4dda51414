import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { namesDataset } from '../../../../src/core/data/names'
import { createRng } from '../../../../src/core/data/random'
import { sampleToken } from '../../../../src/core/training/tasks/language-model'
import { createTrainer } from '../../../../src/core/training/trainer'
import { recorder, splitOf } from '../helpers'
import { buildTask, mean, runSteps, taskDocument } from './helpers'

const NAMES = [
  'anna',
  'bella',
  'clara',
  'dora',
  'emma',
  'flora',
  'greta',
  'hanna',
  'ida',
  'julia',
  'karla',
  'lena',
  'mila',
  'nora',
  'olga',
  'paula',
  'rosa',
  'sara',
  'tina',
  'vera',
]

function lmDocument(vocab: number) {
  return taskDocument(
    [
      ['ids', 'input', { mode: 'tokens', length: 6 }],
      ['emb', 'embedding', { inputDim: vocab, outputDim: 12 }],
      ['lstm', 'lstm', { units: 24 }],
      ['next', 'dense', { units: vocab, activation: 'softmax' }],
    ],
    [
      ['ids', 'emb'],
      ['emb', 'lstm'],
      ['lstm', 'next'],
    ],
    {
      task: 'languageModel',
      dataset: { id: 'names', options: { context: 6 } },
      loss: 'sparseCategoricalCrossentropy',
      batchSize: 32,
      optimizer: { type: 'adam', learningRate: 0.02 },
      languageModel: { temperature: 0.8, sampleLength: 12, samples: 5 },
    },
  )
}

describe('language model task', () => {
  it('char-LSTM on names: the loss falls over a few steps, and sampling gives names of vocabulary characters', async () => {
    const data = namesDataset(NAMES, { context: 6 })
    const split = splitOf(data.size, 0.8, 0.1)
    const { task, model } = buildTask(lmDocument(data.vocab!.length), data, split)
    const losses = await runSteps(task, split, 30, 32)
    expect(mean(losses.slice(-5))).toBeLessThan(0.8 * mean(losses.slice(0, 5)))
    const [text] = await task.samples()
    expect(text.kind).toBe('text')
    if (text.kind !== 'text') return
    expect(text.lines).toHaveLength(5)
    const chars = new Set(data.vocab!.slice(3))
    for (const line of text.lines) {
      expect(line.length).toBeLessThanOrEqual(12)
      for (const c of line) expect(chars.has(c)).toBe(true)
    }
    const { summary } = await task.evaluate(split.test)
    expect(summary.task === 'languageModel' && summary.perplexity).toBeCloseTo(
      Math.exp(summary.task === 'languageModel' ? summary.loss : 0),
      6,
    )
    task.dispose()
    model.dispose()
  })

  it('runs in the trainer with text samples each epoch and a languageModel summary', async () => {
    const data = namesDataset(NAMES, { context: 6 })
    const split = splitOf(data.size, 0.8, 0.1)
    const doc = lmDocument(data.vocab!.length)
    const { model, graph } = buildTask(doc, data, split)
    const rec = recorder()
    const trainer = createTrainer({
      tf,
      model,
      graph,
      dataset: data,
      split,
      config: { ...doc.training, epochs: 2 },
      onEvent: rec.onEvent,
      readbackMs: 0,
      maxBatchesPerEpoch: 3,
      quickPreviews: false,
    })
    const result = await trainer.start()
    expect(result.status).toBe('done')
    expect(rec.of('batch')[0].accuracy).toBeGreaterThanOrEqual(0)
    expect(rec.of('samples').map((e) => e.samples.kind)).toEqual(['text', 'text'])
    expect(rec.of('done')[0].test).toMatchObject({ task: 'languageModel' })
    expect(result.samples?.[0].kind).toBe('text')
    model.dispose()
  })

  it('temperature: near 0 picks the most likely token; probabilities and logits both work', () => {
    const rng = createRng(1)
    expect(sampleToken([0.1, 0.7, 0.2], 0.01, rng)).toBe(1)
    expect(sampleToken([-2, 3, 0.5], 0.01, rng)).toBe(1)
    const counts = [0, 0, 0]
    for (let i = 0; i < 2000; i++) counts[sampleToken([0.1, 0.7, 0.2], 1, rng)]++
    expect(counts[1] / 2000).toBeGreaterThan(0.6)
    expect(counts[1] / 2000).toBeLessThan(0.8)
  })
})
