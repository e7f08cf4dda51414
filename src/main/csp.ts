/**
 * The app's Content Security Policy. The build puts it into index.html as a <meta> tag
 * (electron.vite.config.ts), because for file:// pages the meta tag is what Chromium enforces;
 * main also adds it as a response header for app responses, which covers any page served with
 * headers (a custom protocol later) and worker scripts.
 *
 * - script-src 'wasm-unsafe-eval' — lets the training worker compile WebAssembly: the .keras
 *   export writes its HDF5 weights file with h5wasm (the HDF5 C library built to wasm), loaded
 *   on demand in the worker that already holds tfjs and the trained model. It allows only
 *   WebAssembly.compile/instantiate, not eval() or new Function(): injected JS still cannot run,
 *   scripts still come only from the app. (The alternative, h5wasm in the main process, would
 *   need tfjs in main too, and every model's weights sent over IPC; the browser build could not
 *   use it at all.) Keep this in step with the <meta> policy in src/renderer/index.html.
 * - worker-src blob: — tfjs and bundlers may start workers from blob URLs.
 * - style-src 'unsafe-inline' — React Flow positions nodes with inline styles.
 * - img-src data: blob: — thumbnails and sample images drawn by the training worker.
 * - font-src data: — matches the renderer's own <meta> policy (bundled fonts may be inlined).
 * - form-action 'none' — the app never submits a form anywhere (the training form's submit is
 *   handled in script); without it, injected markup could post data to any address, because
 *   form-action does not fall back to default-src.
 * Not applied in development: the Vite dev server injects inline scripts (React refresh).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

interface HeadersDetails {
  url: string
  responseHeaders?: Record<string, string[]>
}
type HeadersCallback = (response: { responseHeaders?: Record<string, string[]> }) => void

/** The part of Electron's session.webRequest this module uses (injected; Electron's fits). */
export interface WebRequestLike {
  onHeadersReceived(listener: (details: HeadersDetails, callback: HeadersCallback) => void): void
}

/** Adds the CSP header to every response whose URL `appliesTo` accepts; others pass unchanged. */
export function installCspHeader(
  webRequest: WebRequestLike,
  appliesTo: (url: string) => boolean,
  policy: string = CONTENT_SECURITY_POLICY,
): void {
  webRequest.onHeadersReceived((details, callback) => {
    if (!appliesTo(details.url)) {
      callback({ responseHeaders: details.responseHeaders })
      return
    }
    const headers: Record<string, string[]> = {}
    // Drop any CSP header a response already carries (any case) so ours is the one in force.
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [policy]
    callback({ responseHeaders: headers })
  })
}
