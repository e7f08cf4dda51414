import type { CommandId } from '../../../shared/commands'

/** A project file the user picked. `path` exists only in Electron (the browser never sees paths). */
export interface OpenedFile {
  name: string
  path?: string
  /** The file as it is on disk: JSON text or a container; read it with parseProjectFile. */
  bytes: Uint8Array
}

/** A project file's content from encodeProjectFile: parts written one after another, never joined. */
export interface ProjectBytes {
  parts: Uint8Array[]
  byteLength: number
}

export interface SaveRequest extends ProjectBytes {
  /**
   * Where to write without asking: the file the document was opened from or last saved to, or its
   * sibling with the other project extension (save-target.ts); absent for a new document.
   */
  path?: string
  /** The file name, with the extension its form needs (projectFileName). */
  suggestedName: string
  /** Always ask where to save (Save As…), even when `path` is known. */
  saveAs: boolean
}

export interface SavedFile {
  name: string
  path?: string
}

/** A data file picked for import (CSV or plain text). */
export interface OpenedDataFile {
  name: string
  path?: string
  text: string
  /** Size on disk. */
  bytes: number
}

/** A picked folder of pictures: one entry per class sub-folder, the picture files as bytes. */
export interface PickedImageFolder {
  name: string
  path?: string
  classes: { name: string; files: { name: string; bytes: Uint8Array }[] }[]
  /** Files left out: not pictures, or not inside a class sub-folder. */
  skipped: number
}

/** One exported file: a relative '/' path inside the export folder and its content. */
export interface ExportFile {
  path: string
  data: string | Uint8Array
}

/** Where an export went: a new folder (Electron, with its path) or a downloaded zip (browser). */
export interface SavedExport {
  name: string
  path?: string
}

/** A picked model.json and the weight files its manifest names (keyed by the manifest's path). */
export interface OpenedModelFiles {
  name: string
  path?: string
  text: string
  weights: { path: string; bytes: Uint8Array }[]
}

/** An autosaved draft of unsaved work (crash recovery). */
export interface DraftInfo {
  draftId: string
  title: string
  /** The project file it belongs to (Electron only; may be saved to again after restoring). */
  path: string | null
  savedAt: number
  /** Browser: the draft leaves out the weights (localStorage holds a few megabytes of text). */
  weightsOmitted?: boolean
}

export interface Draft extends DraftInfo {
  /** The draft as encodeProjectFile wrote it; read it with parseProjectFile. */
  bytes: Uint8Array
}

/** What autosave hands the host: the encoded document and where it belongs. */
export interface DraftRequest extends ProjectBytes {
  draftId: string
  title: string
  path?: string
  /** The weights were stripped before encoding (the browser's drafts). */
  weightsOmitted?: boolean
}

export interface RecentFile {
  path: string
  name: string
}

/**
 * What the renderer needs from its host. `platform/electron.ts` implements it over the preload
 * bridge (window.api); `platform/web.ts` over file pickers and downloads. Nothing else in the
 * renderer knows which host it runs in.
 */
export interface Platform {
  kind: 'electron' | 'web'
  /** Whether autosave drafts may hold the weights (Electron: files; browser: no, localStorage is small). */
  draftsKeepWeights: boolean
  /** Resolves null when the user cancels. Rejects with a user-readable Error on failure. */
  openProjectFile(): Promise<OpenedFile | null>
  saveProjectFile(request: SaveRequest): Promise<SavedFile | null>
  /** Native menu commands (Electron); the web host has no native menu and never calls back. */
  onMenuCommand(handler: (command: CommandId) => void): () => void
  /** Window title and the unsaved-changes marker. */
  setWindowState(state: { title: string; dirty: boolean }): void
  /** Language and theme changes, so native menus and window chrome follow the UI. */
  setUiPreferences(prefs: { language: 'en' | 'zh-CN'; theme: 'light' | 'dark' }): void
  /** Data panel: picks a CSV or text file to import. Null on cancel; rejects with a readable Error (too large, …). */
  openDataFile(kind: 'csv' | 'text'): Promise<OpenedDataFile | null>
  /** Data panel: picks a folder with one sub-folder of pictures per class. Null on cancel. */
  pickImageFolder(): Promise<PickedImageFolder | null>
  /** Export: Electron writes a new folder where the user chooses; the browser downloads one zip. Null on cancel. */
  saveExport(request: { suggestedName: string; files: ExportFile[] }): Promise<SavedExport | null>
  /** Import: a model.json and its weight files. Null on cancel; rejects with a readable Error. */
  openModelFiles(): Promise<OpenedModelFiles | null>
  /** Autosave (Electron: the app's data folder; browser: localStorage, size-capped, without weights). */
  saveDraft(draft: DraftRequest): Promise<void>
  discardDraft(draftId: string): Promise<void>
  /** Drafts left by an earlier session worth offering, newest first. */
  listDrafts(): Promise<DraftInfo[]>
  restoreDraft(draftId: string): Promise<Draft>
  /** Recent project files, newest first (always empty in the browser). */
  listRecentFiles(): Promise<RecentFile[]>
  openRecentFile(path: string): Promise<OpenedFile>
  /** File → Open Recent in the native menu (Electron); the browser never calls back. */
  onOpenRecent(handler: (path: string) => void): () => void
}
