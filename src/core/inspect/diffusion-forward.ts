import type { Dataset } from '../data/dataset'
import type { TrainingConfig } from '../training/config'
import { noiseSchedule, type NoiseScheduleValues } from '../training/tasks/diffusion'

/**
 * The forward (noising) process of the diffusion task, for the views: the same schedule
 * (tasks/diffusion.ts's noiseSchedule) and the same scaling of images to [−1, 1], so a view's
 * x_t is exactly what the denoiser is trained on at timestep t.
 */
export interface DiffusionForward {
  schedule: NoiseScheduleValues
  timesteps: number
  /** Data → the network's units (images: their range → [−1, 1]; other data unchanged). */
  toNet(values: Float32Array): Float32Array
  /** The network's units → data (for pictures). */
  fromNet(values: Float32Array): Float32Array
  /** √ᾱ_t and √(1 − ᾱ_t): x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε. */
  coefficients(t: number): { signal: number; noise: number }
}

/** The task's rule: images are scaled from the features' own range; a flat range counts as [lo, lo + 1]. */
export function diffusionForward(dataset: Dataset, config: Pick<TrainingConfig, 'diffusion'>): DiffusionForward {
  const schedule = noiseSchedule(config.diffusion)
  const image = dataset.preview === 'image'
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  if (image) {
    for (const v of dataset.features) {
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    if (!(hi > lo)) hi = lo + 1
  }
  const T = config.diffusion.timesteps
  return {
    schedule,
    timesteps: T,
    toNet: (values) => (image ? values.map((v) => ((v - lo) / (hi - lo)) * 2 - 1) : values),
    fromNet: (values) => (image ? values.map((v) => ((v + 1) / 2) * (hi - lo) + lo) : values),
    coefficients(t) {
      const ab = schedule.alphaBars[Math.min(T - 1, Math.max(0, Math.floor(t)))]
      return { signal: Math.sqrt(ab), noise: Math.sqrt(1 - ab) }
    },
  }
}
