import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../data/dataset'
import type { Tf } from '../layers/kind'
import type { TrainingConfig } from '../training/config'
import { denseLoss } from '../training/losses'
import { findGanParts } from '../training/tasks/gan'
import { gatherFeatures, inputOf, outputOf, withRegularizers, type TaskGraph } from '../training/tasks/task'
import { diffusionForward } from './diffusion-forward'
import type { ProbeNetwork } from './gradient-stats'

/**
 * The losses generative tasks train their weights by, rebuilt for the weights-and-gradients
 * probe from the same compiled model, the same formulas and the same settings as the tasks
 * (tasks/gan.ts, tasks/diffusion.ts):
 * - GAN: the discriminator D learns from its own loss, ½·(BCE(1 − smoothing, D(x)) + BCE(0, D(G(z))));
 *   the generator G from its own, BCE(1, D(G(z))) — each objective lists only its network's weights;
 * - diffusion: the denoiser learns from MSE(ε, ε̂(x_t, t)), x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε.
 * The random parts (z, ε, t) are drawn from the probe's own seed, never from the run's stream,
 * so a run with the view open trains exactly as one without it.
 */
export interface ProbeObjective {
  network: ProbeNetwork
  /** A model over the layers this loss trains (its trainable weights are the ones differentiated). */
  model: tfjs.LayersModel
  /** The loss for the batch `indices` (dataset rows); runs inside the caller's tidy. */
  loss(indices: Int32Array, seed: number, training: boolean): tfjs.Scalar
}

export type ObjectivesResult = { ok: true; objectives: ProbeObjective[] } | { ok: false; message: string }

export interface ObjectiveOptions {
  tf: Tf
  /** The compiled document model. */
  model: tfjs.LayersModel
  graph: TaskGraph
  /** As trained (normalised). */
  dataset: Dataset
  config: TrainingConfig
}

/** Does the run train a generative task the probe knows (GAN or diffusion)? */
export const isGenerativeProbeTask = (task: string): task is 'gan' | 'diffusion' =>
  task === 'gan' || task === 'diffusion'

export function generativeObjectives(options: ObjectiveOptions): ObjectivesResult {
  return options.config.task === 'gan' ? ganObjectives(options) : diffusionObjectives(options)
}

function ganObjectives({ tf, model: root, graph, dataset, config }: ObjectiveOptions): ObjectivesResult {
  const parts = findGanParts(graph)
  if ('message' in parts) return { ok: false, message: parts.message.en }
  const zT = inputOf(root, graph, parts.noise)
  const xT = inputOf(root, graph, parts.realInput)
  const generator = tf.model({ inputs: zT, outputs: outputOf(root, graph, parts.generatorOutput) })
  const discriminator = tf.model({ inputs: xT, outputs: outputOf(root, graph, parts.discriminatorOutput) })
  const dShape = xT.shape.slice(1) as number[]
  const latent = zT.shape[1] as number
  const uniform = graph.document.nodes.find((n) => n.id === parts.noise)?.params.distribution === 'uniform'
  const bce = denseLoss(tf, 'binaryCrossentropy')
  const realLabel = 1 - config.gan.labelSmoothing

  const noise = (n: number, seed: number) =>
    uniform
      ? tf.randomUniform([n, latent], -1, 1, 'float32', seed)
      : tf.randomNormal([n, latent], 0, 1, 'float32', seed)
  const fakes = (n: number, seed: number, training: boolean) =>
    tf.reshape(generator.apply(noise(n, seed), { training }) as tfjs.Tensor, [n, ...dShape])
  const judge = (x: tfjs.Tensor, training: boolean) =>
    tf.reshape(discriminator.apply(x, { training }) as tfjs.Tensor, [x.shape[0], 1])

  return {
    ok: true,
    objectives: [
      {
        network: 'discriminator',
        model: discriminator,
        loss(indices, seed, training) {
          const n = indices.length
          const real = tf.tensor(gatherFeatures(dataset, indices), [n, ...dShape])
          const pr = judge(real, training)
          const pf = judge(fakes(n, seed, training), training)
          const loss = tf.div(tf.add(bce(tf.fill([n, 1], realLabel), pr), bce(tf.zeros([n, 1]), pf)), 2)
          return withRegularizers(tf, loss as tfjs.Scalar, discriminator)
        },
      },
      {
        network: 'generator',
        model: generator,
        loss(indices, seed, training) {
          const n = indices.length
          const pf = judge(fakes(n, seed, training), training)
          return withRegularizers(tf, bce(tf.ones([n, 1]), pf) as tfjs.Scalar, generator)
        },
      },
    ],
  }
}

function diffusionObjectives({ tf, model, graph, dataset, config }: ObjectiveOptions): ObjectivesResult {
  const kindOf = (id: string) => graph.document.nodes.find((n) => n.id === id)?.kind
  const dataIndex = graph.inputs.findIndex((id) => kindOf(id) !== 'timestepInput')
  if (model.inputs.length !== 2 || dataIndex < 0 || model.outputs.length !== 1)
    return { ok: false, message: 'The denoiser needs one data input, one timestep input and one output.' }
  const xShape = model.inputs[dataIndex].shape.slice(1) as number[]
  const forward = diffusionForward(dataset, config)
  const T = forward.timesteps
  return {
    ok: true,
    objectives: [
      {
        network: 'denoiser',
        model,
        loss(indices, seed, training) {
          const n = indices.length
          // The task's draws: t ~ U{0 … T−1} and ε ~ N(0, I) per sample (from the probe's seed).
          const ts = probeTimesteps(seed, n, T)
          const bcast = [n, ...xShape.map(() => 1)]
          const signal = tf.reshape(tf.tensor1d(ts.map((t) => forward.coefficients(t).signal)), bcast)
          const spread = tf.reshape(tf.tensor1d(ts.map((t) => forward.coefficients(t).noise)), bcast)
          const x0 = tf.tensor(forward.toNet(gatherFeatures(dataset, indices)), [n, ...xShape])
          const eps = tf.randomNormal([n, ...xShape], 0, 1, 'float32', seed)
          const xt = tf.add(tf.mul(signal, x0), tf.mul(spread, eps))
          const t = tf.tensor2d(Float32Array.from(ts), [n, 1])
          const raw = model.apply(dataIndex === 0 ? [xt, t] : [t, xt], { training }) as tfjs.Tensor
          const loss = tf.losses.meanSquaredError(eps, tf.reshape(raw, xt.shape)) as tfjs.Scalar
          return withRegularizers(tf, loss, model)
        },
      },
    ],
  }
}

/** The diffusion probe's timesteps for a seed: n draws of U{0 … T−1} (a seeded LCG, apart from the run's). */
export function probeTimesteps(seed: number, n: number, T: number): number[] {
  let state = seed >>> 0
  return Array.from({ length: n }, () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return Math.min(T - 1, Math.floor((state / 4_294_967_296) * T))
  })
}
