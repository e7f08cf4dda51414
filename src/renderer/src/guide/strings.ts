import { i18n } from '../i18n'
import { guideEn, guideZhCN } from './guide-text'

let added = false

/** Adds the `guide.*` strings (guide-text.ts) to the app catalogue (idempotent). */
export function addGuideStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', { guide: guideEn }, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', { guide: guideZhCN }, true, false)
}

addGuideStrings()
