import type * as fsp from 'node:fs/promises'

/**
 * Writes `data` to an open file. Parts (a project container: its headers, document and every
 * weight tensor) are written one after another in slices of at most CHUNK_BYTES, so a save never
 * joins hundreds of megabytes of weights into one buffer and never hands the OS one huge write.
 */
export const CHUNK_BYTES = 8 * 1024 * 1024

export async function writeData(
  handle: Pick<fsp.FileHandle, 'write' | 'writeFile'>,
  data: string | Uint8Array | readonly Uint8Array[],
): Promise<void> {
  if (!Array.isArray(data)) {
    await handle.writeFile(data as string | Uint8Array)
    return
  }
  for (const part of data as readonly Uint8Array[]) {
    for (let at = 0; at < part.byteLength;) {
      const length = Math.min(CHUNK_BYTES, part.byteLength - at)
      const { bytesWritten } = await handle.write(part, at, length)
      at += bytesWritten
    }
  }
}
