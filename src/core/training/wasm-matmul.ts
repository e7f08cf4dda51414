import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { withScratch, type Backend, type Info } from './wasm-scratch'

/**
 * Matrix products with a transposed operand, for tfjs' wasm backend: transpose the operand
 * explicitly, then multiply untransposed. Its own BatchMatMul and _FusedMatMul with transposeA or
 * transposeB take a path about 9× slower than without (a dense layer's weight gradient xᵀ·dy,
 * [784, 64]·[64, 128]: 9.0 ms against 1.0 ms + a 0.08 ms transpose), and every dense layer's
 * backward pass uses both. Same sums, same order: the results are identical.
 */
export function untransposedMatMul(tf: Tf, original: tfjs.KernelConfig, reference: tfjs.KernelFunc): tfjs.KernelFunc {
  return (params) => {
    const attrs = params.attrs as unknown as { transposeA?: boolean; transposeB?: boolean }
    const inputs = params.inputs as Record<string, Info>
    // tfjs-backend-wasm 4.22's _FusedMatMul adds the bias wrongly when there is more than one
    // matrix in the batch (off by up to 1.0 in the tests): those go to the reference kernel.
    const batched = (x: Info) => x.shape.slice(0, -2).reduce((a, b) => a * b, 1) > 1
    if (inputs.bias && (batched(inputs.a) || batched(inputs.b))) return reference(params)
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(params)
    return withScratch(tf, params.backend as Backend, ({ run }) => {
      const flip = (x: Info) => {
        const perm = x.shape.map((_, i) => i)
        const r = perm.length
        ;[perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]]
        return run('Transpose', { x }, { perm })
      }
      const a = attrs.transposeA ? flip(inputs.a) : inputs.a
      const b = attrs.transposeB ? flip(inputs.b) : inputs.b
      const out = original.kernelFunc({
        ...params,
        inputs: { ...inputs, a, b },
        attrs: { ...(params.attrs ?? {}), transposeA: false, transposeB: false },
      }) as Info
      return out
    })
  }
}
