import { recurrentMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { RNN_PARAMS, buildRnn, rnnOutputShape, rnnWeights } from './rnn-params'
import { kerasRnn, torchRnn } from '../../codegen/python/rnn'

export const simpleRnn = defineLayerKind({
  id: 'simpleRnn',
  category: 'recurrent',
  label: { en: 'SimpleRNN', 'zh-CN': '简单循环层' },
  inputs: { min: 1, max: 1 },
  params: RNN_PARAMS,
  inferShape: ([input], p) => rnnOutputShape(input, p.units, p.returnSequences),
  paramCount: ([input], p) => ({ trainable: rnnWeights(input, p.units, 1), nonTrainable: 0 }),
  macs: ([input], p) => recurrentMacs(input, p.units, 1),
  build: (tf, p, { name }) => buildRnn(tf, 'simpleRnn', { ...p, name }),
  summary: (p) => `${p.units}${p.returnSequences ? ' · seq' : ''}`,
  code: {
    keras: (p, ctx) => kerasRnn('simpleRnn', p, ctx),
    pytorch: (p, ctx) => torchRnn('simpleRnn', p, ctx),
  },
  docs: {
    en: {
      summary:
        'Reads a sequence one step at a time and keeps a hidden state: each new state mixes the current input with the previous state.',
      formula: 'hₜ = f(W·xₜ + U·hₜ₋₁ + b), output = h_last (or every hₜ)',
      whenToUse:
        'To learn what recurrence is on short sequences. It forgets quickly (vanishing gradients), so for real tasks prefer LSTM or GRU.',
    },
    'zh-CN': {
      summary: '逐步读取序列并维护一个隐藏状态：每一步的新状态由当前输入和上一步的状态共同决定。',
      formula: 'hₜ = f(W·xₜ + U·hₜ₋₁ + b)，输出 = 最后一步的 h（或每一步的 hₜ）',
      whenToUse: '在短序列上理解“循环”的概念。它很快就会遗忘早先的信息（梯度消失），实际任务中更推荐 LSTM 或 GRU。',
    },
  },
})
