import { recurrentMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { GATED_RNN_PARAMS, buildRnn, rnnOutputShape, rnnWeights } from './rnn-params'
import { kerasRnn, torchRnn } from '../../codegen/python/rnn'

export const gru = defineLayerKind({
  id: 'gru',
  category: 'recurrent',
  label: { en: 'GRU', 'zh-CN': '门控循环单元（GRU）' },
  inputs: { min: 1, max: 1 },
  params: GATED_RNN_PARAMS,
  inferShape: ([input], p) => rnnOutputShape(input, p.units, p.returnSequences),
  // Three blocks (update gate, reset gate, candidate). tfjs 4.22 has no reset_after option, so
  // the bias is a single vector of 3·units, not Keras' default 2×3·units.
  paramCount: ([input], p) => ({ trainable: rnnWeights(input, p.units, 3), nonTrainable: 0 }),
  macs: ([input], p) => recurrentMacs(input, p.units, 3),
  build: (tf, p, { name }) => buildRnn(tf, 'gru', { ...p, name }),
  summary: (p) => `${p.units}${p.returnSequences ? ' · seq' : ''}`,
  code: {
    keras: (p, ctx) => kerasRnn('gru', p, ctx),
    pytorch: (p, ctx) => torchRnn('gru', p, ctx),
  },
  docs: {
    en: {
      summary:
        'A lighter cousin of LSTM: two gates decide how much of the old state to keep and how much to replace with a new candidate. Fewer weights, often just as good.',
      formula:
        "zₜ = σ(W_z·xₜ + U_z·hₜ₋₁ + b_z); rₜ = σ(W_r·xₜ + U_r·hₜ₋₁ + b_r); h̃ₜ = f(W_h·xₜ + U_h·(rₜ⊙hₜ₋₁) + b_h); hₜ = zₜ⊙hₜ₋₁ + (1 − zₜ)⊙h̃ₜ; σ: the gate activation (sigmoid, or tfjs's hard sigmoid clip(0.2x + 0.5, 0, 1))",
      whenToUse:
        'The same sequence tasks as LSTM when you want a smaller, faster model; try both and keep the one that validates better.',
    },
    'zh-CN': {
      summary: 'LSTM 的精简版：用两个门决定保留多少旧状态、用多少新候选状态替换。参数更少，效果往往不相上下。',
      formula:
        'zₜ = σ(W_z·xₜ + U_z·hₜ₋₁ + b_z)；rₜ = σ(W_r·xₜ + U_r·hₜ₋₁ + b_r)；h̃ₜ = f(W_h·xₜ + U_h·(rₜ⊙hₜ₋₁) + b_h)；hₜ = zₜ⊙hₜ₋₁ + (1 − zₜ)⊙h̃ₜ；σ：门的激活函数（Sigmoid，或 tfjs 的硬 Sigmoid clip(0.2x + 0.5, 0, 1)）',
      whenToUse: '与 LSTM 相同的序列任务，但希望模型更小、更快时使用；可以两者都试一试，保留验证效果更好的那个。',
    },
  },
})
