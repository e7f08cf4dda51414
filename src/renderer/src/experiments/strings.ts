import { i18n } from '../i18n'

/**
 * UI strings of the Runs tab (keys under `experiments.`): run history, comparison and sweeps,
 * kept beside the panel and added to the app's i18next catalogue when it loads (as
 * data/strings.ts does for the Data panel). Terms follow the tutorial: 学习率, 批大小, 优化器, 损失.
 */
const en = {
  experiments: {
    tab: 'Runs',
    empty:
      'No runs recorded yet. Every run you train (and every sweep) is recorded here with its settings and results, and saved with the project.',
    keepWeights: "Keep each run's weights in the history",
    keepWeightsHint:
      'Lets you export an older run later. Only the 3 newest runs keep their weights, so the project file stays small.',
    curves: 'Learning curves',
    curvesEmpty: 'Tick runs in the table to overlay their learning curves.',
    metric: { loss: 'Loss', valLoss: 'Validation loss', accuracy: 'Accuracy', valAccuracy: 'Validation accuracy' },
    show: 'Show',
    epoch: 'Epoch',
    column: {
      select: 'Compare',
      run: 'Run',
      started: 'Started',
      status: 'Status',
      epochs: 'Epochs',
      changed: 'Changed from the run before',
      learningRate: 'Learning rate',
      batchSize: 'Batch size',
      optimizer: 'Optimizer',
      testAccuracy: 'Test accuracy',
      testLoss: 'Test loss',
      seconds: 'Time',
      backend: 'Backend',
    },
    sortBy: 'Sort by {{column}}',
    status: { done: 'finished', stopped: 'stopped', failed: 'failed' },
    source: { app: 'app', cli: 'command line', sweep: 'sweep {{index}}/{{of}}' },
    firstRun: 'first run',
    nothingChanged: 'same settings',
    restore: "Restore this run's settings",
    restored: 'Restored the settings of {{run}} (Undo takes them back).',
    restoredSkipped:
      'Restored the settings of {{run}}; these layers no longer exist, their settings were skipped: {{paths}}',
    exportWeights: "Export this run's weights…",
    exportWeightsHint:
      "Puts this run's settings and weights into the project (one undoable step) and opens Export with them.",
    noWeights: 'Weights not kept for this run',
    delete: 'Delete the selected runs',
    sweep: {
      title: 'Sweep',
      intro:
        'Train once per combination of settings, one run after another, and compare. One setting per line: a path and its values.',
      examples:
        'Examples: training.optimizer.learningRate=0.0003,0.001,0.003 · training.batchSize=32,64 · training.optimizer.type=adam,sgd · training.optimizer.learningRate=log:1e-4..1e-2:5 · nodes.<layer id>.params.units=32,64',
      settings: 'Settings to vary',
      mode: 'Search',
      grid: 'Grid (every combination)',
      random: 'Random',
      count: 'Runs',
      start: 'Start sweep ({{count}} runs)',
      startInvalid: 'Start sweep',
      stop: 'Stop the sweep',
      progress: 'Sweep: run {{index}} of {{of}}',
      finished: 'Sweep finished: {{count}} runs recorded.',
      stoppedSweep: 'Sweep stopped after {{count}} runs.',
      busy: 'Training is running: start the sweep when it has finished.',
      scatter: 'Setting vs result',
      scatterEmpty: 'Sweep runs appear here as points: the swept setting across, the result up.',
      x: 'Setting',
      y: 'Result',
    },
  },
}

const zhCN: typeof en = {
  experiments: {
    tab: '实验记录',
    empty: '还没有记录任何训练。每次训练（以及每次超参数搜索）都会连同设置和结果记录在这里，并随项目保存。',
    keepWeights: '在记录中保存每次训练的权重',
    keepWeightsHint: '以后可以导出较早的训练结果。只有最新的 3 次训练保留权重，以免项目文件过大。',
    curves: '学习曲线',
    curvesEmpty: '在表格中勾选几次训练，叠加比较它们的学习曲线。',
    metric: { loss: '损失', valLoss: '验证损失', accuracy: '准确率', valAccuracy: '验证准确率' },
    show: '显示',
    epoch: '轮次',
    column: {
      select: '比较',
      run: '训练',
      started: '开始时间',
      status: '状态',
      epochs: '轮数',
      changed: '与上一次相比的改动',
      learningRate: '学习率',
      batchSize: '批大小',
      optimizer: '优化器',
      testAccuracy: '测试准确率',
      testLoss: '测试损失',
      seconds: '用时',
      backend: '后端',
    },
    sortBy: '按{{column}}排序',
    status: { done: '已完成', stopped: '已停止', failed: '失败' },
    source: { app: '应用', cli: '命令行', sweep: '搜索 {{index}}/{{of}}' },
    firstRun: '第一次训练',
    nothingChanged: '设置相同',
    restore: '恢复这次训练的设置',
    restored: '已恢复 {{run}} 的设置（撤销可以还原）。',
    restoredSkipped: '已恢复 {{run}} 的设置；以下层已不存在，其设置被跳过：{{paths}}',
    exportWeights: '导出这次训练的权重…',
    exportWeightsHint: '把这次训练的设置和权重放进项目（可撤销的一步），并用它们打开导出。',
    noWeights: '这次训练没有保存权重',
    delete: '删除选中的训练记录',
    sweep: {
      title: '超参数搜索',
      intro: '对每种设置组合各训练一次，依次进行，然后比较。每行一个设置：路径和它的取值。',
      examples:
        '示例：training.optimizer.learningRate=0.0003,0.001,0.003 · training.batchSize=32,64 · training.optimizer.type=adam,sgd · training.optimizer.learningRate=log:1e-4..1e-2:5 · nodes.<层 id>.params.units=32,64',
      settings: '要改变的设置',
      mode: '搜索方式',
      grid: '网格（所有组合）',
      random: '随机',
      count: '次数',
      start: '开始搜索（{{count}} 次训练）',
      startInvalid: '开始搜索',
      stop: '停止搜索',
      progress: '搜索：第 {{index}} 次，共 {{of}} 次',
      finished: '搜索完成：记录了 {{count}} 次训练。',
      stoppedSweep: '搜索在 {{count}} 次训练后停止。',
      busy: '正在训练：训练结束后再开始搜索。',
      scatter: '设置与结果',
      scatterEmpty: '搜索的每次训练在这里显示为一个点：横轴是搜索的设置，纵轴是结果。',
      x: '设置',
      y: '结果',
    },
  },
}

let added = false

/** Adds the `experiments.*` strings to the app catalogue (idempotent). */
export function addExperimentsStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addExperimentsStrings()
