import { z } from 'zod'
import {
  MAX_EXPORT_BYTES as POLICY_MAX_EXPORT_BYTES,
  MAX_PROJECT_FILE_BYTES,
  MAX_WEIGHT_BYTES,
} from '../core/document/size-policy'
import type { CommandId } from './commands'

/**
 * The typed channel map between the renderer (through the preload bridge) and the main process.
 * Main validates every request and response against these schemas, so a compromised or buggy
 * renderer can only ever send shapes listed here. The preload imports this file with
 * `import type` only: the sandboxed preload bundle must stay tiny and free of zod.
 */

/**
 * Project files (and autosave drafts) travel as bytes: a container with binary weights, or JSON.
 * The limit is the one size policy's (src/core/document/size-policy.ts), so the app, the browser
 * build and the CLI refuse the same files.
 */
export const MAX_PROJECT_BYTES = MAX_PROJECT_FILE_BYTES

/** Imported data files (CSV, text) are read whole; larger ones are refused with a clear message. */
export const MAX_DATA_FILE_BYTES = 50 * 1024 * 1024
/** An imported image folder travels to the page in one reply: at most this many pictures / bytes. */
export const MAX_IMAGE_FOLDER_FILES = 10_000
export const MAX_IMAGE_FOLDER_BYTES = 300 * 1024 * 1024
/** Picture files an image-folder import reads (others are skipped). */
export const IMAGE_FILE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'bmp', 'gif', 'webp'] as const

/** Export folders: at most this many files / bytes in one write (weights of a big model plus code). */
export const MAX_EXPORT_FILES = 200
export const MAX_EXPORT_BYTES = POLICY_MAX_EXPORT_BYTES
/** Model import: model.json and the weight files its manifest names, read whole. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024
/** Imported weights become the project's weights, so they share the project's weight limit. */
export const MAX_MODEL_WEIGHTS_BYTES = MAX_WEIGHT_BYTES

/**
 * A file path inside an export folder: relative, '/'-separated, no '..' or '.' parts, no
 * absolute, drive or UNC paths, no backslashes or control characters. Main re-checks the
 * resolved path too (export-folder.ts); this is the contract's first line.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 512) return false
  if (/[\\:*?"<>|]/.test(path) || [...path].some((ch) => ch.charCodeAt(0) < 32)) return false
  if (path.startsWith('/')) return false
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.trim() === part)
}

const filePath = z.string().min(1).max(4096)
const fileName = z.string().min(1).max(255)

/** A project file's bytes as parts written one after another (no part is ever joined into one buffer). */
const projectParts = z
  // z.custom, not z.instanceof: the parts are views of any buffer (the weights' own Float32Arrays).
  .array(z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes (Uint8Array)'))
  .max(100_000)
  .refine((parts) => parts.reduce((n, p) => n + p.byteLength, 0) <= MAX_PROJECT_BYTES, {
    message: `a project file holds at most ${Math.ceil(MAX_PROJECT_BYTES / (1024 * 1024))} MB`,
  })

export const OpenedFileSchema = z.strictObject({ name: fileName, path: filePath, bytes: z.instanceof(Uint8Array) })
export const SaveRequestSchema = z.strictObject({
  parts: projectParts,
  path: filePath.optional(),
  suggestedName: fileName,
  saveAs: z.boolean(),
})
export const SavedFileSchema = z.strictObject({ name: fileName, path: filePath })
export const WindowStateSchema = z.strictObject({ title: z.string().max(500), dirty: z.boolean() })
export const UiPreferencesSchema = z.strictObject({
  language: z.enum(['en', 'zh-CN']),
  theme: z.enum(['light', 'dark']),
})
export const DataFileKindSchema = z.enum(['csv', 'text'])
export const OpenedDataFileSchema = z.strictObject({
  name: fileName,
  path: filePath,
  text: z.string(),
  bytes: z.number().int().min(0),
})
export const ImageFolderSchema = z.strictObject({
  /** The folder's own name. */
  name: fileName,
  path: filePath,
  /** One entry per sub-folder (a class), sorted by name; files sorted by their path in the class. */
  classes: z.array(
    z.strictObject({
      name: fileName,
      files: z.array(z.strictObject({ name: z.string().min(1).max(4096), bytes: z.instanceof(Uint8Array) })),
    }),
  ),
  /** Files left out because they are not pictures (by extension). */
  skipped: z.number().int().min(0),
})
export const ExportFolderRequestSchema = z.strictObject({
  /** The new folder's name (a plain name: no separators); main picks a free variant if taken. */
  suggestedName: fileName.refine(
    (name) => isSafeRelativePath(name) && !name.includes('/'),
    'must be a plain folder name',
  ),
  files: z
    .array(
      z.strictObject({
        path: z
          .string()
          .refine(isSafeRelativePath, 'must be a relative path inside the export folder (no "..", not absolute)'),
        data: z.union([z.string(), z.instanceof(Uint8Array)]),
      }),
    )
    .min(1)
    .max(MAX_EXPORT_FILES),
})
export const ExportFolderResultSchema = z.strictObject({ name: fileName, path: filePath })
/** model.json as text plus the weight files its manifest names, keyed by the manifest's path. */
export const OpenedModelSchema = z.strictObject({
  name: fileName,
  path: filePath,
  text: z.string(),
  weights: z.array(z.strictObject({ path: z.string().min(1).max(4096), bytes: z.instanceof(Uint8Array) })),
})
/** Autosave drafts: ids are made by the page, so they are checked to be plain file-name parts. */
export const DraftIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"')
export const DraftSaveSchema = z.strictObject({
  draftId: DraftIdSchema,
  parts: projectParts,
  title: z.string().max(500),
  /** The project file the draft belongs to, if it has one (kept only if main knows the path). */
  path: filePath.optional(),
})
export const DraftInfoSchema = z.strictObject({
  draftId: DraftIdSchema,
  title: z.string().max(500),
  path: filePath.nullable(),
  /** When the draft was written (ms since the epoch). */
  savedAt: z.number(),
})
export const DraftSchema = z.strictObject({ ...DraftInfoSchema.shape, bytes: z.instanceof(Uint8Array) })
export const RecentFileSchema = z.strictObject({ path: filePath, name: fileName })
/** Native text editing in a focused text field, done by main with webContents.copy() & co. */
export const TEXT_EDIT_ACTIONS = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'delete'] as const
export const TextEditSchema = z.enum(TEXT_EDIT_ACTIONS)

/** Invoke channels (renderer → main, one reply each). */
export const IPC_CHANNELS = {
  /** Shows the open dialog and reads the file; null when the user cancels. */
  'project:open': { request: z.undefined(), response: OpenedFileSchema.nullable() },
  /** Shows the save dialog when needed and writes atomically (keeps `<file>.bak`); null on cancel. */
  'project:save': { request: SaveRequestSchema, response: SavedFileSchema.nullable() },
  'window:setState': { request: WindowStateSchema, response: z.null() },
  /** Rebuilds the native menu in that language and sets nativeTheme.themeSource. */
  'app:setUiPreferences': { request: UiPreferencesSchema, response: z.null() },
  'edit:text': { request: TextEditSchema, response: z.null() },
  /** Data panel: shows the open dialog for a CSV or text file and reads it; null on cancel. */
  'dataset:openFile': { request: DataFileKindSchema, response: OpenedDataFileSchema.nullable() },
  /** Data panel: shows a folder dialog and reads its class sub-folders' pictures; null on cancel. */
  'dataset:pickImageFolder': { request: z.undefined(), response: ImageFolderSchema.nullable() },
  /** Export: shows a folder dialog and writes the files into a NEW sub-folder of the chosen one; null on cancel. */
  'export:writeFolder': { request: ExportFolderRequestSchema, response: ExportFolderResultSchema.nullable() },
  /** Import: shows the open dialog for a model.json and reads it with the weight files its manifest names; null on cancel. */
  'import:openModel': { request: z.undefined(), response: OpenedModelSchema.nullable() },
  /** Autosave: writes the unsaved document to the app's drafts folder (atomically). */
  'draft:save': { request: DraftSaveSchema, response: z.null() },
  /** Deletes a draft (the document was saved, replaced, or its changes discarded). */
  'draft:discard': { request: DraftIdSchema, response: z.null() },
  /** Drafts left by an earlier session that are newer than their file (or have none), newest first. */
  'draft:list': { request: z.undefined(), response: z.array(DraftInfoSchema) },
  /** Reads a draft to restore it; its project path may then be saved to again. */
  'draft:restore': { request: DraftIdSchema, response: DraftSchema },
  /** Recently opened or saved project files that still exist, newest first. */
  'recent:list': { request: z.undefined(), response: z.array(RecentFileSchema) },
  /** Opens a file from the recent list (only paths on that list). */
  'recent:open': { request: filePath, response: OpenedFileSchema },
} as const

export type IpcChannel = keyof typeof IPC_CHANNELS
/** What the renderer sends (zod input type). */
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_CHANNELS)[C]['request']>
/** What main's handler returns and the renderer receives inside `{ ok: true, value }`. */
export type IpcResponse<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['response']>

/** Event channel main → renderer: a native menu item was chosen. Payload: a CommandId. */
export const MENU_COMMAND_CHANNEL = 'menu:command'
/** Event channel main → renderer: File → Open Recent was chosen. Payload: the file's path. */
export const OPEN_RECENT_CHANNEL = 'menu:openRecent'

export type IpcErrorCode =
  'untrusted-sender' | 'invalid-request' | 'file-too-large' | 'path-not-allowed' | 'io-error' | 'internal'

export interface IpcErrorInfo {
  code: IpcErrorCode
  /** User-readable; never a stack trace. */
  message: string
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorInfo }

export type OpenedFileDto = z.output<typeof OpenedFileSchema>
export type SaveRequestDto = z.input<typeof SaveRequestSchema>
export type SavedFileDto = z.output<typeof SavedFileSchema>
export type WindowStateDto = z.input<typeof WindowStateSchema>
export type UiPreferencesDto = z.input<typeof UiPreferencesSchema>
export type TextEditAction = (typeof TEXT_EDIT_ACTIONS)[number]
export type DataFileKind = z.output<typeof DataFileKindSchema>
export type OpenedDataFileDto = z.output<typeof OpenedDataFileSchema>
export type ImageFolderDto = z.output<typeof ImageFolderSchema>
export type ExportFolderRequestDto = z.input<typeof ExportFolderRequestSchema>
export type ExportFolderResultDto = z.output<typeof ExportFolderResultSchema>
export type OpenedModelDto = z.output<typeof OpenedModelSchema>
export type DraftSaveDto = z.input<typeof DraftSaveSchema>
export type DraftInfoDto = z.output<typeof DraftInfoSchema>
export type DraftDto = z.output<typeof DraftSchema>
export type RecentFileDto = z.output<typeof RecentFileSchema>

/**
 * `window.api` as exposed by the preload: one explicit function per channel, nothing generic.
 * Results come back as IpcResult (not thrown), because errors crossing contextBridge lose
 * everything but their message; `platform/electron.ts` turns them into Errors.
 */
export interface LayerCanvasApi {
  openProject(): Promise<IpcResult<OpenedFileDto | null>>
  saveProject(request: SaveRequestDto): Promise<IpcResult<SavedFileDto | null>>
  setWindowState(state: WindowStateDto): Promise<IpcResult<null>>
  setUiPreferences(prefs: UiPreferencesDto): Promise<IpcResult<null>>
  /** Runs a native text-editing command in this window (used while a text field has focus). */
  editText(action: TextEditAction): Promise<IpcResult<null>>
  /** Data panel imports: a CSV or text file, and a folder of class sub-folders of pictures. */
  openDataFile(kind: DataFileKind): Promise<IpcResult<OpenedDataFileDto | null>>
  pickImageFolder(): Promise<IpcResult<ImageFolderDto | null>>
  /** Export: a native folder dialog, then the files go into a new sub-folder there. */
  writeExportFolder(request: ExportFolderRequestDto): Promise<IpcResult<ExportFolderResultDto | null>>
  /** Import: a model.json and its weight files. */
  openModel(): Promise<IpcResult<OpenedModelDto | null>>
  /** Autosave drafts in the app's data folder (crash recovery). */
  saveDraft(request: DraftSaveDto): Promise<IpcResult<null>>
  discardDraft(draftId: string): Promise<IpcResult<null>>
  listDrafts(): Promise<IpcResult<DraftInfoDto[]>>
  restoreDraft(draftId: string): Promise<IpcResult<DraftDto>>
  /** Recent project files (File → Open Recent, the start gallery). */
  listRecent(): Promise<IpcResult<RecentFileDto[]>>
  openRecent(path: string): Promise<IpcResult<OpenedFileDto>>
  /** Subscribes to File → Open Recent choices; returns the unsubscribe function. */
  onOpenRecent(listener: (path: string) => void): () => void
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: CommandId) => void): () => void
}
