import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import type { BatchProbe } from '../training/batch-probe'
import type { ProbeObjective } from './generative-objectives'
import { COST_FACTOR } from './gradient-probe'
import {
  differenceNorm,
  histogram,
  l2Norm,
  updateRatio,
  type LayerStep,
  type ProbeNetwork,
  type ProbeStep,
} from './gradient-stats'

/**
 * The weights-and-gradients probe for models trained by several losses (a GAN's D and G) or by
 * a loss that is not a label's (diffusion's noise prediction): gradient-probe.ts's design — one
 * extra forward + backward on the SAME batch just before the step trains on it, at a throttle,
 * ‖Δw‖ measured across the real step — with one gradient per objective, each taken only with
 * respect to its own network's weights (so G's gradients are those of G's loss, D's of D's).
 */
export interface ObjectiveProbeOptions {
  tf: Tf
  layerNames: Record<string, string>
  objectives: ProbeObjective[]
  /** Probe at most this often (ms; read at every batch); 0: every batch. */
  everyMs: number
  /** Seeds the probe's own random draws (z, ε, t). */
  seed: number
  /** False for models with BatchNormalization (a probe must not update its moving statistics). */
  training: boolean
  clock?: () => number
  onStep: (step: ProbeStep) => void
  onError?: (message: string) => void
}

interface WeightedLayer {
  nodeId: string
  network: ProbeNetwork
  variables: tfjs.Variable[]
  kernel: boolean[]
}

interface Pending {
  where: { epoch: number; batch: number }
  losses: number[]
  gradNorms: number[]
  before: tfjs.Tensor[][]
}

export function createObjectiveProbe(options: ObjectiveProbeOptions): BatchProbe & { readonly layers: string[] } {
  const { tf, objectives, onStep } = options
  const clock = options.clock ?? (() => (globalThis.performance ? globalThis.performance.now() : Date.now()))
  const byLayer = new Map(Object.entries(options.layerNames).map(([id, name]) => [name, id]))
  /** Per objective, its weighted layers (forward order); a layer is listed once, under the first objective. */
  const perObjective: WeightedLayer[][] = []
  const seen = new Set<string>()
  for (const objective of objectives) {
    const layers: WeightedLayer[] = []
    for (const layer of objective.model.layers) {
      const nodeId = byLayer.get(layer.name)
      if (nodeId === undefined || seen.has(nodeId) || layer.trainableWeights.length === 0) continue
      seen.add(nodeId)
      layers.push({
        nodeId,
        network: objective.network,
        variables: layer.trainableWeights.map((w) => w.read() as tfjs.Variable),
        kernel: layer.trainableWeights.map((w) => !/bias$/i.test(w.originalName)),
      })
    }
    perObjective.push(layers)
  }
  const weighted = perObjective.flat()

  let probes = 0
  let lastProbe = -Infinity
  let lastCost = 0
  let started = 0
  let pending: Pending | null = null
  let broken = false

  const fail = (error: unknown) => {
    broken = true
    options.onError?.(String((error as Error)?.message ?? error))
  }

  function measure(indices: Int32Array): { losses: number[]; gradNorms: number[] } {
    const seed = options.seed + 7919 * probes++
    const values = tf.tidy(() => {
      const scalars: tfjs.Tensor[] = []
      objectives.forEach((objective, o) => {
        const layers = perObjective[o]
        const variables = layers.flatMap((l) => l.variables)
        const { value, grads } = tf.variableGrads(() => objective.loss(indices, seed + o, options.training), variables)
        scalars.push(value)
        for (const layer of layers) {
          const squares = layer.variables.map((v) => tf.sum(tf.square(grads[v.name])))
          scalars.push(tf.sqrt(tf.addN(squares)))
        }
      })
      return tf
        .concat(scalars.map((s) => tf.reshape(s, [-1])))
        .dataSync()
        .slice()
    })
    const losses: number[] = []
    const gradNorms: number[] = []
    let at = 0
    perObjective.forEach((layers) => {
      losses.push(values[at++])
      for (let i = 0; i < layers.length; i++) gradNorms.push(values[at++])
    })
    return { losses, gradNorms }
  }

  return {
    layers: weighted.map((l) => l.nodeId),
    due() {
      const wait = options.everyMs > 0 ? Math.max(options.everyMs, COST_FACTOR * lastCost) : 0
      return !broken && weighted.length > 0 && clock() - lastProbe >= wait
    },
    before(indices, where) {
      try {
        started = clock()
        const measured = measure(indices)
        const before = weighted.map((l) => l.variables.map((v) => tf.clone(v)))
        pending = { ...measured, where, before }
      } catch (error) {
        fail(error)
      }
    },
    after() {
      const done = pending
      pending = null
      if (!done) return
      try {
        const layers: LayerStep[] = weighted.map((layer, i) => {
          const beforeValues = done.before[i].map((t) => t.dataSync())
          const afterValues = layer.variables.map((v) => v.dataSync())
          const weightNorm = l2Norm(...beforeValues)
          const kernels = afterValues.filter((_, k) => layer.kernel[k])
          return {
            nodeId: layer.nodeId,
            network: layer.network,
            gradNorm: done.gradNorms[i],
            weightNorm,
            updateRatio: updateRatio(differenceNorm(beforeValues, afterValues), weightNorm),
            histogram: histogram(joined(kernels.length > 0 ? kernels : afterValues)),
            deadFraction: null,
          }
        })
        onStep({
          batch: done.where.batch,
          epoch: done.where.epoch,
          loss: done.losses.reduce((a, b) => a + b, 0),
          losses: objectives.map((o, i) => ({ network: o.network, loss: done.losses[i] })),
          layers,
          inputGradByTime: null,
        })
      } catch (error) {
        fail(error)
      } finally {
        tf.dispose(done.before.flat())
        lastProbe = clock()
        lastCost = lastProbe - started
      }
    },
  }
}

function joined(arrays: ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0))
  let at = 0
  for (const a of arrays) {
    out.set(a, at)
    at += a.length
  }
  return out
}
