import { contextBridge, ipcRenderer } from 'electron'
import type { CommandId } from '../shared/commands'
import type {
  IpcChannel,
  IpcRequest,
  IpcResponse,
  IpcResult,
  LayerCanvasApi,
  MENU_COMMAND_CHANNEL as MenuCommandChannel,
  OPEN_RECENT_CHANNEL as OpenRecentChannel,
} from '../shared/ipc-contract'

/**
 * The sandboxed preload: exposes `window.api` with one named function per channel and nothing
 * generic, so the page can reach exactly the channels in ipc-contract.ts and no others.
 * Types only from shared (a sandboxed preload is one small CommonJS bundle; main validates).
 */

// The channel names are type-checked against the contract; a typo fails the typecheck.
const invoke = <C extends IpcChannel>(channel: C, request?: IpcRequest<C>): Promise<IpcResult<IpcResponse<C>>> =>
  request === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, request)

const MENU_COMMAND_CHANNEL: typeof MenuCommandChannel = 'menu:command'
const OPEN_RECENT_CHANNEL: typeof OpenRecentChannel = 'menu:openRecent'

const api: LayerCanvasApi = {
  openProject: () => invoke('project:open'),
  saveProject: (request) => invoke('project:save', request),
  setWindowState: (state) => invoke('window:setState', state),
  setUiPreferences: (prefs) => invoke('app:setUiPreferences', prefs),
  editText: (action) => invoke('edit:text', action),
  openDataFile: (kind) => invoke('dataset:openFile', kind),
  pickImageFolder: () => invoke('dataset:pickImageFolder'),
  writeExportFolder: (request) => invoke('export:writeFolder', request),
  openModel: () => invoke('import:openModel'),
  saveDraft: (request) => invoke('draft:save', request),
  discardDraft: (draftId) => invoke('draft:discard', draftId),
  listDrafts: () => invoke('draft:list'),
  restoreDraft: (draftId) => invoke('draft:restore', draftId),
  listRecent: () => invoke('recent:list'),
  openRecent: (path) => invoke('recent:open', path),
  onOpenRecent: (listener) => {
    const wrapped = (_event: unknown, path: unknown): void => {
      if (typeof path === 'string') listener(path)
    }
    ipcRenderer.on(OPEN_RECENT_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(OPEN_RECENT_CHANNEL, wrapped)
    }
  },
  onMenuCommand: (listener) => {
    // The page never sees the IpcRendererEvent (it carries `sender`, a way back into IPC).
    const wrapped = (_event: unknown, command: unknown): void => {
      if (typeof command === 'string') listener(command as CommandId)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped)
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('api', api)
