/**
 * The activations view's messages (UI ⇄ training worker), apart from protocol.ts so the worker's
 * service (activations.ts) depends on no DOM type and is unit-tested in Node. The sample's
 * preview type is a parameter: protocol.ts fixes it to the gallery's GallerySamples.
 */
import type { NodeActivation } from '../../../core/inspect/activations'

/** Which sample the activations view runs through the model: a test-split sample by position. */
export interface ActivationSample {
  split: 'test'
  index: number
  /** Generative projects: the seed of the noise (a GAN's z, diffusion's ε); "new z" changes it. */
  seed?: number
  /** GAN: what the discriminator is shown, the generated sample G(z) (default) or the real sample `index`. */
  judged?: 'fake' | 'real'
  /** Diffusion: the timestep t the test sample `index` is noised to (default: the middle). */
  t?: number
}

/** What a generated sample's reading adds (GAN, diffusion); the pictures are previews like the sample's. */
export type GeneratedInfoOf<Preview> =
  | {
      kind: 'gan'
      seed: number
      z: Float32Array
      judged: 'fake' | 'real'
      /** D's output for what it was shown: the probability that it is real. */
      realProbability: number
      /** G(z), as a picture (or a table for points). */
      fake: Preview
      generatorNodes: string[]
      discriminatorNodes: string[]
    }
  | {
      kind: 'diffusion'
      seed: number
      t: number
      timesteps: number
      /** √ᾱ_t: the share of x₀ left in x_t. */
      signal: number
      noisy: Preview
      predictedNoise: Preview
      denoised: Preview
      clean: Preview
    }

/** Every node's output for one sample, from the current model (answered with 'activations'). */
export interface ActivationsRequest {
  type: 'activations'
  requestId: number
  sample: ActivationSample
  /** Page (of channels / units) per node id; default 0. */
  pages?: Record<string, number>
}

/**
 * While `on`, and while a run trains, the worker pushes 'activations' (requestId null) for this
 * sample at most every `intervalMs`, between batches. Off stops the pushes.
 */
export interface ActivationsWatchMessage {
  type: 'activationsWatch'
  on: boolean
  sample: ActivationSample
  pages?: Record<string, number>
  intervalMs?: number
}

/** The sample the activations are for, as the user sees it and as the model was fed. */
export interface ActivationSampleInfoOf<Preview> {
  split: 'test'
  index: number
  /** Samples in the split (the picker's range). */
  count: number
  /** Classification: the sample's class name. */
  label: string | null
  /** The sample as loaded (a picture, text or table row), for the picker's thumbnail. */
  preview: Preview
  /** The model's input for it (normalised, as in training): the Input node's "activation". */
  input: { shape: number[]; values: Float32Array | Int32Array }
}

export type ActivationsResultOf<Preview> =
  | {
      ok: true
      sample: ActivationSampleInfoOf<Preview>
      nodes: NodeActivation[]
      /** Read while a run was training (a push), not from a finished model. */
      duringTraining: boolean
      /** Increases with every reading, so the UI can tell a fresh push from an old answer. */
      sequence: number
      /** A generated sample (GAN, diffusion): its noise, and the pictures beside the network. */
      generated?: GeneratedInfoOf<Preview>
    }
  | { ok: false; reason: 'noModel' | 'unsupported' | 'failed'; message: string }

/** Answer to an 'activations' request, or (requestId null) a push while training. */
export interface ActivationsAnswerOf<Preview> {
  type: 'activations'
  requestId: number | null
  result: ActivationsResultOf<Preview>
}
