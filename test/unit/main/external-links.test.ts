import { describe, expect, it, vi } from 'vitest'
import type { Lang } from '../../../src/core/i18n/text'
import {
  createExternalLinks,
  externalLinkPrompt,
  isDocumentationUrl,
  MAX_EXTERNAL_URL_LENGTH,
  type ExternalLinkPrompt,
} from '../../../src/main/external-links'

function links(answer: number | (() => Promise<number>) = 1, language: Lang = 'en') {
  const openExternal = vi.fn(async (_url: string) => {})
  const ask = vi.fn(typeof answer === 'number' ? async (_prompt: ExternalLinkPrompt) => answer : answer)
  return { openExternal, ask, links: createExternalLinks({ openExternal, ask, getLanguage: () => language }) }
}

describe('external links', () => {
  it('opens https links to the documentation sites without asking', async () => {
    const { links: l, openExternal, ask } = links()
    for (const url of [
      'https://js.tensorflow.org/api/latest/#layers.dense',
      'https://www.tensorflow.org/js/guide',
      'https://keras.io/api/layers/',
      'https://pytorch.org/docs/stable/nn.html',
      'https://docs.pytorch.org/docs/stable/generated/torch.nn.Conv2d.html',
      'https://onnx.ai/onnx/operators/',
      'https://onnxruntime.ai/docs/',
    ]) {
      expect(await l.open(url), url).toBe('opened')
      expect(openExternal).toHaveBeenLastCalledWith(url)
    }
    expect(ask).not.toHaveBeenCalled()
  })

  it('treats look-alikes of the documentation hosts as other links', () => {
    for (const url of [
      'https://js.tensorflow.org.evil.example/',
      'https://evil-tensorflow.org/',
      'https://tensorflow.org@evil.example/',
      'https://sub.keras.io/',
      'https://pytorch.org:8443/',
      'http://pytorch.org/',
    ]) {
      expect(isDocumentationUrl(url), url).toBe(false)
    }
  })

  it('asks before opening any other https link, showing the exact URL; Cancel opens nothing', async () => {
    const declined = links(1)
    expect(await declined.links.open('https://example.com/some/page?q=1')).toBe('declined')
    expect(declined.openExternal).not.toHaveBeenCalled()
    const prompt = declined.ask.mock.calls[0]![0]
    expect(prompt.detail).toContain('https://example.com/some/page?q=1')
    expect(prompt).toMatchObject({ buttons: ['Open Link', 'Cancel'], defaultId: 1, cancelId: 1 })

    const accepted = links(0)
    expect(await accepted.links.open('https://example.com/')).toBe('opened')
    expect(accepted.openExternal).toHaveBeenCalledWith('https://example.com/')
  })

  it('shows and opens the normalised URL (an IDN host as punycode), the same string in both', async () => {
    const { links: l, openExternal, ask } = links(0)
    await l.open('https://ехample.com/a/../b')
    const shown = ask.mock.calls[0]![0].detail.split('\n')[0]
    expect(shown).toBe('https://xn--ample-ywe6i.com/b') // Cyrillic е and х: not example.com
    expect(openExternal).toHaveBeenCalledWith(shown)
  })

  it('refuses without asking anything that is not plain https, or too long to check', async () => {
    const { links: l, openExternal, ask } = links(0)
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://user:pw@example.com/',
      `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
    ]) {
      expect(await l.open(url), url).toBe('refused')
    }
    expect(ask).not.toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('asks one question at a time: links requested meanwhile are dropped', async () => {
    let answer: (button: number) => void = () => {}
    const { links: l, openExternal, ask } = links(() => new Promise<number>((resolve) => (answer = resolve)))
    const first = l.open('https://example.com/1')
    expect(await l.open('https://example.com/2')).toBe('busy')
    expect(ask).toHaveBeenCalledTimes(1)
    answer(0)
    expect(await first).toBe('opened')
    expect(openExternal).toHaveBeenCalledTimes(1)
    // Once answered, the next link may ask again.
    const second = l.open('https://example.com/3')
    answer(1)
    expect(await second).toBe('declined')
  })

  it('asks in Chinese when the UI is in Chinese', () => {
    const prompt = externalLinkPrompt('https://example.com/', 'zh-CN')
    expect(prompt.message).toBe('在网页浏览器中打开此链接吗？')
    expect(prompt.buttons).toEqual(['打开链接', '取消'])
    expect(prompt.detail.startsWith('https://example.com/\n')).toBe(true)
  })
})
