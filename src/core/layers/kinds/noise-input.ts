import { defineLayerKind, noParams, ok } from '../kind'
import { p } from '../../params/schema'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'

/**
 * Where a GAN's generator starts: a vector of random numbers (the latent code z). The trainer
 * draws a fresh one for every sample; the network learns to turn it into data. See docs/tasks.md.
 */
export const noiseInput = defineLayerKind({
  id: 'noiseInput',
  category: 'generative',
  label: { en: 'Noise (latent z)', 'zh-CN': '噪声输入（隐变量 z）' },
  inputs: { min: 0, max: 0 },
  isInput: true,
  params: {
    size: p.int({
      default: 64,
      min: 1,
      max: 4096,
      key: true,
      label: { en: 'Latent size', 'zh-CN': '隐变量维度' },
      help: {
        en: 'How many random numbers the generator starts from. More gives it more variety to work with; 16–128 is usual.',
        'zh-CN': '生成器从多少个随机数出发。越多，可表达的变化越丰富；常用 16–128。',
      },
    }),
    distribution: p.enum(['normal', 'uniform'] as const, {
      default: 'normal',
      optionLabels: {
        normal: { en: 'normal (bell curve, mean 0, std 1)', 'zh-CN': '正态分布（均值 0，标准差 1）' },
        uniform: { en: 'uniform (−1 … 1)', 'zh-CN': '均匀分布（−1 到 1）' },
      },
      label: { en: 'Distribution', 'zh-CN': '分布' },
      help: {
        en: 'How the trainer draws the random numbers. Normal is the usual choice.',
        'zh-CN': '训练器按什么分布抽取这些随机数。通常选正态分布。',
      },
    }),
  },
  inferShape: (_inputs, p) => ok([p.size]),
  paramCount: () => noParams,
  build: (tf, p, { name }) => tf.input({ shape: [p.size], name, dtype: 'float32' }),
  summary: (p) => `z · ${p.size}`,
  code: {
    keras: (p, { name }) => ({
      layer: pyCall('keras.Input', [], { shape: pyTuple([p.size]), dtype: pyStr('float32'), name: pyStr(name) }),
    }),
    pytorch: () => ({ forward: ([z]) => z }),
  },
  docs: {
    en: {
      summary:
        'The starting point of a generator: a vector of random numbers z. It learns nothing; during training the trainer feeds a fresh random vector for every sample.',
      formula: 'z ~ N(0, 1) (or U(−1, 1)), one value per latent dimension',
      whenToUse:
        'As the first node of a GAN’s Generator group. Every different z gives a different generated sample; nearby z give similar ones.',
    },
    'zh-CN': {
      summary: '生成器的起点：一串随机数 z。它不学习任何参数；训练时，训练器为每个样本送入一组新的随机数。',
      formula: 'z ~ N(0, 1)（或 U(−1, 1)），每个隐变量维度一个数',
      whenToUse: '作为 GAN 生成器分组的第一个节点。不同的 z 生成不同的样本；相近的 z 生成相似的样本。',
    },
  },
})
