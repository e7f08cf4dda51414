import type { ParamValues } from '../../../params/schema'
import type { multiHeadAttention } from '../../../layers/kinds/multi-head-attention'
import type { positionalEmbedding } from '../../../layers/kinds/positional-embedding'
import { sinusoidalTable } from '../../../layers/custom/positional-embedding'
import { attr } from '../builder'
import { knownDim, optionalWeight, weight, type ConvertContext, type Converter } from '../converter'

/**
 * MultiHeadAttention composed from MatMul, Reshape, Transpose and Softmax, step by step as
 * the tfjs layer computes it (src/core/layers/custom/multi-head-attention.ts):
 *   Q = (x·Wq + bq) / √keyDim, K = z·Wk + bk, V = z·Wv + bv   (per head: [N, H, T, keyDim])
 *   A = softmax(Q·Kᵀ [+ causal mask]);  y = concat_heads(A·V)·Wo + bo
 * The causal mask is a constant [Tq, Tv] table (0 where allowed, −1e9 above the diagonal, as
 * tfjs adds), so both sequence lengths must be known.
 */
export const convertMultiHeadAttention: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof multiHeadAttention)['params']>
  const g = ctx.g
  const query = ctx.inputs[0]
  const value = ctx.inputs[1] ?? query
  const heads = p.numHeads
  const keyDim = p.keyDim
  const hk = heads * keyDim

  const project = (x: string, name: 'query' | 'key' | 'value'): string => {
    const kernel = weight(ctx, `${name}/kernel`)
    let y = g.op('MatMul', [x, g.floatConst(`${name}_kernel`, [kernel.shape[0], hk], kernel.data)])
    const bias = optionalWeight(ctx, `${name}/bias`)
    if (bias) y = g.op('Add', [y, g.floatConst(`${name}_bias`, [hk], bias.data)])
    return g.op('Reshape', [y, g.int64([0, 0, heads, keyDim])]) // [N, T, H, K]
  }
  const q = g.op('Mul', [g.transpose(project(query, 'query'), [0, 2, 1, 3]), g.scalar(1 / Math.sqrt(keyDim))])
  const kT = g.transpose(project(value, 'key'), [0, 2, 3, 1]) // [N, H, K, Tv]
  const v = g.transpose(project(value, 'value'), [0, 2, 1, 3]) // [N, H, Tv, K]
  let scores = g.op('MatMul', [q, kT]) // [N, H, Tq, Tv]
  if (p.causal) scores = g.op('Add', [scores, causalMask(ctx)])
  const weights = g.op('Softmax', [scores], { axis: attr.i(-1) })
  const context = g.op('Reshape', [g.transpose(g.op('MatMul', [weights, v]), [0, 2, 1, 3]), g.int64([0, 0, hk])])
  const out = weight(ctx, 'attention_output/kernel')
  let y = g.op('MatMul', [context, g.floatConst('output_kernel', [hk, out.shape[2]], out.data)])
  const outBias = optionalWeight(ctx, 'attention_output/bias')
  if (outBias) y = g.op('Add', [y, g.floatConst('output_bias', outBias.shape, outBias.data)])
  return y
}

function causalMask(ctx: ConvertContext): string {
  const tq = knownDim(ctx.inputShapes[0][0], {
    en: 'query sequence length (for the causal mask)',
    'zh-CN': '查询序列长度（因果掩码需要）',
  })
  const tv = knownDim((ctx.inputShapes[1] ?? ctx.inputShapes[0])[0], {
    en: 'key/value sequence length (for the causal mask)',
    'zh-CN': '键/值序列长度（因果掩码需要）',
  })
  const mask = new Float32Array(tq * tv)
  for (let i = 0; i < tq; i++) for (let j = i + 1; j < tv; j++) mask[i * tv + j] = -1e9
  return ctx.g.floatConst('causal_mask', [tq, tv], mask)
}

/** Adds a constant [steps, dim] table: the sinusoidal one, or the first `steps` rows of the learned one. */
export const convertPositionalEmbedding: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof positionalEmbedding)['params']>
  const [steps, dimension] = ctx.inputShapes[0]
  const t = knownDim(steps, { en: 'sequence length', 'zh-CN': '序列长度' })
  const d = knownDim(dimension, { en: 'vector size', 'zh-CN': '向量长度' })
  const table = p.mode === 'learned' ? weight(ctx, 'embeddings').data.slice(0, t * d) : sinusoidalTable(t, d)
  return ctx.g.op('Add', [ctx.inputs[0], ctx.g.floatConst('positions', [t, d], table)])
}
