import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Lang } from '../../../core/i18n/text'
import { uiStore } from '../app/ui-store'
import { en } from './en'
import { trainingEn } from './training-en'
import { trainingZhCN } from './training-zh-CN'
import { zhCN } from './zh-CN'

/**
 * UI strings only. Layer labels, layer docs and diagnostics come from the core catalogues
 * (LocalText, formatDiagnostic) so the CLI and the app say the same thing.
 */
export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: { ...en, training: trainingEn } },
    'zh-CN': { translation: { ...zhCN, training: trainingZhCN } },
  },
  lng: uiStore.getState().language,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
})

export function setLanguage(language: Lang): void {
  uiStore.setState({ language })
}

// The UI store owns the choice (persisted there); i18next and <html lang> follow it.
function apply(language: Lang): void {
  if (i18n.language !== language) void i18n.changeLanguage(language)
  document.documentElement.lang = language
}
apply(uiStore.getState().language)
uiStore.subscribe((state, prev) => {
  if (state.language !== prev.language) apply(state.language)
})
