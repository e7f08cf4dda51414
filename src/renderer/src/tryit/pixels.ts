/** The drawing pad's size and stroke: the web demo uses the same (core/export/web-demo/runtime-image-input.ts). */
export const PAD_SIZE = 280
export const STROKE_WIDTH = 20

/**
 * The pad scaled to the model's input by the browser (drawImage smoothing) as raw 0–1 values,
 * height × width × channels; grey inputs average red, green and blue. `invert`: 1 − v.
 */
export function canvasPixels(
  pad: HTMLCanvasElement,
  width: number,
  height: number,
  channels: number,
  invert: boolean,
): Float32Array {
  const small = document.createElement('canvas')
  small.width = width
  small.height = height
  const ctx = small.getContext('2d')!
  ctx.drawImage(pad, 0, 0, width, height)
  const data = ctx.getImageData(0, 0, width, height).data
  const raw = new Float32Array(width * height * channels)
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < channels; k++) {
      const v = channels === 1 ? (data[p * 4] + data[p * 4 + 1] + data[p * 4 + 2]) / 3 / 255 : data[p * 4 + k] / 255
      raw[p * channels + k] = invert ? 1 - v : v
    }
  }
  return raw
}
