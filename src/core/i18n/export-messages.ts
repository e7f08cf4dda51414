import type { ProjectDocument } from '../document/types'
import type { Diagnostic } from '../shapes/diagnostic'
import { formatDiagnostic, kindLabel } from './format'
import { nodeName } from './names'
import { fill, LANGS, type Lang, type LocalText } from './text'

/**
 * What the exporters (src/core/export) tell the user, in both languages. A problem keeps its
 * English `message` (logs, tests, older callers) and carries `text` for the UI language; the
 * Export dialog and `layercanvas export --lang` show `text`.
 */
export const EXPORT_MESSAGES = {
  noOnnxEquivalent: {
    en: '{node}: this kind of layer has no ONNX equivalent in this exporter',
    'zh-CN': '{node}：本导出器没有与这种层对应的 ONNX 算子',
  },
  onnxDimOpen: {
    en: '{node}: the {what} must be known when exporting, but it is open (?)',
    'zh-CN': '{node}：导出时必须知道{what}，但它现在是开放的（?）',
  },
  onnxWeightMissing: {
    en: '{node}: its weight "{suffix}" was not found in the model',
    'zh-CN': '{node}：在模型中找不到它的权重“{suffix}”',
  },
  freshWeightsShapeChanged: {
    en: '{node}: exported with fresh, untrained weights because its weights no longer fit (its settings changed)',
    'zh-CN': '{node}：以未经训练的新权重导出，因为保存的权重已不再匹配（它的设置改过）',
  },
  freshWeightsUnreadable: {
    en: '{node}: exported with fresh, untrained weights because its saved weights are unreadable',
    'zh-CN': '{node}：以未经训练的新权重导出，因为保存的权重无法读取',
  },
  noOutput: {
    en: 'The graph has no output layer (nothing after the Input).',
    'zh-CN': '图中没有输出层（Input 之后什么也没有）。',
  },
  pythonSizesUnknown: {
    en: '{node}: every size must be known to export Python code (shapes: {shapes}).',
    'zh-CN': '{node}：导出 Python 代码时必须知道每一个尺寸（形状：{shapes}）。',
  },
  pythonUnsupported: {
    en: '{node} cannot be exported to {framework}: {reason}',
    'zh-CN': '{node} 无法导出为 {framework}：{reason}',
  },
  weightCountMismatch: {
    en: '{node}: tfjs has {expected} weights, the {framework} layer takes {mapped}',
    'zh-CN': '{node}：tfjs 中有 {expected} 个权重，{framework} 的层需要 {mapped} 个',
  },
  noLayerForNode: {
    en: 'The model has no layer for "{id}".',
    'zh-CN': '模型中没有与“{id}”对应的层。',
  },
  modelBuildFailed: {
    en: 'tfjs could not build the model: {detail}',
    'zh-CN': 'tfjs 无法构建这个模型：{detail}',
  },
  weightsReadFailed: {
    en: 'Reading the weights failed: {detail}',
    'zh-CN': '读取权重失败：{detail}',
  },
  exportFailed: {
    en: 'The {format} export failed: {detail}',
    'zh-CN': '{format} 导出失败：{detail}',
  },
  exportTooLarge: {
    en: 'The {format} export would take {size} MB; LayerCanvas writes exports of at most {max} MB (the weights of one project are at most {weights} MB)',
    'zh-CN': '{format} 导出需要 {size} MB，超过上限 {max} MB（一个项目的权重最多 {weights} MB）',
  },
  kerasFileNoBuiltin: {
    en: '{node}: this LayerCanvas layer has no Keras 3 built-in the .keras writer can use yet; export --format keras (Python code) instead',
    'zh-CN':
      '{node}：这种 LayerCanvas 层在 Keras 3 中还没有 .keras 写入器可用的内置层；请改用 Keras（Python 代码）格式导出',
  },
  kerasFileBilinear: {
    en: "{node}: bilinear upsampling in tfjs samples pixels differently than Keras' UpSampling2D",
    'zh-CN': '{node}：tfjs 的双线性上采样与 Keras 的 UpSampling2D 取样方式不同',
  },
  kerasFileHardSigmoid: {
    en: "{node}: its gates use tfjs's hard sigmoid, clip(0.2·x + 0.5, 0, 1), but Keras 3's hard_sigmoid is another function, relu6(x + 3) / 6, so a .keras file would predict differently; export --format keras (Python code, which defines tfjs's function) instead, or set the gate activation to sigmoid",
    'zh-CN':
      '{node}：它的门使用 tfjs 的硬 Sigmoid，即 clip(0.2·x + 0.5, 0, 1)，而 Keras 3 的 hard_sigmoid 是另一个函数 relu6(x + 3) / 6，.keras 文件的预测会不同；请改用 Keras（Python 代码）格式导出（代码中定义了 tfjs 的函数），或把门的激活函数设为 Sigmoid',
  },
  kerasFileUnsupported: {
    en: '{node}: this kind of layer is not supported by the .keras writer',
    'zh-CN': '{node}：.keras 写入器不支持这种层',
  },
  metadataWithoutDataset: {
    en: 'The dataset "{dataset}" could not be loaded ({detail}); metadata.json has no class names or normalisation.',
    'zh-CN': '无法加载数据集“{dataset}”（{detail}）；metadata.json 中没有类别名称和归一化参数。',
  },
  demoWithoutDataset: {
    en: 'The dataset "{dataset}" could not be loaded ({detail}); the demo page has no input for it.',
    'zh-CN': '无法加载数据集“{dataset}”（{detail}）；演示页面没有它的输入方式。',
  },
  trainingBusy: {
    en: 'Training is running: export when it has finished.',
    'zh-CN': '正在训练：请在训练结束后再导出。',
  },
  kerasFileExperimental: {
    en: 'The .keras export is experimental: it follows the Keras 3 file layout, but no Keras could be run to confirm it loads. Prefer the TensorFlow.js, ONNX or Keras (Python code) exports.',
    'zh-CN':
      '.keras 导出是实验性的：它遵循 Keras 3 的文件结构，但还没能用 Keras 实际加载来确认。建议优先使用 TensorFlow.js、ONNX 或 Keras（Python 代码）导出。',
  },
} as const satisfies Record<string, LocalText>

export type ExportMessageKey = keyof typeof EXPORT_MESSAGES

/** A value in a message: plain (numbers, ids, shapes) or already in both languages (layer labels). */
export type LocalValue = string | number | LocalText

/** A problem or note of an export, in English (`message`) and in both languages (`text`). */
export interface LocalizedProblem {
  nodeId: string | null
  message: string
  text: LocalText
}

const isLocal = (value: LocalValue): value is LocalText => typeof value === 'object'

/** Fills a catalogue message in both languages. */
export function exportText(key: ExportMessageKey, values: Record<string, LocalValue> = {}): LocalText {
  const one = (lang: Lang) =>
    fill(
      EXPORT_MESSAGES[key][lang],
      Object.fromEntries(Object.entries(values).map(([name, v]) => [name, isLocal(v) ? v[lang] : v])),
    )
  return { en: one('en'), 'zh-CN': one('zh-CN') }
}

export function exportProblem(
  nodeId: string | null,
  key: ExportMessageKey,
  values: Record<string, LocalValue> = {},
): LocalizedProblem {
  const text = exportText(key, values)
  return { nodeId, message: text.en, text }
}

/** An analysis error as an export problem, in both languages. */
export function diagnosticProblem(d: Diagnostic, doc: ProjectDocument): LocalizedProblem {
  const text = { en: formatDiagnostic(d, doc, 'en'), 'zh-CN': formatDiagnostic(d, doc, 'zh-CN') }
  return { nodeId: d.nodeId ?? null, message: text.en, text }
}

/** `Dense "hidden"` or `"My layer" (Dense)` in English, `全连接层“hidden”` in Chinese: how messages name a node. */
export function nodeLabelText(doc: ProjectDocument, id: string): LocalText {
  const node = doc.nodes.find((n) => n.id === id)
  const one = (lang: Lang) => {
    const kind = node ? kindLabel(node.kind, lang) : id
    const name = node ? nodeName(doc, node, lang) : undefined
    if (lang === 'en') return name ? `"${name}" (${kind})` : `${kind} "${id}"`
    return name ? `“${name}”（${kind}）` : `${kind}“${id}”`
  }
  return Object.fromEntries(LANGS.map((lang) => [lang, one(lang)])) as unknown as LocalText
}

/** The problem's text in `lang` (its English message when it has no text). */
export const problemText = (problem: { message: string; text?: LocalText }, lang: Lang): string =>
  problem.text?.[lang] ?? problem.message
