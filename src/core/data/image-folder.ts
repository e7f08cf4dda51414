import type { Dataset } from './dataset'
import { dataFailure, type DataResult } from './errors'

/** A decoded picture as the host gets it from createImageBitmap / a PNG decoder: RGBA bytes, row-major. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8ClampedArray | Uint8Array
}

export interface ImageClass {
  /** The sub-folder name. */
  name: string
  images: RgbaImage[]
}

export interface ImageFolderOptions {
  height: number
  width: number
  channels: 1 | 3
  /** Shown in the dataset's name, e.g. the folder name. */
  name?: string
}

/** Keras orders class folders with Python's sorted(): plain code-point order (so 'B' < 'a'). */
export function sortClassNames(names: string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * Bilinear resize with half-pixel centres (as tf.image.resizeBilinear with halfPixelCenters
 * and Keras' image_dataset_from_directory), writing `channels` values in 0–1 per pixel into
 * `out` at `offset`. Grey uses the ITU-R 601 weights of tf.image.rgb_to_grayscale; alpha is
 * ignored, like Keras does for RGB.
 */
export function resizeToFloat(
  image: RgbaImage,
  height: number,
  width: number,
  channels: 1 | 3,
  out: Float32Array,
  offset = 0,
): void {
  const { data, width: w, height: h } = image
  const scaleY = h / height
  const scaleX = w / width
  const rgb = [0, 0, 0]
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), h - 1)
    const y0 = Math.floor(sy)
    const y1 = Math.min(y0 + 1, h - 1)
    const fy = sy - y0
    for (let x = 0; x < width; x++) {
      const sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), w - 1)
      const x0 = Math.floor(sx)
      const x1 = Math.min(x0 + 1, w - 1)
      const fx = sx - x0
      const a = (y0 * w + x0) * 4
      const b = (y0 * w + x1) * 4
      const c = (y1 * w + x0) * 4
      const d = (y1 * w + x1) * 4
      for (let k = 0; k < 3; k++) {
        const top = data[a + k] + (data[b + k] - data[a + k]) * fx
        const bottom = data[c + k] + (data[d + k] - data[c + k]) * fx
        rgb[k] = (top + (bottom - top) * fy) / 255
      }
      const at = offset + (y * width + x) * channels
      if (channels === 1) out[at] = 0.2989 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
      else {
        out[at] = rgb[0]
        out[at + 1] = rgb[1]
        out[at + 2] = rgb[2]
      }
    }
  }
}

/**
 * A folder of class sub-folders (decoded by the host) as a classification dataset: every
 * image resized to height × width and turned into grey or RGB values in 0–1. Class order is
 * Keras' (sorted folder names), whatever order the host listed them in.
 */
export function imageFolderDataset(
  classes: ImageClass[],
  options: ImageFolderOptions,
): DataResult<{ dataset: Dataset }> {
  const { height, width, channels } = options
  if (classes.length === 0) return dataFailure('imagesNoClasses')
  const names = sortClassNames(classes.map((c) => c.name))
  for (let i = 1; i < names.length; i++)
    if (names[i] === names[i - 1]) return dataFailure('imagesDuplicateClass', { name: names[i] })
  if (names.length < 2) return dataFailure('imagesOneClass', { name: names[0] })
  const byName = new Map(classes.map((c) => [c.name, c]))
  for (const name of names) {
    const images = byName.get(name)!.images
    if (images.length === 0) return dataFailure('imagesEmptyClass', { name })
    for (let i = 0; i < images.length; i++) {
      const { width: w, height: h, data } = images[i]
      if (!(w >= 1 && h >= 1 && data.length === w * h * 4)) {
        return dataFailure('imagesBadImage', { name, index: i + 1, width: w, height: h, got: data.length })
      }
    }
  }
  const size = classes.reduce((sum, c) => sum + c.images.length, 0)
  const per = height * width * channels
  const features = new Float32Array(size * per)
  const labels = new Int32Array(size)
  let i = 0
  names.forEach((name, label) => {
    for (const image of byName.get(name)!.images) {
      resizeToFloat(image, height, width, channels, features, i * per)
      labels[i++] = label
    }
  })
  const title = options.name ?? 'images'
  return {
    ok: true,
    dataset: {
      id: 'imageFolder',
      name: { en: `Images: ${title}`, 'zh-CN': `图片：${title}` },
      description: {
        en: `${size} pictures in ${names.length} classes (${names.join(', ')}), resized to ${height}×${width} ${channels === 1 ? 'greyscale' : 'colour'}.`,
        'zh-CN': `${size} 张图片，共 ${names.length} 个类别（${names.join('、')}），已缩放为 ${height}×${width} 的${channels === 1 ? '灰度图' : '彩色图'}。`,
      },
      task: 'classification',
      inputShape: [height, width, channels],
      inputDtype: 'float32',
      features,
      labels,
      targetShape: [],
      classNames: names,
      preview: 'image',
      size,
    },
  }
}
