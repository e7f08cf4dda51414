import { i18n } from '../i18n'

/**
 * UI strings of "how one unit computes" (keys under `unitView.`) and of the weights-and-gradients
 * view (`gradientsView.`), added to the app catalogue when the views load (as strings.ts does).
 * The "what am I looking at" sentences use the tutorial's words: 权重, 偏置, 激活函数, 特征图,
 * 卷积核, 梯度, 梯度消失, 梯度爆炸, 交叉熵, 均方误差.
 */
const en = {
  unitView: {
    open: 'How a unit computes',
    openOutput: 'Softmax and loss',
    title: 'How one unit computes',
    intro: {
      dense:
        'One unit of a dense layer multiplies every input xᵢ by its weight wᵢ, adds them up with its bias b, and passes the sum through the activation function: y = f(Σ wᵢxᵢ + b). These are the real numbers for this sample.',
      conv1d:
        'One 1-D filter slides its kernel along time. At each time step it multiplies the window of consecutive steps by the kernel’s weights, sums over every input channel, adds the bias and applies the activation: that is one step of its output sequence (its feature map). Click the output or step to move the window.',
      conv: 'One filter slides its kernel over the input. At each position it multiplies the window by the kernel’s weights, sums over every input channel, adds the bias and applies the activation: that is one pixel of its feature map. Click the output map or step to move the window.',
      softmax:
        'The last layer’s raw scores (logits) become probabilities: exp of each logit, divided by the sum of all of them, so they are positive and add up to 1.',
      loss: 'The loss says how wrong this one prediction is. Cross-entropy is −log of the probability given to the right class; mean squared error averages the squared differences from the one-hot label.',
    },
    unsupported: {
      layerKind:
        'This layer has no weights of its own to explain (only dense units and 1-D and 2-D convolution filters are shown).',
      inputRank:
        'This dense layer gets a sequence, not a vector: one unit is applied at every step, which is not shown here.',
      channelsFirst: 'Channels-first convolutions are not shown.',
    },
    unit: 'Unit {{n}} of {{total}}',
    filter: 'Filter {{n}} of {{total}}',
    previousUnit: 'Previous unit',
    nextUnit: 'Next unit',
    position: 'Position row {{row}}, column {{col}} of {{rows}} × {{cols}}',
    timeStep: 'Time step {{step}} of {{steps}}',
    previousPosition: 'Step back',
    nextPosition: 'Step forward',
    index: 'i',
    input: 'input xᵢ',
    weight: 'weight wᵢ',
    product: 'wᵢxᵢ',
    rest: 'the other {{count}} inputs',
    sum: 'Σ wᵢxᵢ',
    bias: 'bias b',
    pre: 'pre-activation z = Σ wᵢxᵢ + b',
    activation: 'activation f = {{name}}',
    output: 'output y = f(z) (read from the network)',
    inputChannels: 'Input (feature maps of the layer before), window highlighted',
    channel: 'channel {{n}}',
    kernel: 'kernel',
    products: 'window × kernel',
    channelSum: 'Σ channel {{n}}',
    moreChannels: 'Showing {{shown}} of {{total}} input channels; the sums include every channel.',
    outputMap: 'Output feature map (click a position)',
    logit: 'logit z',
    exp: 'exp(z)',
    probability: 'probability (network output)',
    expSum: 'Σ exp(z) = {{sum}}',
    logitsFrom: {
      preActivation: 'The layer applies softmax itself, so its logits were computed from its input and weights.',
      input: 'The logits are this softmax layer’s input.',
    },
    check: 'softmax(logits) matches the network’s output within {{value}}',
    lossTitle: 'Loss for this sample',
    label: 'label',
    target: 'target',
    crossEntropy: 'cross-entropy −log p(label)',
    meanSquaredError: 'mean squared error',
    notProbabilities: 'n/a (the output is not a probability)',
    sample: 'Test sample {{index}} of {{count}}',
    reading: 'Reading…',
    noModel: 'No trained model yet: press Train (or Evaluate), and the numbers appear.',
    failed: 'The numbers could not be read: {{message}}',
    close: 'Close',
  },
  gradientsView: {
    toggle: 'Weights & gradients',
    toggleHint: 'Watch every layer’s weights and gradients while the network trains',
    title: 'Weights and gradients',
    intro:
      'While training, every few batches the gradient of the loss is measured for each layer with weights. The gradient norm says how strongly the last batch pushed the layer; the update ratio ‖Δw‖/‖w‖ how much one step changed its weights; the histogram over time shows the weights spreading out as they learn.',
    waiting: 'Train the network: the layers appear after the first measured batch.',
    unsupported: 'Not shown for this network: {{message}}',
    failed: 'The gradients could not be measured: {{message}}',
    steps: '{{count}} measured batches (one every {{ms}} ms at most)',
    layer: 'layer',
    gradNorm: 'gradient norm (log scale)',
    updateRatio: 'update ratio ‖Δw‖/‖w‖',
    dead: 'dead ReLUs',
    histogram: 'weights over time (x: batch, y: value)',
    timeTitle: 'How much each step of the input sequence moves the loss (‖∂loss/∂xₜ‖, last batch)',
    timeAxis: 'time step →',
    timeRatio:
      'The first {{steps}} steps get {{ratio}} × the gradient of the last {{steps}} (1 = every step counts alike; below 0.01 the early steps’ gradient has vanished).',
    verdict: {
      tooFewSteps: 'Not enough measured batches yet to judge the gradients.',
      healthy:
        'The gradients look healthy: no layer’s gradient vanished or exploded over the last {{persist}} measurements.',
      vanishingLayers:
        'Vanishing gradient: the first layer’s gradient is {{value}} of the last layer’s (below {{threshold}} for {{persist}} measurements). The early layers barely learn — try ReLU instead of sigmoid/tanh, fewer layers, or normalisation.',
      vanishingTime:
        'Vanishing gradient through time: the first step of the sequence moves the loss {{value}}× as much as the last (below {{threshold}} for {{persist}} measurements). The network forgets the beginning — this is why LSTM and GRU were invented.',
      exploding:
        'Exploding gradient in {{layer}}: its gradient norm is {{value}} (above {{threshold}} for {{persist}} measurements). Lower the learning rate or clip the gradients.',
      largeUpdates:
        'Large steps in {{layer}}: one update changes its weights by {{value}} of their size (above {{threshold}}; about 0.001 is healthy). Lower the learning rate.',
      deadRelu:
        'Dead ReLUs in {{layer}}: {{value}} of its units output 0 for the whole batch (above {{threshold}}), so they get no gradient and stop learning. A smaller learning rate or another activation helps.',
    },
    thresholds:
      'Rules: vanishing when a ratio stays below {{vanishing}}; exploding when a gradient norm stays above {{exploding}}; a step is too large above {{update}} of the weights; each for {{persist}} measurements in a row.',
    close: 'Close',
    generative: {
      gan: 'A GAN trains two networks with two losses. The discriminator’s gradients come from its own loss (telling real samples from generated ones); the generator’s come from its loss of fooling the discriminator, passed back through the discriminator. When the discriminator wins too easily, the generator’s gradients shrink and it stops learning.',
      diffusion:
        'The denoiser learns to predict the noise ε that was added to a sample at a random timestep t: its gradients are those of that noise-prediction loss (the mean squared error between ε and its guess).',
    },
    network: {
      generator: 'generator (G)',
      discriminator: 'discriminator (D)',
      denoiser: 'denoiser',
    },
    networkLoss: '{{network}} loss: {{value}}',
    vanishingLayersIn:
      'Vanishing gradient in the {{network}}: its first layer’s gradient is {{value}} of its last layer’s (below {{threshold}} for {{persist}} measurements). Its early layers barely learn — try ReLU or LeakyReLU instead of sigmoid/tanh, fewer layers, or normalisation.',
  },
}

const zhCN: typeof en = {
  unitView: {
    open: '一个单元如何计算',
    openOutput: 'Softmax 与损失',
    title: '一个单元如何计算',
    intro: {
      dense:
        '全连接层的一个单元把每个输入 xᵢ 乘以它的权重 wᵢ，加起来再加上偏置 b，然后经过激活函数：y = f(Σ wᵢxᵢ + b)。这里是这个样本的真实数值。',
      conv1d:
        '一个一维卷积核沿着时间滑动。在每个时间步，它把窗口里相邻几个时间步的数值与卷积核的权重相乘，对所有输入通道求和，加上偏置，再经过激活函数：得到输出序列（它的特征图）上的一个时间步。点击输出或逐步移动窗口。',
      conv: '一个卷积核在输入上滑动。在每个位置，它把窗口里的数值与卷积核的权重相乘，对所有输入通道求和，加上偏置，再经过激活函数：得到它的特征图上的一个像素。点击输出特征图或逐步移动窗口。',
      softmax:
        '最后一层的原始得分（logits）变成概率：对每个 logit 取 exp，再除以所有 exp 的和，于是它们都为正、且和为 1。',
      loss: '损失表示这一个预测错得有多远。交叉熵是正确类别概率的 −log；均方误差是与 one-hot 标签之差的平方的平均。',
    },
    unsupported: {
      layerKind: '这一层没有自己的权重可解释（只显示全连接层的单元，以及一维、二维卷积层的卷积核）。',
      inputRank: '这个全连接层的输入是序列而不是向量：同一个单元作用在每个时间步上，这里不显示。',
      channelsFirst: '不显示通道在前（channels-first）的卷积。',
    },
    unit: '单元 {{n}} / {{total}}',
    filter: '卷积核 {{n}} / {{total}}',
    previousUnit: '上一个单元',
    nextUnit: '下一个单元',
    position: '位置：第 {{row}} 行，第 {{col}} 列（共 {{rows}} × {{cols}}）',
    timeStep: '时间步 {{step}} / {{steps}}',
    previousPosition: '后退一步',
    nextPosition: '前进一步',
    index: 'i',
    input: '输入 xᵢ',
    weight: '权重 wᵢ',
    product: 'wᵢxᵢ',
    rest: '其余 {{count}} 个输入',
    sum: 'Σ wᵢxᵢ',
    bias: '偏置 b',
    pre: '激活前 z = Σ wᵢxᵢ + b',
    activation: '激活函数 f = {{name}}',
    output: '输出 y = f(z)（从网络读出）',
    inputChannels: '输入（上一层的特征图），窗口已高亮',
    channel: '通道 {{n}}',
    kernel: '卷积核',
    products: '窗口 × 卷积核',
    channelSum: '通道 {{n}} 之和',
    moreChannels: '显示 {{total}} 个输入通道中的 {{shown}} 个；求和包含所有通道。',
    outputMap: '输出特征图（点击一个位置）',
    logit: 'logit z',
    exp: 'exp(z)',
    probability: '概率（网络输出）',
    expSum: 'Σ exp(z) = {{sum}}',
    logitsFrom: {
      preActivation: '这一层自带 softmax，所以它的 logits 由它的输入和权重算出。',
      input: 'logits 就是这个 softmax 层的输入。',
    },
    check: 'softmax(logits) 与网络输出相差不超过 {{value}}',
    lossTitle: '这个样本的损失',
    label: '标签',
    target: '目标值',
    crossEntropy: '交叉熵 −log p(标签)',
    meanSquaredError: '均方误差',
    notProbabilities: '不适用（输出不是概率）',
    sample: '测试样本 {{index}} / {{count}}',
    reading: '读取中…',
    noModel: '还没有训练好的模型：点击“训练”（或“评估”），数值就会出现。',
    failed: '无法读取数值：{{message}}',
    close: '关闭',
  },
  gradientsView: {
    toggle: '权重与梯度',
    toggleHint: '在网络训练时观察每一层的权重和梯度',
    title: '权重与梯度',
    intro:
      '训练时，每隔几个批次测量一次每个有权重的层的损失梯度。梯度范数表示上一个批次推动这一层的力度；更新比 ‖Δw‖/‖w‖ 表示一步改变了多少权重；随时间变化的直方图显示权重在学习中逐渐散开。',
    waiting: '开始训练：测量完第一个批次后，各层就会出现。',
    unsupported: '这个网络不显示：{{message}}',
    failed: '无法测量梯度：{{message}}',
    steps: '已测量 {{count}} 个批次（最多每 {{ms}} 毫秒一次）',
    layer: '层',
    gradNorm: '梯度范数（对数刻度）',
    updateRatio: '更新比 ‖Δw‖/‖w‖',
    dead: '死亡的 ReLU',
    histogram: '权重随时间变化（横轴：批次，纵轴：数值）',
    timeTitle: '输入序列每一步对损失的影响（‖∂loss/∂xₜ‖，最近一个批次）',
    timeAxis: '时间步 →',
    timeRatio:
      '前 {{steps}} 步的梯度是最后 {{steps}} 步的 {{ratio}} 倍（1 表示每一步同样重要；低于 0.01 表示早先时间步的梯度已经消失）。',
    verdict: {
      tooFewSteps: '测量的批次还不够，暂时无法判断梯度。',
      healthy: '梯度看起来正常：最近 {{persist}} 次测量中，没有层出现梯度消失或梯度爆炸。',
      vanishingLayers:
        '梯度消失：第一层的梯度只有最后一层的 {{value}}（连续 {{persist}} 次低于 {{threshold}}）。前面的层几乎学不到东西——试试用 ReLU 代替 sigmoid/tanh、减少层数或加入归一化。',
      vanishingTime:
        '随时间的梯度消失：序列第一步对损失的影响只有最后一步的 {{value}} 倍（连续 {{persist}} 次低于 {{threshold}}）。网络忘记了开头——这正是发明 LSTM 和 GRU 的原因。',
      exploding:
        '{{layer}} 梯度爆炸：它的梯度范数是 {{value}}（连续 {{persist}} 次高于 {{threshold}}）。请降低学习率或裁剪梯度。',
      largeUpdates:
        '{{layer}} 的步子太大：一次更新改变了其权重大小的 {{value}}（高于 {{threshold}}；约 0.001 为正常）。请降低学习率。',
      deadRelu:
        '{{layer}} 中有死亡的 ReLU：{{value}} 的单元对整个批次都输出 0（高于 {{threshold}}），它们得不到梯度，不再学习。减小学习率或换一种激活函数会有帮助。',
    },
    thresholds:
      '规则：比值持续低于 {{vanishing}} 为梯度消失；梯度范数持续高于 {{exploding}} 为梯度爆炸；一步改变超过权重的 {{update}} 为步子太大；均需连续 {{persist}} 次测量成立。',
    close: '关闭',
    generative: {
      gan: 'GAN 用两个损失训练两个网络。判别器的梯度来自它自己的损失（区分真实样本和生成的样本）；生成器的梯度来自“骗过判别器”的损失，经过判别器反向传播回来。判别器赢得太轻松时，生成器的梯度变小，它就学不动了。',
      diffusion:
        '去噪网络学习预测在随机时间步 t 加到样本上的噪声 ε：它的梯度就是这个噪声预测损失（ε 与预测值之间的均方误差）的梯度。',
    },
    network: {
      generator: '生成器 (G)',
      discriminator: '判别器 (D)',
      denoiser: '去噪网络',
    },
    networkLoss: '{{network}}的损失：{{value}}',
    vanishingLayersIn:
      '{{network}}中梯度消失：它第一层的梯度只有最后一层的 {{value}}（连续 {{persist}} 次低于 {{threshold}}）。前面的层几乎学不到东西——试试用 ReLU 或 LeakyReLU 代替 sigmoid/tanh、减少层数或加入归一化。',
  },
}

let added = false

/** Adds the `unitView.*` and `gradientsView.*` strings to the app catalogue (idempotent). */
export function addExplainStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addExplainStrings()
