import { i18n } from '../i18n'

/** Strings of the Export dialog's data option (keys under `exportData.`), added to the catalogue on load. */
const en = {
  exportData: {
    label: 'Include the training data (data.npz)',
    hint: 'The train / validation / test split exactly as LayerCanvas trains on it (same seed, same normalisation); train.py uses it by default.',
    measuring: 'Measuring the data…',
    size: 'data.npz: {{train}} training, {{validation}} validation, {{test}} test samples, {{size}}',
    failed: 'The data cannot be included: {{detail}}',
  },
}

const zhCN: typeof en = {
  exportData: {
    label: '包含训练数据（data.npz）',
    hint: '与 LayerCanvas 训练时完全相同的训练集 / 验证集 / 测试集划分（相同的随机种子和归一化）；train.py 默认使用它。',
    measuring: '正在计算数据大小…',
    size: 'data.npz：训练样本 {{train}} 个，验证样本 {{validation}} 个，测试样本 {{test}} 个，共 {{size}}',
    failed: '无法包含数据：{{detail}}',
  },
}

let added = false

export function addDataOptionStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addDataOptionStrings()
