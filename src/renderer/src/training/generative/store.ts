import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { SamplesPayload } from '../../../../core/training/events'

/**
 * What the generative panels show: the newest preview of each kind that the run streamed
 * (`samples` events), and the answers to the on-demand actions (diffusion Sample, language-model
 * Generate). Cleared when a new run starts. Not part of the document and never in undo.
 */

type Kind = SamplesPayload['kind']
export type PayloadOf<K extends Kind> = Extract<SamplesPayload, { kind: K }>

export interface Preview<P extends SamplesPayload = SamplesPayload> {
  samples: P
  /** Where the run was: epoch and last batch (from 0); null for an on-demand result. */
  epoch: number | null
  batch: number | null
  /** Increases with every preview of the run: the newest of two wins. */
  seq: number
}

export interface GenerativeState {
  imageGrid: Preview<PayloadOf<'imageGrid'>> | null
  points: Preview<PayloadOf<'points'>> | null
  ddpm: Preview<PayloadOf<'diffusionSteps'>> | null
  ddim: Preview<PayloadOf<'diffusionSteps'>> | null
  text: Preview<PayloadOf<'text'>> | null
  reconstructions: Preview<PayloadOf<'reconstructions'>> | null
  latent: Preview<PayloadOf<'latent'>> | null
  /** The last on-demand Sample (diffusion) and Generate (language model) answers. */
  sampled: Preview<PayloadOf<'diffusionSteps'>> | null
  generated: Preview<PayloadOf<'text'>> | null
  /** An on-demand request is on its way. */
  pending: 'sample' | 'generate' | null
  /** Why the last on-demand request gave nothing (the worker's English sentence). */
  requestError: string | null
  /** Language model: the temperature the panel generates at (null: the config's). */
  temperature: number | null
  seq: number
}

const empty = (): Omit<GenerativeState, 'temperature'> => ({
  imageGrid: null,
  points: null,
  ddpm: null,
  ddim: null,
  text: null,
  reconstructions: null,
  latent: null,
  sampled: null,
  generated: null,
  pending: null,
  requestError: null,
  seq: 0,
})

export const generativeStore = createStore<GenerativeState>()(() => ({ ...empty(), temperature: null }))

export function useGenerative<T>(selector: (state: GenerativeState) => T): T {
  return useStore(generativeStore, selector)
}

/** A new run: the old previews go (the chosen temperature stays). */
export function resetPreviews(): void {
  generativeStore.setState(empty())
}

/** A `samples` event of the run. */
export function addPreview(samples: SamplesPayload, epoch: number, batch: number): void {
  const state = generativeStore.getState()
  const seq = state.seq + 1
  const at = { epoch, batch, seq }
  switch (samples.kind) {
    case 'diffusionSteps':
      generativeStore.setState(
        samples.sampler === 'ddim' ? { ddim: { samples, ...at }, seq } : { ddpm: { samples, ...at }, seq },
      )
      break
    case 'imageGrid':
      generativeStore.setState({ imageGrid: { samples, ...at }, seq })
      break
    case 'points':
      generativeStore.setState({ points: { samples, ...at }, seq })
      break
    case 'text':
      generativeStore.setState({ text: { samples, ...at }, seq })
      break
    case 'reconstructions':
      generativeStore.setState({ reconstructions: { samples, ...at }, seq })
      break
    case 'latent':
      generativeStore.setState({ latent: { samples, ...at }, seq })
      break
  }
}

/** An on-demand answer. */
export function addOnDemand(samples: SamplesPayload): void {
  const seq = generativeStore.getState().seq + 1
  if (samples.kind === 'diffusionSteps')
    generativeStore.setState({ sampled: { samples, epoch: null, batch: null, seq }, seq, requestError: null })
  else if (samples.kind === 'text')
    generativeStore.setState({ generated: { samples, epoch: null, batch: null, seq }, seq, requestError: null })
}
