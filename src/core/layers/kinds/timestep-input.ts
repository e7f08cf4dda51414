import { defineLayerKind, noParams, ok } from '../kind'
import { pyCall, pyStr, pyTuple } from '../../codegen/python/literal'

/**
 * A diffusion denoiser's second Input: which noising step t (0 … T−1) the image is at.
 * The trainer fills it; feed it to a Timestep Embedding. See docs/tasks.md.
 */
export const timestepInput = defineLayerKind({
  id: 'timestepInput',
  category: 'generative',
  label: { en: 'Timestep (t)', 'zh-CN': '时间步输入（t）' },
  inputs: { min: 0, max: 0 },
  isInput: true,
  params: {},
  inferShape: () => ok([1]),
  paramCount: () => noParams,
  build: (tf, _p, { name }) => tf.input({ shape: [1], name, dtype: 'float32' }),
  summary: () => 't',
  code: {
    keras: (_p, { name }) => ({
      layer: pyCall('keras.Input', [], { shape: pyTuple([1]), dtype: pyStr('float32'), name: pyStr(name) }),
    }),
    pytorch: () => ({ forward: ([t]) => `${t}.float()` }),
  },
  docs: {
    en: {
      summary:
        'One number per sample: how many noising steps t (0 … T−1) the image has been through. The diffusion trainer fills it in, so the network knows how much noise to expect.',
      formula: 'y = t, shape [1]',
      whenToUse:
        'In a diffusion denoiser, next to the image Input. Connect it to a Timestep Embedding, then to a Dense, then Condition the convolution features on it.',
    },
    'zh-CN': {
      summary: '每个样本一个数：图像已经过多少步加噪 t（0 到 T−1）。扩散训练器会自动填入，让网络知道噪声有多大。',
      formula: 'y = t，形状 [1]',
      whenToUse:
        '用在扩散模型的去噪网络中，与图像输入并列。把它接到时间步嵌入层，再接全连接层，然后用“条件注入”加到卷积特征上。',
    },
  },
})
