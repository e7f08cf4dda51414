import { i18n } from '../i18n'

/** Strings of File → Load Trained Weights (keys under `loadTrained.`), added to the catalogue on load. */
const en = {
  loadTrained: {
    failed: 'The trained weights cannot be loaded. Your project was not changed.',
    noBin: 'Choose weights.json together with weights.bin (the folder train.py wrote, e.g. trained/).',
    notJson: 'weights.json is not valid JSON ({{detail}}).',
    mismatch_one: 'The weights do not fit this project ({{count}} problem). Your project was not changed:',
    mismatch_other: 'The weights do not fit this project ({{count}} problems). Your project was not changed:',
    done: 'Loaded trained weights for {{layers}} layers. Save the project to keep them.',
  },
}

const zhCN: typeof en = {
  loadTrained: {
    failed: '无法载入训练好的权重。项目没有改变。',
    noBin: '请同时选择 weights.json 和 weights.bin（train.py 写出的文件夹，例如 trained/）。',
    notJson: 'weights.json 不是有效的 JSON（{{detail}}）。',
    mismatch_one: '这些权重与本项目不匹配（{{count}} 个问题）。项目没有改变：',
    mismatch_other: '这些权重与本项目不匹配（{{count}} 个问题）。项目没有改变：',
    done: '已为 {{layers}} 个层载入训练好的权重。保存项目即可保留它们。',
  },
}

let added = false

export function addLoadTrainedStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addLoadTrainedStrings()
