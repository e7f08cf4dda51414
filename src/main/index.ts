import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, shell } from 'electron'
import type { IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron'
import * as fs from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Lang } from '../core/i18n/text'
import { MENU_COMMAND_CHANNEL, OPEN_RECENT_CHANNEL } from '../shared/ipc-contract'
import { createAppUrlPolicy } from './app-url'
import { installCspHeader } from './csp'
import { createDatasetFiles } from './dataset-files'
import { createDrafts } from './drafts'
import { createExportFolder } from './export-folder'
import { createExternalLinks } from './external-links'
import { IpcError, registerIpc } from './ipc'
import { buildMenuTemplate, languageFromLocales, routeMenuCommand } from './menu'
import { createModelImport } from './model-import'
import { createProjectFiles } from './project-files'
import { createRecentFiles } from './recent-files'
import { detectRunMode } from './run-mode'
import {
  createWindowOptions,
  formatWindowTitle,
  hardenSession,
  hardenWebContents,
  unsavedChangesPrompt,
} from './window-options'

/**
 * Composition root: the only main-process file that imports 'electron'. Everything with logic
 * lives in the injected modules next to it, which the unit tests drive with fakes (the Electron
 * binary is not available in CI, so this file is checked by the build, not by tests).
 */

const APP_NAME = 'LayerCanvas'
// The preload is a CommonJS bundle (.cjs): a sandboxed preload cannot load ES modules.
const PRELOAD_FILE = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const RENDERER_FILE = fileURLToPath(new URL('../renderer/index.html', import.meta.url))
// Development only with LAYERCANVAS_DEV=1 (npm run dev), never packaged: see run-mode.ts.
const { isDev, devServerUrl } = detectRunMode({ isPackaged: app.isPackaged, env: process.env })

const urls = createAppUrlPolicy({ rendererFileUrl: pathToFileURL(RENDERER_FILE).href, devServerUrl })
const log = (message: string, error?: unknown): void => console.error(`[main] ${message}`, error ?? '')

let mainWindow: BrowserWindow | null = null
const dirtyWindows = new Set<number>()
let language: Lang = 'en'

function applyMenu(): void {
  const template = buildMenuTemplate({
    language,
    platform: process.platform,
    isDev,
    appName: APP_NAME,
    send: (command) => routeMenuCommand(BrowserWindow.getFocusedWindow() ?? mainWindow, command, MENU_COMMAND_CHANNEL),
    recentFiles: recentFiles.cached(),
    // The page asks to open it (recent:open) after its own unsaved-changes check.
    openRecent: (path) => (BrowserWindow.getFocusedWindow() ?? mainWindow)?.webContents.send(OPEN_RECENT_CHANNEL, path),
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

// Dialogs are modal to the app window when there is one.
const projectFiles = createProjectFiles({
  fs,
  getLanguage: () => language,
  defaultDir: () => app.getPath('documents'),
  dialog: {
    showOpenDialog: (options: OpenDialogOptions) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
    showSaveDialog: (options: SaveDialogOptions) =>
      mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
  },
})

// Data panel imports (read-only): CSV / text files and folders of pictures.
const datasetFiles = createDatasetFiles({
  fs,
  getLanguage: () => language,
  dialog: {
    showOpenDialog: (options: OpenDialogOptions) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  },
})

// Export: a folder dialog, then a new sub-folder written through a temp folder + rename.
const exportFolder = createExportFolder({
  fs,
  getLanguage: () => language,
  defaultDir: () => app.getPath('documents'),
  dialog: {
    showOpenDialog: (options: OpenDialogOptions) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  },
})

// Import: model.json and the weight files beside it (read-only).
const modelImport = createModelImport({
  fs,
  getLanguage: () => language,
  dialog: {
    showOpenDialog: (options: OpenDialogOptions) =>
      mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
  },
})

// Autosave drafts (crash recovery) and the recent-files list live in the app's data folder.
const drafts = createDrafts({
  fs,
  dir: join(app.getPath('userData'), 'drafts'),
  isKnownPath: (path) => projectFiles.isBlessed(path),
})
/** The draft each window autosaves to, so "discard changes" on close can delete it. */
const windowDrafts = new Map<number, string>()

const recentFiles = createRecentFiles({
  fs,
  file: join(app.getPath('userData'), 'recent-files.json'),
  addToOs: (path) => app.addRecentDocument(path),
  onChange: () => {
    if (app.isReady()) applyMenu()
  },
})
/** Adds an opened or saved file to the recent list; the list is a convenience, never a failure. */
const remember = <T extends { path: string } | null>(file: T): T => {
  if (file) recentFiles.add(file.path).catch((error: unknown) => log('recent files: could not update the list', error))
  return file
}

// Links leaving the app: documentation sites open directly, anything else after a question.
const externalLinks = createExternalLinks({
  openExternal: (url) => shell.openExternal(url),
  ask: async (prompt) =>
    (await (mainWindow ? dialog.showMessageBox(mainWindow, prompt) : dialog.showMessageBox(prompt))).response,
  getLanguage: () => language,
  log,
})

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(
    createWindowOptions({
      preloadPath: PRELOAD_FILE,
      title: APP_NAME,
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
      devTools: isDev,
    }),
  )
  win.once('ready-to-show', () => win.show())
  // The page reports unsaved changes through window:setState; closing then asks first.
  win.on('close', (event) => {
    if (!dirtyWindows.has(win.id)) return
    if (dialog.showMessageBoxSync(win, unsavedChangesPrompt(language)) !== 0) event.preventDefault()
    else {
      dirtyWindows.delete(win.id)
      // The user chose to drop the changes: no restore offer for them next time.
      const draftId = windowDrafts.get(win.id)
      if (draftId) drafts.discard(draftId).catch((error: unknown) => log('could not delete the draft', error))
    }
  })
  const id = win.id
  win.on('closed', () => {
    dirtyWindows.delete(id)
    if (mainWindow === win) mainWindow = null
  })

  // A crashed renderer is reloaded once; a second crash is left visible rather than looping.
  let reloads = 0
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`renderer process gone: ${details.reason} (exit code ${details.exitCode})`)
    if (details.reason === 'clean-exit' || win.isDestroyed() || reloads >= 1) return
    reloads += 1
    win.webContents.reload()
  })

  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(RENDERER_FILE)
  return win
}

function setUp(): void {
  language = languageFromLocales(app.getPreferredSystemLanguages())
  hardenSession(session.defaultSession, { isAppUrl: urls.isAppUrl })
  // In development the Vite dev server needs inline scripts (React refresh): no header there.
  if (!devServerUrl) installCspHeader(session.defaultSession.webRequest, urls.isAppResource)

  registerIpc<IpcMainInvokeEvent>(
    ipcMain,
    {
      'project:open': async () => remember(await projectFiles.open()),
      'project:save': async (request) => remember(await projectFiles.save(request)),
      'window:setState': ({ title, dirty }, event) => {
        const win = BrowserWindow.fromWebContents(event.sender)
        if (!win) return null
        win.setTitle(formatWindowTitle(title, dirty, process.platform))
        if (process.platform === 'darwin') win.setDocumentEdited(dirty)
        if (dirty) dirtyWindows.add(win.id)
        else dirtyWindows.delete(win.id)
        return null
      },
      'app:setUiPreferences': (prefs) => {
        nativeTheme.themeSource = prefs.theme
        if (prefs.language !== language) {
          language = prefs.language
          applyMenu()
        }
        return null
      },
      'edit:text': (action, event) => {
        event.sender[action]()
        return null
      },
      'dataset:openFile': (kind) => datasetFiles.openFile(kind),
      'dataset:pickImageFolder': () => datasetFiles.pickImageFolder(),
      'export:writeFolder': (request) => exportFolder.write(request),
      'import:openModel': () => modelImport.open(),
      'draft:save': async (request, event) => {
        const win = BrowserWindow.fromWebContents(event.sender)
        if (win) windowDrafts.set(win.id, request.draftId)
        await drafts.save(request)
        return null
      },
      'draft:discard': async (draftId) => {
        await drafts.discard(draftId)
        return null
      },
      'draft:list': () => drafts.list(),
      'draft:restore': async (draftId, event) => {
        const draft = await drafts.read(draftId)
        const win = BrowserWindow.fromWebContents(event.sender)
        if (win) windowDrafts.set(win.id, draftId)
        // The draft names its project only if that path was opened or saved when it was written.
        const path = draft.path === null ? null : await projectFiles.bless(draft.path).catch(() => null)
        return { ...draft, path }
      },
      'recent:list': () => recentFiles.list(),
      'recent:open': async (path) => {
        // Only paths on the list main keeps: the page cannot name an arbitrary file.
        if (!(await recentFiles.has(path)))
          throw new IpcError('path-not-allowed', `${path} is not in the recent files list.`)
        try {
          return remember(await projectFiles.openPath(path))
        } catch (error) {
          // Gone or unreadable: drop it from the list so the menu stops offering it.
          if ((error as { code?: string } | null)?.code === 'ENOENT') await recentFiles.remove(path).catch(() => {})
          throw error
        }
      },
    },
    { isTrustedSender: urls.isAppUrl, log },
  )
  applyMenu()
  // Fills File → Open Recent (missing files are pruned; onChange rebuilds the menu).
  recentFiles.list().catch((error: unknown) => log('recent files: could not read the list', error))
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  // Another LayerCanvas is running; it gets focused through 'second-instance'.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  // Every web contents (including any created later) gets navigation and window-open guards.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isAppUrl: urls.isAppUrl, openExternal: (url) => externalLinks.open(url), log })
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) mainWindow = createWindow()
  })
  app.whenReady().then(setUp, (error: unknown) => {
    log('startup failed', error)
    app.quit()
  })
}
