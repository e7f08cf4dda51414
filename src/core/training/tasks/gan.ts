import type * as tfjs from '@tensorflow/tfjs'
import { featureSize } from '../../data/dataset'
import type { ProjectDocument } from '../../document/types'
import { batchCount } from '../batches'
import { denseLoss } from '../losses'
import type { SamplesPayload } from '../events'
import type { LocalText } from '../../i18n/text'
import { shapeText, trainingNodeLabel, trainingText } from '../../i18n/training-messages'
import {
  downstream,
  gatherFeatures,
  inferenceBatch,
  inputOf,
  optimizerSet,
  outputOf,
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

/**
 * GAN (Goodfellow et al. 2014), as a document:
 *
 *   group "Generator"     (role 'generator'):     Noise (latent z) → … → a sample (the data's shape or size)
 *   group "Discriminator" (role 'discriminator'): Input (the data's shape) → … → Dense(1, sigmoid)
 *
 * Two separate chains on the canvas: the discriminator has its own Input, which the trainer
 * feeds real samples and the generator's fakes. The task builds the generator G, the
 * discriminator D and the combined model z → G → D from the compiled document (they share its
 * layers, so one checkpoint holds both). Without groups, the chain from the Noise input is the
 * generator and the chain from the other Input the discriminator.
 *
 * D outputs a probability (sigmoid): D(x) = P(x is real). Each training step, on a batch of n
 * real samples:
 *   k = dSteps times: D learns on the real batch (target 1 − labelSmoothing) and n fakes G(z)
 *     (target 0); G is not updated (the variable list holds D's weights only).
 *   once: G learns to make D say "real" (target 1) on n fresh fakes, through the combined model
 *     z → G → D, with D frozen (only G's weights in the variable list): the non-saturating loss.
 * Reported: dLoss (mean of the real and fake terms), gLoss, dReal = mean D(x), dFake = mean D(G(z)),
 * and loss = dLoss + gLoss. Both optimizers use the project's optimizer settings (Adam with rate
 * 0.0002 and β1 0.5 is the classic DCGAN choice).
 */
export function ganTask(options: TaskOptions): TaskResult {
  const { tf, model: root, dataset, config, graph } = options
  if (!graph) return shapeError(trainingText('needsDocument', { task: 'GAN' }), trainingText('needsDocumentFix'))
  const parts = findGanParts(graph)
  if ('message' in parts) return shapeError(parts.message, parts.suggestion)
  const doc = graph.document
  const zT = inputOf(root, graph, parts.noise)
  const xT = inputOf(root, graph, parts.realInput)
  const gT = outputOf(root, graph, parts.generatorOutput)
  const dT = outputOf(root, graph, parts.discriminatorOutput)

  const dataSize = featureSize(dataset)
  const dShape = xT.shape.slice(1) as number[]
  const gShape = gT.shape.slice(1) as number[]
  if (dShape.some((d) => d === null) || gShape.some((d) => d === null)) {
    return shapeError(trainingText('ganFixedSizes'), trainingText('ganFixedSizesFix'))
  }
  if (sizeOf(dShape) !== dataSize) {
    return shapeError(
      trainingText('discriminatorInput', {
        node: trainingNodeLabel(doc, parts.realInput),
        declared: shapeText(dShape),
        dataset: dataset.id,
        data: shapeText(dataset.inputShape),
      }),
      trainingText('setThatInputTo', { data: shapeText(dataset.inputShape) }),
    )
  }
  if (sizeOf(gShape) !== dataSize) {
    return shapeError(
      trainingText('generatorSize', {
        output: shapeText(gShape),
        size: sizeOf(gShape),
        data: shapeText(dataset.inputShape),
        dataSize,
      }),
      trainingText('generatorSizeFix', { dataSize, data: shapeText(dataset.inputShape) }),
    )
  }
  if (sizeOf(dT.shape.slice(1)) !== 1) {
    return shapeError(
      trainingText('discriminatorOutput', { output: shapeText(dT.shape.slice(1)) }),
      trainingText('discriminatorOutputFix'),
    )
  }
  const lastActivation = activationOf(doc, parts.discriminatorOutput)
  if (lastActivation !== null && lastActivation !== 'sigmoid') {
    return shapeError(
      trainingText('discriminatorActivation', { activation: String(lastActivation) }),
      trainingText('discriminatorActivationFix'),
    )
  }

  const latent = zT.shape[1] as number
  const uniform = doc.nodes.find((n) => n.id === parts.noise)?.params.distribution === 'uniform'
  const generator = tf.model({ inputs: zT, outputs: gT, name: `${root.name}_generator` })
  const discriminator = tf.model({ inputs: xT, outputs: dT, name: `${root.name}_discriminator` })
  const toD = (t: tfjs.SymbolicTensor) =>
    sameShape(gShape, dShape) ? t : (tf.layers.reshape({ targetShape: dShape }).apply(t) as tfjs.SymbolicTensor)
  const combined = tf.model({
    inputs: zT,
    outputs: discriminator.apply(toD(gT)) as tfjs.SymbolicTensor,
    name: `${root.name}_combined`,
  })

  const o = config.gan
  const bce = denseLoss(tf, 'binaryCrossentropy')
  const optimizers = optimizerSet(tf, config, 2)
  const [dOptimizer, gOptimizer] = optimizers.list
  const dVars = trainableVariables(discriminator)
  const gVars = trainableVariables(generator)
  const seeds = seedSource(config.seed + 7919)
  const fixedSeed = config.seed + 104_729
  const evalBatch = inferenceBatch(options)

  const noise = (n: number, seed: number) =>
    uniform
      ? tf.randomUniform([n, latent], -1, 1, 'float32', seed)
      : tf.randomNormal([n, latent], 0, 1, 'float32', seed)
  const fakes = (z: tfjs.Tensor, training: boolean) => {
    const out = generator.apply(z, { training }) as tfjs.Tensor
    return tf.reshape(out, [z.shape[0], ...dShape])
  }
  const judge = (x: tfjs.Tensor, training: boolean) =>
    tf.reshape(discriminator.apply(x, { training }) as tfjs.Tensor, [x.shape[0], 1])
  const labels = (n: number, value: number) => tf.fill([n, 1], value)

  /** D and G losses and D's mean outputs on real samples and as many fakes, summed over batches (inference mode). */
  async function score(
    indices: Int32Array,
  ): Promise<{ dLoss: number; gLoss: number; dReal: number; dFake: number; n: number }> {
    const n = indices.length
    if (n === 0) return { dLoss: Number.NaN, gLoss: Number.NaN, dReal: Number.NaN, dFake: Number.NaN, n }
    let sums: tfjs.Tensor = tf.zeros([4])
    try {
      for (let b = 0; b < batchCount(n, evalBatch); b++) {
        const part = indices.subarray(b * evalBatch, Math.min(n, (b + 1) * evalBatch))
        const size = part.length
        const next = tf.tidy(() => {
          const real = tf.tensor(gatherFeatures(dataset, part), [size, ...dShape])
          const pr = judge(real, false)
          const pf = judge(fakes(noise(size, fixedSeed + b), false), false)
          const dLoss = tf.div(tf.add(bce(labels(size, 1), pr), bce(labels(size, 0), pf)), 2)
          const gLoss = bce(labels(size, 1), pf)
          return tf.add(sums, tf.mul(tf.stack([dLoss, gLoss, tf.mean(pr), tf.mean(pf)]), size))
        })
        sums.dispose()
        sums = next
      }
      const [dLoss, gLoss, dReal, dFake] = await sums.data()
      return { dLoss: dLoss / n, gLoss: gLoss / n, dReal: dReal / n, dFake: dFake / n, n }
    } finally {
      sums.dispose()
    }
  }

  /** Which network learns each step (GAN Lab's "train D only / G only"); both by default. */
  let learner: GanLearner = 'both'
  const learnOrMeasure = (
    learn: boolean,
    optimizer: tfjs.Optimizer,
    loss: () => tfjs.Scalar,
    vars: tfjs.Variable[],
  ): tfjs.Scalar => (learn ? (optimizer.minimize(loss, true, vars) as tfjs.Scalar) : loss())

  const task: GanTrainingTask = {
    setLearner(next) {
      learner = next
    },
    get learner() {
      return learner
    },
    id: 'gan',
    root,
    models: { generator, discriminator, combined },
    metricNames: ['dLoss', 'gLoss', 'dReal', 'dFake'],
    hasAccuracy: false,
    sampleEvery: o.sampleEvery,
    setLearningRate: optimizers.setRate,
    trainStep(indices) {
      const n = indices.length
      const realValues = gatherFeatures(dataset, indices)
      const realLabel = 1 - o.labelSmoothing
      let dReal: tfjs.Scalar | null = null
      let dFake: tfjs.Scalar | null = null
      let dLoss: tfjs.Scalar | null = null
      // Training G alone: D's terms are still measured (once), not learned.
      for (let k = 0; k < (learner === 'generator' ? 1 : o.dSteps); k++) {
        tf.dispose([dReal, dFake, dLoss].filter((t): t is tfjs.Scalar => t !== null))
        const seed = seeds.next()
        dLoss = tf.tidy(() => {
          const real = tf.tensor(realValues, [n, ...dShape])
          // Made outside the loss function: G's ops stay off the gradient tape.
          const fake = fakes(noise(n, seed), true)
          return learnOrMeasure(
            learner !== 'generator',
            dOptimizer,
            () => {
              const pr = judge(real, true)
              const pf = judge(fake, true)
              // Kept: survive this tidy and the gradient scope; the caller disposes them.
              dReal = tf.keep(tf.mean(pr) as tfjs.Scalar)
              dFake = tf.keep(tf.mean(pf) as tfjs.Scalar)
              const loss = tf.div(tf.add(bce(labels(n, realLabel), pr), bce(labels(n, 0), pf)), 2) as tfjs.Scalar
              return withRegularizers(tf, loss, discriminator)
            },
            dVars,
          )
        })
      }
      const seed = seeds.next()
      const gLoss = tf.tidy(() =>
        learnOrMeasure(
          learner !== 'discriminator',
          gOptimizer,
          () => {
            // The combined model z → G → D; only G's variables are updated (D is frozen).
            const pf = judge(fakes(noise(n, seed), true), true)
            return withRegularizers(tf, bce(labels(n, 1), pf), generator)
          },
          gVars,
        ),
      )
      const d = dLoss as unknown as tfjs.Scalar
      const loss = tf.add(d, gLoss) as tfjs.Scalar
      return { loss, metrics: [d, gLoss, dReal as unknown as tfjs.Scalar, dFake as unknown as tfjs.Scalar], size: n }
    },
    async validate(indices) {
      const s = await score(indices)
      return { loss: s.dLoss }
    },
    async evaluate(indices) {
      const s = await score(indices)
      return { summary: { task: 'gan', dLoss: s.dLoss, gLoss: s.gLoss, dReal: s.dReal, dFake: s.dFake, samples: s.n } }
    },
    async samples(): Promise<SamplesPayload[]> {
      const pointsView = dataSize <= 3 && dataset.preview !== 'image'
      const count = pointsView ? Math.max(o.samples, 256) : o.samples
      const out = tf.tidy(() => tf.reshape(fakes(noise(count, fixedSeed), false), [count, dataSize]))
      const values = (await out.data()) as Float32Array
      out.dispose()
      if (pointsView) {
        const real = gatherFeatures(dataset, spread(options.split.train, count))
        return [{ kind: 'points', dims: dataSize, points: Float32Array.from(values), real }]
      }
      return [imageGrid(dataset.inputShape, values, count)]
    },
    dispose: optimizers.dispose,
  }
  return { ok: true, task }
}

/** Which of the two networks a GAN step updates: both (the normal game), the discriminator only, or the generator only. */
export type GanLearner = 'both' | 'discriminator' | 'generator'
export const GAN_LEARNERS: readonly GanLearner[] = ['both', 'discriminator', 'generator']

/** The GAN task with its "train D only / G only" switch (the GAN view sets it between steps). */
export interface GanTrainingTask extends TrainingTask {
  setLearner(learner: GanLearner): void
  readonly learner: GanLearner
}

export const isGanTrainingTask = (task: TrainingTask | null | undefined): task is GanTrainingTask =>
  task?.id === 'gan' && typeof (task as Partial<GanTrainingTask>).setLearner === 'function'

/** Generated samples as an image grid: image data as height × width × channels; vectors as one row. */
export function imageGrid(shape: number[], values: Float32Array, count: number): SamplesPayload {
  const size = values.length / Math.max(1, count)
  const [height, width, channels] =
    shape.length === 3 ? shape : shape.length === 2 ? [shape[0], shape[1], 1] : [1, size, 1]
  const images = Array.from({ length: count }, (_, i) => values.slice(i * size, (i + 1) * size))
  return { kind: 'imageGrid', width, height, channels, images }
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i])

/** The activation of a node that has one (Dense, Activation), else null (unknown). */
function activationOf(doc: ProjectDocument, id: string): string | null {
  const node = doc.nodes.find((n) => n.id === id)
  const activation = node?.params.activation
  return typeof activation === 'string' && (node?.kind === 'dense' || node?.kind === 'activation') ? activation : null
}

export interface GanParts {
  noise: string
  generatorOutput: string
  realInput: string
  discriminatorOutput: string
}

/**
 * Finds the GAN's parts in the document: the Noise input and the Generator's output (in the
 * 'generator' group), the Discriminator's Input and output (in the 'discriminator' group).
 */
export function findGanParts(graph: TaskGraph): GanParts | { message: LocalText; suggestion: LocalText } {
  const doc = graph.document
  const kindOf = (id: string) => doc.nodes.find((n) => n.id === id)?.kind
  const gGroup = doc.groups.find((g) => g.role === 'generator')
  const dGroup = doc.groups.find((g) => g.role === 'discriminator')
  const inGroup = (ids: string[], group: typeof gGroup) =>
    group ? ids.filter((id) => group.nodeIds.includes(id)) : ids

  const noises = inGroup(graph.inputs, gGroup).filter((id) => kindOf(id) === 'noiseInput')
  if (noises.length !== 1) {
    return {
      message: trainingText(noises.length === 0 ? 'ganNoNoise' : 'ganManyNoises'),
      suggestion: trainingText('ganNoiseFix'),
    }
  }
  const noise = noises[0]
  const fromNoise = downstream(doc, noise)
  const gOutputs = graph.outputs.filter((id) => fromNoise.has(id))
  if (gOutputs.length !== 1) {
    return {
      message: trainingText('ganGeneratorOutputs', { node: trainingNodeLabel(doc, noise), count: gOutputs.length }),
      suggestion: trainingText('ganGeneratorOutputsFix'),
    }
  }
  const realInputs = inGroup(graph.inputs, dGroup).filter((id) => id !== noise && kindOf(id) !== 'noiseInput')
  if (realInputs.length !== 1) {
    return {
      message: trainingText(realInputs.length === 0 ? 'ganNoRealInput' : 'ganManyRealInputs'),
      suggestion: trainingText('ganRealInputFix'),
    }
  }
  const realInput = realInputs[0]
  const fromReal = downstream(doc, realInput)
  const dOutputs = graph.outputs.filter((id) => fromReal.has(id) && !fromNoise.has(id))
  if (dOutputs.length !== 1 || [...fromReal].some((id) => fromNoise.has(id))) {
    return {
      message: trainingText('ganSeparateChains'),
      suggestion: trainingText('ganSeparateChainsFix'),
    }
  }
  if (gGroup && !gGroup.nodeIds.includes(gOutputs[0])) {
    return { message: trainingText('ganGeneratorOutside'), suggestion: trainingText('ganGeneratorOutsideFix') }
  }
  if (dGroup && !dGroup.nodeIds.includes(dOutputs[0])) {
    return { message: trainingText('ganDiscriminatorOutside'), suggestion: trainingText('ganDiscriminatorOutsideFix') }
  }
  return { noise, generatorOutput: gOutputs[0], realInput, discriminatorOutput: dOutputs[0] }
}
