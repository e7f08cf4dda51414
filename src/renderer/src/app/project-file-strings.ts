import type { ProjectDocument } from '../../../core/document/types'
import { i18n } from '../i18n'
import { saveFailure } from './save-failure'

/** Strings of saving and opening project files (keys under `projectFile.`), added to the catalogue on load. */
const en = {
  projectFile: {
    savedAs:
      'Saved as {{name}}: the project now holds trained weights, which are stored in a .layercanvas file. {{from}} was left as it was.',
    savedAsJson:
      'Saved as {{name}}: the project no longer holds weights, so it is stored as plain JSON. {{from}} was left as it was.',
    tooManyWeights:
      'The weights take {{mb}} MB; a project holds at most {{max}} MB of weights. Nothing was saved and your canvas is unchanged. Clear the trained weights or the runs’ kept weights, or use a smaller model.',
    documentTooLarge:
      'The project without its weights takes {{mb}} MB; at most {{max}} MB. Nothing was saved and your canvas is unchanged.',
  },
}

const zhCN: typeof en = {
  projectFile: {
    savedAs: '已另存为 {{name}}：项目现在含有训练好的权重，权重保存在 .layercanvas 文件中。原文件 {{from}} 保持不变。',
    savedAsJson: '已另存为 {{name}}：项目不再含有权重，因此以纯 JSON 保存。原文件 {{from}} 保持不变。',
    tooManyWeights:
      '权重共 {{mb}} MB；一个项目最多保存 {{max}} MB 的权重。没有保存任何内容，画布保持不变。请清除训练好的权重或实验记录中保留的权重，或使用更小的模型。',
    documentTooLarge: '不含权重的项目共 {{mb}} MB；最多 {{max}} MB。没有保存任何内容，画布保持不变。',
  },
}

let added = false

export function addProjectFileStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addProjectFileStrings()

/** Why encodeProjectFile refused the document, in the UI language (save-failure.ts picks the limit). */
export function encodeFailureText(doc: ProjectDocument, coreMessage: string): string {
  const failure = saveFailure(doc, coreMessage)
  return failure ? i18n.t(failure.key, failure.values) : coreMessage
}
