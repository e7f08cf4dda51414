import type * as tfjs from '@tensorflow/tfjs'
import { targetSize, type Dataset } from '../data/dataset'
import type { Tf } from '../layers/kind'
import { batchCount, makeBatch } from './batches'
import type { LossId } from './config'
import type { TestSummary } from './events'
import { correctCount, createLoss } from './losses'

export interface ClassMetrics {
  className: string
  precision: number
  recall: number
  f1: number
  /** Samples of this class in the split. */
  support: number
}

/** One test sample for the prediction gallery. */
export interface GalleryItem {
  /** Sample index in the dataset. */
  index: number
  label: number
  predicted: number
  /** Probability the model gave its prediction, 0…1. */
  confidence: number
}

export interface ClassificationEvaluation {
  task: 'classification'
  samples: number
  loss: number
  accuracy: number
  classNames: string[]
  /** confusion[true][predicted] = count. */
  confusion: number[][]
  perClass: ClassMetrics[]
  macro: { precision: number; recall: number; f1: number }
  /** Misclassified first (most confident mistakes first), then the least confident correct ones. */
  predictions: GalleryItem[]
}

export interface RegressionEvaluation {
  task: 'regression'
  samples: number
  loss: number
  mae: number
  mse: number
  /** Coefficient of determination, averaged over the outputs (1 = perfect, 0 = as good as the mean). */
  r2: number
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation

export interface EvaluateOptions {
  tf: Tf
  model: tfjs.LayersModel
  dataset: Dataset
  /** Sample indices to evaluate (the test split). */
  indices: Int32Array
  loss: LossId
  batchSize?: number
  /** How many predictions the gallery keeps (default 100). */
  galleryLimit?: number
  /** The model's input shape without batch, if it differs from the dataset's. */
  inputShape?: number[]
}

/** Units of the model's (single) output's last axis. */
export function outputUnits(model: tfjs.LayersModel): number {
  const shape = model.outputs[0].shape
  return (shape[shape.length - 1] as number | null) ?? 1
}

const safeDiv = (a: number, b: number) => (b === 0 ? 0 : a / b)

/** Confusion matrix and per-class precision/recall/F1 from labels and predictions. Pure. */
export function classificationMetrics(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classNames: string[],
): Pick<ClassificationEvaluation, 'accuracy' | 'confusion' | 'perClass' | 'macro'> {
  const k = classNames.length
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  let correct = 0
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]
    const guess = predicted[i]
    if (label >= 0 && label < k && guess >= 0 && guess < k) confusion[label][guess]++
    if (label === guess) correct++
  }
  const perClass = classNames.map((className, c) => {
    const tp = confusion[c][c]
    const support = confusion[c].reduce((a, b) => a + b, 0)
    const predictedAs = confusion.reduce((sum, row) => sum + row[c], 0)
    const precision = safeDiv(tp, predictedAs)
    const recall = safeDiv(tp, support)
    return { className, precision, recall, f1: safeDiv(2 * precision * recall, precision + recall), support }
  })
  const mean = (key: 'precision' | 'recall' | 'f1') =>
    safeDiv(
      perClass.reduce((s, m) => s + m[key], 0),
      k,
    )
  return {
    accuracy: safeDiv(correct, labels.length),
    confusion,
    perClass,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
  }
}

/** R² per output column, averaged (scikit-learn's 'uniform_average'). Pure. */
export function rSquared(targets: ArrayLike<number>, predictions: ArrayLike<number>, outputs = 1): number {
  const n = Math.floor(targets.length / outputs)
  let total = 0
  for (let o = 0; o < outputs; o++) {
    let mean = 0
    for (let i = 0; i < n; i++) mean += targets[i * outputs + o]
    mean /= n
    let ssRes = 0
    let ssTot = 0
    for (let i = 0; i < n; i++) {
      const y = targets[i * outputs + o]
      ssRes += (y - predictions[i * outputs + o]) ** 2
      ssTot += (y - mean) ** 2
    }
    // A constant target: perfect predictions score 1, anything else 0 (as scikit-learn does).
    total += ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot
  }
  return total / outputs
}

/** Gallery order: mistakes (most confident first), then correct ones (least confident first). */
export function galleryOrder(items: GalleryItem[], limit: number): GalleryItem[] {
  const wrong = items.filter((p) => p.predicted !== p.label).sort((a, b) => b.confidence - a.confidence)
  const right = items.filter((p) => p.predicted === p.label).sort((a, b) => a.confidence - b.confidence)
  return [...wrong, ...right].slice(0, limit)
}

/**
 * Runs the model over `indices` in batches (inference mode) and reads the results back
 * once at the end: predictions, confidences and the summed loss.
 */
export async function evaluateModel(options: EvaluateOptions): Promise<Evaluation> {
  const { tf, model, dataset, indices, batchSize = 256, galleryLimit = 100 } = options
  const n = indices.length
  const units = outputUnits(model)
  const lossFn = createLoss(tf, options.loss, dataset.task, units)
  const parts: tfjs.Tensor[] = []
  let lossSum: tfjs.Tensor = tf.scalar(0)
  try {
    for (let b = 0; b < batchCount(n, batchSize); b++) {
      const start = b * batchSize
      const end = Math.min(n, start + batchSize)
      const part = tf.tidy(() => {
        const { x, y, size } = makeBatch(tf, dataset, indices, start, end, options.inputShape)
        const pred = model.predict(x) as tfjs.Tensor
        const next = tf.add(lossSum, tf.mul(lossFn(y, pred), size))
        let out: tfjs.Tensor
        if (dataset.task === 'classification') {
          // [size, 2]: predicted class and its probability.
          const flat = tf.reshape(pred, [size, -1])
          const guess =
            units === 1
              ? tf.cast(tf.greater(flat, 0.5), 'float32')
              : tf.cast(tf.argMax(flat, -1), 'float32').reshape([size, 1])
          const confidence =
            units === 1 ? tf.where(tf.greater(flat, 0.5), flat, tf.sub(1, flat)) : tf.max(flat, -1).reshape([size, 1])
          out = tf.concat([guess, confidence], 1)
        } else {
          out = tf.reshape(pred, [size, -1])
        }
        return [out, next] as const
      })
      parts.push(part[0])
      lossSum.dispose()
      lossSum = part[1]
    }
    const joined = parts.length > 0 ? tf.concat(parts, 0) : tf.zeros([0, 1])
    const [values, total] = await Promise.all([joined.data(), lossSum.data()])
    joined.dispose()
    const loss = safeDiv(total[0], n)
    if (dataset.task === 'classification') {
      const classNames = dataset.classNames ?? Array.from({ length: Math.max(units, 2) }, (_, i) => String(i))
      const labels = new Int32Array(n)
      const predicted = new Int32Array(n)
      const items: GalleryItem[] = []
      for (let i = 0; i < n; i++) {
        labels[i] = dataset.labels[indices[i]]
        predicted[i] = values[2 * i]
        items.push({ index: indices[i], label: labels[i], predicted: predicted[i], confidence: values[2 * i + 1] })
      }
      return {
        task: 'classification',
        samples: n,
        loss,
        classNames,
        ...classificationMetrics(labels, predicted, classNames),
        predictions: galleryOrder(items, galleryLimit),
      }
    }
    const t = targetSize(dataset)
    const targets = new Float32Array(n * t)
    for (let i = 0; i < n; i++) targets.set(dataset.labels.subarray(indices[i] * t, (indices[i] + 1) * t), i * t)
    let abs = 0
    let sq = 0
    for (let i = 0; i < targets.length; i++) {
      const d = values[i] - targets[i]
      abs += Math.abs(d)
      sq += d * d
    }
    return {
      task: 'regression',
      samples: n,
      loss,
      mae: safeDiv(abs, targets.length),
      mse: safeDiv(sq, targets.length),
      r2: n > 0 ? rSquared(targets, values, t) : 0,
    }
  } finally {
    tf.dispose(parts)
    lossSum.dispose()
  }
}

/** The scalar part for events and the CLI's last line. */
export function summarize(evaluation: Evaluation): TestSummary {
  return evaluation.task === 'classification'
    ? { task: 'classification', loss: evaluation.loss, accuracy: evaluation.accuracy, samples: evaluation.samples }
    : {
        task: 'regression',
        loss: evaluation.loss,
        mae: evaluation.mae,
        mse: evaluation.mse,
        r2: evaluation.r2,
        samples: evaluation.samples,
      }
}

export interface SplitScore {
  loss: number
  accuracy?: number
  mae?: number
}

/**
 * Loss (and accuracy or MAE) of a split, summed on the device and read back once: what the
 * trainer runs at each epoch end on the validation split.
 */
export async function scoreSplit(options: Omit<EvaluateOptions, 'galleryLimit'>): Promise<SplitScore> {
  const { tf, model, dataset, indices, batchSize = 256 } = options
  const n = indices.length
  if (n === 0) return { loss: Number.NaN }
  const units = outputUnits(model)
  const lossFn = createLoss(tf, options.loss, dataset.task, units)
  const classification = dataset.task === 'classification'
  // [loss sum, correct count or absolute-error sum]
  let sums: tfjs.Tensor = tf.zeros([2])
  try {
    for (let b = 0; b < batchCount(n, batchSize); b++) {
      const start = b * batchSize
      const end = Math.min(n, start + batchSize)
      const next = tf.tidy(() => {
        const { x, y, size } = makeBatch(tf, dataset, indices, start, end, options.inputShape)
        const pred = model.predict(x) as tfjs.Tensor
        const second = classification
          ? correctCount(tf, y, pred, units)
          : tf.mul(tf.mean(tf.abs(tf.sub(tf.reshape(pred, y.shape), y))), size)
        return tf.add(sums, tf.stack([tf.mul(lossFn(y, pred), size), second]))
      })
      sums.dispose()
      sums = next
    }
    const [lossSum, second] = await sums.data()
    return classification ? { loss: lossSum / n, accuracy: second / n } : { loss: lossSum / n, mae: second / n }
  } finally {
    sums.dispose()
  }
}
