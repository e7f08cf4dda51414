import { safeValue } from './safe-text'

/** The two languages every user-facing string in LayerCanvas ships in. */
export type Lang = 'en' | 'zh-CN'
export const LANGS: readonly Lang[] = ['en', 'zh-CN']

/** A string in both languages. */
export interface LocalText {
  en: string
  'zh-CN': string
}

export type MessageValues = Record<string, string | number>

/**
 * Replaces `{name}` placeholders with values; unknown placeholders are left visible on purpose.
 * Values often come from the user's files, so each is capped and its control characters are
 * escaped here, once for every message in both languages (see safe-text.ts).
 */
export function fill(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? safeValue(String(values[key])) : whole,
  )
}

export function pick(text: LocalText, lang: Lang): string {
  return text[lang] ?? text.en
}
