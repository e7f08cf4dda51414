import type * as fsp from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { DraftIdSchema, type DraftDto, type DraftInfoDto, type DraftSaveDto } from '../shared/ipc-contract'
import { writeFileAtomic, type AtomicFs } from '../node/atomic-write'

/**
 * Autosave drafts, in the spirit of VS Code's hot exit: while a document has unsaved changes,
 * the renderer sends it here a few seconds after the last edit and main writes it to
 * `<userData>/drafts/` (outside the user's folders, atomically). A clean save, New/Open of
 * another document, or "discard changes" on close deletes the draft. A draft that survives is
 * from a session that ended without saving (a crash): on the next start the renderer offers
 * to restore it, unless the project file was saved after the draft was written.
 *
 * Two files per draft: `<id>.project` (the document, written first) and `<id>.meta.json` (title,
 * project path, time; written second), so listing never reads a large document. The document is
 * stored as the renderer encoded it (encodeProjectFile: JSON, or a container with binary weights),
 * written part by part; drafts from before the container (`<id>.json`, text) are still read.
 */

export type DraftsFs = AtomicFs & Pick<typeof fsp, 'readFile' | 'readdir' | 'mkdir' | 'rm'>

export interface DraftsDeps {
  fs: DraftsFs
  /** The drafts folder, e.g. join(app.getPath('userData'), 'drafts'). */
  dir: string
  now?: () => number
  /** Whether the page may name this project path (main opened or saved it); others are dropped. */
  isKnownPath?: (path: string) => Promise<boolean>
}

const MetaSchema = z.object({
  draftId: DraftIdSchema,
  title: z.string().max(500),
  path: z.string().min(1).max(4096).nullable(),
  savedAt: z.number().finite(),
})

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code
const META = '.meta.json'

export interface Drafts {
  save(request: DraftSaveDto): Promise<void>
  discard(draftId: string): Promise<void>
  /** Drafts worth offering, newest first; drafts older than their saved file are deleted. */
  list(): Promise<DraftInfoDto[]>
  read(draftId: string): Promise<DraftDto>
}

export function createDrafts(deps: DraftsDeps): Drafts {
  const { fs, dir } = deps
  const now = deps.now ?? Date.now
  const docFile = (id: string) => join(dir, `${DraftIdSchema.parse(id)}.project`)
  const legacyDocFile = (id: string) => join(dir, `${DraftIdSchema.parse(id)}.json`)
  const exists = (path: string) =>
    fs.stat(path).then(
      () => true,
      () => false,
    )
  const metaFile = (id: string) => join(dir, `${DraftIdSchema.parse(id)}${META}`)

  async function readMeta(id: string): Promise<z.infer<typeof MetaSchema> | null> {
    try {
      const parsed = MetaSchema.safeParse(JSON.parse(await fs.readFile(metaFile(id), 'utf8')))
      return parsed.success && parsed.data.draftId === id ? parsed.data : null
    } catch {
      return null
    }
  }

  async function discard(draftId: string): Promise<void> {
    // Metadata first: a draft without it is never listed.
    await fs.rm(metaFile(draftId), { force: true })
    await fs.rm(docFile(draftId), { force: true })
    await fs.rm(legacyDocFile(draftId), { force: true })
  }

  /** Last-modified time of the project file; null when it no longer exists. */
  async function fileTime(path: string): Promise<number | null> {
    try {
      return (await fs.stat(path)).mtimeMs
    } catch (error) {
      if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return null
      throw error
    }
  }

  return {
    async save(request) {
      const path =
        request.path !== undefined && (await (deps.isKnownPath?.(request.path) ?? Promise.resolve(false)))
          ? request.path
          : null
      await fs.mkdir(dir, { recursive: true })
      await writeFileAtomic(fs, docFile(request.draftId), request.parts, { keepBackup: false })
      // A text draft an older version left under this id is replaced by this one.
      await fs.rm(legacyDocFile(request.draftId), { force: true })
      const meta = { draftId: request.draftId, title: request.title, path, savedAt: now() }
      await writeFileAtomic(fs, metaFile(request.draftId), JSON.stringify(meta), { keepBackup: false })
    },

    discard,

    async list() {
      let names: string[]
      try {
        names = await fs.readdir(dir)
      } catch (error) {
        if (codeOf(error) === 'ENOENT') return []
        throw error
      }
      const found: DraftInfoDto[] = []
      for (const name of names) {
        if (!name.endsWith(META)) continue
        const id = name.slice(0, -META.length)
        if (!DraftIdSchema.safeParse(id).success) continue
        const meta = await readMeta(id)
        if (!meta) continue
        if (!(await exists(docFile(id))) && !(await exists(legacyDocFile(id)))) continue
        if (meta.path !== null) {
          const saved = await fileTime(meta.path).catch(() => null)
          // Saved after the draft was written: the draft holds nothing the file lacks.
          if (saved !== null && saved >= meta.savedAt) {
            await discard(id).catch(() => {})
            continue
          }
        }
        found.push(meta)
      }
      return found.sort((a, b) => b.savedAt - a.savedAt)
    },

    async read(draftId) {
      const meta = await readMeta(draftId)
      if (!meta)
        throw Object.assign(new Error(`The unsaved work ${draftId} is no longer available.`), { code: 'ENOENT' })
      const file = (await exists(docFile(draftId))) ? docFile(draftId) : legacyDocFile(draftId)
      const content = await fs.readFile(file)
      return { ...meta, bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) }
    },
  }
}
