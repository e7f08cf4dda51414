import type { LocalText } from '../../i18n/text'
import { defineLayerKind, noParams, ok } from '../kind'
import { p, type ParamValues } from '../../params/schema'
import { formatShape, type Shape } from '../../shapes/shape'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'

/** A size param shown in the inspector only for the mode it belongs to. */
const size = (label: LocalText, help: LocalText, fallback: number, mode: string) =>
  p.int({ default: fallback, min: 1, max: 100_000, key: true, label, help, visibleWhen: (v) => v.mode === mode })

const params = {
  mode: p.enum(['image', 'vector', 'sequence', 'tokens'] as const, {
    default: 'image',
    key: true,
    optionLabels: {
      image: { en: 'image (height × width × channels)', 'zh-CN': '图像（高 × 宽 × 通道）' },
      vector: { en: 'vector (a list of numbers)', 'zh-CN': '向量（一串数值）' },
      sequence: { en: 'sequence (timesteps × features)', 'zh-CN': '序列（时间步 × 特征）' },
      tokens: { en: 'token ids (text as word numbers)', 'zh-CN': '词元 id（用编号表示的文本）' },
    },
    label: { en: 'Data type', 'zh-CN': '数据类型' },
    help: {
      en: 'What one sample looks like. The next layers must fit this shape: images go to Conv2D, vectors to Dense, sequences to RNNs, token ids to an Embedding.',
      'zh-CN':
        '一个样本长什么样。后续层要与这个形状相配：图像接二维卷积，向量接全连接，序列接循环网络，词元 id 接嵌入层。',
    },
  }),
  height: size(
    { en: 'Height', 'zh-CN': '高' },
    { en: 'Image height in pixels.', 'zh-CN': '图像的高度（像素）。' },
    28,
    'image',
  ),
  width: size(
    { en: 'Width', 'zh-CN': '宽' },
    { en: 'Image width in pixels.', 'zh-CN': '图像的宽度（像素）。' },
    28,
    'image',
  ),
  channels: size(
    { en: 'Channels', 'zh-CN': '通道数' },
    {
      en: 'Values per pixel: 1 for greyscale, 3 for RGB colour.',
      'zh-CN': '每个像素的数值个数：灰度图为 1，RGB 彩色图为 3。',
    },
    1,
    'image',
  ),
  size: size(
    { en: 'Size', 'zh-CN': '长度' },
    {
      en: 'How many numbers one sample has, e.g. 784 for a flattened 28×28 image, or the number of columns of a table.',
      'zh-CN': '一个样本包含多少个数，例如展平后的 28×28 图像为 784，或表格数据的列数。',
    },
    784,
    'vector',
  ),
  timesteps: size(
    { en: 'Timesteps', 'zh-CN': '时间步数' },
    { en: 'Length of the sequence: how many steps one sample has.', 'zh-CN': '序列的长度：一个样本有多少个时间步。' },
    30,
    'sequence',
  ),
  features: size(
    { en: 'Features', 'zh-CN': '特征数' },
    {
      en: 'How many numbers are measured at each step (1 for a single sensor reading).',
      'zh-CN': '每个时间步上有多少个数值（只有一个传感器读数时为 1）。',
    },
    8,
    'sequence',
  ),
  length: size(
    { en: 'Length', 'zh-CN': '序列长度' },
    {
      en: 'How many token ids one sample has. Shorter texts are padded, longer ones cut to this length.',
      'zh-CN': '一个样本包含多少个词元 id。较短的文本会被补齐，较长的会被截断到这个长度。',
    },
    32,
    'tokens',
  ),
}

function shapeOf(p: ParamValues<typeof params>): Shape {
  switch (p.mode) {
    case 'image':
      return [p.height, p.width, p.channels]
    case 'vector':
      return [p.size]
    case 'sequence':
      return [p.timesteps, p.features]
    case 'tokens':
      return [p.length]
  }
}

export const input = defineLayerKind({
  id: 'input',
  category: 'io',
  label: { en: 'Input', 'zh-CN': '输入层' },
  inputs: { min: 0, max: 0 },
  isInput: true,
  params,
  inferShape: (_inputs, p) => ok(shapeOf(p)),
  paramCount: () => noParams,
  build(tf, p, { name }) {
    // Token ids index an embedding table, so they must stay whole numbers.
    return tf.input({ shape: [...shapeOf(p)] as number[], name, dtype: p.mode === 'tokens' ? 'int32' : 'float32' })
  },
  summary: (p) => formatShape(shapeOf(p)),
  code: {
    keras: (p, { name, outputShape }) => ({
      layer: pyCall('keras.Input', [], {
        shape: pyTuple(outputShape as number[]),
        dtype: pyStr(p.mode === 'tokens' ? 'int32' : 'float32'),
        name: pyStr(name),
      }),
    }),
    // The forward takes inputs in tfjs' layout (images [N, H, W, C]); token ids index an embedding table.
    pytorch: (p) => ({ forward: ([x]) => (p.mode === 'tokens' ? `${x}.long()` : x) }),
  },
  docs: {
    en: {
      summary:
        'Where data enters the network. It learns nothing; it only fixes the shape of one sample (the batch dimension is added automatically).',
      formula: 'y = x',
      whenToUse:
        'Every network starts with one. Pick the mode that matches your data: image for pictures, vector for tables or flattened images, sequence for time series, token ids for text.',
    },
    'zh-CN': {
      summary: '数据进入网络的地方。它不学习任何参数，只规定单个样本的形状（批次维会自动加上）。',
      formula: 'y = x',
      whenToUse:
        '每个网络都从输入层开始。按数据选择模式：图片用“图像”，表格或展平后的图像用“向量”，时间序列用“序列”，文本用“词元 id”。',
    },
  },
})
