import type { LocalText } from '../i18n/text'

/**
 * What a repairing load (parseProject with `repair: true`) tells the user it changed, and why
 * a kind's migration could not run. Placeholders: {path} (where in the file), the rest per
 * message. The word for a layer's params follows the tutorial's terms (参数, 层).
 */
export const LOAD_MESSAGES = {
  paramReset: {
    en: '{path}: {problem}; replaced by its default, {default}',
    'zh-CN': '{path}：{problem}；已改为默认值 {default}',
  },
  unknownKindKept: {
    en:
      '{path}: unknown layer kind "{kind}"; kept as a placeholder with its parameters ' +
      '(not compiled, saved back unchanged)',
    'zh-CN': '{path}：未知的层类型“{kind}”；已作为占位层保留其参数（不参与编译，保存时原样写回）',
  },
  kindNewer: {
    en:
      '{path}: this "{kind}" layer was written by a newer LayerCanvas ' +
      '(layer version {from}; this version reads up to {to})',
    'zh-CN': '{path}：这个“{kind}”层由更新版本的 LayerCanvas 写入（层版本 {from}；当前版本最多读取 {to}）',
  },
  kindMigrationFailed: {
    en: '{path}: the parameters of this "{kind}" layer could not be upgraded from layer version {from} to {to}',
    'zh-CN': '{path}：这个“{kind}”层的参数无法从层版本 {from} 升级到 {to}',
  },
  unknownLayer: {
    en: 'unknown layer {kind}',
    'zh-CN': '未知层 {kind}',
  },
} satisfies Record<string, LocalText>
