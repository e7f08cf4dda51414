import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../data/dataset'
import type { SymbolicTensor, Tf } from '../layers/kind'
import { makeBatch } from '../training/batches'
import type { BatchProbe } from '../training/batch-probe'
import type { LossId, TrainingConfig } from '../training/config'
import { trainerTask } from '../training/tasks/index'
import { outputUnits } from '../training/evaluate'
import { createLoss } from '../training/losses'
import { withRegularizers } from '../training/tasks/task'
import { differenceNorm, histogram, l2Norm, updateRatio, type LayerStep, type ProbeStep } from './gradient-stats'

/**
 * The weights-and-gradients view's reader, hooked into the trainer (TrainerOptions.batchProbe).
 *
 * Chosen design: a probe pass on the SAME batch, with the SAME weights, just before the step
 * trains on it — one extra forward + backward at a throttle (`everyMs`), instead of rewriting
 * every task's training step into computeGradients + applyGradients. The gradients are those
 * the step applies (same loss function, same regularisers, same batch; only dropout draws its
 * own mask, from Math.random, so the run's seeded masks are untouched). ‖Δw‖ is measured
 * across the real step: the weights are copied before and compared after. Between probes the
 * trainer runs as without the view. Everything is synchronous and inside tf.tidy, apart from
 * the weight copies, which live only from before() to after() (both inside one batch), so the
 * trainer's epoch-end tensor count never sees them.
 */

export interface GradientProbeOptions {
  tf: Tf
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  /** As trained (normalised). */
  dataset: Dataset
  loss: LossId
  /** Probe at most this often (ms; read at every batch, so it may change); 0: every batch. The first batch is always probed. */
  everyMs: number
  clock?: () => number
  onStep: (step: ProbeStep) => void
  /** A probe that cannot run (e.g. an odd model) reports once and switches itself off. */
  onError?: (message: string) => void
}

/**
 * A probe costs about one training step (a forward and a backward pass) plus reading the weights;
 * waiting 20× its duration before the next keeps the view's share of training time near 5%,
 * within the 10% the views may cost (bench/views-cost.ts).
 */
export const COST_FACTOR = 20

interface WeightedLayer {
  nodeId: string
  variables: tfjs.Variable[]
  /** Which variables are kernels (histogrammed); biases are left out of the histogram. */
  kernel: boolean[]
}

interface Pending {
  where: { epoch: number; batch: number }
  loss: number
  gradNorms: number[]
  dead: (number | null)[]
  inputGradByTime: number[] | null
  before: tfjs.Tensor[][]
}

const isRelu = (layer: tfjs.layers.Layer) => {
  const config = layer.getConfig() as { activation?: string }
  return layer.getClassName() === 'ReLU' || config.activation === 'relu'
}

/**
 * Which runs the probe understands: the trainer's task is classification or regression (one
 * input, one output), or a language model, which trains exactly like classification on its
 * windows (the next token's id is a sparse class target; tasks/language-model.ts).
 */
export function canProbe(model: tfjs.LayersModel, dataset: Dataset, config: Pick<TrainingConfig, 'task'>): boolean {
  const task = trainerTask(undefined, config, dataset)
  const supervised =
    ((task === 'classification' || task === 'regression') && task === dataset.task) ||
    (task === 'languageModel' && dataset.task === 'classification')
  return model.inputs.length === 1 && model.outputs.length === 1 && supervised
}

export function createGradientProbe(options: GradientProbeOptions): BatchProbe & { readonly layers: string[] } {
  const { tf, model, dataset, onStep } = options
  const clock = options.clock ?? (() => (globalThis.performance ? globalThis.performance.now() : Date.now()))
  const byLayer = new Map(Object.entries(options.layerNames).map(([id, name]) => [name, id]))
  const weighted: WeightedLayer[] = []
  const relu: { nodeId: string; output: SymbolicTensor }[] = []
  for (const layer of model.layers) {
    const nodeId = byLayer.get(layer.name)
    if (nodeId === undefined) continue
    const trainable = layer.trainableWeights
    if (trainable.length > 0) {
      weighted.push({
        nodeId,
        variables: trainable.map((w) => w.read() as tfjs.Variable),
        kernel: trainable.map((w) => !/bias$/i.test(w.originalName)),
      })
    }
    if (isRelu(layer) && !Array.isArray(layer.output)) relu.push({ nodeId, output: layer.output })
  }
  const declared = model.inputs[0].shape.slice(1) as (number | null)[]
  const inputShape = declared.map((d, i) => d ?? dataset.inputShape[i])
  const lossFn = createLoss(tf, options.loss, dataset.task, outputUnits(model))
  // One model over the same layers: the prediction and every ReLU layer's output in one pass.
  const probeModel = tf.model({ inputs: model.inputs[0], outputs: [model.outputs[0], ...relu.map((r) => r.output)] })
  // BatchNormalization updates its moving statistics when called in training mode: the probe
  // must not train them a second time, so such models are probed in inference mode.
  const training = !model.layers.some((l) => l.getClassName() === 'BatchNormalization')
  const sequenceInput = dataset.inputDtype === 'float32' && inputShape.length === 2
  const floatInput = dataset.inputDtype === 'float32'

  let lastProbe = -Infinity
  /** How long the last probe took (before + after), ms: the next one waits COST_FACTOR times that. */
  let lastCost = 0
  let started = 0
  let pending: Pending | null = null
  let broken = false

  const fail = (error: unknown) => {
    broken = true
    options.onError?.(String((error as Error)?.message ?? error))
  }

  function measure(indices: Int32Array): Omit<Pending, 'where' | 'before'> {
    const allVariables = weighted.flatMap((l) => l.variables)
    const reluCount = relu.length
    const values = tf.tidy(() => {
      const { x, y } = makeBatch(tf, dataset, indices, 0, indices.length, inputShape)
      const kept: tfjs.Tensor[] = []
      const lossOf = (input: tfjs.Tensor) => {
        const raw = probeModel.apply(input, { training }) as tfjs.Tensor | tfjs.Tensor[]
        const outs = Array.isArray(raw) ? raw : [raw]
        for (let r = 0; r < reluCount; r++) kept.push(tf.keep(outs[1 + r]))
        return withRegularizers(tf, lossFn(y, outs[0]), model)
      }
      const args = floatInput ? [x, ...allVariables] : allVariables
      const { value, grads } = tf.valueAndGrads((...inputs: tfjs.Tensor[]) => lossOf(floatInput ? inputs[0] : x))(args)
      const varGrads = floatInput ? grads.slice(1) : grads
      const scalars: tfjs.Tensor[] = [value]
      let k = 0
      for (const layer of weighted) {
        const squares = layer.variables.map((_, i) => tf.sum(tf.square(varGrads[k + i])))
        k += layer.variables.length
        scalars.push(tf.sqrt(tf.addN(squares)))
      }
      for (const out of kept) {
        const units = out.shape[out.shape.length - 1] as number
        const alive = tf.max(tf.reshape(out, [-1, units]), 0)
        scalars.push(tf.div(tf.sum(tf.cast(tf.lessEqual(alive, 0), 'float32')), units))
      }
      tf.dispose(kept)
      if (sequenceInput) {
        // [batch, time, features] → ‖∂loss/∂xₜ‖ per sample and step, averaged over the batch.
        // The loss is a batch mean: scaled by the batch size, so the numbers do not depend on it.
        const perStep = tf.mean(tf.sqrt(tf.sum(tf.square(grads[0]), 2)), 0)
        scalars.push(tf.mul(perStep, indices.length))
      }
      return tf
        .concat(scalars.map((s) => tf.reshape(s, [-1])))
        .dataSync()
        .slice()
    })
    const gradNorms = Array.from(values.subarray(1, 1 + weighted.length))
    const dead = weighted.map(() => null as number | null)
    relu.forEach((r, i) => {
      const at = weighted.findIndex((l) => l.nodeId === r.nodeId)
      if (at >= 0) dead[at] = values[1 + weighted.length + i]
    })
    const inputGradByTime = sequenceInput ? Array.from(values.subarray(1 + weighted.length + reluCount)) : null
    return { loss: values[0], gradNorms, dead, inputGradByTime }
  }

  return {
    layers: weighted.map((l) => l.nodeId),
    due() {
      // The cost guard: with everyMs > 0 the probe also waits COST_FACTOR × its own duration,
      // so on a slow machine (a batch of seconds) it still takes at most ~1/COST_FACTOR of the time.
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
            gradNorm: done.gradNorms[i],
            weightNorm,
            updateRatio: updateRatio(differenceNorm(beforeValues, afterValues), weightNorm),
            histogram: histogram(concat(kernels.length > 0 ? kernels : afterValues)),
            deadFraction: done.dead[i],
          }
        })
        onStep({
          batch: done.where.batch,
          epoch: done.where.epoch,
          loss: done.loss,
          layers,
          inputGradByTime: done.inputGradByTime,
        })
      } catch (error) {
        fail(error)
      } finally {
        tf.dispose(done.before.flat())
        // Measured to the end of after(): the training step in between counts too, which keeps
        // the estimate on the safe side.
        lastProbe = clock()
        lastCost = lastProbe - started
      }
    },
  }
}

function concat(arrays: ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0))
  let at = 0
  for (const a of arrays) {
    out.set(a as ArrayLike<number>, at)
    at += a.length
  }
  return out
}
