import type * as tfjs from '@tensorflow/tfjs'
import { denoiserOf, diffusionSampler } from '../training/tasks/diffusion-sampler'
import type { TryItOutcome } from './run'
import type { TryItSpec } from './spec'

/** Generate on a diffusion model: the seed of the starting noise, and the sampler. */
export interface DiffusionRequest {
  seed: number
  method: 'ddpm' | 'ddim'
  /** DDIM's number of denoising steps (DDPM always takes all T). */
  steps: number
}

/**
 * One picture (or point) from a diffusion denoiser, sampled by the same core sampler the
 * training task and the Results view use (training/tasks/diffusion-sampler.ts). The web demo
 * runs this very function, compiled into diffusion-sampler.js. `input` is the starting noise
 * x_T in the data's units, `output` the sample.
 */
export async function runDiffusion(
  tf: typeof tfjs,
  spec: TryItSpec,
  model: Pick<tfjs.LayersModel, 'apply'>,
  request: DiffusionRequest,
): Promise<TryItOutcome> {
  const input = spec.input
  if (input.kind !== 'diffusion') throw new Error('not a diffusion model')
  const sampler = diffusionSampler(tf, {
    denoise: denoiserOf(tf, model, spec.main),
    xShape: spec.inputs[spec.main].shape,
    schedule: input.schedule,
    range: input.range,
  })
  const seed = Math.max(0, Math.round(request.seed))
  const steps = Math.max(1, Math.min(input.schedule.timesteps, Math.round(request.steps) || input.samplingSteps))
  const run =
    request.method === 'ddpm' ? await sampler.sampleDdpm(1, seed, 1) : await sampler.sampleDdim(1, steps, seed, 1)
  return { input: run.steps[0].values, output: run.final }
}
