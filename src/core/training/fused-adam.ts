import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { ADAM_ATTR_ORDER, type AdamAttrs } from './wasm-adam'
import type { WasmMemory } from './wasm-scratch'
import { simdKernelsFor } from './wasm-simd'

/**
 * tfjs' AdamOptimizer, with the per-weight update run as one kernel (wasm-adam.ts) when the
 * backend is our wasm training backend. Everywhere else (cpu, WebGL, WebGPU, or a wasm build that
 * cannot run the kernel) it is tfjs' own applyGradients, untouched. Same class name ('Adam'),
 * config, slots (m and v per weight, the β powers), getWeights/setWeights and results: the
 * fused update is bit-identical to tfjs' on wasm.
 */

/** Our kernel's name in tfjs' registry (registered for 'wasm' by installWasmTrainingKernels). */
export const ADAM_KERNEL = 'LayercanvasAdamUpdate'

/** The kernel: inputs x (the weight), gradient, m, v (float32, one shape); outputs [x', m', v']. */
export const adamUpdateKernel: tfjs.KernelFunc = ({ inputs, backend, attrs }) => {
  const kernels = simdKernelsFor(backend)
  if (!kernels) throw new Error(`${ADAM_KERNEL} needs tfjs' wasm backend with SIMD and unshared memory`)
  const { x, gradient, m, v } = inputs as Record<string, tfjs.TensorInfo>
  for (const input of [x, gradient, m, v]) {
    if (input.dtype !== 'float32' || input.shape.join() !== x.shape.join()) {
      throw new Error(`${ADAM_KERNEL}: every input must be float32 of shape [${x.shape.join(', ')}]`)
    }
  }
  const wasm = backend as unknown as WasmMemory
  const outputs = [0, 1, 2].map(() => wasm.makeOutput(x.shape, 'float32'))
  // Addresses after the allocations, which may grow memory (addresses stay; views would not).
  const address = (info: tfjs.TensorInfo) => wasm.typedArrayFromHeap(info).byteOffset
  const count = x.shape.reduce((a, b) => a * b, 1)
  const values = ADAM_ATTR_ORDER.map((name) => (attrs as unknown as AdamAttrs)[name])
  kernels.adam(address(x), address(gradient), address(m), address(v), ...outputs.map(address), count, ...values)
  return outputs
}

/** AdamOptimizer's fields (protected or private in its typings) that the update reads. */
interface AdamFields {
  learningRate: number
  beta1: number
  beta2: number
  epsilon: number
  accBeta1: tfjs.Variable
  accBeta2: tfjs.Variable
  accumulatedFirstMoment: { originalName: string; variable: tfjs.Variable }[]
  accumulatedSecondMoment: { originalName: string; variable: tfjs.Variable }[]
}

type Gradients = Parameters<tfjs.AdamOptimizer['applyGradients']>[0]
type AdamClass = new (learningRate: number, beta1: number, beta2: number, epsilon?: number) => tfjs.AdamOptimizer

const classes = new WeakMap<object, AdamClass>()

/** Whether this backend runs our kernel now (checked at every update: the backend can change mid-run). */
function fusedReady(tf: Tf): boolean {
  if (tf.getBackend() !== 'wasm' || !tf.getKernel(ADAM_KERNEL, 'wasm')) return false
  return simdKernelsFor(tf.backend()) !== null
}

function fusedAdamClass(tf: Tf): AdamClass {
  const known = classes.get(tf)
  if (known) return known
  class FusedAdam extends tf.AdamOptimizer {
    override applyGradients(variableGradients: Gradients): void {
      if (!fusedReady(tf)) return super.applyGradients(variableGradients)
      const self = this as unknown as AdamFields
      const names = Array.isArray(variableGradients)
        ? variableGradients.map((v) => v.name)
        : Object.keys(variableGradients)
      tf.tidy(() => {
        // 1 − βᵗ in float32 from tfjs' float32 β powers, exactly as its own update computes them.
        const biasCorrection1 = tf.sub(1, self.accBeta1).dataSync()[0]
        const biasCorrection2 = tf.sub(1, self.accBeta2).dataSync()[0]
        const attrs: AdamAttrs = {
          beta1: self.beta1,
          oneMinusBeta1: 1 - self.beta1,
          beta2: self.beta2,
          oneMinusBeta2: 1 - self.beta2,
          biasCorrection1,
          biasCorrection2,
          epsilon: self.epsilon,
          negativeLearningRate: -self.learningRate,
        }
        names.forEach((name, i) => {
          const value = tf.engine().registeredVariables[name]
          // Slots made as tfjs makes them, so getWeights/setWeights and checkpoints are unchanged.
          self.accumulatedFirstMoment[i] ??= {
            originalName: `${name}/m`,
            variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
          }
          self.accumulatedSecondMoment[i] ??= {
            originalName: `${name}/v`,
            variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
          }
          const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name]
          if (gradient == null) return
          const m = self.accumulatedFirstMoment[i].variable
          const v = self.accumulatedSecondMoment[i].variable
          const [newValue, newM, newV] = tf
            .engine()
            .runKernel(
              ADAM_KERNEL,
              { x: value, gradient, m, v },
              attrs as unknown as tfjs.NamedAttrMap,
            ) as tfjs.Tensor[]
          m.assign(newM)
          v.assign(newV)
          value.assign(newValue)
        })
        self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1))
        self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2))
      })
      this.incrementIterations()
    }
  }
  classes.set(tf, FusedAdam)
  return FusedAdam
}

/** An Adam optimizer: tfjs' own, with the fused update on the wasm backend. */
export function fusedAdam(tf: Tf, learningRate: number, beta1 = 0.9, beta2 = 0.999): tfjs.AdamOptimizer {
  return new (fusedAdamClass(tf))(learningRate, beta1, beta2)
}
