import type { Dataset } from '../data/dataset'
import type { ProjectDocument } from '../document/types'
import { dataRange } from '../training/tasks/diffusion-sampler'
import type { TryItSpec } from './spec'

/**
 * The Try-it description of a diffusion project: Generate with a seed, DDPM or DDIM, from the
 * denoiser's two inputs (the noisy sample x_t and the Timestep t). The schedule and the data's
 * range are the training settings, so the sampler here is the one training's previews run.
 */
export function diffusionSpec(base: TryItSpec, doc: ProjectDocument, dataset: Dataset, inputIds: string[]): TryItSpec {
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind
  const time = inputIds.findIndex((id) => kindOf(id) === 'timestepInput')
  const data = inputIds.findIndex((id) => kindOf(id) !== 'timestepInput')
  const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)
  if (inputIds.length !== 2 || time < 0 || data < 0 || size(base.inputs[data].shape) !== size(dataset.inputShape)) {
    return { ...base, input: { kind: 'none', reason: 'unsupportedData' } }
  }
  const o = doc.training.diffusion
  const image = dataset.preview === 'image'
  const asImage = image && dataset.inputShape.length === 3
  return {
    ...base,
    main: data,
    output: 0,
    classNames: null,
    input: {
      kind: 'diffusion',
      schedule: { timesteps: o.timesteps, schedule: o.schedule, betaStart: o.betaStart, betaEnd: o.betaEnd },
      samplingSteps: Math.max(1, Math.min(o.timesteps, o.samplingSteps)),
      range: dataRange(dataset.features, image),
    },
    result: asImage ? 'image' : 'values',
    imageShape: asImage ? [...dataset.inputShape] : null,
  }
}
