import type { Dataset } from '../data/dataset'
import { splitFor } from '../data/split'
import type { ProjectDocument } from '../document/types'
import { noiseVector, preprocessFeatures, type TryItOutcome, type TryItPredict } from './run'
import type { TryItSpec } from './spec'

/** How many test-split samples the spec carries to pick from (raw values, before normalisation). */
export const TRYIT_EXAMPLES = 4

/**
 * Try it on an autoencoder: a picture in (drawn, uploaded, or one of the test samples), its
 * reconstruction out. A denoising autoencoder gets its input noised first, as in training:
 * x + σ·N(0, 1) with σ the project's input-noise setting, the noise drawn from a seed.
 */
export function autoencoderSpec(withStats: TryItSpec, doc: ProjectDocument, dataset: Dataset): TryItSpec {
  if (dataset.preview !== 'image' || dataset.inputShape.length !== 3) return withStats
  const [height, width, channels] = dataset.inputShape
  const size = height * width * channels
  const test = splitFor(dataset, doc.training.split).test
  const examples = Array.from(test.slice(0, TRYIT_EXAMPLES), (i) =>
    Array.from(dataset.features.subarray(i * size, (i + 1) * size)),
  )
  return {
    ...withStats,
    classNames: null,
    input: { kind: 'image', height, width, channels, draw: channels === 1 && height <= 64 && width <= 64 },
    result: 'image',
    imageShape: [...dataset.inputShape],
    noise: doc.training.autoencoder.inputNoise,
    examples,
  }
}

/** The model's input: normalised as in training, then noised when the autoencoder denoises. */
export function reconstructionInput(spec: TryItSpec, raw: ArrayLike<number>, seed: number): Float32Array {
  const input = preprocessFeatures(spec, raw)
  const sigma = spec.noise ?? 0
  if (sigma <= 0) return input
  const noise = noiseVector(input.length, 'normal', seed, sigma)
  for (let i = 0; i < input.length; i++) input[i] += noise[i]
  return input
}

export async function runReconstruction(
  spec: TryItSpec,
  raw: ArrayLike<number>,
  seed: number,
  predict: TryItPredict,
): Promise<TryItOutcome> {
  const input = reconstructionInput(spec, raw, seed)
  return { input, output: await predict([input]) }
}
