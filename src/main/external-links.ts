import type { Lang } from '../core/i18n/text'
import { isSafeExternalUrl } from './app-url'

/**
 * Which links the app hands to the OS browser, and when it asks first. shell.openExternal with
 * a URL the page chose is a classic Electron escalation (a compromised or tricked page opens
 * whatever it likes, outside the sandbox), so:
 * - only plain https URLs without credentials go anywhere (isSafeExternalUrl); others are dropped;
 * - https links to the documentation sites the app refers to open straight away;
 * - any other https link opens only after the user says yes in a native dialog that shows the
 *   exact URL that will be opened. One question at a time: while one is open, further requests
 *   are dropped, so a page cannot bury the user in dialogs.
 */

/** Exact host names (no sub-domain wildcards: a look-alike sub-domain is not the docs site). */
export const DOCUMENTATION_HOSTS: ReadonlySet<string> = new Set([
  'js.tensorflow.org',
  'www.tensorflow.org',
  'tensorflow.org',
  'keras.io',
  'pytorch.org',
  'docs.pytorch.org',
  'onnx.ai',
  'onnxruntime.ai',
])

/** Longer URLs are refused outright: nobody can check one in a dialog. */
export const MAX_EXTERNAL_URL_LENGTH = 2048

export type ExternalLinkOutcome = 'opened' | 'declined' | 'refused' | 'busy'

/** The options of the confirmation box; button 0 opens the link. Electron's MessageBoxOptions fits. */
export interface ExternalLinkPrompt {
  type: 'question'
  message: string
  detail: string
  buttons: string[]
  defaultId: number
  cancelId: number
  noLink: true
}

export interface ExternalLinksDeps {
  /** shell.openExternal in the app. */
  openExternal(url: string): Promise<unknown> | unknown
  /** Shows the prompt (dialog.showMessageBox) and resolves to the index of the button pressed. */
  ask(prompt: ExternalLinkPrompt): Promise<number>
  getLanguage(): Lang
  log?(message: string): void
}

const TEXT = {
  en: {
    message: 'Open this link in your web browser?',
    detail: (url: string) =>
      `${url}\n\nThis address is not one of the documentation sites LayerCanvas links to. Open it only if you trust it.`,
    buttons: ['Open Link', 'Cancel'],
  },
  'zh-CN': {
    message: '在网页浏览器中打开此链接吗？',
    detail: (url: string) => `${url}\n\n此地址不是 LayerCanvas 所链接的文档网站。只有在你信任它时才打开。`,
    buttons: ['打开链接', '取消'],
  },
} as const

/** The question asked before opening `url` (already normalised) in the browser. */
export function externalLinkPrompt(url: string, language: Lang): ExternalLinkPrompt {
  const text = TEXT[language] ?? TEXT.en
  return {
    type: 'question',
    message: text.message,
    detail: text.detail(url),
    buttons: [...text.buttons],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  }
}

/** Whether `url` is an https link to one of DOCUMENTATION_HOSTS (on the default port). */
export function isDocumentationUrl(raw: string): boolean {
  if (!isSafeExternalUrl(raw)) return false
  const url = new URL(raw)
  return url.port === '' && DOCUMENTATION_HOSTS.has(url.hostname)
}

export interface ExternalLinks {
  open(url: string): Promise<ExternalLinkOutcome>
}

export function createExternalLinks(deps: ExternalLinksDeps): ExternalLinks {
  const log = deps.log ?? (() => {})
  let asking = false

  async function launch(url: string): Promise<ExternalLinkOutcome> {
    try {
      await deps.openExternal(url)
    } catch {
      log(`Could not open ${url}`)
    }
    return 'opened'
  }

  return {
    async open(raw) {
      if (raw.length > MAX_EXTERNAL_URL_LENGTH || !isSafeExternalUrl(raw)) {
        log(`Blocked external link ${raw.slice(0, 200)}`)
        return 'refused'
      }
      // What the user sees is what opens: the parsed, normalised form (IDN hosts as punycode).
      const url = new URL(raw).href
      if (isDocumentationUrl(url)) return launch(url)
      if (asking) {
        log(`Dropped external link ${url}: a question about another link is still open`)
        return 'busy'
      }
      asking = true
      try {
        const answer = await deps.ask(externalLinkPrompt(url, deps.getLanguage()))
        if (answer !== 0) return 'declined'
      } finally {
        asking = false
      }
      return launch(url)
    },
  }
}
