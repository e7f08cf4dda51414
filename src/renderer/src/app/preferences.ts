import type { Lang } from '../../../core/i18n/text'

export type Theme = 'light' | 'dark'
/** Auto Layout's direction: top to bottom or left to right. */
export type LayoutDirection = 'TB' | 'LR'

export interface Preferences {
  theme: Theme
  language: Lang
  minimap: boolean
  layoutDirection: LayoutDirection
}

const KEY = 'layercanvas.preferences'

/** First run: Chinese for any zh* browser/system language, else English; theme from the OS. */
function defaults(): Preferences {
  const nav = typeof navigator !== 'undefined' ? navigator.language : 'en'
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
  return {
    language: /^zh/i.test(nav) ? 'zh-CN' : 'en',
    theme: dark ? 'dark' : 'light',
    minimap: true,
    layoutDirection: 'TB',
  }
}

export function loadPreferences(): Preferences {
  const base = defaults()
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Preferences> | null
    if (!raw || typeof raw !== 'object') return base
    return {
      language: raw.language === 'zh-CN' || raw.language === 'en' ? raw.language : base.language,
      theme: raw.theme === 'dark' || raw.theme === 'light' ? raw.theme : base.theme,
      minimap: typeof raw.minimap === 'boolean' ? raw.minimap : base.minimap,
      layoutDirection:
        raw.layoutDirection === 'LR' || raw.layoutDirection === 'TB' ? raw.layoutDirection : base.layoutDirection,
    }
  } catch {
    return base
  }
}

export function savePreferences(prefs: Preferences): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs))
  } catch {
    // Storage can be unavailable (private mode, quota): preferences then last one session.
  }
}
