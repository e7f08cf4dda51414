#!/usr/bin/env node
/**
 * Draws the generated images of a `layercanvas train` run (its samples.json) as one PNG grid, for
 * the README and docs/templates.md:
 *
 *   node scripts/sample-grid.mjs <run>/samples.json <out.png> [--cols 8] [--scale 2] [--at -1]
 *
 * Takes image samples from the file — a GAN's fixed-noise grid (imageGrid) or a diffusion
 * sampler's final step (diffusionSteps at t = 0) — the last ones, or the `--at` n-th (from 0;
 * negative counts from the end) of those the run recorded. Grey images only (MNIST), values clipped to
 * [0, 1]. Writes an 8-bit greyscale PNG with node:zlib; no other dependency.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const [input, output, ...rest] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node scripts/sample-grid.mjs <samples.json> <out.png> [--cols n] [--scale n]')
  process.exit(2)
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`)
  return i >= 0 ? Number(rest[i + 1]) : fallback
}
const cols = option('cols', 8)
const scale = option('scale', 2)
const at = option('at', -1)

/** A payload's grey images as { width, height, images: number[][] }, or null when it has none. */
function greyImages(payload) {
  if (payload.kind === 'imageGrid' && payload.channels === 1) return payload
  if (payload.kind === 'diffusionSteps' && payload.shape.length >= 2) {
    const [height, width, channels = 1] = payload.shape
    if (channels !== 1) return null
    const final = payload.steps.find((s) => s.t === 0) ?? payload.steps[payload.steps.length - 1]
    const size = width * height
    const images = Array.from({ length: payload.count }, (_, i) => final.values.slice(i * size, (i + 1) * size))
    return { width, height, images }
  }
  return null
}

const found = JSON.parse(readFileSync(input, 'utf8')).map(greyImages).filter(Boolean)
const chosen = found[at < 0 ? found.length + at : at]
if (!chosen) {
  console.error(`${input}: ${found.length} grey image sample set(s) (imageGrid or diffusionSteps); none at ${at}`)
  process.exit(1)
}
const { width, height, images } = chosen
const rows = Math.ceil(images.length / cols)
const gap = 2
const W = cols * (width * scale + gap) + gap
const H = rows * (height * scale + gap) + gap
const pixels = new Uint8Array(W * H).fill(255)
images.forEach((image, index) => {
  const ox = gap + (index % cols) * (width * scale + gap)
  const oy = gap + Math.floor(index / cols) * (height * scale + gap)
  for (let y = 0; y < height * scale; y++) {
    for (let x = 0; x < width * scale; x++) {
      const v = image[Math.floor(y / scale) * width + Math.floor(x / scale)]
      // MNIST digits are white on black; keep that, as the app shows them.
      pixels[(oy + y) * W + ox + x] = Math.round(255 * Math.min(1, Math.max(0, v)))
    }
  }
})

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  Buffer.from(data).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
const header = Buffer.alloc(13)
header.writeUInt32BE(W, 0)
header.writeUInt32BE(H, 4)
header[8] = 8 // bit depth
header[9] = 0 // greyscale
const raw = Buffer.alloc(H * (W + 1))
for (let y = 0; y < H; y++) Buffer.from(pixels.subarray(y * W, (y + 1) * W)).copy(raw, y * (W + 1) + 1)
writeFileSync(
  output,
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
)
console.log(`${output}: ${images.length} image(s) (set ${at} of ${found.length}), ${W}×${H} px`)
