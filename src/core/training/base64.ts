/**
 * Base64 (RFC 4648, with padding) without Buffer or atob, so the same code runs in Node, the
 * browser, the worker and Electron's sandbox. About 100 MB/s: fine for model weights.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = (() => {
  const table = new Int16Array(128).fill(-1)
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i
  return table
})()

export function encodeBase64(bytes: Uint8Array): string {
  const chunks: string[] = []
  const CHUNK = 3 * 16384
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(bytes.length, offset + CHUNK)
    let out = ''
    let i = offset
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63]
    }
    if (end - i === 1) {
      const n = bytes[i] << 16
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '=='
    } else if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8)
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '='
    }
    chunks.push(out)
  }
  return chunks.join('')
}

/** Decodes base64; throws on characters outside the alphabet or a wrong length. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[\s]/g, '')
  if (clean.length % 4 !== 0) throw new Error('base64 text has a length that is not a multiple of 4')
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0
  const out = new Uint8Array((clean.length / 4) * 3 - padding)
  let o = 0
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0
    for (let j = 0; j < 4; j++) {
      const code = clean.charCodeAt(i + j)
      const isPad = code === 61 && i + j >= clean.length - padding
      const value = isPad ? 0 : code < 128 ? LOOKUP[code] : -1
      if (value < 0) throw new Error(`invalid base64 character at position ${i + j}`)
      n = (n << 6) | value
    }
    if (o < out.length) out[o++] = (n >> 16) & 255
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** float32 values → little-endian bytes → base64. */
export function encodeFloat32(values: ArrayLike<number>): string {
  const floats = Float32Array.from(values)
  const bytes = new Uint8Array(floats.buffer)
  if (!LITTLE_ENDIAN) {
    const view = new DataView(floats.buffer)
    for (let i = 0; i < floats.length; i++) view.setFloat32(i * 4, floats[i], true)
  }
  return encodeBase64(bytes)
}

/** base64 → little-endian float32 values. Throws when the byte count is not a multiple of 4. */
export function decodeFloat32(text: string): Float32Array {
  const bytes = decodeBase64(text)
  if (bytes.length % 4 !== 0) throw new Error('float32 data must have a multiple of 4 bytes')
  if (LITTLE_ENDIAN) return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  const out = new Float32Array(bytes.length / 4)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true)
  return out
}
