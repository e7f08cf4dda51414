import { recurrentMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { GATED_RNN_PARAMS, buildRnn, rnnOutputShape, rnnWeights } from './rnn-params'
import { kerasRnn, torchRnn } from '../../codegen/python/rnn'

export const lstm = defineLayerKind({
  id: 'lstm',
  category: 'recurrent',
  label: { en: 'LSTM', 'zh-CN': '长短期记忆层（LSTM）' },
  inputs: { min: 1, max: 1 },
  params: GATED_RNN_PARAMS,
  inferShape: ([input], p) => rnnOutputShape(input, p.units, p.returnSequences),
  // Four blocks: input, forget and output gates plus the candidate cell value.
  paramCount: ([input], p) => ({ trainable: rnnWeights(input, p.units, 4), nonTrainable: 0 }),
  macs: ([input], p) => recurrentMacs(input, p.units, 4),
  build: (tf, p, { name }) => buildRnn(tf, 'lstm', { ...p, name }),
  summary: (p) => `${p.units}${p.returnSequences ? ' · seq' : ''}`,
  code: {
    keras: (p, ctx) => kerasRnn('lstm', p, ctx),
    pytorch: (p, ctx) => torchRnn('lstm', p, ctx),
  },
  docs: {
    en: {
      summary:
        'A recurrent layer with a separate memory cell and three gates that learn what to forget, what to store and what to output, so it can remember over long sequences.',
      formula:
        "iₜ, fₜ, oₜ = σ(W·xₜ + U·hₜ₋₁ + b) (one W, U, b per gate); c̃ₜ = f(W_c·xₜ + U_c·hₜ₋₁ + b_c); cₜ = fₜ⊙cₜ₋₁ + iₜ⊙c̃ₜ; hₜ = oₜ⊙f(cₜ); σ: the gate activation (sigmoid, or tfjs's hard sigmoid clip(0.2x + 0.5, 0, 1))",
      whenToUse:
        'Text, time series and other sequences where something early matters much later: sentiment of a review, next-character prediction, sensor forecasting.',
    },
    'zh-CN': {
      summary:
        '带有独立记忆单元和三个门的循环层：门会学习该遗忘什么、该记住什么、该输出什么，因此能在长序列中保持记忆。',
      formula:
        'iₜ, fₜ, oₜ = σ(W·xₜ + U·hₜ₋₁ + b)（每个门各有一组 W、U、b）；c̃ₜ = f(W_c·xₜ + U_c·hₜ₋₁ + b_c)；cₜ = fₜ⊙cₜ₋₁ + iₜ⊙c̃ₜ；hₜ = oₜ⊙f(cₜ)；σ：门的激活函数（Sigmoid，或 tfjs 的硬 Sigmoid clip(0.2x + 0.5, 0, 1)）',
      whenToUse:
        '文本、时间序列等前面的信息会在很久之后才起作用的序列任务：评论情感分析、下一个字符预测、传感器数据预测等。',
    },
  },
})
