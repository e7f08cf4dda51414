import { convMacs } from '../macs'
import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { convOutputLength, formatShape } from '../../shapes/shape'
import { fusedActivationParam } from './activations'
import { filterBiasParam, filtersParam, paddingParam } from './conv-params'
import { lastDim, pyBool, pyCall, pyInt, pyStr } from '../../codegen/python/literal'
import { kerasActivation, torchActivation } from '../../codegen/python/activations'
import { samePadding } from '../../codegen/python/padding'

// 'causal' padding is left out: tfjs 4.22 throws NotImplementedError for it in Conv1D.
export const conv1d = defineLayerKind({
  id: 'conv1d',
  category: 'conv',
  label: { en: 'Conv1D', 'zh-CN': '一维卷积' },
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam({
      en: 'How many patterns to learn: the number of features at each output step.',
      'zh-CN': '要学习的模式个数，也就是每个输出时间步上的特征数。',
    }),
    kernelSize: p.int({
      default: 3,
      min: 1,
      max: 1024,
      key: true,
      label: { en: 'Kernel size', 'zh-CN': '卷积核长度' },
      help: { en: 'How many consecutive steps the window looks at.', 'zh-CN': '窗口一次覆盖多少个相邻的时间步。' },
    }),
    strides: p.int({
      default: 1,
      min: 1,
      max: 1024,
      label: { en: 'Stride', 'zh-CN': '步幅' },
      help: {
        en: 'How many steps the window moves each time. 2 halves the sequence length.',
        'zh-CN': '窗口每次移动多少个时间步。取 2 时序列长度减半。',
      },
    }),
    padding: paddingParam,
    activation: fusedActivationParam,
    useBias: filterBiasParam,
  },
  inferShape([input], p) {
    if (input.length !== 2) return fail('needsSequence', { got: formatShape(input) })
    const [steps, channels] = input
    if (channels === null) return fail('unknownDim', { got: formatShape(input) })
    if (p.padding === 'valid' && steps !== null && p.kernelSize > steps) {
      return fail(
        'kernelTooLarge',
        { kernel: String(p.kernelSize), input: formatShape(input) },
        { type: 'setParam', param: 'padding', value: 'same' },
      )
    }
    return ok([convOutputLength(steps, p.kernelSize, p.strides, p.padding), p.filters])
  },
  paramCount([input], p) {
    const channels = input[1] ?? 0
    return { trainable: p.kernelSize * channels * p.filters + (p.useBias ? p.filters : 0), nonTrainable: 0 }
  },
  macs: ([input], p, output) => convMacs(output.slice(0, 1), [p.kernelSize], input[1], p.filters),
  build(tf, p, { name }) {
    return tf.layers.conv1d({
      filters: p.filters,
      kernelSize: p.kernelSize,
      strides: p.strides,
      padding: p.padding,
      activation: p.activation,
      useBias: p.useBias,
      name,
    })
  },
  summary: (p) => `${p.filters}@${p.kernelSize}${p.strides > 1 ? ` /${p.strides}` : ''} · ${p.activation}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.Conv1D', [pyInt(p.filters), pyInt(p.kernelSize)], {
        strides: pyInt(p.strides),
        padding: pyStr(p.padding),
        activation: pyStr(kerasActivation(p.activation)),
        use_bias: pyBool(p.useBias),
        name: pyStr(name),
      }),
    }),
    // torch wants [N, C, T]: transposed around the conv. TF's 'same' pads the smaller half first;
    // an even split goes into the module, an uneven one is padded explicitly.
    pytorch: (p, { inputShapes: [input] }) => {
      const [before, after] = p.padding === 'same' ? samePadding(input[0] ?? 0, p.kernelSize, p.strides) : [0, 0]
      const even = before === after
      return {
        module: pyCall('nn.Conv1d', [pyInt(lastDim(input)), pyInt(p.filters), pyInt(p.kernelSize)], {
          stride: pyInt(p.strides),
          padding: even && before > 0 ? pyInt(before) : undefined,
          bias: pyBool(p.useBias),
        }),
        forward: ([x], m) => {
          const channelsFirst = even ? `${x}.transpose(1, 2)` : `F.pad(${x}.transpose(1, 2), (${before}, ${after}))`
          return torchActivation(p.activation, `${m}(${channelsFirst}).transpose(1, 2)`)
        },
        // tfjs kernel [k, in, out] → torch [out, in, k].
        weights: [{ target: 'weight', permute: [2, 1, 0] }, ...(p.useBias ? [{ target: 'bias' }] : [])],
      }
    },
  },
  docs: {
    en: {
      summary:
        'Slides short learned filters along a sequence; each filter responds where its pattern (a rise, a spike, a word pair) appears, wherever that is in time.',
      formula: 'y[t,f] = f(Σ_{k,c} W[k,c,f] · x[t·s+k, c] + b[f])',
      whenToUse:
        'Time series, audio and text: a fast way to find local patterns in sequences, often before or instead of an RNN.',
    },
    'zh-CN': {
      summary:
        '用可学习的短卷积核沿序列滑动；无论图案（一次上升、一个尖峰、一个词组）出现在哪个时刻，对应的卷积核都会有强烈响应。',
      formula: 'y[t,f] = f(Σ_{k,c} W[k,c,f] · x[t·s+k, c] + b[f])',
      whenToUse: '时间序列、音频和文本：快速提取序列中的局部特征，常放在循环网络之前，或直接替代循环网络。',
    },
  },
})
