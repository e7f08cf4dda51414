import { applyNormalization } from '../data/normalize'
import { createRng } from '../data/random'
import { END_ID, START_ID, contextWindow, decodeTokens, encodeText } from '../data/vocab'
import { sampleToken } from '../training/tasks/language-model'
import type { TryItSpec } from './spec'

/**
 * Running a Try-it input through the model, shared by the app's worker and the unit tests
 * (the web demo's page script does the same steps in plain JavaScript: web-demo/runtime.ts).
 * The model is a callback, so this file stays free of tfjs: `predict` takes one sample per
 * model input and returns the shown output's values.
 */
export type TryItValues = Float32Array | Int32Array
export type TryItPredict = (inputs: TryItValues[]) => Promise<Float32Array>

/** What one Try-it press gave: the model's input as fed (after preprocessing) and its output. */
export interface TryItOutcome {
  /** The main input exactly as the model saw it (normalised pixels or features, token ids, z). */
  input: TryItValues
  /** The shown output's values (for text: the first step's next-character probabilities). */
  output: Float32Array
  /** Language models: the prompt and what the model wrote after it. */
  text?: { prompt: string; generated: string }
}

/** Every model input for one sample: the main one, zeros for the rest. */
export function modelInputs(spec: TryItSpec, main: TryItValues): TryItValues[] {
  return spec.inputs.map((t, i) => {
    if (i === spec.main) return main
    const n = t.shape.reduce((a, b) => a * b, 1)
    return t.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n)
  })
}

/** Raw features (pixels 0–1, slider values) → the model's input: the training normalisation applied. */
export function preprocessFeatures(spec: TryItSpec, raw: ArrayLike<number>): Float32Array {
  const shape = spec.inputs[spec.main].shape
  return spec.normalization ? applyNormalization(raw, shape, spec.normalization) : Float32Array.from(raw)
}

/** The latent vector for a seed: N(0, 1) (or U(−1, 1)) values, times `temperature` (spread). */
export function noiseVector(
  size: number,
  distribution: 'normal' | 'uniform',
  seed: number,
  temperature: number,
): Float32Array {
  const rng = createRng(seed)
  const z = new Float32Array(size)
  for (let i = 0; i < size; i++) z[i] = (distribution === 'uniform' ? rng.uniform(-1, 1) : rng.gaussian()) * temperature
  return z
}

/** Runs a picture or feature input (raw values, before normalisation). */
export async function runFeatures(
  spec: TryItSpec,
  raw: ArrayLike<number>,
  predict: TryItPredict,
): Promise<TryItOutcome> {
  const input = preprocessFeatures(spec, raw)
  return { input, output: await predict(modelInputs(spec, input)) }
}

export async function runNoise(
  spec: TryItSpec,
  seed: number,
  temperature: number,
  predict: TryItPredict,
): Promise<TryItOutcome> {
  if (spec.input.kind !== 'noise') throw new Error('not a generator')
  const input = noiseVector(spec.input.size, spec.input.distribution, seed, temperature)
  return { input, output: await predict(modelInputs(spec, input)) }
}

/**
 * A language model finishes a prompt: one character at a time, sampled at `temperature` from a
 * seeded generator, until the end token or `maxLength` characters. Characters the vocabulary
 * does not know are left out of the prompt (as training's encoding does).
 */
export async function runText(
  spec: TryItSpec,
  prompt: string,
  options: { seed: number; temperature: number; maxLength: number },
  predict: TryItPredict,
): Promise<TryItOutcome> {
  if (spec.input.kind !== 'text') throw new Error('not a text model')
  const { vocab, context, start } = spec.input
  const ids = encodeText(prompt, vocab, { start })
  if (ids.length === 0) ids.push(START_ID)
  const promptLength = ids.length
  const first = contextWindow(ids, context)
  const firstOutput = await predict(modelInputs(spec, first))
  if (spec.result !== 'text') return { input: first, output: firstOutput }
  const rng = createRng(options.seed)
  let probabilities = firstOutput
  for (let step = 0; step < options.maxLength; step++) {
    if (step > 0) probabilities = await predict(modelInputs(spec, contextWindow(ids, context)))
    const id = sampleToken(probabilities, Math.max(0.05, options.temperature), rng)
    if (id === END_ID) break
    ids.push(id)
  }
  return {
    input: first,
    output: firstOutput,
    text: {
      prompt: decodeTokens(ids.slice(0, promptLength), vocab),
      generated: decodeTokens(ids.slice(promptLength), vocab),
    },
  }
}
