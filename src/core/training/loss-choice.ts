import type { LocalText } from '../i18n/text'
import type { LossId, Task } from './config'

/**
 * Does the chosen loss suit the task? The dataset-fit check (data/fit.ts) compares the loss with
 * the dataset once it is loaded; this check needs only the training settings, so the Train
 * panel and the guided path can warn as soon as the learner picks a loss.
 */
export interface LossChoiceNote {
  code: 'loss.regressionOnClasses' | 'loss.crossEntropyOnNumbers' | 'loss.reconstruction' | 'loss.taskOwnLoss'
  severity: 'warning' | 'info'
  text: LocalText
}

const CROSS_ENTROPY: readonly LossId[] = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
]
/** The autoencoder task's losses (tasks/autoencoder.ts falls back to MSE for any other). */
const RECONSTRUCTION: readonly LossId[] = ['meanSquaredError', 'meanAbsoluteError', 'huber', 'binaryCrossentropy']

const NOTES: Record<LossChoiceNote['code'], LocalText> = {
  'loss.regressionOnClasses': {
    en:
      'A distance loss (MSE, MAE, Huber) on classes: with a softmax output its gradients fade as the ' +
      'probabilities saturate, so learning stalls. Classes are learned with cross-entropy.',
    'zh-CN':
      '在类别上使用距离型损失（MSE、MAE、Huber）：softmax 输出饱和时梯度会变得很小，学习停滞。分类任务请使用交叉熵损失。',
  },
  'loss.crossEntropyOnNumbers': {
    en:
      'Cross-entropy compares probabilities of classes, but this task predicts numbers (regression). ' +
      'Use mean squared error, mean absolute error or Huber.',
    'zh-CN': '交叉熵比较的是类别的概率，但这个任务预测的是数值（回归）。请使用均方误差、平均绝对误差或 Huber 损失。',
  },
  'loss.reconstruction': {
    en:
      'An autoencoder compares its output with its input, value by value: categorical cross-entropy does ' +
      'not apply, and training uses mean squared error instead.',
    'zh-CN': '自编码器逐个数值地比较输出与输入：多分类交叉熵不适用，训练时会改用均方误差。',
  },
  'loss.taskOwnLoss': {
    en: "This task brings its own loss (GAN: the discriminator's binary cross-entropy; diffusion: MSE on the noise): the loss chosen here is not used.",
    'zh-CN': '这个任务自带损失函数（GAN：判别器的二元交叉熵；扩散模型：噪声上的均方误差），这里选择的损失不会被使用。',
  },
}

const note = (code: LossChoiceNote['code'], severity: LossChoiceNote['severity']): LossChoiceNote => ({
  code,
  severity,
  text: NOTES[code],
})

/** The notes for a task and loss; empty when they suit each other. */
export function checkLossChoice(task: Task, loss: LossId): LossChoiceNote[] {
  const crossEntropy = CROSS_ENTROPY.includes(loss)
  switch (task) {
    case 'classification':
    case 'languageModel':
      return crossEntropy ? [] : [note('loss.regressionOnClasses', 'warning')]
    case 'regression':
      return crossEntropy ? [note('loss.crossEntropyOnNumbers', 'warning')] : []
    case 'autoencoder':
      return RECONSTRUCTION.includes(loss) ? [] : [note('loss.reconstruction', 'warning')]
    case 'gan':
    case 'diffusion':
      return [note('loss.taskOwnLoss', 'info')]
  }
}
