import type { LocalText } from '../i18n/text'

/**
 * Messages of the data layer, in both languages. Errors say what is wrong and how to fix it;
 * row numbers count like a spreadsheet (the header is row 1).
 */
export const DATA_ERROR_MESSAGES: Record<string, LocalText> = {
  unknownDataset: {
    en: 'Unknown dataset "{id}". This project may come from a newer version of LayerCanvas.',
    'zh-CN': '未知的数据集“{id}”。该项目可能来自更新版本的 LayerCanvas。',
  },
  noDataset: {
    en: 'No dataset is chosen for this project: choose a dataset first (in the Data panel, or training.dataset.id in the project file).',
    'zh-CN': '这个项目还没有选择数据集：请先选择一个数据集（在“数据”面板中，或项目文件的 training.dataset.id）。',
  },
  option: { en: 'Dataset option "{option}": {problem}', 'zh-CN': '数据集选项“{option}”：{problem}' },
  noFile: {
    en: 'No file chosen yet. Import a file in the Data panel first.',
    'zh-CN': '还没有选择文件。请先在“数据”面板中导入一个文件。',
  },
  noImport: {
    en: 'This version of LayerCanvas cannot open your own files here. Use a built-in dataset, or the desktop app.',
    'zh-CN': '当前版本的 LayerCanvas 无法在这里打开你自己的文件。请使用内置数据集，或使用桌面版。',
  },
  sourceFailed: {
    en: 'Could not load the data: {reason}',
    'zh-CN': '无法加载数据：{reason}',
  },
  namesEmpty: { en: 'The list of names is empty.', 'zh-CN': '名字列表是空的。' },
  textEmpty: {
    en: 'The text file is empty. Choose a file with some text in it.',
    'zh-CN': '文本文件是空的。请选择一个有内容的文件。',
  },
  textTooShort: {
    en: 'The text has only {got} characters: too few to learn from. Use a longer text.',
    'zh-CN': '这段文本只有 {got} 个字符，太少了，无法学习。请使用更长的文本。',
  },

  // CSV
  csvEmpty: { en: 'The file is empty.', 'zh-CN': '文件是空的。' },
  csvNoRows: {
    en: 'The file has a header row but no data rows.',
    'zh-CN': '文件只有表头（第一行），没有数据行。',
  },
  csvQuotes: {
    en: 'row {row}: a quoted value is not closed properly. Check the quotation marks (") in that row.',
    'zh-CN': '第 {row} 行：某个带引号的值没有正确结束。请检查这一行的双引号（"）。',
  },
  csvDuplicateColumn: {
    en: 'The column name "{column}" appears twice in the header. Give every column its own name.',
    'zh-CN': '表头中列名“{column}”出现了两次。请给每一列起不同的名字。',
  },
  csvRagged: {
    en: 'row {row} has {got} values but the header has {expected} columns. Check for a missing or extra separator (comma) in that row.',
    'zh-CN': '第 {row} 行有 {got} 个值，但表头有 {expected} 列。请检查这一行是否少了或多了分隔符（逗号）。',
  },
  csvMissing: {
    en: 'row {row}, column "{column}": the value is missing. Fill it in or delete the row.',
    'zh-CN': '第 {row} 行，“{column}”列：缺少数值。请补上，或删除这一行。',
  },
  csvNotNumber: {
    en: 'row {row}, column "{column}": expected a number, got "{got}".',
    'zh-CN': '第 {row} 行，“{column}”列：应为数字，实际为“{got}”。',
  },
  csvRegressionText: {
    en: 'row {row}, column "{column}": expected a number, got "{got}". A regression target must be numbers; choose classification to predict categories.',
    'zh-CN': '第 {row} 行，“{column}”列：应为数字，实际为“{got}”。回归的目标必须是数字；如果要预测类别，请选择“分类”。',
  },
  csvNoTarget: {
    en: 'Choose the target column (the one to predict). The columns are: {columns}.',
    'zh-CN': '请选择目标列（要预测的那一列）。现有的列：{columns}。',
  },
  csvUnknownTarget: {
    en: 'There is no column "{target}" in the file. The columns are: {columns}.',
    'zh-CN': '文件中没有名为“{target}”的列。现有的列：{columns}。',
  },
  csvUnknownColumn: {
    en: '"{column}" (in {option}) is not a column of the file. The columns are: {columns}.',
    'zh-CN': '“{column}”（见 {option}）不是文件中的列。现有的列：{columns}。',
  },
  csvNoFeatures: {
    en: 'Apart from the target "{target}" there is no column left to learn from.',
    'zh-CN': '除了目标列“{target}”之外，没有可以用来学习的列了。',
  },
  csvTooManyCategories: {
    en: 'Column "{column}" has {count} different text values (at most {max} can be one-hot encoded). Ignore the column, or group its values.',
    'zh-CN':
      '“{column}”列有 {count} 种不同的文字值（最多只能对 {max} 种做独热编码）。请忽略这一列，或把它的值归并成较少的几类。',
  },
  csvTooManyClasses: {
    en: 'The target "{column}" has more than {max} different values: too many classes. If it is a measurement, choose regression.',
    'zh-CN': '目标列“{column}”有超过 {max} 种不同的值，类别太多了。如果它是一个测量值，请选择“回归”。',
  },
  csvOneClass: {
    en: 'The target "{column}" always has the value "{value}"; a classifier needs at least two classes.',
    'zh-CN': '目标列“{column}”的值全都是“{value}”；分类至少需要两个类别。',
  },

  // Image folders
  imagesNoClasses: {
    en: 'No class folders found. Put the pictures in one sub-folder per class (e.g. cats/, dogs/).',
    'zh-CN': '没有找到类别文件夹。请按类别把图片放进不同的子文件夹（例如 cats/、dogs/）。',
  },
  imagesOneClass: {
    en: 'Only one class folder ("{name}") found; a classifier needs at least two.',
    'zh-CN': '只找到一个类别文件夹（“{name}”）；分类至少需要两个类别。',
  },
  imagesDuplicateClass: {
    en: 'The class "{name}" appears twice.',
    'zh-CN': '类别“{name}”出现了两次。',
  },
  imagesEmptyClass: {
    en: 'The class folder "{name}" has no pictures. Add some, or remove the folder.',
    'zh-CN': '类别文件夹“{name}”里没有图片。请放入图片，或删除这个文件夹。',
  },
  imagesBadImage: {
    en: 'Picture {index} in "{name}" could not be read ({width}×{height} with {got} bytes of pixels).',
    'zh-CN': '“{name}”中的第 {index} 张图片无法读取（{width}×{height}，像素数据 {got} 字节）。',
  },
}

/**
 * Diagnostics of checkDatasetFit: does the network fit the chosen dataset? `{layer}` is the
 * node's name, filled by formatDiagnostic; shapes arrive formatted (`28×28×1`).
 */
export const DATA_DIAGNOSTIC_MESSAGES: Record<string, LocalText> = {
  'data.inputMode': {
    en: "{layer} takes {got} samples, but the dataset's samples are {expected}. Change its data type to match.",
    'zh-CN': '{layer} 接收的样本形状是 {got}，但数据集的样本是 {expected}。请修改它的数据类型，使两者一致。',
  },
  'data.inputSize': {
    en: '{layer}: {param} is {got}, but the dataset needs {value} (its samples are {expected}).',
    'zh-CN': '{layer}：{param} 现在是 {got}，但数据集需要 {value}（样本形状为 {expected}）。',
  },
  'data.inputTokens': {
    en: '{layer} must be in "token ids" mode: this dataset gives whole-number character ids ({expected} per sample).',
    'zh-CN': '{layer} 需要使用“词元 id”模式：这个数据集提供的是整数形式的字符编号（每个样本 {expected} 个）。',
  },
  'data.inputNotTokens': {
    en: '{layer} is in "token ids" mode, but this dataset has measured values ({expected}), not ids. Change its data type.',
    'zh-CN': '{layer} 使用了“词元 id”模式，但这个数据集是测量数值（{expected}），不是编号。请修改它的数据类型。',
  },
  'data.multipleInputs': {
    en: 'The network has {count} Input layers, but the dataset gives one input per sample. Keep one Input.',
    'zh-CN': '网络有 {count} 个输入层，但数据集每个样本只提供一个输入。请只保留一个输入层。',
  },
  'data.multipleOutputs': {
    en: 'The network has {count} outputs (layers nothing follows), but training needs one. Remove or connect the extra branches.',
    'zh-CN': '网络有 {count} 个输出（后面没有连接任何层的层），但训练只需要一个。请删除或连接多余的分支。',
  },
  'data.outputUnits': {
    en: '{layer} gives {got} values per sample, but the dataset has {expected} classes: it needs one output per class.',
    'zh-CN': '{layer} 每个样本输出 {got} 个值，但数据集有 {expected} 个类别：每个类别需要一个输出。',
  },
  'data.outputTarget': {
    en: '{layer} gives {got} values per sample, but the target has {expected}.',
    'zh-CN': '{layer} 每个样本输出 {got} 个值，但目标有 {expected} 个值。',
  },
  'data.outputShape': {
    en: '{layer} outputs {got} per sample, but the labels need {expected}. End the network with a Flatten (if needed) and a Dense layer.',
    'zh-CN': '{layer} 每个样本输出 {got}，但标签需要 {expected}。请在网络末尾加上展平层（如有需要）和一个全连接层。',
  },
  'data.binaryUnits': {
    en: 'With binary cross-entropy and two classes, {layer} should give 1 value (the probability of the second class), not {got}.',
    'zh-CN': '使用二元交叉熵、只有两个类别时，{layer} 应只输出 1 个值（第二类的概率），而不是 {got} 个。',
  },
  'data.binaryLoss': {
    en: 'Binary cross-entropy is for two classes, but the dataset has {classes}. In Training, choose categorical cross-entropy.',
    'zh-CN': '二元交叉熵只适用于两个类别，但数据集有 {classes} 个类别。请在“训练”设置中改用分类交叉熵。',
  },
  'data.lossForRegression': {
    en: 'The loss {loss} needs class labels, but this dataset predicts numbers. In Training, choose mean squared error.',
    'zh-CN': '损失函数 {loss} 需要类别标签，但这个数据集预测的是数值。请在“训练”设置中改用均方误差。',
  },
  'data.lossForClassification': {
    en: 'The loss {loss} is meant for predicting numbers; this dataset has classes. Categorical cross-entropy usually trains much better.',
    'zh-CN': '损失函数 {loss} 用于预测数值，而这个数据集是分类任务。改用分类交叉熵通常效果好得多。',
  },
  'data.softmax': {
    en: '{layer} should use softmax so its outputs are class probabilities, as cross-entropy expects (now: {got}).',
    'zh-CN': '{layer} 应使用 Softmax，让输出成为各类别的概率，这正是交叉熵所需要的（现在是：{got}）。',
  },
  'data.sigmoid': {
    en: '{layer} should use sigmoid so its output is a probability between 0 and 1, as binary cross-entropy expects (now: {got}).',
    'zh-CN': '{layer} 应使用 Sigmoid，让输出成为 0 到 1 之间的概率，这正是二元交叉熵所需要的（现在是：{got}）。',
  },
  'data.regressionActivation': {
    en: '{layer} uses {got}, which limits its outputs to {range}, but the targets go from {min} to {max}. Use linear for predicting numbers.',
    'zh-CN':
      '{layer} 使用了 {got}，输出只能在 {range} 之间，但目标值的范围是 {min} 到 {max}。预测数值时请使用线性激活。',
  },
  'data.taskIsClassification': {
    en: 'This dataset is a classification task (predict a class), but the training settings say regression; training follows the dataset.',
    'zh-CN': '这个数据集是分类任务（预测类别），但训练设置中写的是回归；训练将以数据集为准。',
  },
  'data.taskIsRegression': {
    en: 'This dataset is a regression task (predict numbers), but the training settings say classification; training follows the dataset.',
    'zh-CN': '这个数据集是回归任务（预测数值），但训练设置中写的是分类；训练将以数据集为准。',
  },
}
