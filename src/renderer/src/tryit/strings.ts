import { i18n } from '../i18n'

/**
 * UI strings of the Try-it panel (keys under `tryit.`), added to the app's catalogue when the
 * panel loads (as export/strings.ts does). Terms follow the tutorial: 权重, 生成器, 温度.
 */
const en = {
  tryit: {
    tab: 'Try it',
    intro: 'Put the model to use: give it an input of your own and see what it answers.',
    weights: {
      run: 'Using the weights of the latest run.',
      project: 'Using the weights saved with the project.',
      initial: 'The model is untrained (fresh weights): train it first for useful answers.',
    },
    preparing: 'Preparing the model…',
    busy: 'Training is running. Try the model when it has finished (or stop it).',
    problems: 'The network cannot be built yet: {{message}}',
    failed: 'The model could not run: {{message}}',
    none: {
      noDataset: "Choose a dataset first (Data tab): the input offered here is made for the project's data.",
      unsupportedTask: "Try it has no input for this task yet (use the Train tab's previews).",
      unsupportedData: 'Try it has no input for this kind of data and network yet.',
      notGan: "The GAN's generator and discriminator could not be told apart; check the Train tab.",
    },
    draw: 'Draw a digit with the mouse (white on black, as in the training pictures).',
    clear: 'Clear',
    upload: 'Choose a picture…',
    drop: 'or drop one on the pad',
    webcam: 'Take a photo',
    snap: 'Snap',
    noWebcam: 'No camera is available here (or access was refused).',
    notImage: 'That file is not a picture this browser can read.',
    invert: 'Invert colours (dark strokes on light paper)',
    prompt: 'Start of the text',
    promptHint: 'Type a few letters; the model writes the rest.',
    classify: 'Classify',
    generate: 'Generate',
    seed: 'Seed',
    temperature: 'Temperature',
    temperatureHint: 'Low: safe, repetitive choices. High: surprising ones.',
    spread: 'Spread of z',
    spreadHint: 'Scales the random input z (1 = as in training).',
    probabilities: 'Class probabilities',
    values: 'Output values',
    generated: 'Generated',
    exportDemo: 'Export as web demo…',
    diffusion: {
      help: 'Generate: the denoiser starts from random noise (fixed by the seed) and removes a little at every step.',
      method: 'Sampler',
      ddim: 'DDIM (fast, deterministic)',
      ddpm: 'DDPM (all {{steps}} steps)',
      steps: 'DDIM steps',
      stepsHint: 'Denoising steps, 1 to {{max}}.',
      noise: 'Starting noise',
    },
    series: {
      examples: 'Test windows:',
      window: 'Input window ({{length}} numbers)',
      hint: 'Pick a test window or type your own numbers, separated by commas or spaces.',
      predict: 'Predict',
      count: 'The window needs {{length}} numbers; there are {{count}}.',
      number: 'Only numbers, please (separated by commas or spaces).',
      chart: 'The input window and the predicted value after it',
      predicted: 'Predicted {{horizon}} step(s) after the window: {{value}}',
    },
    autoencoder: {
      examples: 'Test samples:',
      noiseSeed: 'Noise seed (σ = {{sigma}})',
      noiseHint: 'The denoising autoencoder sees the picture plus gaussian noise of σ = {{sigma}}, as in training.',
      input: 'Input',
      noisedInput: 'Input with noise',
      reconstruction: 'Reconstruction',
    },
  },
}

const zhCN: typeof en = {
  tryit: {
    tab: '试一试',
    intro: '使用模型：给它一个你自己的输入，看看它的回答。',
    weights: {
      run: '使用最近一次训练的权重。',
      project: '使用随项目保存的权重。',
      initial: '模型尚未训练（初始权重）：先训练，回答才有意义。',
    },
    preparing: '正在准备模型…',
    busy: '正在训练。训练结束（或停止）后再试用模型。',
    problems: '网络还无法构建：{{message}}',
    failed: '模型无法运行：{{message}}',
    none: {
      noDataset: '请先选择数据集（“数据”标签页）：这里的输入方式是为项目的数据设计的。',
      unsupportedTask: '“试一试”暂不支持这种任务（请看“训练”标签页中的预览）。',
      unsupportedData: '“试一试”暂不支持这种数据和网络。',
      notGan: '无法区分 GAN 的生成器和判别器，请查看“训练”标签页。',
    },
    draw: '用鼠标写一个数字（黑底白字，和训练图片一样）。',
    clear: '清除',
    upload: '选择图片…',
    drop: '或把图片拖到画板上',
    webcam: '拍照',
    snap: '拍摄',
    noWebcam: '这里没有可用的摄像头（或访问被拒绝）。',
    notImage: '这个文件不是浏览器能读取的图片。',
    invert: '反转颜色（浅色纸上的深色笔画）',
    prompt: '文本开头',
    promptHint: '输入几个字母，模型会续写其余部分。',
    classify: '分类',
    generate: '生成',
    seed: '随机种子',
    temperature: '温度',
    temperatureHint: '温度低：稳妥、重复的选择；温度高：出人意料的选择。',
    spread: 'z 的分布范围',
    spreadHint: '缩放随机输入 z（1 = 与训练时相同）。',
    probabilities: '各类别的概率',
    values: '输出值',
    generated: '生成结果',
    exportDemo: '导出为网页演示…',
    diffusion: {
      help: '点击“生成”：去噪网络从随机噪声（由随机种子决定）出发，每一步去掉一点噪声。',
      method: '采样器',
      ddim: 'DDIM（快速、确定性）',
      ddpm: 'DDPM（全部 {{steps}} 步）',
      steps: 'DDIM 步数',
      stepsHint: '去噪步数，1 到 {{max}}。',
      noise: '初始噪声',
    },
    series: {
      examples: '测试窗口：',
      window: '输入窗口（{{length}} 个数）',
      hint: '选择一个测试窗口，或输入你自己的数，用逗号或空格分隔。',
      predict: '预测',
      count: '窗口需要 {{length}} 个数，现在有 {{count}} 个。',
      number: '只能输入数字（用逗号或空格分隔）。',
      chart: '输入窗口和之后的预测值',
      predicted: '窗口之后第 {{horizon}} 步的预测值：{{value}}',
    },
    autoencoder: {
      examples: '测试样本：',
      noiseSeed: '噪声的随机种子（σ = {{sigma}}）',
      noiseHint: '去噪自编码器看到的是图片加上 σ = {{sigma}} 的高斯噪声，和训练时一样。',
      input: '输入',
      noisedInput: '加噪后的输入',
      reconstruction: '重建结果',
    },
  },
}

let added = false

/** Adds the `tryit.*` strings to the app catalogue (idempotent). */
export function addTryItStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addTryItStrings()
