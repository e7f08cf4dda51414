/**
 * A minimal zip writer and reader for uncompressed ("stored") entries: the project container
 * (project-file.ts). Zip because any unzip tool can open a project and show its project.json;
 * stored because float32 weights barely compress and reading them must not need a second copy.
 * No ZIP64: the size policy keeps a project far below 4 GiB.
 *
 * The writer returns the file as a list of parts (headers and the callers' own byte views), so a
 * 500 MB project is never copied into one buffer: hosts stream the parts to disk or into a Blob.
 */

export interface ZipEntryInput {
  name: string
  /** The entry's bytes, possibly in several parts (written one after another). */
  parts: Uint8Array[]
  /** Pad the local header so the data starts at a multiple of this many bytes in the file. */
  align?: number
}

export interface ZipWriteResult {
  parts: Uint8Array[]
  byteLength: number
}

const LOCAL_SIG = 0x04034b50
const CENTRAL_SIG = 0x02014b50
const END_SIG = 0x06054b50
/** Extra-field id for alignment padding ("LC"); readers skip extra fields they do not know. */
const PADDING_ID = 0x434c
const UTF8_FLAG = 0x0800
const MAX_U32 = 0xffffffff

let crcTable: Uint32Array | null = null

function table(): Uint32Array {
  if (crcTable) return crcTable
  crcTable = new Uint32Array(256 * 8)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crcTable[n] = c >>> 0
  }
  // Slicing-by-8 tables: eight bytes per step, ~4× the byte-wise loop on 500 MB of weights.
  for (let n = 0; n < 256; n++) {
    let c = crcTable[n]
    for (let k = 1; k < 8; k++) {
      c = crcTable[c & 0xff] ^ (c >>> 8)
      crcTable[k * 256 + n] = c >>> 0
    }
  }
  return crcTable
}

/** CRC-32 (the zip/PNG polynomial) of `parts` in order; pass the previous result to continue. */
export function crc32(parts: readonly Uint8Array[], previous = 0): number {
  const t = table()
  let crc = ~previous >>> 0
  for (const bytes of parts) {
    let i = 0
    const n = bytes.length
    for (; i + 8 <= n; i += 8) {
      const a = (crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24))) >>> 0
      crc =
        t[7 * 256 + (a & 0xff)] ^
        t[6 * 256 + ((a >>> 8) & 0xff)] ^
        t[5 * 256 + ((a >>> 16) & 0xff)] ^
        t[4 * 256 + (a >>> 24)] ^
        t[3 * 256 + bytes[i + 4]] ^
        t[2 * 256 + bytes[i + 5]] ^
        t[256 + bytes[i + 6]] ^
        t[bytes[i + 7]]
    }
    for (; i < n; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  }
  return ~crc >>> 0
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107)
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

/** Writes a zip of stored entries. Throws (a programmer error) past 4 GiB: the size policy stops that earlier. */
export function writeZip(entries: readonly ZipEntryInput[], modified = new Date()): ZipWriteResult {
  const encoder = new TextEncoder()
  const stamp = dosDateTime(modified)
  const out: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = encoder.encode(entry.name)
    const size = entry.parts.reduce((n, p) => n + p.length, 0)
    const crc = crc32(entry.parts)
    const align = entry.align ?? 1
    const base = offset + 30 + name.length
    const pad = (align - (base % align)) % align
    // An extra field needs its own 4-byte header, so padding is 0 or at least 4 bytes.
    let extraLength = pad
    while (extraLength > 0 && extraLength < 4) extraLength += align
    const extraData = Math.max(0, extraLength - 4)
    if (offset + 30 + name.length + extraLength + size > MAX_U32) throw new Error('writeZip: the file would pass 4 GiB')
    const local = new Uint8Array(30 + name.length + extraLength)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, LOCAL_SIG, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, UTF8_FLAG, true)
    lv.setUint16(8, 0, true)
    lv.setUint16(10, stamp.time, true)
    lv.setUint16(12, stamp.date, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, size, true)
    lv.setUint32(22, size, true)
    lv.setUint16(26, name.length, true)
    lv.setUint16(28, extraLength, true)
    local.set(name, 30)
    if (extraLength > 0) {
      lv.setUint16(30 + name.length, PADDING_ID, true)
      lv.setUint16(32 + name.length, extraData, true)
    }
    const cd = new Uint8Array(46 + name.length)
    const cv = new DataView(cd.buffer)
    cv.setUint32(0, CENTRAL_SIG, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, UTF8_FLAG, true)
    cv.setUint16(10, 0, true)
    cv.setUint16(12, stamp.time, true)
    cv.setUint16(14, stamp.date, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, size, true)
    cv.setUint32(24, size, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    cd.set(name, 46)
    out.push(local, ...entry.parts.filter((p) => p.length > 0))
    central.push(cd)
    offset += local.length + size
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, END_SIG, true)
  ev.setUint16(8, entries.length, true)
  ev.setUint16(10, entries.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  out.push(...central, end)
  return { parts: out, byteLength: offset + centralSize + 22 }
}

export interface ZipEntry {
  name: string
  /** A view into the file's bytes (no copy). */
  data: Uint8Array
}

/** Starts with a zip local header: how project files are told apart from plain JSON. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * Reads the entries of a zip of stored entries, checking every offset against the file and every
 * CRC. Throws an Error with a plain-language message for a damaged or unsupported file.
 * `maxEntryBytes(name)` bounds each entry before its CRC is computed.
 */
export function readZip(bytes: Uint8Array, maxEntryBytes: (name: string) => number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const damaged = (what: string) => new Error(`the file is damaged (${what})`)
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_SIG) {
      end = at
      break
    }
  }
  if (end < 0) throw damaged('no zip directory at its end: it may have been cut short')
  const count = view.getUint16(end + 10, true)
  const centralSize = view.getUint32(end + 12, true)
  const centralOffset = view.getUint32(end + 16, true)
  if (centralOffset + centralSize > end) throw damaged('the zip directory points outside the file')
  const decoder = new TextDecoder('utf-8', { fatal: false })
  const entries: ZipEntry[] = []
  let at = centralOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_SIG) throw damaged(`zip directory entry ${i + 1}`)
    const method = view.getUint16(at + 10, true)
    const crc = view.getUint32(at + 16, true)
    const compressed = view.getUint32(at + 20, true)
    const size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localOffset = view.getUint32(at + 42, true)
    if (at + 46 + nameLength > end) throw damaged(`zip directory entry ${i + 1}`)
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    at += 46 + nameLength + extraLength + commentLength
    if (method !== 0 || compressed !== size)
      throw new Error(
        `"${name}" inside the project is compressed; LayerCanvas reads projects whose entries are stored uncompressed (as it writes them). Re-create the zip with "zip -0".`,
      )
    if (size > maxEntryBytes(name)) throw new Error(`"${name}" inside the project is too large (${size} bytes)`)
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL_SIG)
      throw damaged(`the header of "${name}"`)
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true)
    if (start + size > bytes.length) throw damaged(`"${name}" is cut short`)
    const data = bytes.subarray(start, start + size)
    if (crc32([data]) !== crc) throw damaged(`"${name}" does not match its checksum`)
    entries.push({ name, data })
  }
  return entries
}
