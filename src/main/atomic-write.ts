import { randomBytes } from 'node:crypto'
import type * as fsp from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Crash-safe file replacement: write a temp file in the same folder, fsync it, copy the
 * current file to `<file>.bak`, then rename the temp file over the target. A crash or error at
 * any step leaves either the old file or the new one in place, never a half-written file
 * (the zero-filled-file reports against in-place overwrites are why).
 */

/** The node:fs/promises functions used here; injected so tests can make any step fail. */
export type AtomicFs = Pick<typeof fsp, 'open' | 'rename' | 'copyFile' | 'unlink' | 'stat'>

export interface AtomicWriteOptions {
  /** Keep the previous content as `<file>.bak` (default true). */
  keepBackup?: boolean
  /** Waits between rename retries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES'])

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code

async function exists(fs: AtomicFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path)
    return true
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false
    throw error
  }
}

/** On Windows, antivirus or indexers briefly hold files open; a rename then fails and a retry works. */
async function renameWithRetry(fs: AtomicFs, from: string, to: string, sleep: (ms: number) => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to)
      return
    } catch (error) {
      if (attempt >= 3 || !RETRYABLE_RENAME.has(codeOf(error) ?? '')) throw error
      await sleep(50 * 2 ** attempt)
    }
  }
}

/** Makes the rename itself durable on POSIX; directories cannot be opened this way on Windows. */
async function syncDirectory(fs: AtomicFs, dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fs.open(dir, 'r')
    await handle.sync()
  } catch {
    // Best effort only: the data itself is already fsynced.
  } finally {
    await handle?.close().catch(() => {})
  }
}

export function backupPathFor(path: string): string {
  return `${path}.bak`
}

export async function writeFileAtomic(fs: AtomicFs, target: string, text: string, options: AtomicWriteOptions = {}) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const dir = dirname(target)
  // Same folder as the target: a rename across file systems would not be atomic.
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  let tempExists = false
  try {
    const handle = await fs.open(temp, 'wx')
    tempExists = true
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (options.keepBackup !== false && (await exists(fs, target))) {
      await fs.copyFile(target, backupPathFor(target))
    }
    await renameWithRetry(fs, temp, target, sleep)
    tempExists = false
  } finally {
    if (tempExists) await fs.unlink(temp).catch(() => {})
  }
  await syncDirectory(fs, dir)
}
