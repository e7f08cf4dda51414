import type * as tfjs from '@tensorflow/tfjs'
import { featureSize } from '../../data/dataset'
import { createRng, type Rng } from '../../data/random'
import { END_ID, START_ID, contextWindow, decodeTokens } from '../../data/vocab'
import type { SamplesPayload } from '../events'
import { supervisedTask } from './supervised'
import { shapeText, trainingText } from '../../i18n/training-messages'
import { shapeError, spread, type TaskOptions, type TaskResult, type TrainingTask } from './task'

/**
 * Character-level language model: an Input of token ids [context] (the "token ids" mode, as
 * long as the dataset's context) → … → Dense(vocabulary size, softmax): the probability of
 * each next character. Trained like classification (cross-entropy against the next character);
 * reports accuracy and, at the end, perplexity.
 *
 * Sampling with temperature τ: p ∝ p_model^(1/τ), one character at a time, the last `context`
 * ids as the next input. Data with a start token (names: <start> a d a <end>) start from
 * <start> and stop at <end>; other text starts from a prompt taken from the data.
 */
export function languageModelTask(options: TaskOptions): TaskResult {
  const { tf, model, dataset, config } = options
  const vocab = dataset.vocab
  if (!vocab || dataset.inputDtype !== 'int32' || dataset.task !== 'classification') {
    return shapeError(trainingText('notText', { dataset: dataset.id }), trainingText('notTextFix'))
  }
  const base = supervisedTask('classification', options)
  if (!base.ok) return base
  const inner = base.task
  const units = model.outputs[0].shape[model.outputs[0].shape.length - 1] ?? 0
  if (model.outputs[0].shape.length !== 2 || units !== vocab.length) {
    inner.dispose()
    return shapeError(
      trainingText('vocabOutput', { vocab: vocab.length, output: shapeText(model.outputs[0].shape.slice(1)) }),
      trainingText('vocabOutputFix', { vocab: vocab.length }),
    )
  }
  const context = featureSize(dataset)
  const o = config.languageModel
  // Does the data start its sequences with <start> (names)? Then samples do too.
  let hasStart = false
  for (let i = context - 1; i < dataset.features.length; i += context) {
    if (dataset.features[i] === START_ID) {
      hasStart = true
      break
    }
  }

  /** Generates `count` lines; deterministic for a seed. */
  async function generate(
    count: number,
    seed: number,
    temperature = o.temperature,
    length = o.sampleLength,
  ): Promise<{ lines: string[]; prompts?: string[] }> {
    const rng = createRng(seed)
    const prompts = hasStart ? null : spread(options.split.train, count)
    const sequences: number[][] = Array.from({ length: count }, (_, i) =>
      prompts
        ? Array.from(
            dataset.features.subarray(
              prompts[i % prompts.length] * context,
              (prompts[i % prompts.length] + 1) * context,
            ),
          )
        : [START_ID],
    )
    const starts = sequences.map((s) => s.length)
    const done = new Array<boolean>(count).fill(false)
    for (let step = 0; step < length && done.some((d) => !d); step++) {
      const windows = new Int32Array(count * context)
      sequences.forEach((s, i) => windows.set(contextWindow(s, context), i * context))
      const probs = tf.tidy(
        () => model.apply(tf.tensor2d(windows, [count, context], 'int32'), { training: false }) as tfjs.Tensor,
      )
      const values = (await probs.data()) as Float32Array
      probs.dispose()
      for (let i = 0; i < count; i++) {
        if (done[i]) continue
        const id = sampleToken(values.subarray(i * units, (i + 1) * units), temperature, rng)
        if (hasStart && id === END_ID) done[i] = true
        else sequences[i].push(id)
      }
    }
    const lines = sequences.map((s, i) => decodeTokens(s.slice(starts[i]), vocab!))
    return prompts
      ? { lines, prompts: sequences.map((s, i) => decodeTokens(s.slice(0, starts[i]), vocab!)) }
      : { lines }
  }

  const task: TrainingTask & { generate: typeof generate } = {
    ...inner,
    id: 'languageModel',
    sampleEvery: o.sampleEvery,
    async evaluate(indices) {
      const { summary } = await inner.evaluate(indices)
      if (summary.task !== 'classification') throw new Error('unexpected summary')
      return {
        summary: {
          task: 'languageModel',
          loss: summary.loss,
          accuracy: summary.accuracy,
          perplexity: Math.exp(summary.loss),
          samples: summary.samples,
        },
      }
    },
    async samples(): Promise<SamplesPayload[]> {
      const { lines, prompts } = await generate(o.samples, config.seed + 11)
      return [{ kind: 'text', temperature: o.temperature, lines, ...(prompts ? { prompts } : {}) }]
    },
    generate,
  }
  return { ok: true, task }
}

/**
 * Draws a token from one output row with temperature τ. A row of probabilities (softmax) is
 * used as log p; any other row is taken as logits. τ → 0 picks the most likely token.
 */
export function sampleToken(row: ArrayLike<number>, temperature: number, rng: Rng): number {
  let sum = 0
  let negative = false
  for (let i = 0; i < row.length; i++) {
    sum += row[i]
    if (row[i] < 0) negative = true
  }
  const probabilities = !negative && Math.abs(sum - 1) < 1e-3
  const logits = Array.from(
    row,
    (v) => (probabilities ? Math.log(Math.max(v, 1e-12)) : v) / Math.max(temperature, 1e-6),
  )
  const top = Math.max(...logits)
  const weights = logits.map((l) => Math.exp(l - top))
  const total = weights.reduce((a, b) => a + b, 0)
  let r = rng.next() * total
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]
    if (r <= 0) return i
  }
  return weights.length - 1
}
