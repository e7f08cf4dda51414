import { randomBytes } from 'node:crypto'
import type * as fsp from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Our temporary files and folders, and how leftovers are cleaned up. Every crash-safe write in
 * LayerCanvas (the app's saves, drafts and exports, the CLI's writes) stages its data in a hidden
 * sibling named `.<name>.<12 hex digits>.tmp` and renames it into place. A process killed between
 * the two steps leaves that sibling behind; the next write of the same name removes it, but only
 * when it is certainly ours and certainly dead:
 *
 * - the name matches our pattern for exactly that file (`.<name>.<hex>.tmp`, and for a file's
 *   backup `.<name>.bak.<hex>.tmp`), so other programs' temp files are never touched;
 * - it is a plain file (or, for export folders, a plain folder) — never a symbolic link;
 * - it belongs to the user running LayerCanvas (where the OS has owners);
 * - it was last modified more than STALE_TEMP_AGE_MS before the current write began: a live
 *   write updates its temp file continuously, so a live temp is never that old;
 * - it is not being written by this process right now (IN_FLIGHT), whatever its age.
 */

/** How long a temp file must have been left untouched before another write may delete it. */
export const STALE_TEMP_AGE_MS = 5 * 60 * 1000

/** Temp paths this process is writing right now; cleanup never removes them. */
const IN_FLIGHT = new Set<string>()

const HEX_DIGITS = 12

/** A fresh temp name for `name` (a file or folder name, no path). */
export function tempNameFor(name: string): string {
  return `.${name}.${randomBytes(HEX_DIGITS / 2).toString('hex')}.tmp`
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `entry` (a name in the same folder) is one of our temp names for `name`. */
export function isTempNameFor(name: string, entry: string): boolean {
  return new RegExp(`^\\.${escapeRegExp(name)}\\.[0-9a-f]{${HEX_DIGITS}}\\.tmp$`).test(entry)
}

/** Marks a temp path as in use for the duration of `work`. */
export async function withTempInUse<T>(path: string, work: () => Promise<T>): Promise<T> {
  IN_FLIGHT.add(path)
  try {
    return await work()
  } finally {
    IN_FLIGHT.delete(path)
  }
}

export type CleanupFs = Pick<typeof fsp, 'readdir' | 'lstat' | 'unlink' | 'rm'>

export interface StaleTempOptions {
  /** Names whose temps are looked for, e.g. [file, `${file}.bak`]. */
  names: string[]
  /** `file`: temp files (atomic file writes); `folder`: temp folders (exports). */
  kind: 'file' | 'folder'
  /** When the current write began (ms since the epoch). */
  startedAt: number
  /** Defaults to STALE_TEMP_AGE_MS. */
  staleAfterMs?: number
  /** The current user's id; undefined where the OS has no POSIX owners (Windows). */
  uid?: number
}

/**
 * Removes leftovers of our own earlier, interrupted writes of `names` in `dir` (see above).
 * Best effort: a folder that cannot be listed or an entry that cannot be removed is skipped, so
 * cleanup never makes a save fail. Returns the entries it removed.
 */
export async function removeStaleTemps(fs: CleanupFs, dir: string, options: StaleTempOptions): Promise<string[]> {
  let entries: string[]
  try {
    entries = await fs.readdir(dir)
  } catch {
    return []
  }
  const cutoff = options.startedAt - (options.staleAfterMs ?? STALE_TEMP_AGE_MS)
  const uid = 'uid' in options ? options.uid : process.getuid?.()
  const removed: string[] = []
  for (const entry of entries) {
    if (!options.names.some((name) => isTempNameFor(name, entry))) continue
    const path = join(dir, entry)
    if (IN_FLIGHT.has(path)) continue
    try {
      // lstat: a symbolic link with our name is not something we made; it is left alone.
      const info = await fs.lstat(path)
      const rightKind = options.kind === 'file' ? info.isFile() : info.isDirectory()
      if (!rightKind || (uid !== undefined && info.uid !== uid) || info.mtimeMs >= cutoff) continue
      if (options.kind === 'file') await fs.unlink(path)
      else await fs.rm(path, { recursive: true, force: true }) // rm removes links inside, never their targets
      removed.push(entry)
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed
}
