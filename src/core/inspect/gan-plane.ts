import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { gridPoints, type PlaneWindow } from './plane'

/**
 * GAN Lab's view, on the learner's own 2-D GAN: the discriminator's output D(x) over the
 * plane, the generator's points G(z) for fixed noise, and for each fake point the gradient of
 * the generator's loss with respect to that point: the direction the generator's update pushes
 * it. The generator's loss is the task's non-saturating one, −log D(G(z)) per point (binary
 * cross-entropy against "real"), so the arrow −∂loss/∂x points to where D says "more real".
 */
export interface GanPlaneReading {
  area: PlaneWindow
  /** D(x) per grid point (the grid's order, see plane.ts). */
  discriminator: Float32Array
  /** The fake points G(z), x, y pairs. */
  fakes: Float32Array
  /** D(G(z)) per fake point. */
  dFake: Float32Array
  /** ∂(−log D(x))/∂x at each fake point, x, y pairs (the arrow is its negative). */
  gradients: Float32Array
}

export interface GanModels {
  generator: tfjs.LayersModel
  discriminator: tfjs.LayersModel
}

/** Does this GAN make 2-D points (and judge them)? */
export function ganMakesPoints({ generator, discriminator }: GanModels): boolean {
  const size = (shape: (number | null)[]) => shape.slice(1).reduce<number>((a, d) => a * (d ?? Number.NaN), 1)
  return size(generator.outputs[0].shape) === 2 && size(discriminator.inputs[0].shape) === 2
}

/**
 * One reading, in inference mode (dropout off, batch norm on its running statistics).
 * Synchronous and inside one tf.tidy: nothing outlives the call. `z` holds `latent` numbers per
 * fake point.
 */
export function readGanPlane(
  tf: Tf,
  models: GanModels,
  area: PlaneWindow,
  z: Float32Array,
  latent: number,
): GanPlaneReading {
  if (!ganMakesPoints(models)) throw new Error('the GAN view needs a generator that makes 2-D points')
  const { generator, discriminator } = models
  const count = z.length / latent
  const cells = area.resolution * area.resolution
  const dShape = discriminator.inputs[0].shape.slice(1) as number[]
  const judge = (x: tfjs.Tensor) =>
    tf.reshape(discriminator.apply(tf.reshape(x, [x.shape[0], ...dShape]), { training: false }) as tfjs.Tensor, [-1])
  let reading: GanPlaneReading | null = null
  tf.tidy(() => {
    const heat = judge(tf.tensor2d(gridPoints(area), [cells, 2]))
    const fakes = tf.reshape(generator.apply(tf.tensor2d(z, [count, latent]), { training: false }) as tfjs.Tensor, [
      count,
      2,
    ])
    // Per point: −log D(x), clipped as binary cross-entropy clips (tfjs' epsilon), summed so
    // each point's gradient is its own loss's gradient.
    const loss = (x: tfjs.Tensor) => tf.neg(tf.sum(tf.log(tf.clipByValue(judge(x), 1e-7, 1 - 1e-7))))
    const gradients = tf.grad(loss)(fakes)
    reading = {
      area,
      discriminator: floats(heat),
      fakes: floats(fakes),
      dFake: floats(judge(fakes)),
      gradients: floats(gradients),
    }
  })
  return reading as unknown as GanPlaneReading
}

const floats = (t: tfjs.Tensor) => Float32Array.from(t.dataSync())

export interface ModeCoverage {
  /** Real modes (clouds) and how many of them the fakes cover. */
  modes: number
  covered: number
  /** Fake points nearest each mode and within its reach. */
  perMode: number[]
  /** Fake points near no mode. */
  stray: number
}

/**
 * Which real modes the fake points cover. A mode is a labelled cloud of real points (its centre
 * the mean, its reach three times the points' RMS distance to it, at least 0.05). A mode counts
 * as covered when it holds at least a quarter of its fair share of the fakes. Collapse is the
 * generator covering few modes.
 */
export function modeCoverage(
  real: ArrayLike<number>,
  labels: ArrayLike<number>,
  fakes: ArrayLike<number>,
): ModeCoverage {
  const modes = labels.length === 0 ? 0 : Math.max(...Array.from(labels)) + 1
  const cx = new Float64Array(modes)
  const cy = new Float64Array(modes)
  const n = new Float64Array(modes)
  for (let i = 0; i < labels.length; i++) {
    cx[labels[i]] += real[2 * i]
    cy[labels[i]] += real[2 * i + 1]
    n[labels[i]] += 1
  }
  for (let k = 0; k < modes; k++) {
    cx[k] /= Math.max(1, n[k])
    cy[k] /= Math.max(1, n[k])
  }
  const spread = new Float64Array(modes)
  for (let i = 0; i < labels.length; i++)
    spread[labels[i]] += (real[2 * i] - cx[labels[i]]) ** 2 + (real[2 * i + 1] - cy[labels[i]]) ** 2
  const reach = Array.from(spread, (s, k) => Math.max(0.05, 3 * Math.sqrt(s / Math.max(1, n[k]))))
  const perMode = new Array<number>(modes).fill(0)
  let stray = 0
  const count = Math.floor(fakes.length / 2)
  for (let i = 0; i < count; i++) {
    let best = -1
    let bestDistance = Infinity
    for (let k = 0; k < modes; k++) {
      const d = Math.hypot(fakes[2 * i] - cx[k], fakes[2 * i + 1] - cy[k])
      if (d < bestDistance) {
        bestDistance = d
        best = k
      }
    }
    if (best >= 0 && bestDistance <= reach[best]) perMode[best] += 1
    else stray += 1
  }
  const fair = count / Math.max(1, modes)
  return { modes, covered: perMode.filter((c) => c > 0 && c >= fair / 4).length, perMode, stray }
}
