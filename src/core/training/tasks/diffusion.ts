import type * as tfjs from '@tensorflow/tfjs'
import { featureSize } from '../../data/dataset'
import type { TrainingConfig } from '../config'
import { batchCount } from '../batches'
import type { SamplesPayload } from '../events'
import { imageGrid } from './gan'
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

/** β, α = 1 − β and ᾱ = ∏α for t = 0 … T−1 (float64). */
export interface NoiseScheduleValues {
  betas: Float64Array
  alphas: Float64Array
  alphaBars: Float64Array
}

/**
 * The forward-process schedule. linear: β from betaStart to betaEnd (Ho et al. 2020), given
 * for T = 1000 and scaled by 1000/T as in Nichol & Dhariwal (2021), so that any T ends in
 * nearly pure noise (T = 100: β from 0.001 to 0.2); cosine: ᾱ(t) = cos²(((t/T) + s)/(1 + s) · π/2) / ᾱ(0), s = 0.008, β capped at 0.999
 * (Nichol & Dhariwal 2021).
 */
export function noiseSchedule(
  o: Pick<TrainingConfig['diffusion'], 'timesteps' | 'schedule' | 'betaStart' | 'betaEnd'>,
): NoiseScheduleValues {
  const T = o.timesteps
  const betas = new Float64Array(T)
  if (o.schedule === 'linear') {
    const k = 1000 / T
    for (let t = 0; t < T; t++)
      betas[t] = Math.min(0.999, k * (o.betaStart + ((o.betaEnd - o.betaStart) * t) / Math.max(1, T - 1)))
  } else {
    const s = 0.008
    const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2
    for (let t = 0; t < T; t++) betas[t] = Math.min(1 - f(t + 1) / f(t), 0.999)
  }
  const alphas = betas.map((b) => 1 - b)
  const alphaBars = new Float64Array(T)
  let product = 1
  for (let t = 0; t < T; t++) alphaBars[t] = product *= alphas[t]
  return { betas, alphas, alphaBars }
}

/** DDIM's timesteps: `steps` of 0 … T−1, evenly spaced, ascending, always including T−1. */
export function ddimTimesteps(T: number, steps: number): number[] {
  const n = Math.max(1, Math.min(steps, T))
  if (n === 1) return [T - 1]
  const out = Array.from({ length: n }, (_, i) => Math.round((i * (T - 1)) / (n - 1)))
  return [...new Set(out)]
}

export interface Trajectory {
  /** States kept, pure noise first: `t` = the timestep just denoised (T for the starting noise, 0 for the final samples). */
  steps: { t: number; values: Float32Array }[]
  /** The final samples, count × size, in the data's units. */
  final: Float32Array
}

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
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const v of dataset.features) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (!(hi > lo)) hi = lo + 1
  const toNet = (values: Float32Array) => (image ? values.map((v) => ((v - lo) / (hi - lo)) * 2 - 1) : values)
  const fromNet = (values: Float32Array) => (image ? values.map((v) => ((v + 1) / 2) * (hi - lo) + lo) : values)

  const bcast = [-1, ...xShape.map(() => 1)]
  /** The model's inputs in its order: [x_t, t] or [t, x_t]. */
  const inputsFor = (x: tfjs.Tensor, t: tfjs.Tensor) => (dataIndex === 0 ? [x, t] : [t, x])
  const predict = (x: tfjs.Tensor, t: tfjs.Tensor, training: boolean) =>
    tf.reshape(model.apply(inputsFor(x, t), { training }) as tfjs.Tensor, x.shape)

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

  /** Runs a sampler: `update(x, i)` is one denoising step; keeps `keep` evenly spaced states. */
  async function trajectory(
    count: number,
    seed: number,
    timesteps: number[],
    keep: number,
    update: (x: tfjs.Tensor, i: number) => tfjs.Tensor,
  ): Promise<Trajectory> {
    const total = timesteps.length + 1
    const keepAt = new Set(
      Array.from({ length: Math.min(keep, total) }, (_, i) =>
        Math.round(((i + 1) * (total - 1)) / Math.min(keep, total)),
      ),
    )
    keepAt.add(0)
    const kept: { t: number; tensor: tfjs.Tensor }[] = []
    let x = tf.randomNormal([count, ...xShape], 0, 1, 'float32', seed)
    try {
      kept.push({ t: T, tensor: tf.clone(x) })
      for (let i = timesteps.length - 1, state = 1; i >= 0; i--, state++) {
        const next = tf.tidy(() => update(x, i))
        x.dispose()
        x = next
        if (keepAt.has(state) || i === 0) kept.push({ t: timesteps[i], tensor: tf.clone(x) })
      }
      const values = await Promise.all(kept.map((k) => k.tensor.data() as Promise<Float32Array>))
      const steps = kept.map((k, i) => ({ t: k.t, values: fromNet(values[i]) }))
      return { steps, final: steps[steps.length - 1].values }
    } finally {
      x.dispose()
      tf.dispose(kept.map((k) => k.tensor))
    }
  }

  const timeTensor = (count: number, t: number) => tf.fill([count, 1], t)
  // The predicted clean sample x̂₀ is kept within the data's range (images: [−1, 1]; other data:
  // their range widened by 10 % on each side): at large t, x̂₀ = (x_t − √(1 − ᾱ)·ε̂) / √ᾱ divides
  // by a tiny √ᾱ, and one bad ε̂ would throw the sample far away.
  const [clipLo, clipHi] = image ? [-1, 1] : [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)]
  const clipped = (x0: tfjs.Tensor) => tf.clipByValue(x0, clipLo, clipHi)

  const sampleDdpm = (count: number, seed: number, keep = o.keepSteps) => {
    const all = Array.from({ length: T }, (_, t) => t)
    return trajectory(count, seed, all, keep, (x, t) => {
      const eps = predict(x, timeTensor(count, t), false)
      const ab = sched.alphaBars[t]
      const abPrev = t > 0 ? sched.alphaBars[t - 1] : 1
      const beta = sched.betas[t]
      // Posterior q(x_{t−1} | x_t, x̂₀): mean from the predicted clean sample, variance β̃_t.
      const x0 = clipped(tf.div(tf.sub(x, tf.mul(Math.sqrt(1 - ab), eps)), Math.sqrt(ab)))
      const mean = tf.add(
        tf.mul((Math.sqrt(abPrev) * beta) / (1 - ab), x0),
        tf.mul((Math.sqrt(sched.alphas[t]) * (1 - abPrev)) / (1 - ab), x),
      )
      if (t === 0) return mean
      const variance = (beta * (1 - abPrev)) / (1 - ab)
      return tf.add(mean, tf.mul(Math.sqrt(variance), tf.randomNormal(x.shape, 0, 1, 'float32', seed + 1 + t)))
    })
  }

  const sampleDdim = (count: number, steps: number, seed: number, keep = o.keepSteps) => {
    const taus = ddimTimesteps(T, steps)
    return trajectory(count, seed, taus, keep, (x, i) => {
      const t = taus[i]
      const eps = predict(x, timeTensor(count, t), false)
      const ab = sched.alphaBars[t]
      const abPrev = i > 0 ? sched.alphaBars[taus[i - 1]] : 1
      const x0 = clipped(tf.div(tf.sub(x, tf.mul(Math.sqrt(1 - ab), eps)), Math.sqrt(ab)))
      return tf.add(tf.mul(Math.sqrt(abPrev), x0), tf.mul(Math.sqrt(1 - abPrev), eps))
    })
  }

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
