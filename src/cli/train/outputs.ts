import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import type { NormalizationStats } from '../../core/data/normalize'
import type { Tf } from '../../core/layers/kind'
import type { Evaluation } from '../../core/training/evaluate'
import type { BatchEvent, EpochEvent } from '../../core/training/events'

export interface RunMetrics {
  epochs: EpochEvent[]
  batches: BatchEvent[]
}

const CSV_COLUMNS = [
  'kind',
  'epoch',
  'batch',
  'loss',
  'accuracy',
  'val_loss',
  'val_accuracy',
  'val_mae',
  'learning_rate',
  'samples_per_sec',
  'seconds',
] as const

const cell = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : String(value))

/** One row per batch report and per epoch (kind = batch | epoch); epochs and batches count from 1. */
export function metricsCsv(metrics: RunMetrics): string {
  const rows: string[] = [CSV_COLUMNS.join(',')]
  for (const b of metrics.batches) {
    rows.push(['batch', b.epoch + 1, b.batch + 1, cell(b.loss), cell(b.accuracy), '', '', '', cell(b.learningRate), cell(b.samplesPerSec), ''].join(','))
  }
  for (const e of metrics.epochs) {
    rows.push(['epoch', e.epoch + 1, '', cell(e.loss), cell(e.accuracy), cell(e.valLoss), cell(e.valAccuracy), cell(e.valMae), cell(e.learningRate), '', cell(e.seconds)].join(','))
  }
  return rows.join('\n') + '\n'
}

const strip = <T extends { event: string }>(e: T): Omit<T, 'event'> => {
  const { event: _event, ...rest } = e
  return rest
}

/** JSON without NaN (JSON has none): NaN and ±Infinity become null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
}

/** Saves the model in the tfjs LayersModel format: model.json + weights.bin. */
export async function saveTfjsModel(tf: Tf, model: tfjs.LayersModel, dir: string, metadata: Record<string, unknown>): Promise<void> {
  await mkdir(dir, { recursive: true })
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData
      const parts = data === undefined ? [] : Array.isArray(data) ? data : [data]
      const bytes = Buffer.concat(parts.map((part) => Buffer.from(part)))
      await writeFile(join(dir, 'weights.bin'), bytes)
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: metadata,
      }
      await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson))
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: bytes.length,
        },
      }
    }),
  )
}

export interface RunFiles {
  tf: Tf
  model: tfjs.LayersModel
  metrics: RunMetrics
  evaluation: Evaluation | undefined
  classNames?: string[]
  normalization: NormalizationStats | null
}

/** Writes metrics.csv, metrics.json, model/ and (when there was a test split) evaluation.json. */
export async function writeRunFiles(dir: string, run: RunFiles): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written = ['metrics.csv', 'metrics.json', 'model/model.json', 'model/weights.bin']
  await writeFile(join(dir, 'metrics.csv'), metricsCsv(run.metrics))
  await writeFile(join(dir, 'metrics.json'), toJson({ epochs: run.metrics.epochs.map(strip), batches: run.metrics.batches.map(strip) }))
  await saveTfjsModel(run.tf, run.model, join(dir, 'model'), {
    ...(run.classNames ? { classNames: run.classNames } : {}),
    ...(run.normalization ? { normalization: run.normalization } : {}),
  })
  if (run.evaluation) {
    await writeFile(join(dir, 'evaluation.json'), toJson(run.evaluation))
    written.push('evaluation.json')
  }
  return written
}
