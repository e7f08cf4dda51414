import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createAppUrlPolicy, isSafeExternalUrl } from '../../../src/main/app-url'

const page = pathToFileURL('/opt/LayerCanvas/resources/app/out/renderer/index.html').href
const prod = createAppUrlPolicy({ rendererFileUrl: page })
const dev = createAppUrlPolicy({ rendererFileUrl: page, devServerUrl: 'http://localhost:5173/' })

describe('app URL policy', () => {
  it('accepts the built page, with a hash or query', () => {
    expect(prod.isAppUrl(page)).toBe(true)
    expect(prod.isAppUrl(`${page}#/training`)).toBe(true)
    expect(prod.isAppUrl(`${page}?lang=zh-CN`)).toBe(true)
  })

  it('rejects other files, prefix tricks, traversal and network shares', () => {
    for (const url of [
      `${page}.evil.html`,
      page.replace('index.html', 'other.html'),
      'file:///etc/passwd',
      'file:///opt/LayerCanvas/resources/app/out/renderer/../../../../etc/index.html',
      'file://evil-server/opt/LayerCanvas/resources/app/out/renderer/index.html',
      'https://example.com/',
      'not a url',
      '',
    ]) {
      expect(prod.isAppUrl(url), url).toBe(false)
    }
  })

  it('treats %2e%2e segments as the parser does, so they cannot escape', () => {
    expect(prod.isAppUrl('file:///opt/LayerCanvas/resources/app/out/renderer/%2e%2e/renderer/index.html')).toBe(true)
    expect(prod.isAppUrl('file:///opt/LayerCanvas/resources/app/out/%2e%2e/x/index.html')).toBe(false)
  })

  it('accepts the dev server origin only, not look-alikes', () => {
    expect(dev.isAppUrl('http://localhost:5173/')).toBe(true)
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true)
    for (const url of [
      'http://localhost:5173.evil.com/',
      'http://localhost:5173@evil.com/',
      'http://localhost:51730/',
      'https://localhost:5173/',
      'ws://localhost:5173/',
      'http://127.0.0.1:5173/',
    ]) {
      expect(dev.isAppUrl(url), url).toBe(false)
    }
    // Without a dev server the dev origin is not trusted at all.
    expect(prod.isAppUrl('http://localhost:5173/')).toBe(false)
  })

  it('rejects https://app.example.com.evil.com style origins when the app is served from https', () => {
    const served = createAppUrlPolicy({ rendererFileUrl: page, devServerUrl: 'https://app.example.com' })
    expect(served.isAppUrl('https://app.example.com/index.html')).toBe(true)
    expect(served.isAppUrl('https://app.example.com.evil.com/index.html')).toBe(false)
    expect(served.isAppUrl('https://evil.com/https://app.example.com')).toBe(false)
  })

  it('matches Windows drive paths case-insensitively', () => {
    const win = createAppUrlPolicy({
      rendererFileUrl: 'file:///C:/Program%20Files/LayerCanvas/out/renderer/index.html',
    })
    expect(win.isAppUrl('file:///c:/program files/layercanvas/out/renderer/index.html')).toBe(true)
    expect(win.isAppUrl('file:///D:/Program%20Files/LayerCanvas/out/renderer/index.html')).toBe(false)
  })

  it('counts files beside the page as app resources (for the CSP header)', () => {
    expect(prod.isAppResource(page.replace('index.html', 'assets/index-abc.js'))).toBe(true)
    expect(prod.isAppResource('file:///opt/LayerCanvas/resources/app/out/main/index.js')).toBe(false)
    expect(prod.isAppResource('https://example.com/assets/index.js')).toBe(false)
  })

  it('refuses to build a policy from a non-file page URL', () => {
    expect(() => createAppUrlPolicy({ rendererFileUrl: 'https://example.com/index.html' })).toThrow()
    expect(() => createAppUrlPolicy({ rendererFileUrl: page, devServerUrl: 'nonsense' })).toThrow()
  })
})

describe('external links', () => {
  it('allows plain https only', () => {
    expect(isSafeExternalUrl('https://js.tensorflow.org/api/latest/')).toBe(true)
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:',
      'https://user:secret@example.com/',
      'nonsense',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
    }
  })
})
