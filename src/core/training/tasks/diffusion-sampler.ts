import type * as tfjs from '@tensorflow/tfjs'
import type { TrainingConfig } from '../config'

/**
 * The diffusion samplers (DDPM and DDIM) on their own, free of the trainer: the training task
 * (tasks/diffusion.ts), the Try-it panel (core/tryit/diffusion.ts) and the exported web demo —
 * which gets this very file compiled to plain JavaScript (scripts/demo-sampler-module.mjs) —
 * all sample through it, so one seed gives the same picture everywhere. Only type imports:
 * tfjs is passed in, and the bundle stays small.
 */

/** β, α = 1 − β and ᾱ = ∏α for t = 0 … T−1 (float64). */
export interface NoiseScheduleValues {
  betas: Float64Array
  alphas: Float64Array
  alphaBars: Float64Array
}

export type NoiseScheduleOptions = Pick<TrainingConfig['diffusion'], 'timesteps' | 'schedule' | 'betaStart' | 'betaEnd'>

/**
 * The forward-process schedule. linear: β from betaStart to betaEnd (Ho et al. 2020), given
 * for T = 1000 and scaled by 1000/T as in Nichol & Dhariwal (2021), so that any T ends in
 * nearly pure noise (T = 100: β from 0.001 to 0.2); cosine: ᾱ(t) = cos²(((t/T) + s)/(1 + s) · π/2) / ᾱ(0), s = 0.008, β capped at 0.999
 * (Nichol & Dhariwal 2021).
 */
export function noiseSchedule(o: NoiseScheduleOptions): NoiseScheduleValues {
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

/**
 * The data's range as the network sees it: images are scaled from [lo, hi] to [−1, 1] (the
 * noise's scale), other data (2-D points) are used as they are.
 */
export interface DiffusionRange {
  lo: number
  hi: number
  image: boolean
}

/** The smallest and largest value of the data (hi > lo). */
export function dataRange(features: ArrayLike<number>, image: boolean): DiffusionRange {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let i = 0; i < features.length; i++) {
    const v = features[i]
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1]
  if (!(hi > lo)) hi = lo + 1
  return { lo, hi, image }
}

/** The denoiser: x_t (count, …shape) and t (count, 1) → the noise ε it predicts, shaped like x_t. */
export type Denoise = (x: tfjs.Tensor, t: tfjs.Tensor, training: boolean) => tfjs.Tensor

/** A denoiser model with inputs [x_t, t] (dataIndex 0) or [t, x_t] (dataIndex 1). */
export function denoiserOf(tf: typeof tfjs, model: Pick<tfjs.LayersModel, 'apply'>, dataIndex: number): Denoise {
  return (x, t, training) =>
    tf.reshape(model.apply(dataIndex === 0 ? [x, t] : [t, x], { training }) as tfjs.Tensor, x.shape)
}

export interface DiffusionSampler {
  readonly schedule: NoiseScheduleValues
  /** Data units → the network's units, and back. */
  toNet(values: Float32Array): Float32Array
  fromNet(values: Float32Array): Float32Array
  /** Ancestral DDPM sampling: T denoising steps; keeps `keep` evenly spaced states. */
  sampleDdpm(count: number, seed: number, keep: number): Promise<Trajectory>
  /** Deterministic DDIM sampling (η = 0) in `steps` steps. */
  sampleDdim(count: number, steps: number, seed: number, keep: number): Promise<Trajectory>
}

export function diffusionSampler(
  tf: typeof tfjs,
  setup: { denoise: Denoise; xShape: number[]; schedule: NoiseScheduleOptions; range: DiffusionRange },
): DiffusionSampler {
  const { denoise, xShape, range } = setup
  const T = setup.schedule.timesteps
  const sched = noiseSchedule(setup.schedule)
  const { lo, hi, image } = range
  const toNet = (values: Float32Array) => (image ? values.map((v) => ((v - lo) / (hi - lo)) * 2 - 1) : values)
  const fromNet = (values: Float32Array) => (image ? values.map((v) => ((v + 1) / 2) * (hi - lo) + lo) : values)

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

  const sampleDdpm = (count: number, seed: number, keep: number) => {
    const all = Array.from({ length: T }, (_, t) => t)
    return trajectory(count, seed, all, keep, (x, t) => {
      const eps = denoise(x, timeTensor(count, t), false)
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

  const sampleDdim = (count: number, steps: number, seed: number, keep: number) => {
    const taus = ddimTimesteps(T, steps)
    return trajectory(count, seed, taus, keep, (x, i) => {
      const t = taus[i]
      const eps = denoise(x, timeTensor(count, t), false)
      const ab = sched.alphaBars[t]
      const abPrev = i > 0 ? sched.alphaBars[taus[i - 1]] : 1
      const x0 = clipped(tf.div(tf.sub(x, tf.mul(Math.sqrt(1 - ab), eps)), Math.sqrt(ab)))
      return tf.add(tf.mul(Math.sqrt(abPrev), x0), tf.mul(Math.sqrt(1 - abPrev), eps))
    })
  }

  return { schedule: sched, toNet, fromNet, sampleDdpm, sampleDdim }
}
