import { featureSize, type Dataset } from '../../../core/data/dataset'
import type { GallerySamples } from './protocol'

/**
 * What the prediction gallery shows for each evaluated test sample, taken from the dataset as
 * loaded (before normalisation, so pictures look like pictures): pixels for image datasets,
 * decoded characters or tokens for text, the feature values otherwise.
 */
export function gallerySamples(dataset: Dataset, indices: readonly number[]): GallerySamples {
  const size = featureSize(dataset)
  if (dataset.preview === 'image' && dataset.inputShape.length === 3) {
    const [height, width, channels] = dataset.inputShape
    const pixels = new Uint8ClampedArray(indices.length * size)
    indices.forEach((index, i) => {
      const values = dataset.features.subarray(index * size, (index + 1) * size)
      let min = Infinity
      let max = -Infinity
      for (let k = 0; k < values.length; k++) {
        if (values[k] < min) min = values[k]
        if (values[k] > max) max = values[k]
      }
      // 0–1 images are scaled as they are; anything else is stretched to its own range.
      const unit = min >= 0 && max <= 1
      const range = max - min || 1
      for (let k = 0; k < values.length; k++)
        pixels[i * size + k] = unit ? values[k] * 255 : ((values[k] - min) / range) * 255
    })
    return { kind: 'image', height, width, channels, pixels }
  }
  if (dataset.vocab && dataset.inputDtype === 'int32') {
    const vocab = dataset.vocab
    const single = vocab.every((token) => token.length <= 1)
    const texts = indices.map((index) => {
      const ids = Array.from(dataset.features.subarray(index * size, (index + 1) * size))
      return ids.map((id) => vocab[id] ?? '').join(single ? '' : ' ')
    })
    return { kind: 'text', texts }
  }
  const columns = dataset.featureNames ?? Array.from({ length: Math.min(size, 12) }, (_, i) => `x${i + 1}`)
  const shown = Math.min(size, columns.length, 12)
  const rows = indices.map((index) => Array.from(dataset.features.subarray(index * size, index * size + shown)))
  return { kind: 'table', columns: columns.slice(0, shown), rows }
}

/** The transferable buffers of a message's samples. */
export function transferablesOf(samples: GallerySamples | null): Transferable[] {
  return samples?.kind === 'image' ? [samples.pixels.buffer as ArrayBuffer] : []
}
