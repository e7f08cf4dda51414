import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import { customLayers } from '../../../src/core/layers/custom/index'
import { installWasmTrainingKernels } from '../../../src/core/training/wasm-kernels'
import { loadTemplate, TEMPLATE_IDS } from '../helpers'

/**
 * Every layer the templates use, on the wasm training path: the gradients of every weight of
 * every template's model (a scalar of all its outputs, batch 2, the same weights) on 'wasm' equal
 * those on tfjs' reference 'cpu' backend. This is what found tfjs-backend-wasm's wrong
 * MaxPoolGrad and batched _FusedMatMul bias; any other kernel it gets wrong fails here.
 * Inference mode (no dropout masks to match); AlexNet is left out (62 M parameters).
 */

const SKIP = new Set(['alexnet'])
/**
 * Float32 sums in another order, through up to ~30 layers (mobilenet-mini's worst weight: 3.8e-4);
 * the wrong kernels this caught were off by 0.15 and more.
 */
const TOLERANCE = 1e-3

/** Deterministic inputs: whole numbers 0–2 plus a small fraction (tokens after truncation, pixels as they are). */
function inputFor(shape: (number | null)[]): tf.Tensor {
  const full = shape.map((d) => d ?? 2)
  const size = full.reduce((a, b) => a * b, 1)
  const values = Float32Array.from({ length: size }, (_, i) => ((i * 7) % 3) + ((i * 13) % 97) / 1000)
  return tf.tensor(values, full)
}

/** Each trainable weight's gradient of Σ outputs², on the backend now set, with the given weights. */
function gradients(id: string, weights: tf.Tensor[] | null): { grads: Float32Array[]; weights: tf.Tensor[] } {
  const compiled = compileModel(tf, loadTemplate(id))
  if (!compiled.ok) throw new Error(`${id}: ${compiled.message}`)
  const model = compiled.model
  if (weights) model.setWeights(weights)
  const inputs = model.inputs.map((input) => inputFor(input.shape))
  const variables = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val)
  const { grads } = tf.variableGrads(() => {
    const out = model.apply(inputs, { training: false }) as tf.Tensor | tf.Tensor[]
    const outs = Array.isArray(out) ? out : [out]
    return tf.addN(outs.map((o) => tf.sum(tf.square(o)))) as tf.Scalar
  }, variables)
  const values = variables.map((v) => grads[v.name].dataSync() as Float32Array)
  const kept = model.getWeights().map((w) => w.clone())
  tf.dispose([...inputs, ...Object.values(grads)])
  model.dispose()
  return { grads: values, weights: kept }
}

describe('the templates train on wasm with the gradients of the cpu reference', () => {
  beforeAll(async () => {
    customLayers(tf)
    installWasmTrainingKernels(tf)
  })
  afterAll(async () => {
    await tf.setBackend('cpu')
  })

  it.each(TEMPLATE_IDS.filter((id) => !SKIP.has(id)))('%s', async (id) => {
    await tf.setBackend('cpu')
    const reference = gradients(id, null)
    await tf.setBackend('wasm')
    const wasm = gradients(id, reference.weights)
    tf.dispose(reference.weights)
    tf.dispose(wasm.weights)
    expect(wasm.grads.length).toBe(reference.grads.length)
    const largest = (values: Float32Array) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
    // Some gradients are zero in exact arithmetic (a bias in front of a LayerNorm, which removes
    // any constant): both backends then hold rounding noise, and only the network's gradient
    // scale says how large that noise may be. So each weight is compared relative to its own
    // largest gradient, or to 1 % of the largest gradient in the network if that is larger.
    const floor = 0.01 * Math.max(1e-12, ...reference.grads.map(largest))
    reference.grads.forEach((want, i) => {
      const got = wasm.grads[i]
      let worst = 0
      for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]))
      expect(worst / Math.max(floor, largest(want)), `${id}: weight ${i}'s gradient`).toBeLessThan(TOLERANCE)
    })
  })
})
