import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { installCpuKernelFixes } from './cpu-kernel-fixes'

/**
 * Faster replacements for slow kernels of tfjs' pure-JS 'cpu' backend (tfjs-backend-cpu 4.22).
 *
 * Conv2DBackpropFilter (the weight gradient of every conv2d, and of conv2dTranspose) reads each
 * element of x and dy through a generic TensorBuffer.get(b, r, c, d) accessor (rest arguments,
 * bounds checks, stride arithmetic per call); on a DCGAN training step it took ~95% of the time.
 * The replacement below indexes the typed arrays directly. It computes the same sum in the same
 * NHWC / [fh, fw, ci, co] layout: for every filter element the terms are added in the same order
 * (batch, output row, output column) into a Float64 accumulator, as the upstream kernel does in
 * its JS-number `dotProd`, and rounded to Float32 once at the end — so results match the
 * original bit for bit rather than merely within tolerance. Only channels-last is handled;
 * channels-first (and any non-typed-array input) goes to the original kernel.
 */

const KERNEL = 'Conv2DBackpropFilter'
const BACKEND = 'cpu'
/** Marks an installed replacement (a registry-wide symbol, so that two copies of this module agree). */
const FAST = Symbol.for('layercanvas.fastCpuConv2DBackpropFilter')

type KernelFunc = tfjs.KernelFunc
type KernelParams = Parameters<KernelFunc>[0]
type Marked = KernelFunc & { [FAST]?: KernelFunc }

/** The parts of tfjs' MathBackendCPU this kernel uses; not in tfjs' public typings. */
interface CpuBackendLike {
  data: { get(dataId: tfjs.DataId): { values?: unknown } }
  makeTensorInfo(shape: number[], dtype: tfjs.DataType, values: Float32Array): tfjs.TensorInfo
}

type NumericArray = Float32Array | Int32Array | Uint8Array

function numericValues(backend: CpuBackendLike, info: tfjs.TensorInfo): NumericArray | null {
  const values = backend.data.get(info.dataId).values
  return values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array ? values : null
}

/**
 * Replaces slow kernels of the 'cpu' backend with faster equivalents (and fixes a wrong one,
 * see cpu-kernel-fixes.ts). Does nothing when no
 * 'cpu' kernel is registered; installing again is a no-op (the original is kept only once).
 * Other backends (webgl, webgpu, tfjs-node's 'tensorflow') are never touched.
 */
export function installFastCpuKernels(tf: Tf): void {
  installCpuKernelFixes(tf)
  // getKernel is typed as always returning a config, but returns undefined when none is registered.
  const original = tf.getKernel(KERNEL, BACKEND) as tfjs.KernelConfig | undefined
  if (!original) return
  if ((original.kernelFunc as Marked)[FAST]) return
  const originalFunc = original.kernelFunc

  const fast: Marked = (params: KernelParams) => {
    const { inputs, attrs } = params
    const backend = params.backend as unknown as CpuBackendLike
    const { x, dy } = inputs as { x: tfjs.TensorInfo; dy: tfjs.TensorInfo }
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
      attrs as unknown as tfjs.Conv2DBackpropFilterAttrs
    const format = tf.backend_util.convertConv2DDataFormat(dataFormat)
    const xv = numericValues(backend, x)
    const dyv = numericValues(backend, dy)
    if (format !== 'channelsLast' || !xv || !dyv) return originalFunc(params)

    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      format,
    )
    const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info
    const {
      inChannels: ci,
      outChannels: co,
      batchSize: batches,
      inHeight: h,
      inWidth: w,
      outHeight: oh,
      outWidth: ow,
    } = info
    const top = info.padInfo.top
    const left = info.padInfo.left
    // Float64 accumulation, as the upstream kernel's `dotProd` (see the comment at the top).
    const dw = new Float64Array(fh * fw * ci * co)
    for (let b = 0; b < batches; b++) {
      for (let yR = 0; yR < oh; yR++) {
        for (let yC = 0; yC < ow; yC++) {
          const dyBase = ((b * oh + yR) * ow + yC) * co
          for (let wR = 0; wR < fh; wR++) {
            const xR = wR + yR * sh - top
            if (xR < 0 || xR >= h) continue
            for (let wC = 0; wC < fw; wC++) {
              const xC = wC + yC * sw - left
              if (xC < 0 || xC >= w) continue
              const xBase = ((b * h + xR) * w + xC) * ci
              const wBase = (wR * fw + wC) * ci * co
              for (let d1 = 0; d1 < ci; d1++) {
                const v = xv[xBase + d1]
                const o = wBase + d1 * co
                for (let d2 = 0; d2 < co; d2++) dw[o + d2] += v * dyv[dyBase + d2]
              }
            }
          }
        }
      }
    }
    return backend.makeTensorInfo(info.filterShape, 'float32', Float32Array.from(dw))
  }
  fast[FAST] = originalFunc

  tf.unregisterKernel(KERNEL, BACKEND)
  tf.registerKernel({ ...original, kernelFunc: fast })
}
