import { defineLayerKind, fail, ok } from '../kind'
import { p } from '../../params/schema'
import { formatShape } from '../../shapes/shape'
import { centerParam, epsilonParam, scaleParam } from './norm-params'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from '../../codegen/python/literal'
import { TORCH_BATCH_NORM } from '../../codegen/python/torch-lib'

export const batchNormalization = defineLayerKind({
  id: 'batchNormalization',
  category: 'norm',
  label: { en: 'BatchNorm', 'zh-CN': '批归一化' },
  inputs: { min: 1, max: 1 },
  params: {
    momentum: p.float({
      default: 0.99,
      min: 0,
      max: 1,
      step: 0.01,
      label: { en: 'Momentum', 'zh-CN': '动量' },
      help: {
        en: 'How slowly the running mean and variance (used at prediction time) follow each new batch. Closer to 1 = slower, steadier.',
        'zh-CN': '滑动均值和方差（预测时使用）跟随每个新批次更新的快慢。越接近 1 更新越慢、越平稳。',
      },
    }),
    epsilon: epsilonParam,
    center: centerParam('channel'),
    scale: {
      ...scaleParam('channel'),
      help: {
        en: 'Multiply by a learned scale γ per channel. Can be turned off when the next layer (e.g. Dense or Conv2D, even after a relu) multiplies by its own weights anyway.',
        'zh-CN':
          '为每个通道乘上一个可学习的缩放系数 γ。如果下一层（例如全连接或卷积层，中间隔着 ReLU 也一样）本来就会乘上自己的权重，可以关闭它。',
      },
    },
  },
  // Normalizes each feature of the last axis (the channels of an image), so that axis must be known.
  inferShape([input]) {
    if (input.length === 0) return fail('needsRank', { rank: '1+', got: formatShape(input) })
    if (input[input.length - 1] === null) return fail('unknownDim', { got: formatShape(input) })
    return ok(input)
  },
  paramCount([input], p) {
    const channels = input[input.length - 1] ?? 0
    // γ and β are learned; the moving mean and variance are only tracked, never trained.
    return { trainable: channels * ((p.scale ? 1 : 0) + (p.center ? 1 : 0)), nonTrainable: 2 * channels }
  },
  build: (tf, p, { name }) =>
    tf.layers.batchNormalization({ momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale, name }),
  summary: () => '',
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('layers.BatchNormalization', [], {
        momentum: pyFloat(p.momentum),
        epsilon: pyFloat(p.epsilon),
        center: pyBool(p.center),
        scale: pyBool(p.scale),
        name: pyStr(name),
      }),
    }),
    // Normalises the channels: dim 1 of an NCHW image or of a vector batch; other ranks move
    // the last axis to dim 1 and back. The moving statistics are buffers (non-trainable).
    pytorch: (p, { inputShapes: [input] }) => ({
      module: pyCall('TfBatchNorm', [pyInt(lastDim(input))], {
        momentum: pyFloat(p.momentum),
        epsilon: pyFloat(p.epsilon),
        center: pyBool(p.center),
        scale: pyBool(p.scale),
      }),
      forward: ([x], m) =>
        input.length === 3 || input.length === 1 ? `${m}(${x})` : `${m}(${x}.movedim(-1, 1)).movedim(1, -1)`,
      layout: input.length === 3 ? 'channelsFirst' : 'channelsLast',
      weights: [
        ...(p.scale ? [{ target: 'gamma' }] : []),
        ...(p.center ? [{ target: 'beta' }] : []),
        { target: 'moving_mean' },
        { target: 'moving_variance' },
      ],
      helpers: { TfBatchNorm: TORCH_BATCH_NORM },
    }),
  },
  docs: {
    en: {
      summary:
        'For each channel, subtracts the batch mean and divides by the batch standard deviation, then applies a learned scale and offset. At prediction time it uses running averages instead of the batch.',
      formula: 'y = γ · (x − μ_batch) / √(σ²_batch + ε) + β',
      whenToUse:
        'Between a Conv2D or Dense layer and its activation in deeper networks: training becomes faster and less sensitive to the learning rate.',
    },
    'zh-CN': {
      summary:
        '对每个通道，先减去本批次的均值、再除以本批次的标准差，然后乘上可学习的缩放、加上可学习的偏移。预测时改用训练中累积的滑动平均值。',
      formula: 'y = γ · (x − μ_批次) / √(σ²_批次 + ε) + β',
      whenToUse: '在较深的网络中，放在卷积层或全连接层与其激活函数之间：训练更快，对学习率也不那么敏感。',
    },
  },
})
