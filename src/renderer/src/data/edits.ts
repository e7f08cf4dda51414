import { datasetInfo } from '../../../core/data/registry'
import type { ProjectDocument } from '../../../core/document/types'
import type { DatasetId, LossId, Normalization, Task, TrainingConfig } from '../../../core/training/config'
import { commit, documentStore } from '../app/document-store'

/**
 * Data-panel edits of `doc.training`: pure document → document functions plus the commits
 * the panel calls (each one undo step; typing into a field coalesces).
 */
type Training = TrainingConfig
type Split = Training['split']

const CLASSIFICATION_LOSSES: readonly LossId[] = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
]

const isLabelTask = (task: Task): task is 'classification' | 'regression' =>
  task === 'classification' || task === 'regression'

/** A loss that suits a classification or regression task: kept when it already does, else the usual one. */
export function lossForTask(loss: LossId, task: 'classification' | 'regression'): LossId {
  const isClassification = CLASSIFICATION_LOSSES.includes(loss)
  if (task === 'classification') return isClassification ? loss : 'categoricalCrossentropy'
  return isClassification ? 'meanSquaredError' : loss
}

function withTraining(doc: ProjectDocument, patch: Partial<Training>): ProjectDocument {
  return { ...doc, training: { ...doc.training, ...patch } }
}

/**
 * Chooses a dataset. A classification / regression project follows the dataset's task (with a
 * loss that fits it); a project training another kind of task (generative ones, which use the
 * samples without their labels) keeps its task and loss.
 */
export function chooseDataset(
  doc: ProjectDocument,
  id: DatasetId,
  options: Record<string, unknown> = {},
  task?: Task,
): ProjectDocument {
  const dataset = { id, options }
  const nextTask = task ?? datasetInfo(id)?.task ?? doc.training.task
  if (!isLabelTask(doc.training.task) || !isLabelTask(nextTask)) return withTraining(doc, { dataset })
  return withTraining(doc, { dataset, task: nextTask, loss: lossForTask(doc.training.loss, nextTask) })
}

export function setDatasetOptions(doc: ProjectDocument, patch: Record<string, unknown>): ProjectDocument {
  const dataset = doc.training.dataset
  return withTraining(doc, { dataset: { ...dataset, options: { ...dataset.options, ...patch } } })
}

const percent = (value: number) => Math.round(value * 100)

/**
 * New split ratios after one share changed (whole percents; train keeps at least 1 %):
 * changing train shares the rest between validation and test in their current proportion;
 * changing validation or test takes from train first, then from the other one.
 */
export function adjustSplit(split: Split, part: 'train' | 'validation' | 'test', value: number): Split {
  const v = Math.max(0, Math.min(100, Math.round(value)))
  let train = percent(split.train)
  let validation = percent(split.validation)
  let test = percent(split.test)
  if (part === 'train') {
    train = Math.max(1, v)
    const rest = 100 - train
    const held = validation + test
    validation = held > 0 ? Math.round((rest * validation) / held) : Math.round(rest / 2)
    test = rest - validation
  } else {
    const other = part === 'validation' ? test : validation
    const mine = Math.min(v, 99)
    const otherKept = Math.min(other, 99 - mine)
    if (part === 'validation') {
      validation = mine
      test = otherKept
    } else {
      test = mine
      validation = otherKept
    }
    train = 100 - validation - test
  }
  return { ...split, train: train / 100, validation: validation / 100, test: test / 100 }
}

// ── Commits ────────────────────────────────────────────────────────────────────────────────

const doc = () => documentStore.getState().doc

export function commitDataset(id: DatasetId, options: Record<string, unknown> = {}, task?: Task): void {
  commit(chooseDataset(doc(), id, options, task))
}

export function commitDatasetOption(name: string, value: unknown): void {
  commit(setDatasetOptions(doc(), { [name]: value }), { coalesce: `dataset-option:${name}` })
}

export function commitSplit(part: 'train' | 'validation' | 'test', value: number): void {
  commit(withTraining(doc(), { split: adjustSplit(doc().training.split, part, value) }), { coalesce: `split:${part}` })
}

export function commitSplitSeed(seed: number): void {
  commit(withTraining(doc(), { split: { ...doc().training.split, seed } }), { coalesce: 'split:seed' })
}

export function commitNormalization(normalization: Normalization): void {
  commit(withTraining(doc(), { normalization }))
}

/** Sizes of the three splits for `n` samples (the stratified split's totals are the same). */
export function splitSizes(n: number, split: Split): { train: number; validation: number; test: number } {
  const total = split.train + split.validation + split.test || 1
  const validation = Math.round((n * split.validation) / total)
  const test = Math.min(Math.round((n * split.test) / total), n - validation)
  return { train: n - validation - test, validation, test }
}
