import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { gemm } from './wasm-gemm'
import { withScratch, type Backend, type Info, type WasmMemory } from './wasm-scratch'
import { simdKernelsFor, type SimdKernels } from './wasm-simd'

/**
 * Matrix products for tfjs' wasm backend during training.
 *
 * - BatchMatMul on a B it has not seen runs our unpacked SIMD product (wasm-gemm.ts) instead of
 *   XNNPACK, which would first repack B into its layout; during training every B is new at every
 *   step (updated weights, gradients, transposes). A B seen before goes to XNNPACK, which packs
 *   it once and reuses the packing from then on.
 * - A transposed B is transposed explicitly first (for either kernel); a transposed A too when
 *   XNNPACK runs, while ours reads it in place. wasm's own BatchMatMul and _FusedMatMul with
 *   transposeA or transposeB take a path about 9× slower than without (a dense layer's weight
 *   gradient xᵀ·dy, [784, 64]·[64, 128]: 9.0 ms against 1.0 ms + a 0.08 ms transpose), and every
 *   dense layer's backward pass uses both.
 * Both kernels sum in the same order: the results are identical to wasm's own kernel.
 */

/** B operands already multiplied once (by their data ids, which tfjs' wasm backend keeps per tensor). */
const seenAsB = new WeakSet<object>()

const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1)

/**
 * a·b (aᵀ·b when `transposedA`: read in place) with our kernels, for float32 operands whose batch
 * dimensions are equal or one side's are all 1 (null otherwise: the caller runs wasm's own kernel).
 */
function simdProduct(
  tf: Tf,
  backend: Backend,
  kernels: SimdKernels,
  a: Info,
  b: Info,
  transposedA: boolean,
): Info | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null
  const [M, K] = transposedA ? a.shape.slice(-2).reverse() : a.shape.slice(-2)
  const N = b.shape[b.shape.length - 1]
  const batchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2))
  const batch = product(batchShape)
  const [batchA, batchB] = [product(a.shape.slice(0, -2)), product(b.shape.slice(0, -2))]
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return null
  const wasm = backend as unknown as WasmMemory
  const out = wasm.makeOutput([...batchShape, M, N], 'float32')
  // Addresses after the allocation, which may grow memory (addresses stay; views would not).
  const address = (info: Info) => wasm.typedArrayFromHeap(info).byteOffset
  const [pa, pb, pc] = [address(a), address(b), address(out)]
  for (let i = 0; i < batch; i++) {
    const offsetA = batchA === 1 ? 0 : i * M * K * 4
    const offsetB = batchB === 1 ? 0 : i * K * N * 4
    gemm(kernels.gemm, pa + offsetA, pb + offsetB, pc + i * M * N * 4, M, K, N, transposedA)
  }
  return out
}

/**
 * Wraps wasm's BatchMatMul (`plain`) or _FusedMatMul (bias and activation: left to XNNPACK,
 * whose operator caches the packed weights of inference, where they do not change).
 */
export function trainingMatMul(
  tf: Tf,
  original: tfjs.KernelConfig,
  reference: tfjs.KernelFunc,
  plain = false,
): tfjs.KernelFunc {
  return (params) => {
    const attrs = params.attrs as unknown as { transposeA?: boolean; transposeB?: boolean }
    const inputs = params.inputs as Record<string, Info>
    const backend = params.backend as Backend
    // tfjs-backend-wasm 4.22's _FusedMatMul adds the bias wrongly when there is more than one
    // matrix in the batch (off by up to 1.0 in the tests): those go to the reference kernel.
    const batched = (x: Info) => x.shape.slice(0, -2).reduce((a, b) => a * b, 1) > 1
    if (inputs.bias && (batched(inputs.a) || batched(inputs.b))) return reference(params)
    const kernels = plain ? simdKernelsFor(backend) : null
    const fresh = kernels !== null && (attrs.transposeB || !seenAsB.has(inputs.b.dataId))
    if (!fresh && !attrs.transposeA && !attrs.transposeB) return original.kernelFunc(params)
    if (!attrs.transposeB) seenAsB.add(inputs.b.dataId)
    return withScratch(tf, backend, ({ run }) => {
      const flip = (x: Info) => {
        const perm = x.shape.map((_, i) => i)
        const r = perm.length
        ;[perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]]
        return run('Transpose', { x }, { perm })
      }
      const b = attrs.transposeB ? flip(inputs.b) : inputs.b
      // Ours reads a transposed A in place; XNNPACK needs it transposed first.
      const ours = fresh ? simdProduct(tf, backend, kernels, inputs.a, b, Boolean(attrs.transposeA)) : null
      if (ours) return ours
      const a = attrs.transposeA ? flip(inputs.a) : inputs.a
      return original.kernelFunc({
        ...params,
        inputs: { ...inputs, a, b },
        attrs: { ...(params.attrs ?? {}), transposeA: false, transposeB: false },
      }) as Info
    })
  }
}
