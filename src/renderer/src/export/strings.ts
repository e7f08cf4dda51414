import type { ExportFormat } from '../../../core/export/exporters'
import { i18n } from '../i18n'

/** Each format's name and description in the dialog (the keys are the core's format ids). */
interface FormatStrings {
  name: string
  what: string
  runNote?: string
}

/**
 * UI strings of the export and import dialogs (keys under `exchange.`) and of autosave recovery
 * and recent files (keys under `recovery.`), kept beside the dialogs and added to the app's
 * i18next catalogue when they load (as data/strings.ts does for the Data panel).
 */
const en = {
  exchange: {
    title: 'Export model',
    intro: 'Choose a format. LayerCanvas writes the network with its weights and a README that explains the files.',
    weightsTrained: 'Exports the trained weights from {{date}}.',
    weightsFresh: 'Freshly initialised weights — train first to export a trained model.',
    weights: {
      label: 'Weights',
      option: {
        run: 'Latest run',
        project: 'Saved with the project',
        initial: 'Untrained (fresh)',
      },
      run: {
        done: 'Exports the trained weights of the run that finished {{date}}: {{epochs}} of {{planned}} epochs, {{accuracy}}.',
        stopped:
          'Exports the weights of the run stopped {{date}}, after {{epochs}} of {{planned}} epochs, {{accuracy}}.',
        error:
          'Exports the last good weights of the run that failed {{date}}, after {{epochs}} of {{planned}} epochs, {{accuracy}}.',
      },
      testAccuracy: 'test accuracy {{value}}',
      noTest: 'not scored on a test split',
      graphChanged:
        'The graph changed since: layers whose weights no longer fit are exported untrained (listed after the export).',
      freshChosen:
        'Exports freshly initialised, untrained weights, as chosen: the model will not predict anything useful until trained.',
      runGone: 'The weights of the latest run are no longer available. Train again, or choose other weights.',
    },
    experimental: 'experimental',
    runIt: 'Run it',
    options: 'Options',
    opset: 'ONNX opset',
    opsetHint: '13 works with the most runtimes; 17 is the newest this exporter writes.',
    export: 'Export',
    exporting: 'Exporting…',
    trainingBusy: 'Training is running. Export when it has finished (or stop it).',
    problemsTitle: 'This network cannot be exported as {{format}}:',
    problemsHint: 'Click a problem to select its layer.',
    warningsTitle: 'Exported, with notes:',
    savedFolder: 'Exported to {{path}}',
    savedZip: 'Downloaded {{name}}',
    failed: 'The export failed.',
    whole: 'Whole network',
    formats: {
      tfjs: {
        name: 'TensorFlow.js',
        what: 'model.json + weights.bin to load with tf.loadLayersModel in a web page or Node.js, with a ready prediction script.',
      },
      onnx: {
        name: 'ONNX',
        what: 'model.onnx to run with ONNX Runtime from Python, C#, C++, Java or JavaScript, or to convert for other tools.',
        runNote: 'From Python: see README.md in the exported folder.',
      },
      keras: {
        name: 'Python · Keras',
        what: 'A Keras model in readable Python code with the weights, plus a training script to keep training in TensorFlow.',
      },
      pytorch: {
        name: 'Python · PyTorch',
        what: 'An nn.Module in readable Python code with the weights, plus a training script that also runs on several GPUs with torchrun (DDP).',
        runNote: 'The torchrun line trains on several GPUs (DDP).',
      },
      'keras-file': {
        name: 'Keras .keras file',
        what: 'One model.keras file for keras.saving.load_model. Follows the Keras 3 format but could not be checked with Keras yet.',
      },
      'web-demo': {
        name: 'Web demo',
        what: 'A folder with index.html that runs the model in any browser — draw, type or press Generate — offline from the file or on any static host (GitHub Pages, Netlify). TensorFlow.js is included.',
        runNote: 'Open index.html, or put the whole folder on a static host (see README.md).',
      },
    } satisfies Record<ExportFormat, FormatStrings>,
    importTitle: 'Import model',
    importFailed: '“{{name}}” cannot be imported. Your canvas was not changed.',
    unmappedIntro_one: '{{count}} layer of “{{name}}” has no LayerCanvas equivalent:',
    unmappedIntro_other: '{{count}} layers of “{{name}}” have no LayerCanvas equivalent:',
    unmappedKeep: 'Your canvas was not changed.',
    gapsHint:
      'Import with gaps leaves these layers out; the layers after them then show a missing input for you to fix.',
    importWithGaps: 'Import with gaps',
    imported: 'Imported {{layers}} layers from {{name}}',
    importedWithNotes_one: 'Imported “{{name}}” with {{count}} note:',
    importedWithNotes_other: 'Imported “{{name}}” with {{count}} notes:',
    layer: 'Layer',
    layerType: 'Type',
    reason: 'Why',
  },
  recovery: {
    title: 'Restore unsaved work?',
    message: 'LayerCanvas closed before “{{title}}” was saved. Restore the work from {{time}}?',
    file: 'Project file: {{path}}',
    weightsOmitted:
      'The browser keeps unsaved work without its weights, so this copy has none: train again, or open the saved project file.',
    restore: 'Restore',
    discard: 'Discard',
    restored: 'Restored your unsaved work on “{{title}}”',
    restoreFailed: 'The unsaved work could not be restored.',
    recent: 'Recent',
    noRecent: 'No recent projects yet.',
    openRecentFailed: 'Could not open the recent project.',
  },
}

const zhCN: typeof en = {
  exchange: {
    title: '导出模型',
    intro: '选择一种格式。LayerCanvas 会写出网络及其权重，并附上说明各个文件的 README。',
    weightsTrained: '导出 {{date}} 训练得到的权重。',
    weightsFresh: '使用刚初始化的权重——先训练，才能导出训练好的模型。',
    weights: {
      label: '权重',
      option: {
        run: '最近一次训练',
        project: '项目中保存的',
        initial: '未训练（新初始化）',
      },
      run: {
        done: '导出 {{date}} 完成的那次训练得到的权重：共 {{planned}} 轮中的 {{epochs}} 轮，{{accuracy}}。',
        stopped: '导出 {{date}} 停止的那次训练的权重：完成了 {{planned}} 轮中的 {{epochs}} 轮，{{accuracy}}。',
        error:
          '导出 {{date}} 出错的那次训练中最后一组正常的权重：完成了 {{planned}} 轮中的 {{epochs}} 轮，{{accuracy}}。',
      },
      testAccuracy: '测试准确率 {{value}}',
      noTest: '未在测试集上评估',
      graphChanged: '此后网络已被修改：权重对不上的层将以未训练的权重导出（导出后会列出）。',
      freshChosen: '按你的选择导出刚初始化、未训练的权重：训练之前，这个模型的预测没有意义。',
      runGone: '最近一次训练的权重已不可用。请重新训练，或选择其他权重。',
    },
    experimental: '实验性',
    runIt: '运行方式',
    options: '选项',
    opset: 'ONNX opset 版本',
    opsetHint: '13 兼容的运行时最多；17 是本导出器支持的最新版本。',
    export: '导出',
    exporting: '正在导出…',
    trainingBusy: '正在训练。请等训练结束（或停止训练）后再导出。',
    problemsTitle: '这个网络无法导出为 {{format}}：',
    problemsHint: '点击问题可选中对应的层。',
    warningsTitle: '已导出，但请注意：',
    savedFolder: '已导出到 {{path}}',
    savedZip: '已下载 {{name}}',
    failed: '导出失败。',
    whole: '整个网络',
    formats: {
      tfjs: {
        name: 'TensorFlow.js',
        what: 'model.json + weights.bin，可在网页或 Node.js 中用 tf.loadLayersModel 加载，并附带现成的预测脚本。',
      },
      onnx: {
        name: 'ONNX',
        what: 'model.onnx，可用 ONNX Runtime 在 Python、C#、C++、Java 或 JavaScript 中运行，也可转换给其他工具使用。',
        runNote: '在 Python 中运行：见导出文件夹中的 README.md。',
      },
      keras: {
        name: 'Python · Keras',
        what: '易读的 Python 代码写成的 Keras 模型及其权重，另附训练脚本，可在 TensorFlow 中继续训练。',
      },
      pytorch: {
        name: 'Python · PyTorch',
        what: '易读的 Python 代码写成的 nn.Module 及其权重，另附训练脚本，也能用 torchrun（DDP）在多块 GPU 上训练。',
        runNote: 'torchrun 那一行在多块 GPU 上训练（DDP）。',
      },
      'keras-file': {
        name: 'Keras .keras 文件',
        what: '单个 model.keras 文件，供 keras.saving.load_model 加载。按 Keras 3 格式写出，但尚未能用 Keras 实际验证。',
      },
      'web-demo': {
        name: '网页演示',
        what: '一个含 index.html 的文件夹，在任何浏览器中运行模型：书写、输入文字或点击“生成”。可直接离线打开，也可放到任意静态网站托管（GitHub Pages、Netlify）。已包含 TensorFlow.js。',
        runNote: '打开 index.html，或把整个文件夹放到静态网站托管上（见 README.md）。',
      },
    },
    importTitle: '导入模型',
    importFailed: '无法导入“{{name}}”。画布没有改动。',
    unmappedIntro_one: '“{{name}}”中有 {{count}} 个层在 LayerCanvas 中没有对应的层：',
    unmappedIntro_other: '“{{name}}”中有 {{count}} 个层在 LayerCanvas 中没有对应的层：',
    unmappedKeep: '画布没有改动。',
    gapsHint: '“留空导入”会略过这些层；它们后面的层会提示缺少输入，由你来补上。',
    importWithGaps: '留空导入',
    imported: '已从 {{name}} 导入 {{layers}} 个层',
    importedWithNotes_one: '已导入“{{name}}”，有 {{count}} 条提示：',
    importedWithNotes_other: '已导入“{{name}}”，有 {{count}} 条提示：',
    layer: '层',
    layerType: '类型',
    reason: '原因',
  },
  recovery: {
    title: '恢复未保存的工作？',
    message: 'LayerCanvas 在“{{title}}”保存之前关闭了。要恢复 {{time}} 的工作吗？',
    file: '项目文件：{{path}}',
    weightsOmitted: '浏览器保留未保存的工作时不含权重，这份副本中没有权重：请重新训练，或打开已保存的项目文件。',
    restore: '恢复',
    discard: '丢弃',
    restored: '已恢复“{{title}}”未保存的工作',
    restoreFailed: '无法恢复未保存的工作。',
    recent: '最近打开',
    noRecent: '还没有最近打开的项目。',
    openRecentFailed: '无法打开最近的项目。',
  },
}

let added = false

/** Adds the `exchange.*` and `recovery.*` strings to the app catalogue (idempotent). */
export function addExchangeStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addExchangeStrings()
