import { z } from 'zod'
import type { CommandId } from './commands'

/**
 * The typed channel map between the renderer (through the preload bridge) and the main process.
 * Main validates every request and response against these schemas, so a compromised or buggy
 * renderer can only ever send shapes listed here. The preload imports this file with
 * `import type` only: the sandboxed preload bundle must stay tiny and free of zod.
 */

/** Project files are read whole into memory; past this size a mistaken pick would freeze the app. */
export const MAX_PROJECT_BYTES = 200 * 1024 * 1024

const filePath = z.string().min(1).max(4096)
const fileName = z.string().min(1).max(255)

export const OpenedFileSchema = z.strictObject({ name: fileName, path: filePath, text: z.string() })
export const SaveRequestSchema = z.strictObject({
  text: z.string().max(MAX_PROJECT_BYTES),
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
} as const

export type IpcChannel = keyof typeof IPC_CHANNELS
/** What the renderer sends (zod input type). */
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_CHANNELS)[C]['request']>
/** What main's handler returns and the renderer receives inside `{ ok: true, value }`. */
export type IpcResponse<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['response']>

/** Event channel main → renderer: a native menu item was chosen. Payload: a CommandId. */
export const MENU_COMMAND_CHANNEL = 'menu:command'

export type IpcErrorCode =
  | 'untrusted-sender'
  | 'invalid-request'
  | 'file-too-large'
  | 'path-not-allowed'
  | 'io-error'
  | 'internal'

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
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: CommandId) => void): () => void
}
