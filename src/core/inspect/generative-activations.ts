import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../data/dataset'
import type { SymbolicTensor, Tf } from '../layers/kind'
import type { TrainingConfig } from '../training/config'
import { findGanParts } from '../training/tasks/gan'
import { inputOf, outputOf, type TaskGraph } from '../training/tasks/task'
import { nodeActivation, PAGE_SIZE, readActivations, type NodeActivation, type ReadOptions } from './activations'
import { diffusionForward, type DiffusionForward } from './diffusion-forward'

/**
 * Activations of a generated sample, from the same compiled model as training:
 * - GAN: a seeded noise vector z runs through the generator G (every G node's output), and the
 *   discriminator D is shown either G(z) or a real sample (every D node's output, D's verdict);
 * - diffusion: a clean sample x₀ is noised to x_t at timestep t with the project's own schedule
 *   and a seeded ε; every denoiser node's output for (x_t, t), the predicted noise ε̂ and the
 *   denoised estimate x̂₀ = (x_t − √(1 − ᾱ_t)·ε̂) / √ᾱ_t.
 * Synchronous and inside tf.tidy, like readActivations: no tensor outlives a call.
 */
export interface GenerativeGraph extends TaskGraph {
  model: tfjs.LayersModel
}

export interface GanReading {
  nodes: NodeActivation[]
  /** The noise vector z (latent size). */
  z: Float32Array
  /** G(z), in the data's shape (flattened). */
  fake: Float32Array
  /** What D was shown: G(z) or the real sample. */
  judged: 'fake' | 'real'
  /** D's output for it: the probability that it is real. */
  realProbability: number
  /** Node ids of the generator's and the discriminator's nodes. */
  generatorNodes: string[]
  discriminatorNodes: string[]
}

interface GanModels {
  generator: tfjs.LayersModel
  discriminator: tfjs.LayersModel
  latent: number
  dShape: number[]
  uniform: boolean
  noiseNode: string
  realNode: string
}

/** Sub-models over the compiled model's layers (they own no tensors: never disposed; gone with the model). */
const ganCache = new WeakMap<tfjs.LayersModel, GanModels>()

function ganModels(tf: Tf, graph: GenerativeGraph): GanModels {
  const cached = ganCache.get(graph.model)
  if (cached) return cached
  const parts = findGanParts(graph)
  if ('message' in parts) throw new Error(parts.message.en)
  const zT = inputOf(graph.model, graph, parts.noise)
  const xT = inputOf(graph.model, graph, parts.realInput)
  const models: GanModels = {
    generator: tf.model({ inputs: zT, outputs: outputOf(graph.model, graph, parts.generatorOutput) }),
    discriminator: tf.model({ inputs: xT, outputs: outputOf(graph.model, graph, parts.discriminatorOutput) }),
    latent: zT.shape[1] as number,
    dShape: xT.shape.slice(1) as number[],
    uniform: graph.document.nodes.find((n) => n.id === parts.noise)?.params.distribution === 'uniform',
    noiseNode: parts.noise,
    realNode: parts.realInput,
  }
  ganCache.set(graph.model, models)
  return models
}

/** The noise vector z of a seed, drawn as the GAN task draws it (normal, or uniform in [−1, 1]). */
export function ganNoise(tf: Tf, graph: GenerativeGraph, seed: number): Float32Array {
  const { latent, uniform } = ganModels(tf, graph)
  return tf.tidy(() =>
    Float32Array.from(
      (uniform
        ? tf.randomUniform([1, latent], -1, 1, 'float32', seed)
        : tf.randomNormal([1, latent], 0, 1, 'float32', seed)
      ).dataSync(),
    ),
  )
}

export function readGanActivations(
  tf: Tf,
  graph: GenerativeGraph,
  sample: { seed: number; judged: 'fake' | 'real'; real: Float32Array | null },
  options: ReadOptions = {},
): GanReading {
  const { generator, discriminator, latent, dShape, noiseNode, realNode } = ganModels(tf, graph)
  const z = ganNoise(tf, graph, sample.seed)
  const layerNames = graph.layerNames
  const gNodes = readActivations(tf, { model: generator, layerNames }, { values: z, shape: [latent], dtype: 'float32' })
  const fake = tf.tidy(() =>
    Float32Array.from((generator.predict(tf.tensor2d(z, [1, latent])) as tfjs.Tensor).dataSync()),
  )
  const judged = sample.judged === 'real' && sample.real ? 'real' : 'fake'
  const shown = judged === 'real' && sample.real ? sample.real : fake
  const dNodes = readActivations(
    tf,
    { model: discriminator, layerNames },
    { values: shown, shape: dShape, dtype: 'float32' },
    options,
  )
  const last = dNodes[dNodes.length - 1]
  // The Input nodes' "outputs": z for the Noise node, what D is shown for D's Input.
  const pageSize = { ...PAGE_SIZE, ...options.pageSize }
  const inputs: NodeActivation[] = []
  tf.tidy(() => {
    inputs.push(nodeActivation(tf, noiseNode, tf.tensor(z, [1, latent]), pageSize, options.pages))
    inputs.push(nodeActivation(tf, realNode, tf.tensor(shown, [1, ...dShape]), pageSize, options.pages))
  })
  return {
    nodes: [inputs[0], ...gNodes, inputs[1], ...dNodes],
    z,
    fake,
    judged,
    realProbability: last ? last.values[last.values.length - 1] : Number.NaN,
    generatorNodes: gNodes.map((n) => n.nodeId),
    discriminatorNodes: dNodes.map((n) => n.nodeId),
  }
}

export interface DiffusionReading {
  nodes: NodeActivation[]
  t: number
  timesteps: number
  /** √ᾱ_t: how much of x₀ is left in x_t. */
  signal: number
  /** All in the network's units (images: [−1, 1]), flattened in the data's shape. */
  noisy: Float32Array
  noise: Float32Array
  predictedNoise: Float32Array
  denoised: Float32Array
  clean: Float32Array
  shape: number[]
}

interface DenoiserInspect {
  model: tfjs.LayersModel
  nodeIds: string[]
  dataIndex: number
  xShape: number[]
}

const denoiserCache = new WeakMap<tfjs.LayersModel, DenoiserInspect>()
const forwardCache = new WeakMap<Dataset, DiffusionForward>()

/** One model over the denoiser's layers whose outputs are every node's output (both inputs fed). */
function denoiserInspect(tf: Tf, graph: GenerativeGraph): DenoiserInspect {
  const cached = denoiserCache.get(graph.model)
  if (cached) return cached
  const { model, layerNames, document: doc } = graph
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind
  const dataIndex = graph.inputs.findIndex((id) => kindOf(id) !== 'timestepInput')
  if (model.inputs.length !== 2 || dataIndex < 0 || model.outputs.length !== 1)
    throw new Error('The denoiser needs one data input, one timestep input and one output.')
  const byLayer = new Map(Object.entries(layerNames).map(([id, name]) => [name, id]))
  const nodeIds: string[] = []
  const outputs: SymbolicTensor[] = []
  for (const layer of model.layers) {
    const id = byLayer.get(layer.name)
    const output = layer.output
    if (id === undefined || Array.isArray(output) || model.inputs.includes(output)) continue
    nodeIds.push(id)
    outputs.push(output)
  }
  const built = {
    model: tf.model({ inputs: model.inputs, outputs }),
    nodeIds,
    dataIndex,
    xShape: model.inputs[dataIndex].shape.slice(1) as number[],
  }
  denoiserCache.set(graph.model, built)
  return built
}

export function readDiffusionActivations(
  tf: Tf,
  graph: GenerativeGraph,
  dataset: Dataset,
  config: Pick<TrainingConfig, 'diffusion'>,
  sample: { clean: Float32Array; t: number; seed: number },
  options: ReadOptions = {},
): DiffusionReading {
  const inspect = denoiserInspect(tf, graph)
  let forward = forwardCache.get(dataset)
  if (!forward || forward.timesteps !== config.diffusion.timesteps) {
    forward = diffusionForward(dataset, config)
    forwardCache.set(dataset, forward)
  }
  const T = forward.timesteps
  const t = Math.min(T - 1, Math.max(0, Math.round(sample.t)))
  const { signal, noise: spread } = forward.coefficients(t)
  const clean = forward.toNet(sample.clean)
  const shape = inspect.xShape
  const pageSize = { ...PAGE_SIZE, ...options.pageSize }
  const image = dataset.preview === 'image'
  const nodes: NodeActivation[] = []
  const arrays = tf.tidy(() => {
    const x0 = tf.tensor(clean, [1, ...shape])
    const eps = tf.randomNormal([1, ...shape], 0, 1, 'float32', sample.seed)
    const xt = tf.add(tf.mul(signal, x0), tf.mul(spread, eps))
    const tIn = tf.fill([1, 1], t)
    const raw = inspect.model.predict(inspect.dataIndex === 0 ? [xt, tIn] : [tIn, xt])
    const outputs = Array.isArray(raw) ? raw : [raw]
    // The Input nodes' "outputs": x_t and t.
    const dataNode = graph.inputs[inspect.dataIndex]
    const timeNode = graph.inputs[1 - inspect.dataIndex]
    nodes.push(nodeActivation(tf, dataNode, xt, pageSize, options.pages))
    nodes.push(nodeActivation(tf, timeNode, tIn, pageSize, options.pages))
    inspect.nodeIds.forEach((id, i) => nodes.push(nodeActivation(tf, id, outputs[i], pageSize, options.pages)))
    // ε̂ is the output node's own output (the same pass).
    const outIndex = inspect.nodeIds.indexOf(graph.outputs[0])
    const output =
      outIndex >= 0
        ? outputs[outIndex]
        : (graph.model.predict(inspect.dataIndex === 0 ? [xt, tIn] : [tIn, xt]) as tfjs.Tensor)
    const predicted = tf.reshape(output, xt.shape)
    // x̂₀ as the sampler computes it (images kept within [−1, 1], tasks/diffusion.ts).
    const estimate = tf.div(tf.sub(xt, tf.mul(spread, predicted)), signal)
    const denoised = image ? tf.clipByValue(estimate, -1, 1) : estimate
    return [xt, eps, predicted, denoised].map((x) => Float32Array.from(x.dataSync()))
  })
  const [noisy, noise, predictedNoise, denoised] = arrays
  return { nodes, t, timesteps: T, signal, noisy, noise, predictedNoise, denoised, clean, shape }
}
