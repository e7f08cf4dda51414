import type { Dataset } from '../data/dataset'
import type { NormalizationStats } from '../data/normalize'
import { featureStats } from '../data/stats'
import type { ProjectDocument } from '../document/types'
import type { Task } from '../training/config'
import type { DiffusionRange, NoiseScheduleOptions } from '../training/tasks/diffusion-sampler'
import { findGanParts } from '../training/tasks/gan'
import { autoencoderSpec } from './autoencoder'
import { diffusionSpec } from './diffusion-spec'
import { seriesSpec } from './series'

/**
 * What the "Try it" step needs to know to put a trained model to use: which input to offer
 * (a drawing pad or picture, sliders, a text box, a Generate button), how to preprocess it
 * exactly as training did, and how to show the output. Plain JSON: the app's Try-it panel
 * reads it, and the web-demo export writes it into the page for its plain-JS copy of the UI.
 */
export interface TryItTensor {
  /** One sample's shape (no batch axis). */
  shape: number[]
  dtype: 'float32' | 'int32'
}

export type TryItInput =
  /** A picture: drawn on the pad (`draw`: small grey images such as MNIST digits) or uploaded. */
  | { kind: 'image'; height: number; width: number; channels: number; draw: boolean }
  /** One slider per feature, over the range the training data covers; starts at its mean. */
  | { kind: 'features'; features: { name: string; min: number; max: number; value: number }[] }
  /** Characters → token ids (ids 0–2: padding, start, end), the last `context` ids as the input. */
  | { kind: 'text'; vocab: string[]; context: number; start: boolean }
  /** A latent vector z drawn from a seed (GAN generators). */
  | { kind: 'noise'; size: number; distribution: 'normal' | 'uniform' }
  /** Generate on a diffusion denoiser: the training schedule and the data's range (tryit/diffusion-spec.ts). */
  | {
      kind: 'diffusion'
      schedule: NoiseScheduleOptions
      samplingSteps: number
      range: DiffusionRange
    }
  /** A window of `length` numbers (sequence regression); the output is drawn `horizon` steps after it. */
  | { kind: 'series'; length: number; horizon: number }
  /** Nothing to offer for this project (yet): why, in the UI's words (see tryit strings). */
  | { kind: 'none'; reason: 'noDataset' | 'unsupportedTask' | 'unsupportedData' | 'notGan' }

/** How the chosen output reads: class probabilities, numbers, a picture, or generated text. */
export type TryItResult = 'classes' | 'values' | 'image' | 'text'

export interface TryItSpec {
  format: 'layercanvas-tryit'
  name: string
  task: Task
  /** Every model input, in the model's order; all but `main` are fed zeros (a GAN's discriminator). */
  inputs: TryItTensor[]
  main: number
  /** The model output shown. */
  output: number
  input: TryItInput
  result: TryItResult
  /** Classification: the dataset's class names (index = output unit), when they name the units. */
  classNames: string[] | null
  /** Applied to image and feature inputs before the model sees them: x' = (x − shift) / scale. */
  normalization: NormalizationStats | null
  /** For a generated picture: its shape (the dataset's samples). */
  imageShape: number[] | null
  /** Autoencoders: σ of the gaussian noise added to the input (denoising; 0: none). */
  noise?: number
  /** Test-split samples (pictures, windows) to pick from, raw (before normalisation). */
  examples?: number[][]
}

/** A model input or output as the exporters list it (core/export/tfjs.ts TfjsTensorInfo). */
export interface ModelTensorInfo {
  nodeId: string
  shape: (number | null)[]
  dtype: 'float32' | 'int32'
}

const sampleShape = (t: ModelTensorInfo): number[] => t.shape.slice(1).map((d) => d ?? 1)
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)

/** Slider ranges from the training data: min, max and mean per feature of the last axis. */
type Slider = { name: string; min: number; max: number; value: number }

function featureSliders(dataset: Dataset, names: string[] | undefined): Slider[] {
  return featureStats(dataset).map((s, i) => ({
    name: names?.[i] ?? `x${i + 1}`,
    min: s.min,
    max: s.max > s.min ? s.max : s.min + 1,
    value: s.mean,
  }))
}

/**
 * The Try-it description of a project, from its document, its dataset (null: none chosen or
 * not loadable), the normalisation training used and the compiled model's inputs and outputs.
 */
export function tryItSpec(
  doc: ProjectDocument,
  dataset: Dataset | null,
  normalization: NormalizationStats | null,
  io: { inputs: ModelTensorInfo[]; outputs: ModelTensorInfo[]; classNames?: string[] },
): TryItSpec {
  const task = doc.training.task
  const base: TryItSpec = {
    format: 'layercanvas-tryit',
    name: doc.name,
    task,
    inputs: io.inputs.map((t) => ({ shape: sampleShape(t), dtype: t.dtype })),
    main: 0,
    output: 0,
    input: { kind: 'none', reason: 'unsupportedData' },
    result: 'values',
    classNames: io.classNames ?? null,
    normalization: null,
    imageShape: null,
  }
  if (!dataset) return { ...base, input: { kind: 'none', reason: 'noDataset' } }
  if (task === 'gan') {
    const ids = { inputs: io.inputs.map((t) => t.nodeId), outputs: io.outputs.map((t) => t.nodeId) }
    const parts = findGanParts({ document: doc, layerNames: {}, ...ids })
    if ('message' in parts) return { ...base, input: { kind: 'none', reason: 'notGan' } }
    const main = io.inputs.findIndex((t) => t.nodeId === parts.noise)
    const output = io.outputs.findIndex((t) => t.nodeId === parts.generatorOutput)
    const noise = doc.nodes.find((n) => n.id === parts.noise)
    const asImage =
      dataset.preview === 'image' &&
      dataset.inputShape.length === 3 &&
      size(sampleShape(io.outputs[output])) === size(dataset.inputShape)
    return {
      ...base,
      main,
      output,
      classNames: null,
      input: {
        kind: 'noise',
        size: size(base.inputs[main].shape),
        distribution: noise?.params.distribution === 'uniform' ? 'uniform' : 'normal',
      },
      result: asImage ? 'image' : 'values',
      imageShape: asImage ? [...dataset.inputShape] : null,
    }
  }
  if (task === 'diffusion' && io.outputs.length === 1) {
    return diffusionSpec(
      base,
      doc,
      dataset,
      io.inputs.map((t) => t.nodeId),
    )
  }
  if (io.inputs.length !== 1 || io.outputs.length !== 1) return base
  if (task === 'autoencoder') {
    const fits = size(base.inputs[0].shape) === size(dataset.inputShape) && dataset.inputDtype === 'float32'
    return fits ? autoencoderSpec({ ...base, normalization }, doc, dataset) : base
  }
  const result: TryItResult = task === 'classification' ? 'classes' : task === 'languageModel' ? 'text' : 'values'
  if (task !== 'classification' && task !== 'regression' && task !== 'languageModel') {
    return { ...base, input: { kind: 'none', reason: 'unsupportedTask' } }
  }
  if (dataset.vocab && dataset.inputDtype === 'int32') {
    if (base.inputs[0].dtype !== 'int32' || base.inputs[0].shape.length !== 1) return base
    const context = base.inputs[0].shape[0]
    let start = false
    for (let i = context - 1; i < dataset.features.length && !start; i += context) start = dataset.features[i] === 1
    return { ...base, result, input: { kind: 'text', vocab: [...dataset.vocab], context, start } }
  }
  if (size(base.inputs[0].shape) !== size(dataset.inputShape)) return base
  const withStats = { ...base, result, normalization }
  if (dataset.preview === 'image' && dataset.inputShape.length === 3) {
    const [height, width, channels] = dataset.inputShape
    const draw = channels === 1 && height <= 64 && width <= 64
    return { ...withStats, input: { kind: 'image', height, width, channels, draw } }
  }
  if (dataset.preview === 'series' && task === 'regression') return seriesSpec(withStats, doc, dataset)
  const tabular = dataset.preview === 'table' || dataset.preview === 'points'
  if (tabular && dataset.inputShape.length === 1 && dataset.inputShape[0] <= 32) {
    return { ...withStats, input: { kind: 'features', features: featureSliders(dataset, dataset.featureNames) } }
  }
  return base
}
