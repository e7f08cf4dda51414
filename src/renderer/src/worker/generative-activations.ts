import { featureSize, type Dataset } from '../../../core/data/dataset'
import type { NodeActivation } from '../../../core/inspect/activations'
import { readDiffusionActivations, readGanActivations } from '../../../core/inspect/generative-activations'
import type { ProjectDocument } from '../../../core/document/types'
import type { ActivationSample, ActivationsResultOf, GeneratedInfoOf } from './activations-messages'
import type { ActivationsContext } from './activations'

/** What a generative reading needs beyond the activations context: the document's maps. */
export interface GenerativeContext extends ActivationsContext {
  document: ProjectDocument
  inputs: string[]
  outputs: string[]
}

export const isGenerativeContext = (ctx: ActivationsContext): ctx is GenerativeContext => {
  const c = ctx as Partial<GenerativeContext>
  const task = c.document?.training.task
  return (task === 'gan' || task === 'diffusion') && Array.isArray(c.inputs) && Array.isArray(c.outputs)
}

/** The default seed of the noise: the first "new z" press adds one. */
export const DEFAULT_NOISE_SEED = 1

type Read<Preview> = { result: ActivationsResultOf<Preview>; transfer: ArrayBuffer[] }

/**
 * Reads a generated sample (activations-messages.ts' ActivationSample with its seed, judged
 * and t) from a GAN or diffusion model: every node's output, and the pictures beside the
 * network (G(z); x_t, ε̂, x̂₀ and x₀). Pictures are previews of one-row datasets with the
 * data's shape, drawn by the gallery's own code. Throws what the core throws (the caller
 * turns it into a 'failed' answer).
 */
export function readGenerative<Preview>(
  tf: Parameters<typeof readGanActivations>[0],
  ctx: GenerativeContext,
  sample: ActivationSample,
  pages: Record<string, number>,
  previewOf: (raw: Dataset, row: number) => { preview: Preview; transfer: ArrayBuffer[] },
  next: () => { sequence: number; duringTraining: boolean },
): Read<Preview> {
  const { model, layerNames, document, inputs, outputs, dataset, raw, split } = ctx
  const graph = { model, layerNames, document, inputs, outputs }
  const seed = Math.floor(sample.seed ?? DEFAULT_NOISE_SEED)
  // The real samples: the test split, or the training split when the project keeps no test set.
  const rows = split.test.length > 0 ? split.test : split.train
  if (rows.length === 0) throw new Error('The dataset has no samples.')
  const index = Math.min(Math.max(0, Math.floor(sample.index)), rows.length - 1)
  const size = featureSize(dataset)
  const values = dataset.features.slice(rows[index] * size, (rows[index] + 1) * size) as Float32Array
  const transfer: ArrayBuffer[] = []
  const picture = (array: Float32Array) => {
    const made = previewOf({ ...raw, features: array, size: 1 }, 0)
    transfer.push(...made.transfer)
    return made.preview
  }
  let nodes: NodeActivation[]
  let generated: GeneratedInfoOf<Preview>
  let shown: Float32Array
  let inputShape: number[]
  if (document.training.task === 'gan') {
    const reading = readGanActivations(tf, graph, { seed, judged: sample.judged ?? 'fake', real: values }, { pages })
    nodes = reading.nodes
    shown = reading.judged === 'real' ? values : reading.fake
    inputShape = [reading.z.length]
    generated = {
      kind: 'gan',
      seed,
      z: reading.z,
      judged: reading.judged,
      realProbability: reading.realProbability,
      fake: picture(reading.fake),
      generatorNodes: reading.generatorNodes,
      discriminatorNodes: reading.discriminatorNodes,
    }
    transfer.push(reading.z.buffer as ArrayBuffer)
  } else {
    const T = document.training.diffusion.timesteps
    const t = sample.t ?? Math.floor(T / 2)
    const reading = readDiffusionActivations(
      tf,
      graph,
      dataset,
      document.training,
      { clean: values, t, seed },
      { pages },
    )
    nodes = reading.nodes
    shown = reading.noisy
    inputShape = reading.shape
    generated = {
      kind: 'diffusion',
      seed,
      t: reading.t,
      timesteps: reading.timesteps,
      signal: reading.signal,
      noisy: picture(reading.noisy),
      predictedNoise: picture(reading.predictedNoise),
      denoised: picture(reading.denoised),
      clean: picture(reading.clean),
    }
  }
  const { sequence, duringTraining } = next()
  // The picker's picture is the test sample itself (D's real sample; diffusion's x₀), as loaded.
  const { preview, transfer: previewBuffers } = previewOf(raw, rows[index])
  transfer.push(...previewBuffers)
  const input = generated.kind === 'gan' ? generated.z.slice() : shown.slice()
  const buffers = new Set<ArrayBufferLike>([
    input.buffer,
    ...transfer,
    ...nodes.flatMap((n) => [n.values.buffer, ...(n.attention ? [n.attention.values.buffer] : [])]),
  ])
  return {
    result: {
      ok: true,
      sample: {
        split: 'test',
        index,
        count: rows.length,
        label: null,
        preview,
        input: { shape: inputShape, values: input },
      },
      nodes,
      duringTraining,
      sequence,
      generated,
    },
    transfer: [...(buffers as Set<ArrayBuffer>)],
  }
}
