import { Zip, ZipPassThrough } from 'fflate'

/**
 * NumPy's .npy / .npz formats, written without NumPy: an .npz is a zip of .npy files, each a
 * small text header (dtype, shape) followed by the raw values. Only what the exports need:
 * float32 and int64, little-endian, C order. The zip is stored (not deflated): features are
 * mostly incompressible floats, and storing lets the values stream out chunk by chunk.
 */

export type NpyDtype = '<f4' | '<i8'

export interface NpyArray {
  /** The key in the .npz (the file inside is `<name>.npy`). */
  name: string
  dtype: NpyDtype
  shape: number[]
  /** float32 values for '<f4'; whole numbers (written as int64) for '<i8'. */
  values: Float32Array | Int32Array
}

/** Values per chunk: 1 M values = 4–8 MB, so no chunk is ever the size of the whole dataset. */
const CHUNK_VALUES = 1 << 20

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

const bytesPerValue = (dtype: NpyDtype) => (dtype === '<f4' ? 4 : 8)

/** The .npy header (format version 1.0), padded so the data starts on a 64-byte boundary. */
export function npyHeader(dtype: NpyDtype, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ')
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${dims}), }`
  const unpadded = 10 + dict.length + 1
  const total = Math.ceil(unpadded / 64) * 64
  const text = dict + ' '.repeat(total - unpadded) + '\n'
  const out = new Uint8Array(10 + text.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]) // \x93NUMPY, version 1.0
  out[8] = text.length & 0xff
  out[9] = text.length >> 8
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i)
  return out
}

/** values[start … end) as little-endian bytes of the array's dtype. */
function valueBytes(array: NpyArray, start: number, end: number): Uint8Array {
  const part = array.values.subarray(start, end)
  if (array.dtype === '<f4') {
    const floats = part instanceof Float32Array ? part : Float32Array.from(part)
    if (littleEndian) return new Uint8Array(floats.buffer, floats.byteOffset, floats.byteLength)
    const out = new Uint8Array(floats.length * 4)
    const view = new DataView(out.buffer)
    floats.forEach((v, i) => view.setFloat32(i * 4, v, true))
    return out
  }
  const out = new Uint8Array(part.length * 8)
  const view = new DataView(out.buffer)
  part.forEach((v, i) => view.setBigInt64(i * 8, BigInt(Math.trunc(v)), true))
  return out
}

/** Bytes of one .npy file. */
export function npyByteLength(array: NpyArray): number {
  return npyHeader(array.dtype, array.shape).length + array.values.length * bytesPerValue(array.dtype)
}

/**
 * The size of the .npz npzChunks writes, in bytes, computed before writing anything: per file a
 * local header (30 bytes + name), the data, a data descriptor (16) and a central-directory entry
 * (46 + name); then the end record (22). Checked against the written bytes in the tests.
 */
export function npzByteLength(arrays: readonly NpyArray[]): number {
  let total = 22
  for (const array of arrays) {
    const name = `${array.name}.npy`.length
    total += 30 + name + npyByteLength(array) + 16 + 46 + name
  }
  return total
}

/**
 * The .npz as a sequence of chunks (each at most a few MB), for the host to write one after the
 * other: no single buffer ever holds the whole file.
 */
export function* npzChunks(arrays: readonly NpyArray[]): Generator<Uint8Array> {
  const queue: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else queue.push(chunk)
  })
  const drain = function* () {
    if (failure) throw failure
    while (queue.length > 0) yield queue.shift() as Uint8Array
  }
  for (const array of arrays) {
    const file = new ZipPassThrough(`${array.name}.npy`)
    zip.add(file)
    const count = array.values.length
    file.push(npyHeader(array.dtype, array.shape), count === 0)
    yield* drain()
    for (let start = 0; start < count; start += CHUNK_VALUES) {
      const end = Math.min(count, start + CHUNK_VALUES)
      file.push(valueBytes(array, start, end), end === count)
      yield* drain()
    }
  }
  zip.end()
  yield* drain()
}
