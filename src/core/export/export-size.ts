import { MAX_EXPORT_BYTES, MAX_WEIGHT_BYTES, megabytes } from '../document/size-policy'
import { exportProblem } from '../i18n/export-messages'
import type { ExportFiles, ExportProblem } from './problem'

/** Bytes of UTF-8 a text takes, without encoding it (exports hold megabytes of generated code). */
function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4 // a surrogate pair: one 4-byte character
      i++
    } else bytes += 3
  }
  return bytes
}

/** The size of an export's files together, as they are written. */
export function exportByteLength(files: ExportFiles): number {
  let total = 0
  for (const content of Object.values(files))
    total += typeof content === 'string' ? utf8Length(content) : content.byteLength
  return total
}

/**
 * The size policy (core/document/size-policy.ts) for exports: an export larger than
 * MAX_EXPORT_BYTES is refused with one problem saying how large it would be, in every host,
 * before anything is written.
 */
export function exportSizeProblem(files: ExportFiles, format: string, max = MAX_EXPORT_BYTES): ExportProblem | null {
  const bytes = exportByteLength(files)
  if (bytes <= max) return null
  return exportProblem(null, 'exportTooLarge', {
    format,
    size: megabytes(bytes),
    max: megabytes(max),
    weights: megabytes(MAX_WEIGHT_BYTES),
  })
}
