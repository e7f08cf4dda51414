import { DIAGNOSTIC_MESSAGES } from '../i18n/diagnostics'
import { fill, LANGS, type LocalText } from '../i18n/text'
import { DATA_ERROR_MESSAGES } from './messages'

/** A placeholder value: the same in both languages, or its own text per language. */
export type DataMessageValue = string | number | LocalText
export type DataMessageValues = Record<string, DataMessageValue>

/**
 * Why a dataset could not be made from the user's data or the host's files. `error` is the
 * English sentence (CLI output, logs, tests); `message` carries both languages for the UI;
 * `code` + `values` let a UI build its own wording.
 */
export interface DataFailure {
  ok: false
  code: string
  values: DataMessageValues
  error: string
  message: LocalText
}

export type DataResult<T> = ({ ok: true } & T) | DataFailure

function templateOf(code: string): LocalText {
  return DATA_ERROR_MESSAGES[code] ?? DIAGNOSTIC_MESSAGES[code] ?? { en: code, 'zh-CN': code }
}

/** Fills a catalogue message in both languages. */
export function localize(code: string, values: DataMessageValues = {}): LocalText {
  const out = { en: '', 'zh-CN': '' } as LocalText
  for (const lang of LANGS) {
    const flat: Record<string, string | number> = {}
    for (const [key, value] of Object.entries(values)) flat[key] = typeof value === 'object' ? value[lang] : value
    out[lang] = fill(templateOf(code)[lang], flat)
  }
  return out
}

export function dataFailure(code: string, values: DataMessageValues = {}): DataFailure {
  const message = localize(code, values)
  return { ok: false, code, values, error: message.en, message }
}
