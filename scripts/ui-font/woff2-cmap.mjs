// Reads which characters a WOFF2 font maps (its cmap), with Node's own Brotli: enough to check
// the bundled subset font without a font library.
import { brotliDecompressSync } from 'node:zlib'

/** WOFF2's known-table list; a directory entry names its table by index into it (63 = explicit tag). */
const KNOWN_TAGS = (
  'cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF ' +
  'GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx ' +
  'opbd prop trak Zapf Silf Glat Gloc Feat Sill'
)
  .match(/.{4} ?/g)
  .map((tag) => tag.slice(0, 4))

function readBase128(bytes, at) {
  let value = 0
  for (let i = 0; i < 5; i++) {
    const byte = bytes[at.offset++]
    value = value * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) return value
  }
  throw new Error('woff2: bad UIntBase128')
}

/** The table data of a WOFF2 file by tag (transformed tables as stored; cmap never is). */
export function woff2Tables(buffer) {
  const bytes = new Uint8Array(buffer)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 file')
  const numTables = view.getUint16(12)
  const compressedLength = view.getUint32(20)
  const at = { offset: 48 }
  const entries = []
  for (let i = 0; i < numTables; i++) {
    const flags = bytes[at.offset++]
    let tag = KNOWN_TAGS[flags & 0x3f]
    if ((flags & 0x3f) === 63) {
      tag = String.fromCharCode(...bytes.subarray(at.offset, at.offset + 4))
      at.offset += 4
    }
    const version = flags >> 6
    const origLength = readBase128(bytes, at)
    // glyf/loca are transformed at version 0; every other table only at versions 1–3.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0
    const length = transformed ? readBase128(bytes, at) : origLength
    entries.push({ tag, length })
  }
  const data = brotliDecompressSync(bytes.subarray(at.offset, at.offset + compressedLength))
  const tables = new Map()
  let offset = 0
  for (const { tag, length } of entries) {
    tables.set(tag, data.subarray(offset, offset + length))
    offset += length
  }
  return tables
}

/** The code points a font's Unicode cmap subtables (format 4 or 12) map to a glyph other than .notdef. */
export function woff2CodePoints(buffer) {
  const cmap = woff2Tables(buffer).get('cmap')
  if (!cmap) throw new Error('woff2: no cmap table')
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength)
  const points = new Set()
  const count = view.getUint16(2)
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(4 + i * 8 + 4)
    const format = view.getUint16(offset)
    if (format === 4) {
      const segments = view.getUint16(offset + 6) / 2
      const ends = offset + 14
      const starts = ends + segments * 2 + 2
      const deltas = starts + segments * 2
      const rangeOffsets = deltas + segments * 2
      for (let s = 0; s < segments; s++) {
        const end = view.getUint16(ends + s * 2)
        const start = view.getUint16(starts + s * 2)
        const delta = view.getInt16(deltas + s * 2)
        const rangeOffset = view.getUint16(rangeOffsets + s * 2)
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff
          else {
            const raw = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2)
            glyph = raw === 0 ? 0 : (raw + delta) & 0xffff
          }
          if (glyph !== 0) points.add(c)
        }
      }
    } else if (format === 12) {
      const groups = view.getUint32(offset + 12)
      for (let g = 0; g < groups; g++) {
        const base = offset + 16 + g * 12
        const start = view.getUint32(base)
        const end = view.getUint32(base + 4)
        const glyph = view.getUint32(base + 8)
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c)
      }
    }
  }
  return points
}
