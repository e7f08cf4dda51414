import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { ADAM_KERNEL, adamUpdateKernel } from './fused-adam'
import { conv2dBackpropFilter, conv2dBackpropInput } from './wasm-conv-grads'
import { ELEMENTWISE } from './wasm-elementwise'
import { trainingMatMul } from './wasm-matmul'
import { POOL_PAD } from './wasm-pool-pad'

/**
 * Makes tfjs' WebAssembly backend ('wasm', tfjs-backend-wasm 4.22) a complete training backend:
 *
 * 1. Fast convolution gradients built on its XNNPACK forward convolution (wasm-conv-grads.ts):
 *    it has no Conv2DBackpropFilter and a slow Conv2DBackpropInput. Matrix products with a
 *    transposed operand (every dense layer's backward pass) transpose first (wasm-matmul.ts).
 *    Tanh, LeakyRelu, the comparisons, AvgPoolGrad and PadV2, slow in its build, are replaced
 *    (wasm-elementwise.ts, wasm-pool-pad.ts); each covers the common case and hands the rest to
 *    wasm's own kernel. Our own WebAssembly SIMD kernels, on its memory (wasm-simd.ts), run
 *    BatchMatMul on operands XNNPACK would first have to repack (wasm-gemm.ts) and Adam's
 *    update (wasm-adam.ts, called by fused-adam.ts's optimizer).
 * 2. Every other kernel that the 'cpu' backend has and 'wasm' lacks (depthwise-conv gradients,
 *    some pooling gradients, a few rarer ops) runs on the cpu backend: the
 *    inputs are copied out of wasm memory, the cpu kernel runs, the outputs are copied back. Slow
 *    for those kernels, but any model that trains on 'cpu' trains here too, never "kernel not
 *    registered" half-way through a run.
 *
 * Call after the wasm backend is registered (importing '@tensorflow/tfjs-backend-wasm'), before
 * or after it is set. Installing twice is a no-op.
 */

const BACKEND = 'wasm'
/** Marks our kernel functions (a registry-wide symbol, so that two copies of this module agree). */
const OURS = Symbol.for('layercanvas.wasmTrainingKernel')
type Marked = tfjs.KernelFunc & { [OURS]?: true }

/** The parts of tfjs' backends the bridge uses; not in tfjs' public typings. */
interface BackendLike {
  readSync(dataId: tfjs.DataId): tfjs.backend_util.BackendValues
  write(values: tfjs.backend_util.BackendValues, shape: number[], dtype: tfjs.DataType): tfjs.DataId
  disposeData(dataId: tfjs.DataId, force?: boolean): boolean
}

/** Kernels replaced even though wasm has them: its own is much slower than ours. */
const FAST: Record<string, (tf: Tf, params: Parameters<tfjs.KernelFunc>[0]) => tfjs.TensorInfo> = {
  Conv2DBackpropFilter: conv2dBackpropFilter,
  Conv2DBackpropInput: conv2dBackpropInput,
}

/**
 * Kernels wasm has but gets wrong, run on the cpu backend instead (found by the tests that
 * compare every training kernel, and every template's gradients, with the cpu backend):
 * - MaxPoolGrad (4.22) sends the gradient to other elements than the window's maximum, even for
 *   2×2 windows tiling an 8×8 input exactly;
 * - ResizeNearestNeighborGrad (UpSampling2D's gradient, in the DDPM U-Net) is off by up to 76 %.
 */
const WRONG_ON_WASM = new Set(['MaxPoolGrad', 'ResizeNearestNeighborGrad'])

function channelsLast(attrs: tfjs.NamedAttrMap): boolean {
  return attrs.dataFormat === undefined || attrs.dataFormat === 'NHWC' || attrs.dataFormat === 'channelsLast'
}

function typedFor(dtype: tfjs.DataType, values: tfjs.backend_util.BackendValues): tfjs.backend_util.BackendValues {
  if (dtype === 'bool' && !(values instanceof Uint8Array)) return Uint8Array.from(values as ArrayLike<number>)
  if (dtype === 'int32' && !(values instanceof Int32Array)) return Int32Array.from(values as ArrayLike<number>)
  return values
}

/** A wasm kernel that runs the cpu backend's `kernel` on copies of its inputs. */
function bridged(tf: Tf, kernel: tfjs.KernelConfig): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const cpu = tf.findBackend('cpu') as unknown as BackendLike & tfjs.KernelBackend
    const wasm = backend as unknown as BackendLike
    const made: tfjs.DataId[] = []
    const copy = (info: tfjs.TensorInfo | undefined): tfjs.TensorInfo | undefined => {
      if (!info) return info
      const dataId = cpu.write(wasm.readSync(info.dataId), info.shape, info.dtype)
      made.push(dataId)
      return { dataId, shape: info.shape, dtype: info.dtype }
    }
    // Kernels like Concat take an array of inputs rather than a name → tensor map.
    const cpuInputs = Array.isArray(inputs)
      ? (inputs as tfjs.TensorInfo[]).map(copy)
      : Object.fromEntries(Object.entries(inputs).map(([name, info]) => [name, copy(info)]))
    try {
      const result = kernel.kernelFunc({ inputs: cpuInputs as tfjs.NamedTensorInfoMap, backend: cpu, attrs })
      const outputs = Array.isArray(result) ? result : [result]
      const back = outputs.map((out) => {
        made.push(out.dataId)
        const values = typedFor(out.dtype, cpu.readSync(out.dataId))
        return { dataId: wasm.write(values, out.shape, out.dtype), shape: out.shape, dtype: out.dtype }
      })
      return Array.isArray(result) ? back : back[0]
    } finally {
      for (const dataId of made) cpu.disposeData(dataId, true)
    }
  }
}

export function installWasmTrainingKernels(tf: Tf): void {
  const probe = tf.getKernel('Conv2DBackpropFilter', BACKEND) as tfjs.KernelConfig | undefined
  if (probe && (probe.kernelFunc as Marked)[OURS]) return
  const register = (kernelName: string, kernelFunc: Marked, original?: tfjs.KernelConfig) => {
    kernelFunc[OURS] = true
    // The original's setup (binding its WebAssembly function) must still run when the backend starts.
    const { setupFunc, disposeFunc } = original ?? {}
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc, setupFunc, disposeFunc })
  }
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(name, BACKEND) as tfjs.KernelConfig | undefined
    const reference = tf.getKernel(name, 'cpu') as tfjs.KernelConfig | undefined
    if (!original || !reference) continue
    tf.unregisterKernel(name, BACKEND)
    register(name, trainingMatMul(tf, original, bridged(tf, reference), name === 'BatchMatMul'), original)
  }
  for (const [name, fast] of Object.entries({ ...ELEMENTWISE, ...POOL_PAD })) {
    const original = tf.getKernel(name, BACKEND) as tfjs.KernelConfig | undefined
    if (!original) continue
    tf.unregisterKernel(name, BACKEND)
    register(name, (params) => fast(tf, params) ?? original.kernelFunc(params), original)
  }
  // Adam's fused update (not a tfjs kernel: our optimizer calls it; see fused-adam.ts).
  register(ADAM_KERNEL, adamUpdateKernel)
  const wasmKernels = new Set(tf.getKernelsForBackend(BACKEND).map((k) => k.kernelName))
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    const name = kernel.kernelName
    const fast = FAST[name]
    if (fast) {
      const original = tf.getKernel(name, BACKEND) as tfjs.KernelConfig | undefined
      const fallback = bridged(tf, kernel)
      if (original) tf.unregisterKernel(name, BACKEND)
      // Channels-first convolutions (never made by our layers) keep the reference path.
      register(name, (params) => (channelsLast(params.attrs ?? {}) ? fast(tf, params) : fallback(params)))
    } else if (!wasmKernels.has(name) || WRONG_ON_WASM.has(name)) {
      if (wasmKernels.has(name)) tf.unregisterKernel(name, BACKEND)
      register(name, bridged(tf, kernel))
    }
  }
}
