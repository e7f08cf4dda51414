import type { CommandId } from '../../../shared/commands'

/** A project file the user picked. `path` exists only in Electron (the browser never sees paths). */
export interface OpenedFile {
  name: string
  path?: string
  text: string
}

export interface SaveRequest {
  text: string
  /** Where the document was opened from or last saved to; absent for a new document. */
  path?: string
  suggestedName: string
  /** Always ask where to save (Save As…), even when `path` is known. */
  saveAs: boolean
}

export interface SavedFile {
  name: string
  path?: string
}

/**
 * What the renderer needs from its host. `platform/electron.ts` implements it over the preload
 * bridge (window.api); `platform/web.ts` over file pickers and downloads. Nothing else in the
 * renderer knows which host it runs in.
 */
export interface Platform {
  kind: 'electron' | 'web'
  /** Resolves null when the user cancels. Rejects with a user-readable Error on failure. */
  openProjectFile(): Promise<OpenedFile | null>
  saveProjectFile(request: SaveRequest): Promise<SavedFile | null>
  /** Native menu commands (Electron); the web host has no native menu and never calls back. */
  onMenuCommand(handler: (command: CommandId) => void): () => void
  /** Window title and the unsaved-changes marker. */
  setWindowState(state: { title: string; dirty: boolean }): void
  /** Language and theme changes, so native menus and window chrome follow the UI. */
  setUiPreferences(prefs: { language: 'en' | 'zh-CN'; theme: 'light' | 'dark' }): void
}
