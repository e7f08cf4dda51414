import type { BrowserWindowConstructorOptions } from 'electron'
import { isSafeExternalUrl } from './app-url'

/**
 * Window and session hardening, following the Electron security checklist. Electron objects
 * are passed in and typed structurally, so tests drive these functions with small fakes.
 */

export function createWindowOptions(options: {
  preloadPath: string
  title: string
  backgroundColor?: string
  /** Developer Tools can be opened at all (development only; see run-mode.ts). Default false. */
  devTools?: boolean
}): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: options.title,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: options.backgroundColor ?? '#1e1e1e',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Training runs in the renderer's worker; a hidden or minimised window must not slow it.
      backgroundThrottling: false,
      spellcheck: false,
      devTools: options.devTools ?? false,
    },
  }
}

const DIRTY_MARK = '● '

/**
 * The unsaved-changes marker: macOS shows it natively (setDocumentEdited), others in the title.
 * Accepts titles that already carry the marker, so it is never doubled or left stale.
 */
export function formatWindowTitle(title: string, dirty: boolean, platform: string): string {
  const plain = title.startsWith(DIRTY_MARK) ? title.slice(DIRTY_MARK.length) : title
  return dirty && platform !== 'darwin' ? DIRTY_MARK + plain : plain
}

const CLOSE_TEXT = {
  en: {
    message: 'Close without saving?',
    detail: 'Your changes to this project will be lost.',
    buttons: ['Discard Changes', 'Cancel'],
  },
  'zh-CN': { message: '不保存就关闭吗？', detail: '对此项目的修改将会丢失。', buttons: ['放弃修改', '取消'] },
} as const

/** Options for the "unsaved changes" box shown when a dirty window closes; button 0 closes. */
export function unsavedChangesPrompt(language: 'en' | 'zh-CN') {
  const text = CLOSE_TEXT[language] ?? CLOSE_TEXT.en
  return {
    type: 'warning' as const,
    message: text.message,
    detail: text.detail,
    buttons: [...text.buttons],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
}

interface PreventableEvent {
  preventDefault(): void
}

/** What Electron passes to 'will-frame-navigate' (an Event carrying the details). */
interface FrameNavigationEvent extends PreventableEvent {
  url: string
  isMainFrame: boolean
}

/** The parts of Electron's WebContents that hardening touches (Electron's type fits). */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export function hardenWebContents(
  contents: HardenableContents,
  options: {
    isAppUrl: (url: string) => boolean
    /** Gets every plain https link the page tries to open in a new window (external-links.ts decides). */
    openExternal: (url: string) => unknown
    log?: (message: string) => void
  },
): void {
  const log = options.log ?? (() => {})
  const guard = (kind: string) => (event: PreventableEvent, url: string) => {
    if (options.isAppUrl(url)) return
    event.preventDefault()
    log(`Blocked ${kind} to ${url}`)
  }
  contents.on('will-navigate', guard('navigation'))
  contents.on('will-redirect', guard('redirect'))
  // will-navigate covers only the main frame; an iframe (injected markup, a future embed) could
  // otherwise be navigated anywhere. Same rule for every frame: the app page or nothing.
  contents.on('will-frame-navigate', (event) => {
    if (options.isAppUrl(event.url)) return
    event.preventDefault()
    log(`Blocked ${event.isMainFrame ? 'navigation' : 'sub-frame navigation'} to ${event.url}`)
  })
  // webviewTag is off; refuse attachment anyway in case a future option turns it on.
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // No second app window ever. A plain https link (target=_blank) goes to openExternal, which
  // opens documentation links and asks about others; anything else (file:, javascript:,
  // custom schemes) is dropped here.
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      Promise.resolve(options.openExternal(url)).catch(() => log(`Could not open ${url}`))
    } else {
      log(`Blocked window.open(${url})`)
    }
    return { action: 'deny' }
  })
}

/** Permissions the app page may use. Clipboard writes let graph copy use navigator.clipboard. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** The parts of Electron's Session that hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string },
    ) => boolean,
  ): void
}

/**
 * Electron grants every permission unless a handler says otherwise; deny by default.
 * `isAppUrl` decides whether the requester is the app page (for the small allow-list).
 */
export function hardenSession(session: HardenableSession, options: { isAppUrl: (url: string) => boolean }): void {
  const allowed = (permission: string, url: string | undefined): boolean =>
    ALLOWED_PERMISSIONS.has(permission) && url !== undefined && options.isAppUrl(url)
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowed(permission, details?.requestingUrl))
  })
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowed(permission, details?.requestingUrl),
  )
}
