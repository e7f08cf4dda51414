import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, installCspHeader, type WebRequestLike } from '../../../src/main/csp'

function run(url: string, responseHeaders?: Record<string, string[]>) {
  let listener: Parameters<WebRequestLike['onHeadersReceived']>[0] | undefined
  installCspHeader({ onHeadersReceived: (l) => void (listener = l) }, (u) => u.startsWith('file:///app/'))
  let result: Record<string, string[]> | undefined
  listener!({ url, responseHeaders }, (response) => (result = response.responseHeaders))
  return result
}

describe('CSP', () => {
  it('is strict: scripts only from the app (WebAssembly allowed, never eval), no plugins, no base, no form posts, no framing', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    )
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'worker-src': "'self' blob:",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    })
    // 'wasm-unsafe-eval' (the .keras export's h5wasm) permits WebAssembly only; 'unsafe-eval' would permit eval().
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|[\s;])'unsafe-eval'/)
  })

  it('matches the <meta> policy of the renderer page (except frame-ancestors, which meta tags cannot set)', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(
      CONTENT_SECURITY_POLICY.split('; ')
        .filter((d) => !d.startsWith('frame-ancestors'))
        .join('; '),
    )
  })

  it('adds the header to app responses, replacing any existing policy', () => {
    const headers = run('file:///app/index.html', { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] })
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] })
  })

  it('leaves other responses alone', () => {
    expect(run('https://example.com/', { 'X-Other': ['1'] })).toEqual({ 'X-Other': ['1'] })
  })
})
