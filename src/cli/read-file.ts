import { constants, type Stats } from 'node:fs'
import { open, realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import {
  MAX_PROJECT_FILE_BYTES as POLICY_PROJECT_FILE_BYTES,
  MAX_WEIGHT_BYTES as POLICY_WEIGHT_BYTES,
} from '../core/document/size-policy'
import { MAX_DATA_FILE_BYTES, MAX_MODEL_JSON_BYTES } from '../shared/ipc-contract'

/**
 * Every file the command line reads on the user's behalf (projects, model.json and its weights,
 * CSV and text data) goes through here. Only regular files are read: a named pipe would block
 * forever, a device (/dev/urandom, /dev/zero) never ends. The size is checked on the opened
 * file before reading, and reading stops one byte past the limit, so a file that grows while
 * it is read is refused too. The size of a file is never reported unless it could be opened:
 * a file the user may not read says "permission denied", nothing more.
 */

/**
 * Projects and imported weights: the project format's one size policy
 * (core/document/size-policy.ts), so a file the CLI reads is one the app reads too.
 */
export const MAX_PROJECT_FILE_BYTES = POLICY_PROJECT_FILE_BYTES
export const MAX_WEIGHT_BYTES = POLICY_WEIGHT_BYTES
/** The app's limit, so a model.json the CLI imports is one the app imports too. */
export const MAX_MODEL_FILE_BYTES = MAX_MODEL_JSON_BYTES
export const MAX_DATA_BYTES = MAX_DATA_FILE_BYTES

/** Why a file was not read, as a short phrase: `cannot read x.json: <reason>`. */
export class FileReadError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'FileReadError'
  }
}

const megabytes = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en')} MB`

/** What a path is, when it is not a regular file. */
export function notAFileReason(info: Stats): string {
  if (info.isDirectory()) return 'is a directory'
  if (info.isFIFO()) return 'not a regular file (a named pipe)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'not a regular file (a device)'
  if (info.isSocket()) return 'not a regular file (a socket)'
  return 'not a regular file'
}

/** A file-system error as a short phrase (no stack, no errno number). */
export function fsErrorReason(error: unknown): string {
  if (error instanceof FileReadError) return error.reason
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file'
    case 'EISDIR':
      return 'is a directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'too many symbolic links'
    case 'ENAMETOOLONG':
      return 'the path is too long'
    default:
      return code ?? String((error as Error)?.message ?? error)
  }
}

/**
 * The bytes of a regular file of at most `maxBytes`. Throws FileReadError with the reason;
 * `what` names the kind of file in the too-large message ("data files", "projects").
 */
export async function readRegularFile(path: string, maxBytes: number, what = 'files'): Promise<Uint8Array> {
  try {
    // Refuse pipes and devices before opening them: opening a pipe may already block.
    const before = await stat(path)
    if (!before.isFile()) throw new FileReadError(notAFileReason(before))
    // O_NONBLOCK: should the path have become a pipe since, open returns instead of waiting.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    try {
      const info = await handle.stat()
      if (!info.isFile()) throw new FileReadError(notAFileReason(info))
      const tooLarge = () =>
        new FileReadError(`too large (${megabytes(info.size)}; LayerCanvas reads ${what} up to ${megabytes(maxBytes)})`)
      if (info.size > maxBytes) throw tooLarge()
      const buffer = new Uint8Array(info.size + 1)
      let length = 0
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
        if (bytesRead === 0) break
        length += bytesRead
      }
      if (length > maxBytes) throw tooLarge()
      return buffer.subarray(0, length)
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error
    throw new FileReadError(fsErrorReason(error))
  }
}

/** A regular text file as UTF-8 (invalid bytes become U+FFFD), a leading byte-order mark dropped. */
export async function readRegularText(path: string, maxBytes: number, what?: string): Promise<string> {
  const text = new TextDecoder('utf-8').decode(await readRegularFile(path, maxBytes, what))
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** True when `path` is `folder` itself or lies below it (both already resolved). */
export function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

/** The real path (symbolic links resolved) of an existing file, or FileReadError. */
export async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(resolve(path))
  } catch (error) {
    throw new FileReadError(fsErrorReason(error))
  }
}
