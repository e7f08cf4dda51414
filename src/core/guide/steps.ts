import type { ProjectDocument } from '../document/types'
import type { LocalText } from '../i18n/text'
import type { Diagnostic } from '../shapes/diagnostic'
import { NO_DATASET } from '../training/config'
import { checkLossChoice, type LossChoiceNote } from '../training/loss-choice'

/**
 * The tutorial's seven-step workflow (准备数据集 → 划分数据 → 设计模型结构 → 定义损失函数和优化器 →
 * 训练模型 → 评估模型表现 → 部署模型) and when each step counts as done. Pure: the app hands in
 * what it knows (the document, its analysis, what the learner has looked at or run) and shows
 * the result; the unit tests hand in the same facts.
 */
export const GUIDE_STEPS = ['data', 'split', 'design', 'lossOptimizer', 'train', 'evaluate', 'deploy'] as const
export type GuideStepId = (typeof GUIDE_STEPS)[number]

export const isGuideStep = (value: unknown): value is GuideStepId => (GUIDE_STEPS as readonly unknown[]).includes(value)

/** What the app knows beyond the document. */
export interface GuideFacts {
  doc: ProjectDocument
  /** The analysis' diagnostics (shapes, and the dataset fit once the dataset is known). */
  diagnostics: readonly Pick<Diagnostic, 'severity'>[]
  /** The Data panel has shown the preview of the dataset chosen now. */
  datasetPreviewed: boolean
  /** The learner has opened the loss-and-optimizer settings (the defaults count once looked at). */
  lossReviewed: boolean
  /** The latest run: how it ended and how many epochs it completed. */
  run: { status: 'idle' | 'starting' | 'running' | 'paused' | 'stopped' | 'done' | 'error'; epochs: number }
  /** The trained model was evaluated on the test set (or, for a generative task, showed its samples). */
  evaluated: boolean
  /** The model was exported since the project was opened. */
  exported: boolean
}

export interface StepState {
  done: boolean
  /** Why it is not done yet (or what to mind), for the learner; null when there is nothing to say. */
  hint: LocalText | null
  /** Warnings that do not keep the step from being done (a loss that does not suit the task). */
  notes: LossChoiceNote[]
}

const HINTS = {
  noDataset: { en: 'Choose a dataset in the Data panel.', 'zh-CN': '请在“数据”面板中选择一个数据集。' },
  notPreviewed: {
    en: 'Open the Data panel and look at the preview of the samples.',
    'zh-CN': '打开“数据”面板，查看样本预览。',
  },
  splitSum: {
    en: 'Training + validation + test must add up to 100 %, with some data for training.',
    'zh-CN': '训练集 + 验证集 + 测试集必须合计 100%，且训练集不能为空。',
  },
  noTest: {
    en: 'Keep some data for the test set: the evaluation step needs it.',
    'zh-CN': '请为测试集留出一部分数据：评估步骤需要用到它。',
  },
  emptyGraph: { en: 'The canvas has no layers yet.', 'zh-CN': '画布上还没有任何层。' },
  graphErrors: {
    en: 'Some layers have errors: open the Problems list and fix them.',
    'zh-CN': '有些层存在错误：请打开“问题”列表并修复它们。',
  },
  lossNotReviewed: {
    en: 'Open the training settings and choose the loss and the optimizer.',
    'zh-CN': '打开训练设置，选择损失函数和优化器。',
  },
  lossMismatch: {
    en: 'The loss does not suit the task: see the note below.',
    'zh-CN': '损失函数与任务不匹配：请看下面的提示。',
  },
  notTrained: { en: 'Train the model until the run finishes.', 'zh-CN': '训练模型，直到训练完成。' },
  notEvaluated: { en: 'Evaluate the trained model on the test set.', 'zh-CN': '在测试集上评估训练好的模型。' },
  notExported: {
    en: 'Export the model (TensorFlow.js, ONNX, Keras or PyTorch).',
    'zh-CN': '导出模型（TensorFlow.js、ONNX、Keras 或 PyTorch）。',
  },
} satisfies Record<string, LocalText>

/**
 * What each finished step achieved, shown in its hint's place: a step often finishes on its own
 * (the preview loads, the run ends), and a line that vanished then would shift the canvas up
 * under the learner's pointer.
 */
export const STEP_DONE_TEXT = {
  data: {
    en: 'You have looked at the samples of this dataset.',
    'zh-CN': '你已查看这个数据集的样本。',
  },
  split: {
    en: 'The three shares add up to 100 %, with a test set kept aside.',
    'zh-CN': '三部分合计 100%，并留出了测试集。',
  },
  design: {
    en: 'Every layer fits: the canvas has no errors.',
    'zh-CN': '每一层都匹配：画布上没有错误。',
  },
  lossOptimizer: {
    en: 'The loss suits the task, and the optimizer is chosen.',
    'zh-CN': '损失函数适合这个任务，优化器也已选好。',
  },
  train: { en: 'The model has been trained.', 'zh-CN': '模型已训练完成。' },
  evaluate: {
    en: 'The trained model was evaluated on the test set.',
    'zh-CN': '训练好的模型已在测试集上完成评估。',
  },
  deploy: { en: 'The model was exported.', 'zh-CN': '模型已导出。' },
} satisfies Record<GuideStepId, LocalText>

const state = (done: boolean, hint: LocalText | null, notes: LossChoiceNote[] = []): StepState => ({
  done,
  hint: done ? null : hint,
  notes,
})

/** A split sums to 100 % (up to rounding of the three shares) and trains on something. */
export function splitIsValid(split: ProjectDocument['training']['split']): boolean {
  const { train, validation, test } = split
  const parts = [train, validation, test]
  if (!parts.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)) return false
  return Math.abs(train + validation + test - 1) < 1e-6 && train > 0
}

/** Every step's state, in GUIDE_STEPS order. */
export function guideSteps(facts: GuideFacts): Record<GuideStepId, StepState> {
  const { doc } = facts
  const training = doc.training
  const hasDataset = training.dataset.id !== NO_DATASET
  const errors = facts.diagnostics.filter((d) => d.severity === 'error').length
  const notes = checkLossChoice(training.task, training.loss)
  const finished = facts.run.status === 'done' || (facts.run.status === 'stopped' && facts.run.epochs > 0)
  const splitOk = splitIsValid(training.split)
  return {
    data: state(hasDataset && facts.datasetPreviewed, hasDataset ? HINTS.notPreviewed : HINTS.noDataset),
    split: state(splitOk && training.split.test > 0, splitOk ? HINTS.noTest : HINTS.splitSum),
    design: state(doc.nodes.length > 0 && errors === 0, doc.nodes.length === 0 ? HINTS.emptyGraph : HINTS.graphErrors),
    // The settings always hold a loss and an optimizer: the step is done once the learner has
    // looked at them and the loss suits the task (a mismatch is shown here and in the Train panel).
    lossOptimizer: state(
      facts.lossReviewed && !notes.some((n) => n.severity === 'warning'),
      facts.lossReviewed ? HINTS.lossMismatch : HINTS.lossNotReviewed,
      notes,
    ),
    train: state(finished, HINTS.notTrained),
    evaluate: state(finished && facts.evaluated, HINTS.notEvaluated),
    deploy: state(facts.exported, HINTS.notExported),
  }
}
