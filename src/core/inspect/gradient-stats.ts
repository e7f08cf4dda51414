/**
 * The statistics of the weights-and-gradients view, on plain arrays (pure, no tfjs): histogram
 * bins, norms, the update/weight ratio, and the rules that put vanishing or exploding gradients
 * into words. gradient-probe.ts reads the numbers from the training step; this file judges them.
 */

/** Bins of one weight histogram (TensorBoard draws about 30). */
export const HISTOGRAM_BINS = 30

export interface Histogram {
  min: number
  max: number
  /** counts[i]: values in [min + i·w, min + (i+1)·w), the last bin closed; w = (max − min) / bins. */
  counts: number[]
}

/** Equal-width bins from the values' own min to max (a flat set of values lands in the middle bin). */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  const counts = new Array<number>(bins).fill(0)
  if (min === Infinity) return { min: 0, max: 0, counts }
  const width = (max - min) / bins
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    const bin = width === 0 ? Math.floor(bins / 2) : Math.min(bins - 1, Math.floor((v - min) / width))
    counts[bin] += 1
  }
  return { min, max, counts }
}

/** √(Σ v²), accumulated in float64. */
export function l2Norm(...arrays: ArrayLike<number>[]): number {
  let sum = 0
  for (const values of arrays) for (let i = 0; i < values.length; i++) sum += values[i] * values[i]
  return Math.sqrt(sum)
}

/** ‖after − before‖ over several arrays of the same lengths. */
export function differenceNorm(before: ArrayLike<number>[], after: ArrayLike<number>[]): number {
  let sum = 0
  before.forEach((b, k) => {
    const a = after[k]
    for (let i = 0; i < b.length; i++) {
      const d = a[i] - b[i]
      sum += d * d
    }
  })
  return Math.sqrt(sum)
}

/** ‖Δw‖ / ‖w‖ (0 for all-zero weights that did not move; Infinity if they did). */
export const updateRatio = (updateNorm: number, weightNorm: number): number =>
  weightNorm > 0 ? updateNorm / weightNorm : updateNorm > 0 ? Infinity : 0

/**
 * Of a ReLU layer's output for a batch, laid out [samples, …, units] with the unit last:
 * the fraction of units that are 0 for every sample and position (a dead ReLU never passes
 * a gradient back, so it never learns again).
 */
export function deadFraction(values: ArrayLike<number>, units: number): number {
  if (units <= 0) return 0
  const alive = new Uint8Array(units)
  for (let i = 0; i < values.length; i++) if (values[i] > 0) alive[i % units] = 1
  let dead = 0
  for (let u = 0; u < units; u++) if (!alive[u]) dead += 1
  return dead / units
}

/** Which network of a generative model a layer belongs to (and which loss its gradient is of). */
export type ProbeNetwork = 'generator' | 'discriminator' | 'denoiser'

/** One weighted layer at one probed training step. */
export interface LayerStep {
  nodeId: string
  /** Generative tasks: the network the layer belongs to; its gradient is of that network's own loss. */
  network?: ProbeNetwork
  /** ‖∂loss/∂w‖ over the layer's trainable weights, for the probed batch. */
  gradNorm: number
  /** ‖w‖ before the step. */
  weightNorm: number
  /** ‖Δw‖ / ‖w‖ of the step. */
  updateRatio: number
  /** The layer's weights (kernels; biases left out) after the step. */
  histogram: Histogram
  /** ReLU layers: the fraction of units dead on the probed batch; null otherwise. */
  deadFraction: number | null
}

/** One probed training step. */
export interface ProbeStep {
  /** Batches trained before this one in the run (0-based). */
  batch: number
  epoch: number
  loss: number
  /** Generative tasks: each network's own loss (a GAN: D's and G's; their sum is `loss`). */
  losses?: { network: ProbeNetwork; loss: number }[]
  layers: LayerStep[]
  /**
   * Sequence inputs: ‖∂loss/∂xₜ‖ per time step t (mean over the batch): how much each step of
   * the input still moves the loss. Null for other inputs (images, token ids).
   */
  inputGradByTime: number[] | null
}

/**
 * Thresholds, shown in the UI beside the verdict:
 * - across layers: the first weighted layer's gradient norm below 1/100 of the last one's — the
 *   gradient shrank by two orders of magnitude on its way back (each sigmoid halves it at best,
 *   ×0.25; seven such layers give ~1e-4);
 * - through time: ‖∂loss/∂x₁‖ below 1/100 of ‖∂loss/∂x_T‖ — the first steps of the sequence no
 *   longer move the loss, the vanishing gradient the tutorial explains LSTM/GRU by;
 * - exploding: a layer's gradient norm above 100, or not finite;
 * - update/weight ratio: a healthy step changes the weights by about 1e-3 of their size (the
 *   CS231n rule of thumb); above 0.1 the step overshoots.
 * Each must hold for PERSIST consecutive probes, so one odd batch does not raise a flag.
 */
export const THRESHOLDS = {
  vanishingRatio: 0.01,
  explodingNorm: 100,
  largeUpdate: 0.1,
  deadReLU: 0.5,
  persist: 5,
} as const

export type VerdictCode =
  'vanishingLayers' | 'vanishingTime' | 'exploding' | 'largeUpdates' | 'deadRelu' | 'healthy' | 'tooFewSteps'

export interface Verdict {
  code: VerdictCode
  /** The layer concerned (deadRelu, exploding, largeUpdates). */
  nodeId?: string
  /** The measured number the rule compared (ratio, norm, fraction), from the latest step. */
  value?: number
  /** vanishingLayers of a generative model: the network whose layers it is about. */
  network?: ProbeNetwork
}

const lastN = <T>(steps: readonly T[], n: number) => (steps.length >= n ? steps.slice(steps.length - n) : null)

/** The verdicts for the probed steps so far (latest last): every rule that held for `persist` probes. */
export function gradientVerdicts(steps: readonly ProbeStep[], thresholds: typeof THRESHOLDS = THRESHOLDS): Verdict[] {
  const recent = lastN(steps, thresholds.persist)
  if (!recent) return [{ code: 'tooFewSteps' }]
  const latest = recent[recent.length - 1]
  const verdicts: Verdict[] = []
  const all = (test: (step: ProbeStep) => boolean) => recent.every(test)

  // Along each network separately: a GAN's G and D are two chains, each with its own loss.
  for (const network of networksOf(latest)) {
    const own = (step: ProbeStep) => step.layers.filter((l) => l.network === network)
    const layerRatio = (step: ProbeStep) => {
      const layers = own(step)
      const first = layers[0]?.gradNorm ?? 0
      const last = layers[layers.length - 1]?.gradNorm ?? 0
      return last > 0 ? first / last : 1
    }
    const layers = own(latest)
    if (layers.length >= 2 && all((s) => layerRatio(s) < thresholds.vanishingRatio)) {
      const verdict: Verdict = { code: 'vanishingLayers', nodeId: layers[0].nodeId, value: layerRatio(latest) }
      verdicts.push(network === undefined ? verdict : { ...verdict, network })
    }
  }
  const timeRatio = (step: ProbeStep) => {
    const g = step.inputGradByTime
    if (!g || g.length < 2 || !(g[g.length - 1] > 0)) return 1
    return g[0] / g[g.length - 1]
  }
  if (latest.inputGradByTime && all((s) => timeRatio(s) < thresholds.vanishingRatio)) {
    verdicts.push({ code: 'vanishingTime', value: timeRatio(latest) })
  }
  for (const layer of latest.layers) {
    const index = latest.layers.indexOf(layer)
    const at = (s: ProbeStep) => s.layers[index]
    if (all((s) => !(at(s)?.gradNorm <= thresholds.explodingNorm))) {
      verdicts.push({ code: 'exploding', nodeId: layer.nodeId, value: layer.gradNorm })
    } else if (all((s) => at(s)?.updateRatio > thresholds.largeUpdate)) {
      verdicts.push({ code: 'largeUpdates', nodeId: layer.nodeId, value: layer.updateRatio })
    }
    if (layer.deadFraction !== null && all((s) => (at(s)?.deadFraction ?? 0) > thresholds.deadReLU)) {
      verdicts.push({ code: 'deadRelu', nodeId: layer.nodeId, value: layer.deadFraction })
    }
  }
  return verdicts.length > 0 ? verdicts : [{ code: 'healthy' }]
}

/** The networks of a step's layers in order of appearance (undefined: a single-network model). */
function networksOf(step: ProbeStep): (ProbeNetwork | undefined)[] {
  return [...new Set(step.layers.map((l) => l.network))]
}
