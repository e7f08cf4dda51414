import type { MnistRaw } from './mnist'

/**
 * The compact MNIST asset the browser downloads instead of 41 MB of JSON (about 7.9 MB).
 *
 * Layout, little-endian:
 *   bytes 0–3   magic "LCMN"
 *   byte  4     format version (1)
 *   byte  5     reserved (0)
 *   bytes 6–7   image height (uint16)
 *   bytes 8–9   image width (uint16)
 *   bytes 10–11 reserved (0)
 *   bytes 12–15 image count n (uint32)
 *   then n × height × width image bytes (row-major, 0–255), then n label bytes.
 */
export const MNIST_BINARY_MAGIC = 'LCMN'
export const MNIST_BINARY_VERSION = 1
const HEADER = 16

export function encodeMnistBinary(raw: MnistRaw, height = 28, width = 28): Uint8Array {
  const n = raw.labels.length
  const pixels = height * width
  if (raw.images.length !== n * pixels) throw new Error(`expected ${n * pixels} image bytes, got ${raw.images.length}`)
  const out = new Uint8Array(HEADER + n * pixels + n)
  const view = new DataView(out.buffer)
  for (let i = 0; i < 4; i++) out[i] = MNIST_BINARY_MAGIC.charCodeAt(i)
  out[4] = MNIST_BINARY_VERSION
  view.setUint16(6, height, true)
  view.setUint16(8, width, true)
  view.setUint32(12, n, true)
  out.set(raw.images, HEADER)
  out.set(raw.labels, HEADER + n * pixels)
  return out
}

/** Reads the asset back; throws a plain-language Error when the file is not one (a broken download). */
export function decodeMnistBinary(data: ArrayBufferLike | Uint8Array): MnistRaw & { height: number; width: number } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data)
  if (bytes.length < HEADER) throw new Error('the MNIST file is too short to be a dataset')
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3])
  if (magic !== MNIST_BINARY_MAGIC) throw new Error('the MNIST file is not a LayerCanvas dataset asset')
  if (bytes[4] !== MNIST_BINARY_VERSION)
    throw new Error(`the MNIST file has format version ${bytes[4]}; this app reads version ${MNIST_BINARY_VERSION}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const height = view.getUint16(6, true)
  const width = view.getUint16(8, true)
  const n = view.getUint32(12, true)
  const imageBytes = n * height * width
  if (bytes.length !== HEADER + imageBytes + n) {
    throw new Error(
      `the MNIST file is truncated or damaged: ${bytes.length} bytes, expected ${HEADER + imageBytes + n}`,
    )
  }
  // Copies, so the result does not keep (or alias) a larger download buffer.
  const images = bytes.slice(HEADER, HEADER + imageBytes)
  const labels = bytes.slice(HEADER + imageBytes)
  return { images, labels, height, width }
}
