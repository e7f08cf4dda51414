import type * as fsp from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { z } from 'zod'
import type { RecentFileDto } from '../shared/ipc-contract'
import { writeFileAtomic, type AtomicFs } from '../node/atomic-write'

/**
 * The most-recently-used project files: a small JSON list in userData (validated with zod on
 * every read, so a hand-edited or corrupt file only empties the list), newest first, at most
 * `max` entries, and only files that still exist. Main adds a path whenever it opens or saves a
 * project; the native File → Open Recent menu and the renderer's start gallery read it.
 */

export type RecentFilesFs = AtomicFs & Pick<typeof fsp, 'readFile' | 'mkdir'>

export interface RecentFilesDeps {
  fs: RecentFilesFs
  /** The list's file, e.g. join(app.getPath('userData'), 'recent-files.json'). */
  file: string
  max?: number
  /** Also tell the OS (app.addRecentDocument: Windows jump list, macOS Dock menu). */
  addToOs?: (path: string) => void
  /** Called after the list changed (the native menu is rebuilt). */
  onChange?: (list: RecentFileDto[]) => void
}

export const MAX_RECENT_FILES = 10

const StoredSchema = z.object({
  version: z.literal(1),
  files: z.array(z.string().min(1).max(4096)).max(100),
})

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code

export interface RecentFiles {
  /** The list (missing files pruned and the pruned list written back). */
  list(): Promise<RecentFileDto[]>
  /** Moves `path` to the top. */
  add(path: string): Promise<RecentFileDto[]>
  remove(path: string): Promise<RecentFileDto[]>
  /** True when `path` is on the list (opening from the list is allowed only for those). */
  has(path: string): Promise<boolean>
  /** The last list read or written, without touching the disk (for building menus). */
  cached(): RecentFileDto[]
}

export function createRecentFiles(deps: RecentFilesDeps): RecentFiles {
  const { fs } = deps
  const max = deps.max ?? MAX_RECENT_FILES
  let cache: RecentFileDto[] = []
  // Writes are serialised so two quick saves cannot interleave read-modify-write.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task)
    queue = next.catch(() => {})
    return next
  }

  const toDto = (path: string): RecentFileDto => ({ path, name: basename(path) || path })

  async function readStored(): Promise<string[]> {
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(await fs.readFile(deps.file, 'utf8')))
      return parsed.success ? parsed.data.files : []
    } catch (error) {
      if (codeOf(error) !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
      return []
    }
  }

  async function isFile(path: string): Promise<boolean> {
    try {
      return (await fs.stat(path)).isFile()
    } catch {
      return false
    }
  }

  async function write(files: string[]): Promise<RecentFileDto[]> {
    await fs.mkdir(dirname(deps.file), { recursive: true })
    await writeFileAtomic(fs, deps.file, JSON.stringify({ version: 1, files }, null, 2), { keepBackup: false })
    return publish(files)
  }

  function publish(files: string[]): RecentFileDto[] {
    const before = JSON.stringify(cache)
    cache = files.map(toDto)
    if (JSON.stringify(cache) !== before) deps.onChange?.(cache)
    return cache
  }

  /** Unique, existing, at most `max`. */
  async function clean(files: string[]): Promise<string[]> {
    const kept: string[] = []
    for (const path of files) {
      if (kept.length >= max) break
      if (!kept.includes(path) && (await isFile(path))) kept.push(path)
    }
    return kept
  }

  return {
    list: () =>
      serial(async () => {
        const stored = await readStored()
        const kept = await clean(stored)
        if (kept.length !== stored.length || kept.some((p, i) => p !== stored[i])) return write(kept)
        return publish(kept)
      }),
    add: (path) =>
      serial(async () => {
        deps.addToOs?.(path)
        return write(await clean([path, ...(await readStored()).filter((p) => p !== path)]))
      }),
    remove: (path) => serial(async () => write((await readStored()).filter((p) => p !== path))),
    has: async (path) => (await readStored()).includes(path),
    cached: () => cache,
  }
}
