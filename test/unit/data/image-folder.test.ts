import { describe, expect, it } from 'vitest'
import { imageFolderDataset, resizeToFloat, sortClassNames, type RgbaImage } from '../../../src/core/data/image-folder'

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      data.set([r, g, b, 255], (y * width + x) * 4)
    }
  }
  return { width, height, data }
}

describe('image folders', () => {
  it('bilinear resize with half-pixel centres (as tf.image.resizeBilinear)', () => {
    // A 2×2 grey ramp 0, 255 / 0, 255 upscaled to 4×4: columns at source x = −0.25, 0.25, 0.75, 1.25.
    const ramp = image(2, 2, (x) => [x * 255, x * 255, x * 255])
    const out = new Float32Array(16)
    resizeToFloat(ramp, 4, 4, 1, out)
    const row = [...out.slice(0, 4)].map((v) => Number(v.toFixed(4)))
    expect(row).toEqual([0, 0.25, 0.75, 1].map((v) => Number((v * (0.2989 + 0.587 + 0.114)).toFixed(4))))
    // Downscale 4×4 → 2×2 samples at source 0.5 and 2.5: the means of the neighbours.
    const big = image(4, 4, (x, y) => [x * 10, y * 10, 0])
    const small = new Float32Array(2 * 2 * 3)
    resizeToFloat(big, 2, 2, 3, small)
    expect([...small].map((v) => Number((v * 255).toFixed(3)))).toEqual([5, 5, 0, 25, 5, 0, 5, 25, 0, 25, 25, 0])
  })

  it('sorts classes like Keras and gives height × width × channels in 0–1', () => {
    const red = image(3, 5, () => [255, 0, 0])
    const white = image(7, 2, () => [255, 255, 255])
    const result = imageFolderDataset(
      [
        { name: 'dogs', images: [red, red] },
        { name: 'Cats', images: [white] },
        { name: 'birds', images: [red] },
      ],
      { height: 4, width: 4, channels: 3 },
    )
    if (!result.ok) throw new Error(result.error)
    const d = result.dataset
    expect(d.classNames).toEqual(['Cats', 'birds', 'dogs'])
    expect([...d.labels]).toEqual([0, 1, 2, 2])
    expect(d.inputShape).toEqual([4, 4, 3])
    expect(d.features.length).toBe(4 * 48)
    expect([...d.features.slice(0, 3)]).toEqual([1, 1, 1])
    expect([...d.features.slice(48, 51)]).toEqual([1, 0, 0])
    const grey = imageFolderDataset(
      [
        { name: 'a', images: [red] },
        { name: 'b', images: [white] },
      ],
      { height: 2, width: 2, channels: 1 },
    )
    expect(grey.ok && grey.dataset.features[0]).toBeCloseTo(0.2989, 4)
    expect(sortClassNames(['b', 'B', 'a', '10', '9'])).toEqual(['10', '9', 'B', 'a', 'b'])
  })

  it('explains empty, single-class and damaged folders', () => {
    const px = image(1, 1, () => [0, 0, 0])
    const options = { height: 2, width: 2, channels: 3 as const }
    expect(imageFolderDataset([], options).ok).toBe(false)
    const one = imageFolderDataset([{ name: 'only', images: [px] }], options)
    expect(!one.ok && one.error).toMatch(/only one class folder \("only"\)/i)
    const empty = imageFolderDataset(
      [
        { name: 'a', images: [px] },
        { name: 'b', images: [] },
      ],
      options,
    )
    expect(!empty.ok && empty.error).toMatch(/"b" has no pictures/)
    const broken = imageFolderDataset(
      [
        { name: 'a', images: [px] },
        { name: 'b', images: [{ width: 2, height: 2, data: new Uint8ClampedArray(3) }] },
      ],
      options,
    )
    expect(!broken.ok && broken.code).toBe('imagesBadImage')
  })
})
