import { constants, type Stats } from 'node:fs'
import type * as fsp from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { removeStaleTemps, tempNameFor, withTempInUse } from './temp-files'
import { writeData } from './write-chunks'

/**
 * Crash-safe file replacement, shared by the desktop app (saves, drafts, the recent-files list)
 * and the CLI: write a temp file in the same folder, fsync it, copy the current file to
 * `<file>.bak`, then rename the temp file over the target. A crash or error at any step leaves
 * either the old file or the new one in place, never a half-written file (the zero-filled-file
 * reports against in-place overwrites are why).
 *
 * What a replace keeps and what it never does:
 * - The replaced file's permissions (a 0600 project stays 0600) and, where the OS lets us, its
 *   owner and group; the backup gets the same permissions.
 * - A target that is a symbolic link is resolved first: the file it points to is replaced and
 *   the link stays, as when an editor saves through a link the user made.
 * - Nothing is ever written THROUGH a link we did not choose: temp files are created with O_EXCL
 *   (`wx`), which fails on any existing name, link or not; the backup is staged the same way and
 *   renamed over `<file>.bak`, so a `<file>.bak` that is a symbolic link is replaced by a plain
 *   file and whatever it pointed at is left untouched. A `<file>.bak` that is a folder (or any
 *   other non-file) makes the save fail with BackupNotAFileError before anything is changed.
 * - Temp files left by an earlier save that was killed are removed (see temp-files.ts).
 */

/** The node:fs/promises functions used here; injected so tests can make any step fail. */
export type AtomicFs = Pick<
  typeof fsp,
  'open' | 'rename' | 'copyFile' | 'unlink' | 'stat' | 'lstat' | 'readdir' | 'realpath' | 'rm'
>

export interface AtomicWriteOptions {
  /** Keep the previous content as `<file>.bak` (default true). */
  keepBackup?: boolean
  /** Waits between rename retries; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>
  /** The clock the stale-temp rule compares file times with (default Date.now). */
  now?: () => number
}

/** `<file>.bak` exists and is not a file or a link, so the previous version has nowhere to go. */
export class BackupNotAFileError extends Error {
  readonly code = 'EBAKNOTFILE'
  constructor(readonly backupPath: string) {
    super(
      `${backupPath} is not a file, so the previous version cannot be kept there; move or rename it, then save again.`,
    )
    this.name = 'BackupNotAFileError'
  }
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES'])

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code

async function ifExists<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null
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

/**
 * Gives a new file the owner, group and permissions of the one it replaces. Changing the owner
 * needs privileges most users lack: then the file is the saver's, as after any editor's save.
 * Owner first: chown clears set-id bits, which chmod then restores. A file system without Unix
 * permissions (FAT, some network shares) may refuse chmod; the save goes on (writeFileAtomic
 * creates its temp file private, so there a refused chmod never widens access).
 */
export async function keepOwnerAndMode(
  file: Pick<fsp.FileHandle, 'stat' | 'chown' | 'chmod'>,
  previous: Pick<Stats, 'uid' | 'gid' | 'mode'>,
): Promise<void> {
  const current = await file.stat()
  if (current.uid !== previous.uid || current.gid !== previous.gid) {
    await file.chown(previous.uid, previous.gid).catch(() => {})
  }
  await file.chmod(previous.mode & 0o7777).catch(() => {})
}

/** The file a write to `target` should replace: the target, or the file its link points to. */
async function resolveTarget(fs: AtomicFs, target: string): Promise<string> {
  return (await ifExists(() => fs.realpath(target))) ?? target
}

/** Copies `file` to `<file>.bak` without ever writing through an existing `<file>.bak`. */
async function writeBackup(fs: AtomicFs, file: string, sleep: (ms: number) => Promise<void>): Promise<void> {
  const backup = backupPathFor(file)
  const existing = await ifExists(() => fs.lstat(backup))
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw new BackupNotAFileError(backup)
  const temp = join(dirname(file), tempNameFor(basename(backup)))
  await withTempInUse(temp, async () => {
    try {
      // COPYFILE_EXCL creates the copy with O_EXCL; the copy gets the original's permissions.
      await fs.copyFile(file, temp, constants.COPYFILE_EXCL)
      await renameWithRetry(fs, temp, backup, sleep)
    } catch (error) {
      // EEXIST: the name was taken before us, so whatever is there is not ours to delete.
      if (codeOf(error) !== 'EEXIST') await fs.unlink(temp).catch(() => {})
      throw error
    }
  })
}

export async function writeFileAtomic(
  fs: AtomicFs,
  target: string,
  /** Text, bytes, or parts written one after another (a project container; see write-chunks.ts). */
  data: string | Uint8Array | readonly Uint8Array[],
  options: AtomicWriteOptions = {},
) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const startedAt = (options.now ?? Date.now)()
  const file = await resolveTarget(fs, target)
  const dir = dirname(file)
  const name = basename(file)
  const previous = await ifExists(() => fs.stat(file))
  if (previous && !previous.isFile()) {
    throw Object.assign(new Error(`${file} is not a file.`), { code: previous.isDirectory() ? 'EISDIR' : 'EINVAL' })
  }
  await removeStaleTemps(fs, dir, { names: [name, basename(backupPathFor(file))], kind: 'file', startedAt })

  // Same folder as the target: a rename across file systems would not be atomic.
  const temp = join(dir, tempNameFor(name))
  await withTempInUse(temp, async () => {
    let tempExists = false
    try {
      // Private until complete: the replaced file's permissions are applied once it is written.
      const handle = await fs.open(temp, 'wx', previous ? 0o600 : 0o666)
      tempExists = true
      try {
        await writeData(handle, data)
        if (previous) await keepOwnerAndMode(handle, previous)
        await handle.sync()
      } finally {
        await handle.close()
      }
      if (options.keepBackup !== false && previous) await writeBackup(fs, file, sleep)
      await renameWithRetry(fs, temp, file, sleep)
      tempExists = false
    } finally {
      if (tempExists) await fs.unlink(temp).catch(() => {})
    }
  })
  await syncDirectory(fs, dir)
}
