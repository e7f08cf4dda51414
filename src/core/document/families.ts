import type { LocalText } from '../i18n/text'

/** A family of networks: a section of the template gallery (`meta.family` is its id). */
export interface TemplateFamily {
  id: string
  name: LocalText
  /** What the family is for, after the seed tutorial's table. */
  use: LocalText
}

/**
 * The gallery's families, after the table of network families in the founding tutorial (CNN,
 * RNN, LSTM / GRU, Transformer, GAN, Autoencoder, Diffusion), with the multilayer perceptron first.
 */
export const TEMPLATE_FAMILIES: readonly TemplateFamily[] = [
  {
    id: 'mlp',
    name: { en: 'Multilayer perceptron (MLP)', 'zh-CN': '多层感知机 MLP' },
    use: {
      en: 'Tables and flattened images: layers of neurons, the basic network.',
      'zh-CN': '表格和展平的图像：一层层神经元，最基础的网络。',
    },
  },
  {
    id: 'cnn',
    name: { en: 'Convolutional neural network (CNN)', 'zh-CN': '卷积神经网络 CNN' },
    use: {
      en: 'Images and vision: local filters extract spatial features.',
      'zh-CN': '图像识别、视觉任务：局部感知，用卷积提取空间特征。',
    },
  },
  {
    id: 'rnn',
    name: { en: 'Recurrent neural network (RNN)', 'zh-CN': '循环神经网络 RNN' },
    use: {
      en: 'Sequences (speech, text, time series): remembers what came before.',
      'zh-CN': '序列数据（语音、文本、时间序列）：记住前文的信息。',
    },
  },
  {
    id: 'lstm-gru',
    name: { en: 'LSTM / GRU', 'zh-CN': 'LSTM / GRU' },
    use: {
      en: 'Improved RNNs: gates keep long-range dependencies and avoid vanishing gradients.',
      'zh-CN': '改进型 RNN：用门控处理长序列依赖，避免梯度消失问题。',
    },
  },
  {
    id: 'transformer',
    name: { en: 'Transformer', 'zh-CN': 'Transformer' },
    use: {
      en: 'Attention instead of recurrence: highly parallel; language and vision.',
      'zh-CN': '基于注意力机制，并行性强：自然语言处理、视觉任务。',
    },
  },
  {
    id: 'gan',
    name: { en: 'Generative adversarial network (GAN)', 'zh-CN': '生成对抗网络 GAN' },
    use: {
      en: 'A generator against a discriminator: image synthesis.',
      'zh-CN': '生成器与判别器对抗训练：图像合成等生成式任务。',
    },
  },
  {
    id: 'autoencoder',
    name: { en: 'Autoencoder', 'zh-CN': '自编码器 Autoencoder' },
    use: {
      en: 'Encoder–decoder: compress to a code, rebuild, remove noise.',
      'zh-CN': '编码—解码结构：特征压缩、重建与去噪。',
    },
  },
  {
    id: 'diffusion',
    name: { en: 'Diffusion model', 'zh-CN': '扩散模型 Diffusion' },
    use: {
      en: 'Learns to undo added noise, then generates from pure noise (as Stable Diffusion does).',
      'zh-CN': '学会逐步去除噪声，再从纯噪声生成内容（Stable Diffusion 的原理）。',
    },
  },
]

export interface FamilySection<T> {
  /** Null for the items whose family is unknown or missing, listed last. */
  family: TemplateFamily | null
  entries: T[]
}

/** Items in sections by family, in TEMPLATE_FAMILIES order; empty sections are left out. */
export function byFamily<T extends { family: string }>(items: readonly T[]): FamilySection<T>[] {
  const known = new Set(TEMPLATE_FAMILIES.map((f) => f.id))
  const sections: FamilySection<T>[] = TEMPLATE_FAMILIES.map((family) => ({
    family,
    entries: items.filter((item) => item.family === family.id),
  }))
  sections.push({ family: null, entries: items.filter((item) => !known.has(item.family)) })
  return sections.filter((section) => section.entries.length > 0)
}
