import type * as tfjs from '@tensorflow/tfjs'
import { featureSize } from '../../data/dataset'
import type { LossId } from '../config'
import { batchCount } from '../batches'
import type { SamplesPayload } from '../events'
import { denseLoss } from '../losses'
import { shapeText, trainingText } from '../../i18n/training-messages'
import {
  gatherFeatures,
  inferenceBatch,
  optimizerSet,
  seedSource,
  shapeError,
  sizeOf,
  spread,
  trainableVariables,
  type TaskGraph,
  type TaskOptions,
  type TaskResult,
  type TrainingTask,
  withRegularizers,
} from './task'

/** Quick previews (smoke runs): the latent map shows at most this many codes. */
const QUICK_LATENT_POINTS = 100

/** Losses that compare a reconstruction with its input; anything else falls back to MSE. */
const RECONSTRUCTION_LOSSES: readonly LossId[] = [
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
  'binaryCrossentropy',
]

/**
 * Autoencoder: one Input → … → one output with as many values as the input; the target is the
 * input itself. With `autoencoder.inputNoise` > 0 it is a denoising autoencoder: the network
 * sees x + noise·N(0, 1) and must give back the clean x.
 *
 * Loss: the project's loss when it compares values (MSE, MAE, Huber, or binary cross-entropy
 * for a sigmoid output on 0…1 pixels), else MSE. Previews: reconstructions of a few validation
 * samples; and, when a group has the role 'encoder', a 2-D map of the codes at its last layer
 * (the bottleneck: the first two values, or the two principal components of longer codes),
 * coloured by class when the dataset has classes.
 */
export function autoencoderTask(options: TaskOptions): TaskResult {
  const { tf, model, dataset, split, config, graph } = options
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    return shapeError(
      trainingText('autoencoderInOut', { inputs: model.inputs.length, outputs: model.outputs.length }),
      trainingText('autoencoderInOutFix'),
    )
  }
  const size = featureSize(dataset)
  const inShape = model.inputs[0].shape.slice(1) as number[]
  const outShape = model.outputs[0].shape.slice(1) as number[]
  if (inShape.some((d) => d === null) || sizeOf(inShape) !== size) {
    return shapeError(
      trainingText('autoencoderInput', {
        declared: shapeText(inShape),
        dataset: dataset.id,
        data: shapeText(dataset.inputShape),
      }),
      trainingText('setTheInputTo', { data: shapeText(dataset.inputShape) }),
    )
  }
  if (outShape.some((d) => d === null) || sizeOf(outShape) !== size) {
    return shapeError(
      trainingText('autoencoderOutput', { output: shapeText(outShape), input: shapeText(inShape) }),
      trainingText('autoencoderOutputFix', { size, input: shapeText(inShape) }),
    )
  }
  if (dataset.inputDtype === 'int32') {
    return shapeError(trainingText('autoencoderTokens'), trainingText('autoencoderTokensFix'))
  }

  const o = config.autoencoder
  const lossId: LossId = RECONSTRUCTION_LOSSES.includes(config.loss) ? config.loss : 'meanSquaredError'
  const lossFn = denseLoss(tf, lossId)
  const optimizers = optimizerSet(tf, config, 1)
  const optimizer = optimizers.list[0]
  const variables = trainableVariables(model)
  const seeds = seedSource(config.seed + 65_537)
  const evalBatch = inferenceBatch(options)
  const encoder = graph ? encoderModel(tf, model, graph) : null

  /** The network's input for clean samples: noisy when denoising. */
  const corrupt = (x: tfjs.Tensor, seed: number) =>
    o.inputNoise > 0 ? tf.add(x, tf.mul(o.inputNoise, tf.randomNormal(x.shape, 0, 1, 'float32', seed))) : x
  const reconstruct = (x: tfjs.Tensor, training: boolean) =>
    tf.reshape(model.apply(x, { training }) as tfjs.Tensor, x.shape)

  async function score(indices: Int32Array): Promise<{ loss: number; mse: number; n: number }> {
    const n = indices.length
    if (n === 0) return { loss: Number.NaN, mse: Number.NaN, n }
    let sums: tfjs.Tensor = tf.zeros([2])
    try {
      for (let b = 0; b < batchCount(n, evalBatch); b++) {
        const part = indices.subarray(b * evalBatch, Math.min(n, (b + 1) * evalBatch))
        const next = tf.tidy(() => {
          const x = tf.tensor(gatherFeatures(dataset, part), [part.length, ...inShape])
          const y = reconstruct(corrupt(x, config.seed + b), false)
          return tf.add(sums, tf.mul(tf.stack([lossFn(x, y), tf.mean(tf.square(tf.sub(y, x)))]), part.length))
        })
        sums.dispose()
        sums = next
      }
      const [loss, mse] = await sums.data()
      return { loss: loss / n, mse: mse / n, n }
    } finally {
      sums.dispose()
    }
  }

  const previewFrom = () =>
    split.validation.length > 0 ? split.validation : split.test.length > 0 ? split.test : split.train

  const task: TrainingTask = {
    id: 'autoencoder',
    root: model,
    models: encoder ? { model, encoder } : { model },
    metricNames: [],
    hasAccuracy: false,
    sampleEvery: o.sampleEvery,
    setLearningRate: optimizers.setRate,
    trainStep(indices) {
      const n = indices.length
      const values = gatherFeatures(dataset, indices)
      const seed = seeds.next()
      const loss = tf.tidy(() => {
        const x = tf.tensor(values, [n, ...inShape])
        const input = corrupt(x, seed)
        return optimizer.minimize(
          () => withRegularizers(tf, lossFn(x, reconstruct(input, true)), model),
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
      return { summary: { task: 'autoencoder', loss: s.loss, mse: s.mse, samples: s.n } }
    },
    async samples(preview): Promise<SamplesPayload[]> {
      const picked = spread(previewFrom(), o.samples)
      const n = picked.length
      if (n === 0) return []
      const clean = gatherFeatures(dataset, picked)
      const [inputs, outputs] = tf.tidy(() => {
        const x = tf.tensor(clean, [n, ...inShape])
        const input = corrupt(x, config.seed + 99)
        return [tf.reshape(input, [n, size]), tf.reshape(reconstruct(input, false), [n, size])]
      })
      const [inValues, outValues] = (await Promise.all([inputs.data(), outputs.data()])) as Float32Array[]
      tf.dispose([inputs, outputs])
      const pairs = Array.from({ length: n }, (_, i) => ({
        input: inValues.slice(i * size, (i + 1) * size),
        output: outValues.slice(i * size, (i + 1) * size),
        target: clean.slice(i * size, (i + 1) * size),
      }))
      const payloads: SamplesPayload[] = [{ kind: 'reconstructions', shape: [...dataset.inputShape], pairs }]
      // Quick (smoke runs): the map's encoder passes are the costly part of this preview.
      const points = preview?.quick ? Math.min(o.latentPoints, QUICK_LATENT_POINTS) : o.latentPoints
      if (encoder) payloads.push(await latentMap(encoder, spread(previewFrom(), points)))
      return payloads
    },
    dispose: optimizers.dispose,
  }

  async function latentMap(enc: tfjs.LayersModel, indices: Int32Array): Promise<SamplesPayload> {
    const n = indices.length
    const codes = tf.tidy(() =>
      tf.reshape(
        enc.apply(tf.tensor(gatherFeatures(dataset, indices), [n, ...inShape]), { training: false }) as tfjs.Tensor,
        [n, -1],
      ),
    )
    const dims = codes.shape[1] as number
    const values = (await codes.data()) as Float32Array
    codes.dispose()
    const labels = dataset.task === 'classification' ? Int32Array.from(indices, (i) => dataset.labels[i]) : null
    const method = dims <= 2 ? 'first2' : 'pca'
    const points = dims <= 2 ? firstTwo(values, n, dims) : pca2(values, n, dims)
    return {
      kind: 'latent',
      method,
      dims,
      points,
      labels,
      ...(labels && dataset.classNames ? { classNames: dataset.classNames } : {}),
    }
  }

  return { ok: true, task }
}

/**
 * The encoder: from the Input to the last layer of the group with role 'encoder' (the one whose
 * output leaves the group). Null when there is no such group.
 */
export function encoderModel(
  tf: TaskOptions['tf'],
  model: tfjs.LayersModel,
  graph: TaskGraph,
): tfjs.LayersModel | null {
  const group = graph.document.groups.find((g) => g.role === 'encoder')
  if (!group) return null
  const members = new Set(group.nodeIds)
  const leaving = group.nodeIds.filter((id) =>
    graph.document.edges.some((e) => e.source === id && !members.has(e.target)),
  )
  const last = leaving.length === 1 ? leaving[0] : null
  const layerName = last ? graph.layerNames[last] : undefined
  if (!layerName) return null
  try {
    const layer = model.getLayer(layerName)
    return tf.model({
      inputs: model.inputs,
      outputs: layer.output as tfjs.SymbolicTensor,
      name: `${model.name}_encoder`,
    })
  } catch {
    return null
  }
}

function firstTwo(values: Float32Array, n: number, dims: number): Float32Array {
  const out = new Float32Array(n * 2)
  for (let i = 0; i < n; i++) {
    out[2 * i] = values[i * dims]
    out[2 * i + 1] = dims > 1 ? values[i * dims + 1] : 0
  }
  return out
}

/** The first two principal components of n × dims values (covariance + power iteration, in JS). */
export function pca2(values: Float32Array, n: number, dims: number): Float32Array {
  const mean = new Float64Array(dims)
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) mean[d] += values[i * dims + d] / n
  const cov = new Float64Array(dims * dims)
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < dims; a++) {
      const da = values[i * dims + a] - mean[a]
      for (let b = a; b < dims; b++) cov[a * dims + b] += (da * (values[i * dims + b] - mean[b])) / Math.max(1, n - 1)
    }
  }
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) cov[a * dims + b] = cov[b * dims + a]
  const components: Float64Array[] = []
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dims }, (_, i) => 1 + ((i * 7 + c * 3) % 5) / 10)
    for (let iter = 0; iter < 100; iter++) {
      const next = new Float64Array(dims)
      for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) next[a] += cov[a * dims + b] * v[b]
      for (const u of components) {
        const dot = next.reduce((s, x, i) => s + x * u[i], 0)
        for (let i = 0; i < dims; i++) next[i] -= dot * u[i]
      }
      const norm = Math.hypot(...next)
      if (norm < 1e-12) break
      v = next.map((x) => x / norm)
    }
    components.push(v)
  }
  const out = new Float32Array(n * 2)
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      let s = 0
      for (let d = 0; d < dims; d++) s += (values[i * dims + d] - mean[d]) * components[c][d]
      out[2 * i + c] = s
    }
  }
  return out
}
