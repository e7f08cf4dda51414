import type { Scratch, Info } from './wasm-scratch'

/**
 * The convolution input gradient for few input channels, as one matrix product and a scatter:
 * cols = dy · Wᵀ ([n·oh·ow, co] · [co, kh·kw·ci]) on XNNPACK, then each output position adds its
 * kh·kw·ci column into the input window it came from (col2im).
 *
 * Why: a first layer's input gradient (an image's 1–3 channels; tfjs computes it even though
 * nothing uses it) through the stride-phase convolutions would be convolutions with 1–3 output
 * channels, which XNNPACK runs at a fraction of its speed: 25 ms of a 250 ms DCGAN
 * discriminator step. The product here does the same multiply-adds at full speed and the
 * scatter touches n·oh·ow·kh·kw·ci values, few when ci is small.
 */

/** Up to this many input channels the column path is used (measured: a win for 1–3, a loss at 64). */
export const COLUMN_PATH_MAX_CHANNELS = 4

export interface ColumnGeometry {
  inputShape: [number, number, number, number]
  kernel: [number, number]
  strides: [number, number]
  /** Padding before the first row and column. */
  padTop: number
  padLeft: number
}

export function backpropInputByColumns(
  { run, make, view }: Scratch,
  dy: Info,
  filter: Info,
  geometry: ColumnGeometry,
): Info {
  const [n, h, w, ci] = geometry.inputShape
  const [kh, kw] = geometry.kernel
  const [sh, sw] = geometry.strides
  const [, outH, outW, co] = dy.shape
  const rows = n * outH * outW
  const width = kh * kw * ci
  const dy3 = run('Reshape', { x: dy }, { shape: [1, rows, co] })
  const filter3 = run('Reshape', { x: filter }, { shape: [1, width, co] })
  const cols = run('BatchMatMul', { a: dy3, b: filter3 }, { transposeA: false, transposeB: true })
  const result = make(null, [n, h, w, ci])
  const dx = view(result)
  dx.fill(0)
  const src = view(cols)
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const row = ((b * outH + oy) * outW + ox) * width
        for (let i = 0; i < kh; i++) {
          const y = oy * sh + i - geometry.padTop
          if (y < 0 || y >= h) continue
          for (let j = 0; j < kw; j++) {
            const x = ox * sw + j - geometry.padLeft
            if (x < 0 || x >= w) continue
            const from = row + (i * kw + j) * ci
            const to = ((b * h + y) * w + x) * ci
            for (let c = 0; c < ci; c++) dx[to + c] += src[from + c]
          }
        }
      }
    }
  }
  return result
}
