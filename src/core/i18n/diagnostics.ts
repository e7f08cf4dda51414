import type { LocalText } from './text'

/**
 * Plain-language messages for every diagnostic code shared across kinds. `{layer}` is filled
 * with the node's kind label in the reader's language; shapes arrive pre-formatted (`7×7×64`).
 * Messages say what is wrong AND what to do about it.
 */
export const DIAGNOSTIC_MESSAGES: Record<string, LocalText> = {
  // Whole-graph problems
  emptyGraph: {
    en: 'The canvas is empty. Drag an Input layer from the palette to start, or open a template.',
    'zh-CN': '画布是空的。从左侧组件面板拖入一个输入层开始，或打开一个模板。',
  },
  noInput: {
    en: 'The network has no Input layer. Add one (Input / Output in the palette) and connect it to the first layer.',
    'zh-CN': '网络没有输入层。请从组件面板的“输入/输出”中添加一个，并连接到第一层。',
  },
  cycle: {
    en: '{layer} is part of a loop. Data must flow one way through the network: remove one connection of the loop.',
    'zh-CN': '{layer} 处在一个环路中。数据在网络中只能单向流动：请删除环路中的一条连线。',
  },
  missingInput: {
    en: '{layer} needs {needed} input connection(s) but has {got}. Connect the output of an earlier layer to it.',
    'zh-CN': '{layer} 需要 {needed} 个输入连接，现在只有 {got} 个。请把前面某一层的输出连到它。',
  },
  tooManyInputs: {
    en: '{layer} takes at most {max} input(s) but has {got}. To combine branches, use an Add or Concatenate layer.',
    'zh-CN': '{layer} 最多接受 {max} 个输入，现在有 {got} 个。要合并多个分支，请使用 相加 或 拼接 层。',
  },
  unknownKind: {
    en: 'Unknown layer kind "{kind}". This file may come from a newer version of LayerCanvas.',
    'zh-CN': '未知的层类型“{kind}”。该文件可能来自更新版本的 LayerCanvas。',
  },
  dimensionTooLarge: {
    en: '{layer} would output a dimension of size {size}, more than LayerCanvas can hold (at most {max}). Make this layer or the layers before it smaller.',
    'zh-CN':
      '{layer} 的输出会有一个大小为 {size} 的维度，超出了 LayerCanvas 能处理的范围（最多 {max}）。请把这一层或它前面的层调小。',
  },
  outputTooLarge: {
    en: '{layer} would output {count} values per sample, more than LayerCanvas can hold (at most {max}). Make this layer or the layers before it smaller.',
    'zh-CN':
      '{layer} 每个样本会输出 {count} 个数值，超出了 LayerCanvas 能处理的范围（最多 {max}）。请把这一层或它前面的层调小。',
  },
  tooManyParams: {
    en: '{layer} would have {count} parameters, more than LayerCanvas can hold (at most {max}). Use fewer units or filters, or shrink its input first (e.g. pooling before a Dense layer).',
    'zh-CN':
      '{layer} 会有 {count} 个参数，超出了 LayerCanvas 能处理的范围（最多 {max}）。请减少单元数或卷积核数，或先缩小它的输入（例如在全连接层前加池化）。',
  },
  modelTooLarge: {
    en: 'The model would have {count} parameters in total, more than LayerCanvas can hold (at most {max}). Make some layers smaller.',
    'zh-CN': '模型总共会有 {count} 个参数，超出了 LayerCanvas 能处理的范围（最多 {max}）。请把一些层调小。',
  },
  invalidParam: {
    en: '{layer}: {param} — {problem}',
    'zh-CN': '{layer}：{param} — {problem}',
  },

  // Shape problems a layer reports for its inputs
  needsFlatten: {
    en: '{layer} after a {got} input needs a Flatten to turn it into a vector — insert one?',
    'zh-CN': '{layer} 接在形状为 {got} 的输入后面，需要先用展平层把它变成向量 —— 要插入一个吗？',
  },
  needsImage: {
    en: '{layer} needs an image-shaped input (height×width×channels) but gets {got}. Use an image Input, or a Reshape before it.',
    'zh-CN': '{layer} 需要图像形状的输入（高×宽×通道），但收到的是 {got}。请使用图像输入，或在它前面加一个变形层。',
  },
  needsSequence: {
    en: '{layer} needs a sequence (timesteps×features) but gets {got}. Use a sequence Input, an Embedding, or a Reshape before it.',
    'zh-CN': '{layer} 需要序列输入（时间步×特征），但收到的是 {got}。请使用序列输入、嵌入层，或在它前面加一个变形层。',
  },
  needsVector: {
    en: '{layer} needs a vector or sequence input but gets {got}.',
    'zh-CN': '{layer} 需要向量或序列输入，但收到的是 {got}。',
  },
  needsTokens: {
    en: '{layer} needs a sequence of token ids (a 1-D input such as "token ids" mode of Input) but gets {got}.',
    'zh-CN': '{layer} 需要词元 id 序列（一维输入，例如输入层的“词元 id”模式），但收到的是 {got}。',
  },
  needsRank: {
    en: '{layer} needs an input with {rank} dimension(s) (not counting the batch) but gets {got}.',
    'zh-CN': '{layer} 需要 {rank} 维的输入（不含批次维），但收到的是 {got}。',
  },
  unknownDim: {
    en: '{layer} needs every dimension of its input known, but gets {got}. Give the Input a fixed length.',
    'zh-CN': '{layer} 需要输入的每一维都是确定的，但收到的是 {got}。请给输入层设定固定长度。',
  },
  kernelTooLarge: {
    en: 'The {kernel} window is larger than the {input} input. Use a smaller window, "same" padding, or fewer downsampling layers before it.',
    'zh-CN': '{kernel} 的窗口比 {input} 的输入还大。请减小窗口、改用 same 填充，或减少前面的下采样层。',
  },
  outputEmpty: {
    en: '{layer} would produce an empty output ({got}). Reduce the window or the strides.',
    'zh-CN': '{layer} 会产生空的输出（{got}）。请减小窗口或步幅。',
  },
  reshapeMismatch: {
    en: 'Reshape cannot turn {from} ({fromSize} values) into {to} ({toSize} values): the number of values must stay the same.',
    'zh-CN': '变形层无法把 {from}（{fromSize} 个数）变成 {to}（{toSize} 个数）：元素总数必须相同。',
  },
  mergeMismatch: {
    en: '{layer} needs equal shapes: {a} vs {b}.',
    'zh-CN': '{layer} 要求输入形状相同：{a} 与 {b} 不一致。',
  },
  concatMismatch: {
    en: '{layer} needs shapes that agree on every axis but the joined one (axis {axis}): {a} vs {b}.',
    'zh-CN': '{layer} 要求除拼接轴（第 {axis} 轴）外各维都相同：{a} 与 {b} 不一致。',
  },
  divisible: {
    en: '{layer}: {what} ({value}) must be divisible by {by}.',
    'zh-CN': '{layer}：{what}（{value}）必须能被 {by} 整除。',
  },

  // Connection refusals (isValidConnection)
  selfLoop: { en: 'A layer cannot feed itself.', 'zh-CN': '层不能连接到自身。' },
  wouldCycle: {
    en: 'This connection would make a loop: data must flow one way.',
    'zh-CN': '这条连线会形成环路：数据只能单向流动。',
  },
  inputFull: {
    en: '{layer} already has all the inputs it takes ({max}). Remove one first, or merge branches with Add / Concatenate.',
    'zh-CN': '{layer} 的输入已满（{max} 个）。请先删除一条，或用 相加/拼接 合并分支。',
  },
  inputHasNoInputs: { en: 'An Input layer takes no incoming connections.', 'zh-CN': '输入层不接受任何输入连线。' },
  duplicateEdge: { en: 'These two layers are already connected.', 'zh-CN': '这两层已经连接过了。' },

  // Fix labels
  'fix.insertBefore': { en: 'Insert {kind} before it', 'zh-CN': '在它前面插入{kind}' },
  'fix.setParam': { en: 'Set {param} to {value}', 'zh-CN': '把{param}设为 {value}' },

  // Param problems (also used by the document parser)
  'param.int': { en: 'expected a whole number {range}, got {got}', 'zh-CN': '应为 {range} 的整数，实际为 {got}' },
  'param.float': { en: 'expected a number {range}, got {got}', 'zh-CN': '应为 {range} 的数，实际为 {got}' },
  'param.enum': { en: 'expected one of {options}, got {got}', 'zh-CN': '应为 {options} 之一，实际为 {got}' },
  'param.bool': { en: 'expected true or false, got {got}', 'zh-CN': '应为 true 或 false，实际为 {got}' },
  'param.ints': {
    en: 'expected {length} whole number(s) {range}, got {got}',
    'zh-CN': '应为 {length} 个 {range} 的整数，实际为 {got}',
  },
  'param.unknown': { en: 'unknown parameter, ignored', 'zh-CN': '未知参数，已忽略' },
}
