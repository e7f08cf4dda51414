import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../src/cli/dataset-sources'
import { applyNormalization, normalizeDataset } from '../../src/core/data/normalize'
import { createRng } from '../../src/core/data/random'
import { loadDataset } from '../../src/core/data/registry'
import { splitFor } from '../../src/core/data/split'
import { END_ID, START_ID } from '../../src/core/data/vocab'
import { noiseVector, runFeatures, runText, type TryItValues } from '../../src/core/tryit/run'
import { tryItSpec, type TryItSpec } from '../../src/core/tryit/spec'
import { loadTemplate } from './helpers'

/**
 * Try it's core (core/tryit): the spec offers sliders over the training data's range for a
 * table, preprocessing is the training normalisation itself, and a language model's prompt is
 * encoded, extended and decoded as training encodes names. The model here is a recording stub
 * only where the test is about what goes INTO it; the real model runs in web-demo.test.ts and
 * the e2e test.
 */
describe('Try it core', () => {
  it('iris: one slider per measurement over its range, inputs standardised as in training', async () => {
    const doc = loadTemplate('mlp-mnist')
    doc.training = { ...doc.training, dataset: { id: 'iris', options: {} }, normalization: 'standard' }
    const loaded = await loadDataset(doc.training.dataset, nodeDatasetSources())
    if (!loaded.ok) throw new Error(loaded.error)
    const { stats } = normalizeDataset(loaded.dataset, splitFor(loaded.dataset, doc.training.split), 'standard')
    const io = {
      inputs: [{ nodeId: 'input', shape: [null, 4], dtype: 'float32' as const }],
      outputs: [{ nodeId: 'output', shape: [null, 3], dtype: 'float32' as const }],
      classNames: loaded.dataset.classNames,
    }
    const spec = tryItSpec(doc, loaded.dataset, stats, io)
    expect(spec.input.kind).toBe('features')
    if (spec.input.kind !== 'features') return
    expect(spec.input.features.map((f) => f.name)).toEqual(loaded.dataset.featureNames)
    for (const f of spec.input.features) expect(f.min <= f.value && f.value <= f.max).toBe(true)
    const raw = spec.input.features.map((f) => f.max)
    let seen: TryItValues | null = null
    const outcome = await runFeatures(spec, raw, async ([x]) => ((seen = x), new Float32Array(3)))
    expect(Array.from(seen!)).toEqual(Array.from(applyNormalization(raw, [4], stats!)))
    expect(outcome.input).toBe(seen)
  })

  it('noise: the seeded generator of the data, scaled by the temperature', () => {
    const rng = createRng(5)
    const expected = Array.from({ length: 6 }, () => rng.gaussian() * 0.5)
    expect(Array.from(noiseVector(6, 'normal', 5, 0.5))).toEqual(Array.from(new Float32Array(expected)))
  })

  it('text: the prompt after <start>, the last `context` ids as the input, stops at <end>', async () => {
    const vocab = ['<pad>', '<start>', '<end>', 'a', 'b', 'm']
    const spec: TryItSpec = {
      format: 'layercanvas-tryit',
      name: 't',
      task: 'languageModel',
      inputs: [{ shape: [4], dtype: 'int32' }],
      main: 0,
      output: 0,
      input: { kind: 'text', vocab, context: 4, start: true },
      result: 'text',
      classNames: vocab,
      normalization: null,
      imageShape: null,
    }
    const windows: number[][] = []
    // Certain next tokens: 'b' after anything, then <end> once the window ends in 'b', 'b'.
    const predict = async ([x]: TryItValues[]) => {
      windows.push(Array.from(x))
      const out = new Float32Array(vocab.length)
      out[x[2] === 4 && x[3] === 4 ? END_ID : 4] = 1
      return out
    }
    const outcome = await runText(spec, 'maz', { seed: 1, temperature: 0.5, maxLength: 10 }, predict)
    expect(windows[0]).toEqual([0, START_ID, 5, 3]) // 'z' is not in the vocabulary: left out
    expect(Array.from(outcome.input)).toEqual(windows[0])
    expect(outcome.text).toEqual({ prompt: 'ma', generated: 'bb' })
  })
})
