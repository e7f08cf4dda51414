import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'

/**
 * A fix for a wrong kernel of tfjs' pure-JS 'cpu' backend (tfjs-backend-cpu 4.22):
 * ResizeBilinearGrad (the gradient of UpSampling2D with bilinear interpolation) fills its
 * values in [batch, height, width, depth] order but labels them [batch, width, height, depth],
 * so training any non-square feature map through bilinear up-sampling throws ("the gradient of
 * input 'images' has shape …"). The values are right; only the shape is swapped back here.
 * Found by test/unit/training/wasm-kernels.test.ts, whose wasm kernel gets it right.
 */

const KERNEL = 'ResizeBilinearGrad'
const FIXED = Symbol.for('layercanvas.fixedCpuResizeBilinearGrad')
type Marked = tfjs.KernelFunc & { [FIXED]?: true }

export function installCpuKernelFixes(tf: Tf): void {
  const original = tf.getKernel(KERNEL, 'cpu') as tfjs.KernelConfig | undefined
  if (!original || (original.kernelFunc as Marked)[FIXED]) return
  const fixed: Marked = (params) => {
    const out = original.kernelFunc(params) as tfjs.TensorInfo
    const { images } = params.inputs as { images: tfjs.TensorInfo }
    return { ...out, shape: [...images.shape] }
  }
  fixed[FIXED] = true
  tf.unregisterKernel(KERNEL, 'cpu')
  tf.registerKernel({ ...original, kernelFunc: fixed })
}
