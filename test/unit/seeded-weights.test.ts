import { createHash } from 'node:crypto'
import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../src/cli/dataset-sources'
import { compileModel } from '../../src/core/compile/compile'
import { seedInitializers, weightSeed } from '../../src/core/compile/seeded-init'
import type { ProjectDocument } from '../../src/core/document/types'
import type { DatasetSplit } from '../../src/core/data/dataset'
import { normalizeDataset } from '../../src/core/data/normalize'
import { loadDataset } from '../../src/core/data/registry'
import { customLayers } from '../../src/core/layers/custom/index'
import type { TrainingEvent } from '../../src/core/training/events'
import { createTrainer } from '../../src/core/training/trainer'
import { withRandomSource } from '../../src/core/training/random-source'
import { createRng } from '../../src/core/data/random'
import { graph, loadTemplate, TEMPLATE_IDS } from './helpers'

/**
 * Initial weights are a function of the project's seed (training.seed): the same document
 * compiles to the same weights, another seed to other ones, and a node's weights do not depend
 * on the rest of the graph. Checked on every template — tfjs' own layers, RNN cells with their
 * orthogonal recurrent kernels, our custom layers (attention, positional and timestep
 * embeddings, group normalisation) and the GAN and diffusion models.
 */
customLayers(tf)

const withSeed = (doc: ProjectDocument, seed: number): ProjectDocument => ({
  ...doc,
  training: { ...doc.training, seed },
})

interface WeightDigest {
  digest: string
  /** True when every value is the same (zeros, ones): such weights do not depend on a seed. */
  constant: boolean
}

/** Per weight (node id / weight name, in layer order), a digest of its values; the model is freed. */
function compileDigests(doc: ProjectDocument): Map<string, WeightDigest> {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(`${doc.name}: ${compiled.message}`)
  const digests = new Map<string, WeightDigest>()
  try {
    for (const [nodeId, layerName] of Object.entries(compiled.layerNames)) {
      const layer = compiled.model.getLayer(layerName)
      layer.weights.forEach((weight, i) => {
        const values = weight.read().dataSync() as Float32Array
        const digest = createHash('sha256')
          .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
          .digest('hex')
        digests.set(`${nodeId}/${i}:${weight.originalName}`, { digest, constant: values.every((v) => v === values[0]) })
      })
    }
  } finally {
    compiled.model.dispose()
  }
  return digests
}

describe('initial weights follow the project seed', () => {
  it.each(TEMPLATE_IDS)(
    '%s: same seed → identical weights; another seed → every random weight differs',
    { timeout: 240_000 },
    (id) => {
      const doc = loadTemplate(id)
      const first = compileDigests(withSeed(doc, 7))
      const again = compileDigests(withSeed(doc, 7))
      const other = compileDigests(withSeed(doc, 8))
      expect([...again.keys()]).toEqual([...first.keys()])
      for (const [key, value] of first) expect(again.get(key)!.digest, key).toBe(value.digest)
      const random = [...first].filter(([, value]) => !value.constant)
      expect(random.length).toBeGreaterThan(0)
      for (const [key, value] of random) expect(other.get(key)!.digest, key).not.toBe(value.digest)
    },
  )

  it('adding a node (listed first in the file) leaves the other nodes’ weights unchanged', () => {
    const doc = loadTemplate('mlp-mnist')
    const hidden = doc.nodes.find((n) => n.kind === 'dense')!
    const grown: ProjectDocument = {
      ...doc,
      nodes: [
        {
          id: 'extra_head',
          kind: 'dense',
          position: { x: 400, y: 0 },
          params: { units: 3, activation: 'linear', useBias: true },
        },
        ...doc.nodes,
      ],
      edges: [...doc.edges, { id: 'e_extra', source: hidden.id, target: 'extra_head', targetPort: 0 }],
    }
    const before = compileDigests(doc)
    const after = compileDigests(grown)
    expect(after.size).toBe(before.size + 2)
    for (const [key, value] of before) expect(after.get(key)?.digest, key).toBe(value.digest)
  })

  it('a Bidirectional LSTM: the two directions get different kernels, and recurrent kernels stay orthogonal', () => {
    const doc = graph(
      [
        ['seq', 'input', { mode: 'sequence', timesteps: 5, features: 3 }],
        ['bi', 'bidirectional', { cell: 'lstm', units: 4 }],
      ],
      [['seq', 'bi']],
    )
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) throw new Error(compiled.message)
    const weights = compiled.model.getLayer(compiled.layerNames.bi).weights
    const byName = (name: string) => weights.filter((w) => w.originalName.endsWith(name)).map((w) => w.read())
    const [forward, backward] = byName('/kernel')
    expect(forward.shape).toEqual([3, 16])
    expect(tf.max(tf.abs(tf.sub(forward, backward))).dataSync()[0]).toBeGreaterThan(1e-3)
    // tfjs' orthogonal initializer: the rows of the [units, 4·units] recurrent kernel are orthonormal.
    for (const recurrent of byName('/recurrent_kernel')) {
      const gram = tf.matMul(recurrent, recurrent, false, true).arraySync() as number[][]
      gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 4)))
    }
    compiled.model.dispose()
  })

  it('the saved model config carries no seed (model.json is unchanged), and tfjs is left as it was', () => {
    const addWeight = (tf.layers.Layer.prototype as unknown as { addWeight: unknown }).addWeight
    const compiled = compileModel(tf, loadTemplate('lstm-names'))
    if (!compiled.ok) throw new Error(compiled.message)
    const topology = JSON.stringify(compiled.model.toJSON(null, false))
    expect(topology).toMatch(/"kernel_initializer":\{"class_name":"VarianceScaling","config":\{[^}]*"seed":null/)
    expect(topology).not.toMatch(/"seed":\d/)
    compiled.model.dispose()
    expect((tf.layers.Layer.prototype as unknown as { addWeight: unknown }).addWeight).toBe(addWeight)
  })

  it('a weight created outside a node while seeding fails loudly; end() puts tfjs back', () => {
    const proto = tf.layers.Layer.prototype as unknown as { addWeight: unknown }
    const addWeight = proto.addWeight
    const scope = seedInitializers(tf, 1)
    try {
      expect(proto.addWeight).not.toBe(addWeight)
      expect(() => tf.layers.dense({ units: 2 }).apply(tf.input({ shape: [3] }))).toThrow(
        /weight "kernel" was created outside a canvas node/,
      )
      scope.node('d')
      const layer = tf.layers.dense({ units: 2 })
      layer.apply(tf.input({ shape: [3] }))
      expect(layer.getWeights()[0].shape).toEqual([3, 2])
    } finally {
      scope.end()
    }
    expect(proto.addWeight).toBe(addWeight)
  })

  it('weight seeds are stable numbers that separate every part', () => {
    // Fixed values: a change to the hash would silently change every project's initial weights.
    expect(weightSeed(42, 'dense_1', 'kernel', 0)).toBe(56_253_376_485_493)
    const seeds = new Set([
      weightSeed(42, 'dense_1', 'kernel', 0),
      weightSeed(43, 'dense_1', 'kernel', 0),
      weightSeed(42, 'dense_2', 'kernel', 0),
      weightSeed(42, 'dense_1', 'bias', 0),
      weightSeed(42, 'dense_1', 'kernel', 1),
      weightSeed(42, 'a', 'b/c', 0),
      weightSeed(42, 'a/b', 'c', 0),
    ])
    expect(seeds.size).toBe(7)
    for (const seed of seeds) expect(Number.isSafeInteger(seed) && seed >= 0).toBe(true)
  })
})

/** One batch of 4 through the real trainer (task, optimizer, seeded noise); the first batch's loss. */
async function firstBatchLoss(doc: ProjectDocument, seed: number): Promise<number> {
  const config = {
    ...doc.training,
    seed,
    epochs: 1,
    batchSize: 4,
    diffusion: { ...doc.training.diffusion, timesteps: 4, samplingSteps: 2, keepSteps: 2, samples: 1 },
    autoencoder: { ...doc.training.autoencoder, samples: 1, latentPoints: 2 },
    languageModel: { ...doc.training.languageModel, samples: 1, sampleLength: 2 },
  }
  const split: DatasetSplit = {
    train: Int32Array.from([0, 1, 2, 3]),
    validation: Int32Array.from([4, 5]),
    test: Int32Array.from([6, 7]),
  }
  const data = await loadDataset(config.dataset, nodeDatasetSources())
  if (!data.ok) throw new Error(data.message.en)
  const { dataset } = normalizeDataset(data.dataset, split, config.normalization)
  const seededDoc = { ...doc, training: config }
  const compiled = compileModel(tf, seededDoc)
  if (!compiled.ok) throw new Error(compiled.message)
  const events: TrainingEvent[] = []
  try {
    const trainer = createTrainer({
      tf,
      model: compiled.model,
      graph: {
        document: seededDoc,
        layerNames: compiled.layerNames,
        inputs: compiled.inputs,
        outputs: compiled.outputs,
      },
      dataset,
      split,
      config,
      onEvent: (event) => events.push(event),
      readbackMs: 0,
      maxBatchesPerEpoch: 1,
    })
    const result = await trainer.start()
    expect(result.error).toBeUndefined()
  } finally {
    compiled.model.dispose()
  }
  const batch = events.find((e) => e.event === 'batch')
  if (batch?.event !== 'batch') throw new Error('no batch event')
  return batch.loss
}

// Diffusion (U-Net, timestep embedding, group normalisation), a denoising autoencoder (seeded
// input noise), Transformers (attention, positional embedding), recurrent layers (orthogonal
// kernels) and networks with dropout: the trainer draws the masks from the run's seed
// (training/random-source.ts).
describe('same seed ⇒ identical first-batch loss through the real trainer', () => {
  it.each([
    'ddpm-mnist',
    'autoencoder-conv-denoising',
    'transformer-names',
    'lstm-names',
    'gan-mlp',
    'alexnet-mini',
    'transformer-encoder',
    'gru-classifier',
  ])('%s', { timeout: 240_000 }, async (id) => {
    const doc = loadTemplate(id)
    const a = await firstBatchLoss(doc, 11)
    const b = await firstBatchLoss(doc, 11)
    const c = await firstBatchLoss(doc, 12)
    expect(Number.isFinite(a)).toBe(true)
    expect(b).toBe(a)
    expect(c).not.toBe(a)
  })
})

describe('dropout masks', () => {
  const x = () => tf.ones([1, 64])

  it("differ from step to step and repeat from run to run under the run's seeded source", () => {
    const layer = tf.layers.dropout({ rate: 0.5 })
    const masksOf = (seed: number) => {
      const rng = createRng(seed)
      return [0, 1].map(() =>
        withRandomSource(rng.next, () =>
          tf.tidy(() => Array.from((layer.apply(x(), { training: true }) as tf.Tensor).dataSync())),
        ),
      )
    }
    const [first, second] = masksOf(7)
    expect(second).not.toEqual(first) // a new mask every batch
    expect(masksOf(7)).toEqual([first, second]) // the same masks in a new run
    expect(masksOf(8)[0]).not.toEqual(first)
  })

  it('leave Math.random alone outside the step, also when the step throws', () => {
    const original = Math.random
    expect(() =>
      withRandomSource(
        () => 0.5,
        () => {
          throw new Error('step failed')
        },
      ),
    ).toThrow('step failed')
    expect(Math.random).toBe(original)
  })
})
