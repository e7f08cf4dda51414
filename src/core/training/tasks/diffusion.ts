import type * as tfjs from '@tensorflow/tfjs'
import { featureSize } from '../../data/dataset'
import { batchCount } from '../batches'
import type { SamplesPayload } from '../events'
import { imageGrid } from './gan'
import {
  dataRange,
  denoiserOf,
  diffusionSampler,
  noiseSchedule,
  type NoiseScheduleValues,
  type Trajectory,
} from './diffusion-sampler'
import { shapeText, trainingNodeLabel, trainingText } from '../../i18n/training-messages'
import {
  gatherFeatures,
  inferenceBatch,
  optimizerSet,
  seedSource,
  shapeError,
  sizeOf,
  spread,
  trainableVariables,
  type TaskOptions,
  type TaskResult,
  type TrainingTask,
  withRegularizers,
} from './task'

/** Quick previews (smoke runs): at most this many images, DDIM in at most this many steps. */
const QUICK_IMAGES = 4
const QUICK_DDIM_STEPS = 10

// The samplers live in diffusion-sampler.ts (shared with Try it and the web demo).
export { ddimTimesteps, noiseSchedule, type NoiseScheduleValues, type Trajectory } from './diffusion-sampler'

export interface DiffusionTask extends TrainingTask {
  readonly schedule: NoiseScheduleValues
  /** Ancestral DDPM sampling: T denoising steps. */
  sampleDdpm(count: number, seed: number, keep?: number): Promise<Trajectory>
  /** Deterministic DDIM sampling (η = 0) in `steps` steps. */
  sampleDdim(count: number, steps: number, seed: number, keep?: number): Promise<Trajectory>
}

/**
 * Diffusion (DDPM, Ho et al. 2020), as a document: one denoiser network with two Inputs —
 *   an Input of the data's shape (the noisy sample x_t) and a Timestep (t) input —
 * and one output of the data's shape: the noise ε it thinks was added. The usual path for t is
 * Timestep → Timestep Embedding → Dense → Condition (added to the conv features).
 *
 * Training step on a batch x₀: draw t ~ U{0 … T−1} and ε ~ N(0, I) per sample, make
 * x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε, and minimise MSE(ε, net(x_t, t)).
 * Image data are scaled from their range to [−1, 1] for the network (and back for previews);
 * other data (2-D points) are used as they are. Samples: DDPM (T steps, posterior variance β̃)
 * and DDIM (samplingSteps steps, deterministic), each with its intermediate states.
 */
export function diffusionTask(options: TaskOptions): TaskResult {
  const { tf, model, dataset, config, graph } = options
  if (!graph) return shapeError(trainingText('needsDocument', { task: 'diffusion' }), trainingText('needsDocumentFix'))
  const doc = graph.document
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind
  const timeInputs = graph.inputs.filter((id) => kindOf(id) === 'timestepInput')
  const dataInputs = graph.inputs.filter((id) => kindOf(id) !== 'timestepInput')
  if (timeInputs.length !== 1 || dataInputs.length !== 1 || model.outputs.length !== 1) {
    return shapeError(
      trainingText('diffusionParts', {
        data: dataInputs.length,
        time: timeInputs.length,
        outputs: model.outputs.length,
      }),
      trainingText('diffusionPartsFix'),
    )
  }
  const dataIndex = graph.inputs.indexOf(dataInputs[0])
  const xShape = model.inputs[dataIndex].shape.slice(1) as number[]
  const outShape = model.outputs[0].shape.slice(1) as number[]
  const size = featureSize(dataset)
  if (xShape.some((d) => d === null) || sizeOf(xShape) !== size) {
    return shapeError(
      trainingText('sampleInput', {
        node: trainingNodeLabel(doc, dataInputs[0]),
        declared: shapeText(xShape),
        dataset: dataset.id,
        data: shapeText(dataset.inputShape),
      }),
      trainingText('setItTo', { data: shapeText(dataset.inputShape) }),
    )
  }
  if (outShape.some((d) => d === null) || sizeOf(outShape) !== size) {
    return shapeError(
      trainingText('denoiserOutput', { output: shapeText(outShape), input: shapeText(xShape) }),
      trainingText('denoiserOutputFix', { input: shapeText(xShape), channels: xShape[xShape.length - 1] }),
    )
  }

  const o = config.diffusion
  const T = o.timesteps
  const sched = noiseSchedule(o)
  const sqrtAb = sched.alphaBars.map(Math.sqrt)
  const sqrt1mAb = sched.alphaBars.map((a) => Math.sqrt(1 - a))
  const optimizers = optimizerSet(tf, config, 1)
  const optimizer = optimizers.list[0]
  const variables = trainableVariables(model)
  const seeds = seedSource(config.seed + 31_337)
  const evalBatch = inferenceBatch(options)
  const image = dataset.preview === 'image'

  // Images: their range → [−1, 1] (the noise's scale); everything else as it is.
  const range = dataRange(dataset.features, image)
  const predict = denoiserOf(tf, model, dataIndex)
  const sampler = diffusionSampler(tf, { denoise: predict, xShape, schedule: o, range })
  const { toNet } = sampler

  const bcast = [-1, ...xShape.map(() => 1)]
  /** x_t, t and ε for clean samples x₀ (in the network's units), timesteps drawn from `rng`. */
  function noised(x0: Float32Array, n: number, rng: () => number, seed: number) {
    const ts = Int32Array.from({ length: n }, () => Math.min(T - 1, Math.floor(rng() * T)))
    const a = Float32Array.from(ts, (t) => sqrtAb[t])
    const b = Float32Array.from(ts, (t) => sqrt1mAb[t])
    const x = tf.tensor(x0, [n, ...xShape])
    const eps = tf.randomNormal([n, ...xShape], 0, 1, 'float32', seed)
    const xt = tf.add(tf.mul(tf.reshape(tf.tensor1d(a), bcast), x), tf.mul(tf.reshape(tf.tensor1d(b), bcast), eps))
    return { xt, t: tf.tensor2d(Float32Array.from(ts), [n, 1]), eps }
  }

  async function score(indices: Int32Array): Promise<{ loss: number; n: number }> {
    const n = indices.length
    if (n === 0) return { loss: Number.NaN, n }
    const fixed = seedSource(config.seed + 271)
    let sum: tfjs.Tensor = tf.scalar(0)
    try {
      for (let b = 0; b < batchCount(n, evalBatch); b++) {
        const part = indices.subarray(b * evalBatch, Math.min(n, (b + 1) * evalBatch))
        const next = tf.tidy(() => {
          const { xt, t, eps } = noised(
            toNet(gatherFeatures(dataset, part)),
            part.length,
            () => fixed.rng.next(),
            fixed.next(),
          )
          return tf.add(sum, tf.mul(tf.losses.meanSquaredError(eps, predict(xt, t, false)), part.length))
        })
        sum.dispose()
        sum = next
      }
      return { loss: (await sum.data())[0] / n, n }
    } finally {
      sum.dispose()
    }
  }

  const sampleDdpm = (count: number, seed: number, keep = o.keepSteps) => sampler.sampleDdpm(count, seed, keep)
  const sampleDdim = (count: number, steps: number, seed: number, keep = o.keepSteps) =>
    sampler.sampleDdim(count, steps, seed, keep)

  const task: DiffusionTask = {
    id: 'diffusion',
    root: model,
    models: { denoiser: model },
    metricNames: [],
    hasAccuracy: false,
    sampleEvery: o.sampleEvery,
    schedule: sched,
    setLearningRate: optimizers.setRate,
    trainStep(indices) {
      const n = indices.length
      const x0 = toNet(gatherFeatures(dataset, indices))
      const seed = seeds.next()
      const loss = tf.tidy(() => {
        const { xt, t, eps } = noised(x0, n, () => seeds.rng.next(), seed)
        return optimizer.minimize(
          () => withRegularizers(tf, tf.losses.meanSquaredError(eps, predict(xt, t, true)) as tfjs.Scalar, model),
          true,
          variables,
        ) as tfjs.Scalar
      })
      return { loss, metrics: [], size: n }
    },
    async validate(indices) {
      return { loss: (await score(indices)).loss }
    },
    async evaluate(indices) {
      const s = await score(indices)
      return { summary: { task: 'diffusion', loss: s.loss, samples: s.n } }
    },
    sampleDdpm,
    sampleDdim,
    async samples(preview): Promise<SamplesPayload[]> {
      const quick = preview?.quick === true
      const pointsView = size <= 3 && !image
      // Quick (smoke runs): DDPM's T network passes per sample are what make a preview cost
      // minutes on a CPU, so only DDIM runs, in at most QUICK_DDIM_STEPS steps, on fewer images.
      const count = pointsView ? Math.max(o.samples, 256) : quick ? Math.min(o.samples, QUICK_IMAGES) : o.samples
      const seed = config.seed + 4242
      const ddpm = quick ? null : await sampleDdpm(count, seed)
      const ddim = await sampleDdim(count, quick ? Math.min(o.samplingSteps, QUICK_DDIM_STEPS) : o.samplingSteps, seed)
      const final = (ddpm ?? ddim).final
      const first: SamplesPayload = pointsView
        ? {
            kind: 'points',
            dims: size,
            points: final,
            real: gatherFeatures(dataset, spread(options.split.train, count)),
          }
        : imageGrid(dataset.inputShape, final, count)
      const shape = [...dataset.inputShape]
      return [
        first,
        ...(ddpm ? [{ kind: 'diffusionSteps', sampler: 'ddpm', shape, count, steps: ddpm.steps } as const] : []),
        { kind: 'diffusionSteps', sampler: 'ddim', shape, count, steps: ddim.steps },
      ]
    },
    dispose: optimizers.dispose,
  }
  return { ok: true, task }
}
