import { COMMAND_IDS, type CommandId } from '../../../shared/commands'
import type { IpcResult, LayerCanvasApi, TextEditAction } from '../../../shared/ipc-contract'
import type { Platform } from './types'

/**
 * The Electron host: Platform over the preload bridge (`window.api`). Main answers with
 * `{ ok, value } | { ok: false, error }`; here failures become Errors with a readable message.
 */

export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'HostError'
  }
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value
  throw new HostError(result.error.code, result.error.message)
}

const TEXT_EDIT: Partial<Record<CommandId, TextEditAction>> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
  'edit.cut': 'cut',
  'edit.copy': 'copy',
  'edit.paste': 'paste',
  'edit.selectAll': 'selectAll',
  'edit.delete': 'delete',
}

/**
 * True when keys and edit commands belong to a text field, not to the canvas. Same rule as
 * app/keyboard.ts isTextTarget (which decides which keys the page leaves to the menu), kept
 * DOM-global-free here so it also runs in Node tests.
 */
export function isTextEditingTarget(element: Element | null): boolean {
  if (!element) return false
  if ((element as HTMLElement).isContentEditable) return true
  const tag = element.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (element as HTMLInputElement).type
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(type)
}

const report = (what: string) => (error: unknown) => console.warn(`[platform] ${what} failed`, error)

export function createElectronPlatform(
  api: LayerCanvasApi,
  // Injected so tests can run without a DOM; defaults to the focused element of this page.
  activeElement: () => Element | null = () => document.activeElement,
): Platform {
  return {
    kind: 'electron',
    draftsKeepWeights: true,
    async openProjectFile() {
      const opened = unwrap(await api.openProject())
      return opened && { name: opened.name, path: opened.path, bytes: opened.bytes }
    },
    async saveProjectFile(request) {
      const saved = unwrap(
        await api.saveProject({
          // The parts cross IPC as they are (structured clone); main writes them one after another.
          parts: request.parts,
          path: request.path,
          suggestedName: request.suggestedName,
          saveAs: request.saveAs,
        }),
      )
      return saved && { name: saved.name, path: saved.path }
    },
    onMenuCommand(handler) {
      return api.onMenuCommand((command) => {
        if (!(COMMAND_IDS as readonly string[]).includes(command)) return
        // Menu Undo/Redo/Select All/Delete while a text field has focus edit that field
        // natively (on macOS ⌘Z in a field reaches the menu); the app sees them for the canvas.
        // Cut/Copy/Paste are native menu roles and never arrive here.
        const textAction = TEXT_EDIT[command]
        if (textAction && isTextEditingTarget(activeElement())) {
          api
            .editText(textAction)
            .then(unwrap)
            .catch(report(`text ${textAction}`))
          return
        }
        handler(command)
      })
    },
    setWindowState(state) {
      api.setWindowState({ title: state.title, dirty: state.dirty }).then(unwrap).catch(report('setWindowState'))
    },
    setUiPreferences(prefs) {
      api
        .setUiPreferences({ language: prefs.language, theme: prefs.theme })
        .then(unwrap)
        .catch(report('setUiPreferences'))
    },
    async openDataFile(kind) {
      const opened = unwrap(await api.openDataFile(kind))
      return opened && { name: opened.name, path: opened.path, text: opened.text, bytes: opened.bytes }
    },
    async pickImageFolder() {
      return unwrap(await api.pickImageFolder())
    },
    async saveExport(request) {
      const files = request.files.map(({ path, data }) => ({ path, data: data as string | Uint8Array<ArrayBuffer> }))
      const saved = unwrap(await api.writeExportFolder({ suggestedName: request.suggestedName, files }))
      return saved && { name: saved.name, path: saved.path }
    },
    async openModelFiles() {
      return unwrap(await api.openModel())
    },
    async saveDraft(draft) {
      unwrap(
        await api.saveDraft({
          draftId: draft.draftId,
          parts: draft.parts,
          title: draft.title,
          path: draft.path,
        }),
      )
    },
    async discardDraft(draftId) {
      unwrap(await api.discardDraft(draftId))
    },
    async listDrafts() {
      return unwrap(await api.listDrafts())
    },
    async restoreDraft(draftId) {
      return unwrap(await api.restoreDraft(draftId))
    },
    async listRecentFiles() {
      return unwrap(await api.listRecent())
    },
    async openRecentFile(path) {
      const opened = unwrap(await api.openRecent(path))
      return { name: opened.name, path: opened.path, bytes: opened.bytes }
    },
    onOpenRecent(handler) {
      return api.onOpenRecent(handler)
    },
  }
}
