import { fill, pick, type Lang, type LocalText } from '../core/i18n/text'

/** The CLI's own words, in both languages the app ships in. */
const TEXT = {
  model: { en: 'Model', 'zh-CN': '模型' },
  layer: { en: 'Layer', 'zh-CN': '层' },
  kind: { en: 'Kind', 'zh-CN': '类型' },
  outputShape: { en: 'Output shape', 'zh-CN': '输出形状' },
  params: { en: 'Params', 'zh-CN': '参数量' },
  connectedTo: { en: 'Connected to', 'zh-CN': '输入来自' },
  totalParams: { en: 'Total params', 'zh-CN': '参数总数' },
  trainableParams: { en: 'Trainable params', 'zh-CN': '可训练参数' },
  macs: { en: 'MACs', 'zh-CN': '乘加次数' },
  totalMacs: { en: 'Multiply-accumulates per sample (MACs)', 'zh-CN': '每个样本的乘加次数（MACs）' },
  nonTrainableParams: { en: 'Non-trainable params', 'zh-CN': '不可训练参数' },
  noProblems: { en: 'No problems found.', 'zh-CN': '未发现问题。' },
  problems: { en: 'Problems', 'zh-CN': '问题' },
  error: { en: 'error', 'zh-CN': '错误' },
  warning: { en: 'warning', 'zh-CN': '警告' },
  oneError: { en: '1 error', 'zh-CN': '1 个错误' },
  errors: { en: '{n} errors', 'zh-CN': '{n} 个错误' },
  oneWarning: { en: '1 warning', 'zh-CN': '1 个警告' },
  warnings: { en: '{n} warnings', 'zh-CN': '{n} 个警告' },
  graph: { en: '(graph)', 'zh-CN': '（整个网络）' },
  fix: { en: 'fix', 'zh-CN': '修复' },
  cannotExport: { en: 'cannot export as {format}:', 'zh-CN': '无法导出为 {format}：' },
  repaired: { en: 'repaired', 'zh-CN': '已修复' },
} satisfies Record<string, LocalText>

export type CliTextKey = keyof typeof TEXT

export function t(key: CliTextKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return fill(pick(TEXT[key], lang), values)
}
