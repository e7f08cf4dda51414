import { i18n } from '../i18n'

/**
 * UI strings of the activations view (keys under `activations.`), added to the app catalogue
 * when the view loads (as export/strings.ts does). The "what am I looking at" sentences use the
 * tutorial's words: feature map, weight, activation.
 */
const en = {
  activations: {
    toggle: 'Activations',
    toggleHint: 'Show what every layer outputs for one sample',
    title: 'Activations',
    sample: 'Test sample {{index}} of {{count}}',
    label: 'label: {{label}}',
    previous: 'Previous sample',
    next: 'Next sample',
    random: 'Random sample',
    live: 'Live: refreshed every {{seconds}} s while training',
    final: 'From the current weights',
    reading: 'Reading…',
    intro:
      'Each layer shows its activations — the numbers it outputs — for this one sample. Click a picture to look closer.',
    noModel: 'No trained model yet: press Train (or Evaluate, to load the saved weights), and the pictures appear.',
    unsupported: 'This network cannot be shown: {{message}}',
    failed: 'The activations could not be read: {{message}}',
    open: 'Open the activations of {{name}}',
    close: 'Close',
    shape: 'Output shape {{shape}}',
    scale: 'Value scale',
    channels: 'Channels {{from}}–{{to}} of {{total}}',
    units: 'Units {{from}}–{{to}} of {{total}}',
    entries: 'Values {{from}}–{{to}} of {{total}}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    channel: 'Channel {{n}}',
    head: 'Head {{n}}',
    heads: 'Attention weights per head (query rows × key columns)',
    output: 'Output',
    time: 'time →',
    unitsDown: 'units ↓',
    minMax: 'min {{min}} · max {{max}}',
    explain: {
      maps: 'Each square is a feature map: one filter of this layer slid over the sample, bright where the filter’s weights match the input. Early layers find edges and strokes; deeper ones combine them into parts.',
      sequence:
        'Time runs left to right, one row per unit: the activation of each unit at each step of the sequence. A unit that lights up at a step has found something its weights look for there.',
      vector:
        'One cell per unit: the activation this layer outputs for the sample. For the last layer these are the class scores the network predicts.',
      attention:
        'One square per head: row i shows how much position i attends to every position (its attention weights sum to 1). Bright cells are where the head looks.',
    },
  },
}

const zhCN: typeof en = {
  activations: {
    toggle: '激活值',
    toggleHint: '显示每一层对某个样本的输出',
    title: '激活值',
    sample: '测试样本 {{index}} / {{count}}',
    label: '标签：{{label}}',
    previous: '上一个样本',
    next: '下一个样本',
    random: '随机样本',
    live: '实时：训练时每 {{seconds}} 秒刷新',
    final: '来自当前的权重',
    reading: '读取中…',
    intro: '每一层显示它对这一个样本输出的激活值（数值）。点击图片可放大查看。',
    noModel: '还没有训练好的模型：点击“训练”（或“评估”以载入保存的权重），图片就会出现。',
    unsupported: '无法显示这个网络：{{message}}',
    failed: '无法读取激活值：{{message}}',
    open: '查看 {{name}} 的激活值',
    close: '关闭',
    shape: '输出形状 {{shape}}',
    scale: '数值刻度',
    channels: '通道 {{from}}–{{to}}，共 {{total}} 个',
    units: '单元 {{from}}–{{to}}，共 {{total}} 个',
    entries: '数值 {{from}}–{{to}}，共 {{total}} 个',
    previousPage: '上一页',
    nextPage: '下一页',
    channel: '通道 {{n}}',
    head: '注意力头 {{n}}',
    heads: '每个注意力头的注意力权重（行：查询，列：键）',
    output: '输出',
    time: '时间 →',
    unitsDown: '单元 ↓',
    minMax: '最小 {{min}} · 最大 {{max}}',
    explain: {
      maps: '每个方块是一张特征图：这一层的一个卷积核在样本上滑动，卷积核的权重与输入越吻合的地方越亮。浅层找到边缘和笔画，深层把它们组合成部件。',
      sequence:
        '时间从左到右，每行是一个单元：每个单元在序列每一步的激活值。某一步亮起的单元，说明它的权重在那里找到了要找的东西。',
      vector: '每个格子是一个单元：这一层对该样本输出的激活值。对最后一层来说，它们就是网络预测的各类别得分。',
      attention:
        '每个方块是一个注意力头：第 i 行表示位置 i 对各个位置的关注程度（注意力权重之和为 1）。越亮的格子，就是这个头在“看”的地方。',
    },
  },
}

let added = false

/** Adds the `activations.*` strings to the app catalogue (idempotent). */
export function addActivationStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addActivationStrings()
