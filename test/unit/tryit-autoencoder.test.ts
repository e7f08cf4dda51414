import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../src/cli/dataset-sources'
import { compileModel } from '../../src/core/compile/compile'
import { loadDataset } from '../../src/core/data/registry'
import { splitFor } from '../../src/core/data/split'
import { reconstructionInput, runReconstruction, TRYIT_EXAMPLES } from '../../src/core/tryit/autoencoder'
import { noiseVector } from '../../src/core/tryit/run'
import { tryItSpec } from '../../src/core/tryit/spec'
import { loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

/**
 * Try it on the autoencoder templates (MNIST): a picture in, the reconstruction out; the
 * denoising one's input gets the project's noise (σ = inputNoise) from a seed. The test
 * samples offered are the test split's own pixels, and the output is tfjs' model.predict.
 */
async function prepared(id: string) {
  const doc = loadTemplate(id)
  const loaded = await loadDataset(doc.training.dataset, nodeDatasetSources())
  if (!loaded.ok) throw new Error(loaded.error)
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  const io = {
    inputs: [{ nodeId: compiled.inputs[0], shape: [null, 28, 28, 1], dtype: 'float32' as const }],
    outputs: [{ nodeId: compiled.outputs[0], shape: [null, 28, 28, 1], dtype: 'float32' as const }],
  }
  return { doc, dataset: loaded.dataset, model: compiled.model, spec: tryItSpec(doc, loaded.dataset, null, io) }
}

describe('Try it: autoencoders', () => {
  it('conv denoising: test samples from the test split, the input noised with σ from the project, seeded', async () => {
    const { doc, dataset, model, spec } = await prepared('autoencoder-conv-denoising')
    expect(spec.input).toMatchObject({ kind: 'image', height: 28, width: 28, channels: 1, draw: true })
    expect(spec.result).toBe('image')
    expect(spec.imageShape).toEqual([28, 28, 1])
    expect(spec.noise).toBe(doc.training.autoencoder.inputNoise)
    expect(spec.noise).toBeGreaterThan(0)
    const first = splitFor(dataset, doc.training.split).test[0]
    expect(spec.examples).toHaveLength(TRYIT_EXAMPLES)
    expect(spec.examples![0]).toEqual(Array.from(dataset.features.subarray(first * 784, (first + 1) * 784)))

    const raw = Float32Array.from(spec.examples![0])
    const noise = noiseVector(784, 'normal', 5, spec.noise!)
    const expectedInput = raw.map((v, i) => v + noise[i])
    const predict = async ([x]: (Float32Array | Int32Array)[]) => {
      const y = model.predict(tf.tensor(x, [1, 28, 28, 1])) as import('@tensorflow/tfjs').Tensor
      const values = (await y.data()) as Float32Array
      y.dispose()
      return values
    }
    const outcome = await runReconstruction(spec, raw, 5, predict)
    expect(Array.from(outcome.input)).toEqual(Array.from(expectedInput))
    const direct = model.predict(tf.tensor(expectedInput, [1, 28, 28, 1])) as import('@tensorflow/tfjs').Tensor
    expect(Array.from(outcome.output)).toEqual(Array.from(await direct.data()))
    direct.dispose()
    expect(Array.from(reconstructionInput(spec, raw, 6))).not.toEqual(Array.from(outcome.input))
    model.dispose()
  })

  it('dense (no noise): the picture goes in as it is', async () => {
    const { model, spec } = await prepared('autoencoder-dense')
    expect(spec.noise).toBe(0)
    const raw = Float32Array.from(spec.examples![1])
    expect(Array.from(reconstructionInput(spec, raw, 5))).toEqual(Array.from(raw))
    model.dispose()
  })
})
