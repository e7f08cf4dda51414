import { recurrentMacs } from '../macs'
import { defineLayerKind } from '../kind'
import { p } from '../../params/schema'
import {
  RNN_GATES,
  buildRnn,
  recurrentActivationParam,
  returnSequencesParam,
  rnnOutputShape,
  rnnWeights,
  unitsParam,
} from './rnn-params'
import { lastDim, pyBool, pyCall, pyInt, pyStr } from '../../codegen/python/literal'
import { kerasRnnHelpers, kerasRnnLayer } from '../../codegen/python/rnn'
import { TORCH_BIDIRECTIONAL, TORCH_RECURRENT } from '../../codegen/python/torch-lib'

const CELLS = ['lstm', 'gru', 'simpleRnn'] as const
const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const

export const bidirectional = defineLayerKind({
  id: 'bidirectional',
  category: 'recurrent',
  label: { en: 'Bidirectional', 'zh-CN': '双向循环层' },
  inputs: { min: 1, max: 1 },
  params: {
    cell: p.enum(CELLS, {
      default: 'lstm',
      key: true,
      optionLabels: {
        lstm: { en: 'LSTM', 'zh-CN': 'LSTM' },
        gru: { en: 'GRU', 'zh-CN': 'GRU' },
        simpleRnn: { en: 'SimpleRNN', 'zh-CN': '简单循环层' },
      },
      label: { en: 'Cell', 'zh-CN': '循环单元' },
      help: {
        en: 'Which recurrent layer runs in each direction.',
        'zh-CN': '每个方向上使用哪种循环层。',
      },
    }),
    units: unitsParam,
    // The wrapped LSTM's or GRU's gates (SimpleRNN has none).
    recurrentActivation: { ...recurrentActivationParam, visibleWhen: (v) => v.cell !== 'simpleRnn' },
    returnSequences: returnSequencesParam,
    mergeMode: p.enum(MERGE_MODES, {
      default: 'concat',
      optionLabels: {
        concat: { en: 'concatenate (2 × units)', 'zh-CN': '拼接（2 × 单元数）' },
        sum: { en: 'sum', 'zh-CN': '相加' },
        mul: { en: 'multiply', 'zh-CN': '相乘' },
        ave: { en: 'average', 'zh-CN': '取平均' },
      },
      label: { en: 'Merge mode', 'zh-CN': '合并方式' },
      help: {
        en: 'How the forward and backward results are combined. concatenate keeps both side by side (twice as wide); the others keep the width of one.',
        'zh-CN': '如何合并正向与反向的结果。拼接会把两者并排保留（宽度翻倍）；其余方式保持单个方向的宽度。',
      },
    }),
  },
  inferShape([input], p) {
    const width = p.mergeMode === 'concat' ? 2 * p.units : p.units
    return rnnOutputShape(input, width, p.returnSequences)
  },
  // Two independent copies of the cell, one per direction.
  paramCount: ([input], p) => ({ trainable: 2 * rnnWeights(input, p.units, RNN_GATES[p.cell]), nonTrainable: 0 }),
  macs([input], p) {
    const one = recurrentMacs(input, p.units, RNN_GATES[p.cell])
    return one === null ? null : 2 * one // a forward and a backward cell
  },
  build(tf, p, { name }) {
    const { units, recurrentActivation, returnSequences } = p
    const layer = buildRnn(tf, p.cell, { units, recurrentActivation, returnSequences })
    return tf.layers.bidirectional({ layer, mergeMode: p.mergeMode, name })
  },
  summary: (p) => `${p.cell} ${p.units} · ${p.mergeMode}${p.returnSequences ? ' · seq' : ''}`,
  code: {
    keras: (p, { name }) => ({
      helpers: kerasRnnHelpers(p.cell, p.recurrentActivation),
      layer: pyCall(
        'layers.Bidirectional',
        [
          kerasRnnLayer(p.cell, {
            units: p.units,
            recurrentActivation: p.recurrentActivation,
            returnSequences: p.returnSequences,
          }),
        ],
        {
          merge_mode: pyStr(p.mergeMode),
          name: pyStr(name),
        },
      ),
    }),
    // tfjs' weights: the forward copy's kernel, recurrent kernel and bias, then the backward copy's.
    pytorch: (p, { inputShapes: [input] }) => ({
      module: pyCall('TfBidirectional', [pyStr(p.cell), pyInt(lastDim(input)), pyInt(p.units)], {
        gate: p.cell !== 'simpleRnn' && p.recurrentActivation === 'hard_sigmoid' ? pyStr('hard_sigmoid') : undefined,
        return_sequences: pyBool(p.returnSequences),
        merge_mode: pyStr(p.mergeMode),
      }),
      forward: ([x], m) => `${m}(${x})`,
      weights: ['forward_layer', 'backward_layer'].flatMap((copy) =>
        ['kernel', 'recurrent_kernel', 'bias'].map((w) => ({ target: `${copy}.${w}` })),
      ),
      helpers: { TfRecurrent: TORCH_RECURRENT, TfBidirectional: TORCH_BIDIRECTIONAL },
    }),
  },
  docs: {
    en: {
      summary:
        'Runs one recurrent layer forwards over the sequence and a second copy backwards, then merges the two, so every step sees both its past and its future.',
      formula: 'h→ = RNN(x₁…x_T), h← = RNN(x_T…x₁), y = merge(h→, h←) (concat: [h→; h←])',
      whenToUse:
        'When the whole sequence is available at once (classifying a sentence, tagging words). Not for predicting the next token: the backward pass would see the answer.',
    },
    'zh-CN': {
      summary: '用一个循环层正向读取序列，再用另一份副本反向读取，然后合并两者，使每一步都能同时看到前文和后文。',
      formula: 'h→ = RNN(x₁…x_T)，h← = RNN(x_T…x₁)，y = 合并(h→, h←)（拼接时为 [h→; h←]）',
      whenToUse: '整个序列一次性可用时（句子分类、逐词标注）。不适合预测下一个词元：反向读取会“偷看”到答案。',
    },
  },
})
