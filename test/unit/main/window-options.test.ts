import { describe, expect, it, vi } from 'vitest'
import {
  createWindowOptions,
  formatWindowTitle,
  hardenSession,
  hardenWebContents,
  type HardenableContents,
  type HardenableSession,
  unsavedChangesPrompt,
} from '../../../src/main/window-options'

const APP = 'file:///app/out/renderer/index.html'
const isAppUrl = (url: string) => url.split('#')[0] === APP

/** A WebContents stand-in that records listeners and lets a test fire them. */
function fakeContents() {
  const listeners = new Map<string, (...args: unknown[]) => void>()
  let openHandler: ((details: { url: string }) => { action: string }) | undefined
  const contents = {
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, listener)
      return contents
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler
    },
  }
  const fire = (event: string, url?: string) => {
    const preventDefault = vi.fn()
    listeners.get(event)!({ preventDefault, url }, url)
    return preventDefault.mock.calls.length > 0
  }
  /** Fires 'will-frame-navigate' as Electron does: one event object carrying the details. */
  const fireFrame = (url: string, isMainFrame: boolean) => {
    const preventDefault = vi.fn()
    const listener = listeners.get('will-frame-navigate')
    if (!listener) throw new Error('no will-frame-navigate listener')
    listener({ preventDefault, url, isMainFrame })
    return preventDefault.mock.calls.length > 0
  }
  return {
    contents: contents as unknown as HardenableContents,
    fire,
    fireFrame,
    open: (url: string) => openHandler!({ url }),
  }
}

describe('window options', () => {
  it('turns on every webPreferences protection and keeps training unthrottled', () => {
    const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs', title: 'LayerCanvas' })
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      backgroundThrottling: false,
    })
    expect(options.webPreferences?.devTools).toBe(false)
    expect(options.title).toBe('LayerCanvas')
    expect(options.show).toBe(false)
    expect(options.width).toBeGreaterThanOrEqual(1024)
  })

  it('allows Developer Tools only when asked to (development)', () => {
    expect(createWindowOptions({ preloadPath: 'p', title: 't', devTools: true }).webPreferences?.devTools).toBe(true)
    expect(createWindowOptions({ preloadPath: 'p', title: 't', devTools: false }).webPreferences?.devTools).toBe(false)
  })

  it('marks unsaved changes in the title except on macOS (which shows it natively)', () => {
    expect(formatWindowTitle('mnist.layercanvas.json', true, 'win32')).toBe('● mnist.layercanvas.json')
    expect(formatWindowTitle('mnist.layercanvas.json', false, 'linux')).toBe('mnist.layercanvas.json')
    expect(formatWindowTitle('mnist.layercanvas.json', true, 'darwin')).toBe('mnist.layercanvas.json')
    // The page may send the marker itself: never doubled, dropped on macOS and when clean.
    expect(formatWindowTitle('● mnist — LayerCanvas', true, 'win32')).toBe('● mnist — LayerCanvas')
    expect(formatWindowTitle('● mnist — LayerCanvas', true, 'darwin')).toBe('mnist — LayerCanvas')
    expect(formatWindowTitle('● mnist — LayerCanvas', false, 'linux')).toBe('mnist — LayerCanvas')
  })

  it('asks before closing with unsaved changes, defaulting to Cancel, in both languages', () => {
    const en = unsavedChangesPrompt('en')
    expect(en.buttons).toEqual(['Discard Changes', 'Cancel'])
    expect(en.defaultId).toBe(1)
    expect(en.cancelId).toBe(1)
    expect(unsavedChangesPrompt('zh-CN').buttons).toEqual(['放弃修改', '取消'])
  })
})

describe('hardenWebContents', () => {
  it('prevents navigation and redirects away from the app page, allows the app page', () => {
    const { contents, fire } = fakeContents()
    hardenWebContents(contents, { isAppUrl, openExternal: vi.fn() })
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(fire('will-navigate', `${APP}.evil`)).toBe(true)
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(fire('will-navigate', APP)).toBe(false)
    expect(fire('will-navigate', `${APP}#/reload`)).toBe(false)
    expect(fire('will-attach-webview')).toBe(true)
  })

  it('applies the same rule to sub-frames: an iframe cannot be navigated away from the app', () => {
    const { contents, fireFrame } = fakeContents()
    const log = vi.fn()
    hardenWebContents(contents, { isAppUrl, openExternal: vi.fn(), log })
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      `${APP}.evil`,
      'data:text/html,hi',
    ]) {
      expect(fireFrame(url, false), url).toBe(true)
    }
    expect(log).toHaveBeenCalledWith('Blocked sub-frame navigation to https://evil.example/')
    expect(fireFrame('https://evil.example/', true)).toBe(true)
    expect(fireFrame(APP, false)).toBe(false)
    expect(fireFrame(APP, true)).toBe(false)
  })

  it('denies every new window and opens only https links externally', () => {
    const openExternal = vi.fn(async () => {})
    const { contents, open } = fakeContents()
    hardenWebContents(contents, { isAppUrl, openExternal })
    expect(open('https://js.tensorflow.org/')).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://js.tensorflow.org/')
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP]) {
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(openExternal).toHaveBeenCalledTimes(1)
  })
})

describe('hardenSession', () => {
  function fakeSession() {
    let request:
      ((c: unknown, p: string, cb: (granted: boolean) => void, d: { requestingUrl?: string }) => void) | undefined
    let check: ((c: unknown, p: string, o: string, d: { requestingUrl?: string }) => boolean) | undefined
    const session: HardenableSession = {
      setPermissionRequestHandler: (handler) => void (request = handler),
      setPermissionCheckHandler: (handler) => void (check = handler),
    }
    const ask = (permission: string, requestingUrl = APP) => {
      let granted: boolean | undefined
      request!(null, permission, (g) => (granted = g), { requestingUrl })
      return granted
    }
    return {
      session,
      ask,
      check: (permission: string, requestingUrl = APP) => check!(null, permission, 'file://', { requestingUrl }),
    }
  }

  it('denies permission requests and checks by default', () => {
    const { session, ask, check } = fakeSession()
    hardenSession(session, { isAppUrl })
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'hid',
    ]) {
      expect(ask(permission), permission).toBe(false)
      expect(check(permission), permission).toBe(false)
    }
  })

  it('lets only the app page write to the clipboard', () => {
    const { session, ask, check } = fakeSession()
    hardenSession(session, { isAppUrl })
    expect(ask('clipboard-sanitized-write')).toBe(true)
    expect(check('clipboard-sanitized-write')).toBe(true)
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(check('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
  })
})
