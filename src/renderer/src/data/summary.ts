import type { CsvEncoding } from '../../../core/data/csv'
import type { Dataset } from '../../../core/data/dataset'
import type { DatasetFitInfo } from '../../../core/data/fit'
import { loadDataset, type DatasetSources } from '../../../core/data/registry'
import { datasetStats, type DatasetStats } from '../../../core/data/stats'
import { decodeTokens, PAD_ID } from '../../../core/data/vocab'
import type { LocalText } from '../../../core/i18n/text'
import type { TrainingConfig } from '../../../core/training/config'

/**
 * What the Data panel shows about a dataset: metadata, statistics and a few samples ready to
 * draw. Plain data (typed arrays, numbers, strings) so a worker can compute it and post it
 * back; the full dataset never reaches the UI thread.
 */
export interface DatasetSummary {
  id: string
  name: LocalText
  description: LocalText
  credit?: LocalText
  task: Dataset['task']
  inputShape: number[]
  inputDtype: Dataset['inputDtype']
  targetShape: number[]
  classNames?: string[]
  featureNames?: string[]
  size: number
  stats: DatasetStats
  samples: PreviewSamples
  /** For checkDatasetFit on the canvas (labels only for regression: the activation-range check). */
  fit: DatasetFitInfo
  encoding?: CsvEncoding
}

export type PreviewSamples =
  | { kind: 'image'; height: number; width: number; items: { label: number; rgba: Uint8ClampedArray }[] }
  | { kind: 'points'; xy: Float32Array; labels: Int32Array }
  | { kind: 'series'; window: number; horizon: number; items: { values: Float32Array; target: number }[] }
  | { kind: 'table'; columns: string[]; rows: { values: number[]; target: string }[] }
  | { kind: 'text'; rows: { context: string; next: string }[]; words: string[] }

export type SummaryResult = { ok: true; summary: DatasetSummary } | { ok: false; message: LocalText; code: string }

const IMAGE_CLASSES_SHOWN = 12
const IMAGES_PER_CLASS = 8
const POINTS_SHOWN = 3000
const SERIES_SHOWN = 6
const TABLE_ROWS = 12
const TEXT_ROWS = 14

function imageSamples(dataset: Dataset, stats: DatasetStats): PreviewSamples {
  const [height, width, channels] = dataset.inputShape
  const per = height * width * channels
  const indices = stats.examples
    ? stats.examples.slice(0, IMAGE_CLASSES_SHOWN).flatMap((list) => list.slice(0, IMAGES_PER_CLASS))
    : stats.firstSamples
  const { features } = dataset
  const items = indices.map((index) => {
    const rgba = new Uint8ClampedArray(height * width * 4)
    const base = index * per
    for (let p = 0; p < height * width; p++) {
      const at = base + p * channels
      const r = features[at] * 255
      rgba[p * 4] = r
      rgba[p * 4 + 1] = channels === 3 ? features[at + 1] * 255 : r
      rgba[p * 4 + 2] = channels === 3 ? features[at + 2] * 255 : r
      rgba[p * 4 + 3] = 255
    }
    return { label: dataset.task === 'classification' ? dataset.labels[index] : -1, rgba }
  })
  return { kind: 'image', height, width, items }
}

function pointSamples(dataset: Dataset): PreviewSamples {
  const n = Math.min(dataset.size, POINTS_SHOWN)
  // Evenly spaced samples: generated sets are shuffled anyway, imported ones may be sorted.
  const step = dataset.size / n
  const xy = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const i = Math.floor(k * step)
    xy[k * 2] = dataset.features[i * 2]
    xy[k * 2 + 1] = dataset.features[i * 2 + 1]
    labels[k] = dataset.task === 'classification' ? dataset.labels[i] : 0
  }
  return { kind: 'points', xy, labels }
}

function seriesSamples(dataset: Dataset, options: Record<string, unknown>): PreviewSamples {
  const window = dataset.inputShape[0]
  const features = dataset.inputShape.slice(1).reduce((a, b) => a * b, 1)
  const items = Array.from({ length: Math.min(SERIES_SHOWN, dataset.size) }, (_, i) => {
    const values = new Float32Array(window)
    // The first feature of each step (the sine set has exactly one).
    for (let t = 0; t < window; t++) values[t] = dataset.features[(i * window + t) * features]
    return { values, target: dataset.task === 'regression' ? dataset.labels[i] : NaN }
  })
  const horizon = typeof options.horizon === 'number' ? options.horizon : 1
  return { kind: 'series', window, horizon, items }
}

function tableSamples(dataset: Dataset): PreviewSamples {
  const width = dataset.inputShape.reduce((a, b) => a * b, 1)
  const columns = dataset.featureNames ?? Array.from({ length: width }, (_, i) => `x${i + 1}`)
  const rows = Array.from({ length: Math.min(TABLE_ROWS, dataset.size) }, (_, i) => ({
    values: Array.from(dataset.features.subarray(i * width, (i + 1) * width)),
    target:
      dataset.task === 'classification'
        ? (dataset.classNames?.[dataset.labels[i]] ?? String(dataset.labels[i]))
        : String(Number(dataset.labels[i].toPrecision(5))),
  }))
  return { kind: 'table', columns, rows }
}

const SHOW_CHAR: Record<string, string> = { '\n': '⏎', ' ': '␣', '\t': '⇥' }
const visible = (text: string) => Array.from(text, (c) => SHOW_CHAR[c] ?? c).join('')

function textSamples(dataset: Dataset): PreviewSamples {
  const vocab = dataset.vocab ?? dataset.classNames ?? []
  const context = dataset.inputShape[0]
  const token = (id: number) => (id === 2 ? '⟨end⟩' : visible(vocab[id] ?? '?'))
  const contextText = (i: number) => {
    const ids = Array.from(dataset.features.subarray(i * context, (i + 1) * context))
    const padding = ids.findIndex((id) => id !== PAD_ID)
    const pad = padding < 0 ? context : padding
    return '·'.repeat(Math.min(pad, 3)) + visible(decodeTokens(ids, vocab))
  }
  // Spread the rows over the data so more than the first word shows.
  const step = Math.max(1, Math.floor(dataset.size / TEXT_ROWS / 3))
  const rows = Array.from({ length: Math.min(TEXT_ROWS, dataset.size) }, (_, k) => {
    const i = Math.min(dataset.size - 1, k < TEXT_ROWS / 2 ? k : k * step)
    return { context: contextText(i), next: token(dataset.labels[i]) }
  })
  // Whole words (names): the context just before an <end> token, when it fits in the context.
  const words: string[] = []
  for (let i = 0; i < dataset.size && words.length < 24; i++) {
    if (dataset.labels[i] !== 2 || dataset.features[i * context] !== PAD_ID) continue
    const word = decodeTokens(dataset.features.subarray(i * context, (i + 1) * context), vocab)
    if (word) words.push(word)
  }
  return { kind: 'text', rows, words }
}

function samplesOf(dataset: Dataset, stats: DatasetStats, options: Record<string, unknown>): PreviewSamples {
  switch (dataset.preview) {
    case 'image':
      return imageSamples(dataset, stats)
    case 'points':
      return pointSamples(dataset)
    case 'series':
      return seriesSamples(dataset, options)
    case 'text':
      return textSamples(dataset)
    case 'table':
      return tableSamples(dataset)
  }
}

export function summarizeDataset(
  dataset: Dataset,
  options: Record<string, unknown> = {},
  encoding?: CsvEncoding,
): DatasetSummary {
  const stats = datasetStats(dataset, IMAGES_PER_CLASS)
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    credit: dataset.credit,
    task: dataset.task,
    inputShape: dataset.inputShape,
    inputDtype: dataset.inputDtype,
    targetShape: dataset.targetShape,
    classNames: dataset.classNames,
    featureNames: dataset.featureNames,
    size: dataset.size,
    stats,
    samples: samplesOf(dataset, stats, options),
    fit: {
      task: dataset.task,
      inputShape: dataset.inputShape,
      inputDtype: dataset.inputDtype,
      targetShape: dataset.targetShape,
      classNames: dataset.classNames,
      size: dataset.size,
      ...(dataset.task === 'regression' ? { labels: dataset.labels } : {}),
    },
    encoding,
  }
}

/** Loads and summarises; never throws (failures come back with a message in both languages). */
export async function loadSummary(config: TrainingConfig['dataset'], sources: DatasetSources): Promise<SummaryResult> {
  const result = await loadDataset(config, sources)
  if (!result.ok) return { ok: false, message: result.message, code: result.code }
  try {
    return { ok: true, summary: summarizeDataset(result.dataset, config.options ?? {}, result.encoding) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      code: 'summary',
      message: { en: `Could not summarise the data: ${reason}`, 'zh-CN': `无法统计数据：${reason}` },
    }
  }
}
