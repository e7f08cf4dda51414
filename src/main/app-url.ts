/**
 * Which URLs are "the app": the one built renderer page (file://) or, in development, the Vite
 * dev server's origin. Navigation, IPC sender checks and the CSP header all ask this one
 * function. Every comparison is made on parsed URLs, never on string prefixes, so
 * `http://localhost:5173.evil.com`, `http://localhost:5173@evil.com` or
 * `file:///…/index.html.evil` do not pass.
 */
export interface AppUrlPolicy {
  /** The app page itself (navigation target, IPC sender). */
  isAppUrl(url: string): boolean
  /** The app page or a file next to it (scripts, workers, assets): gets the CSP header. */
  isAppResource(url: string): boolean
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** Decoded pathname; case-folded for Windows drive paths (`/C:/…`), which are case-insensitive. */
function normalPath(url: URL): string {
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return '\u0000invalid' // a malformed escape never equals a real path
  }
  return /^\/[A-Za-z]:\//.test(path) ? path.toLowerCase() : path
}

function isLocalFile(url: URL): boolean {
  // A host in a file URL means a network share (file://server/…): never the app.
  return url.protocol === 'file:' && (url.host === '' || url.host === 'localhost')
}

export function createAppUrlPolicy(options: {
  /** file:// URL of the built index.html (from pathToFileURL). */
  rendererFileUrl: string
  /** ELECTRON_RENDERER_URL in development; absent in production. */
  devServerUrl?: string
}): AppUrlPolicy {
  const page = parse(options.rendererFileUrl)
  if (!page || !isLocalFile(page)) throw new Error(`Not a local file URL: ${options.rendererFileUrl}`)
  const pagePath = normalPath(page)
  const rendererDir = pagePath.slice(0, pagePath.lastIndexOf('/') + 1)
  const devOrigin = options.devServerUrl ? parse(options.devServerUrl)?.origin : undefined
  if (options.devServerUrl && (!devOrigin || devOrigin === 'null')) {
    throw new Error(`Not a valid dev server URL: ${options.devServerUrl}`)
  }

  const isDevUrl = (url: URL): boolean =>
    devOrigin !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === devOrigin

  return {
    isAppUrl(raw) {
      const url = parse(raw)
      if (!url) return false
      if (isDevUrl(url)) return true
      return isLocalFile(url) && normalPath(url) === pagePath
    },
    isAppResource(raw) {
      const url = parse(raw)
      if (!url) return false
      if (isDevUrl(url)) return true
      // URL parsing already resolved any `..`, so a prefix test on the folder is sound here.
      return isLocalFile(url) && normalPath(url).startsWith(rendererDir)
    },
  }
}

/** Links the app may hand to the OS browser: plain https, no credentials in the URL. */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parse(raw)
  return url !== null && url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
}
