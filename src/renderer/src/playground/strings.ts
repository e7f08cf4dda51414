import { i18n } from '../i18n'

/**
 * UI strings of the 2-D views (keys under `plane.`): the decision boundary (TensorFlow
 * Playground) and the GAN view (GAN Lab). The "what am I looking at" sentences use the
 * tutorial's words: 决策边界, 权重, 生成器, 判别器, 梯度, 模式崩溃.
 */
const en = {
  plane: {
    boundaryToggle: 'Decision boundary',
    boundaryHint: 'Show what the network predicts everywhere on the plane, and each hidden neuron',
    ganToggle: 'GAN Lab',
    ganHint: 'Show the real and fake points, the discriminator’s opinion and the generator’s gradients',
    boundaryIntro:
      'The colour behind the points is the class the network predicts at each place of the plane; where two colours meet is its decision boundary. Each small square is one hidden neuron’s output over the same plane, and the lines are the weights between neurons: blue positive, orange negative, thicker = larger.',
    ganIntro:
      'Green points are real data, purple points are the generator’s fakes G(z). The background is the discriminator’s opinion D(x): green where it says “real”, purple where it says “fake”. Each arrow is the generator’s gradient — where its next update pushes that fake point.',
    curveToggle: 'Fitted curve',
    curveHint: 'Show the curve the network fits through the data, and each hidden neuron’s curve',
    curveIntro:
      'Each dot is one (x, y) example; the dark line is what the network predicts for every x — the fitted curve. Each small plot is one hidden neuron’s output over the same x: the output layer multiplies them by its weights and adds them up, and training bends them until the sum follows the data.',
    curveLabel: 'The fitted curve over the data',
    showTrain: 'Training points',
    showTest: 'Test points',
    step: 'Step',
    stepHint: 'Train one batch, then look at how the picture moved',
    play: 'Train',
    pause: 'Pause',
    resume: 'Resume',
    input: 'Input',
    layer: 'Layer {{name}}',
    output: 'Output',
    neuron: '{{name}} neuron {{n}}',
    more: '+{{count}} more',
    learnerLabel: 'Train',
    learner: { both: 'both', discriminator: 'D only', generator: 'G only' },
    learnerHint: {
      both: 'Each step trains the discriminator, then the generator (the normal game)',
      discriminator: 'Each step trains only the discriminator: its colours sharpen, the fakes stay put',
      generator: 'Each step trains only the generator: the fakes follow the arrows, the colours stay put',
    },
    coverage: 'Modes covered: {{covered}} of {{modes}}',
    collapse: 'Mode collapse: the generator’s points bunch on {{covered}} of the {{modes}} real clouds.',
    stray: '{{count}} fake points are far from every real cloud.',
    legendReal: 'real',
    legendFake: 'fake',
    legendD: 'D(x): fake → real',
    batches: 'after {{count}} batches',
    noModel: 'No trained model yet: press Train or Step, and the picture appears.',
    unsupported: 'This view cannot show this network: {{message}}',
    failed: 'The view could not be read: {{message}}',
    close: 'Close',
  },
}

const zhCN: typeof en = {
  plane: {
    boundaryToggle: '决策边界',
    boundaryHint: '显示网络在平面上每一处的预测，以及每个隐藏神经元',
    ganToggle: 'GAN Lab',
    ganHint: '显示真实点与假点、判别器的判断和生成器的梯度',
    boundaryIntro:
      '点背后的颜色是网络在平面上每一处预测的类别；两种颜色交界的地方就是决策边界。每个小方块是一个隐藏神经元在同一平面上的输出，连线是神经元之间的权重：蓝色为正，橙色为负，越粗绝对值越大。',
    ganIntro:
      '绿色的点是真实数据，紫色的点是生成器造出的假点 G(z)。背景是判别器的判断 D(x)：绿色表示它认为“真”，紫色表示“假”。每个箭头是生成器的梯度——下一次更新会把这个假点推向哪里。',
    curveToggle: '拟合曲线',
    curveHint: '显示网络穿过数据拟合出的曲线，以及每个隐藏神经元的曲线',
    curveIntro:
      '每个点是一个 (x, y) 样本；深色的线是网络对每个 x 的预测——拟合曲线。每个小图是一个隐藏神经元在同样的 x 上的输出：输出层用它的权重把它们加权求和，训练不断调整它们，直到这个和贴合数据。',
    curveLabel: '数据上的拟合曲线',
    showTrain: '训练集的点',
    showTest: '测试集的点',
    step: '单步',
    stepHint: '训练一个批次，然后看画面怎样变化',
    play: '训练',
    pause: '暂停',
    resume: '继续',
    input: '输入',
    layer: '层 {{name}}',
    output: '输出',
    neuron: '{{name}} 的第 {{n}} 个神经元',
    more: '另有 {{count}} 个',
    learnerLabel: '训练',
    learner: { both: '两者', discriminator: '只训练 D', generator: '只训练 G' },
    learnerHint: {
      both: '每一步先训练判别器，再训练生成器（正常的对抗）',
      discriminator: '每一步只训练判别器：背景颜色变得更分明，假点不动',
      generator: '每一步只训练生成器：假点顺着箭头移动，背景颜色不变',
    },
    coverage: '覆盖的模式：{{covered}} / {{modes}}',
    collapse: '模式崩溃：生成器的点只挤在 {{modes}} 团真实点中的 {{covered}} 团上。',
    stray: '有 {{count}} 个假点离所有真实点团都很远。',
    legendReal: '真',
    legendFake: '假',
    legendD: 'D(x)：假 → 真',
    batches: '已训练 {{count}} 个批次',
    noModel: '还没有训练好的模型：点击“训练”或“单步”，画面就会出现。',
    unsupported: '这个视图无法显示该网络：{{message}}',
    failed: '无法读取视图：{{message}}',
    close: '关闭',
  },
}

let added = false

/** Adds the `plane.*` strings to the app catalogue (idempotent). */
export function addPlaneStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addPlaneStrings()
