import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import type { NormalizationStats } from '../../core/data/normalize'
import type { ProjectDocument } from '../../core/document/types'
import type { Tf } from '../../core/layers/kind'
import type { Evaluation } from '../../core/training/evaluate'
import type { BatchEvent, EpochEvent } from '../../core/training/events'
import { trainedWeightsFromModel } from '../../core/training/weights'
import { saveProjectDocument } from '../save-project'

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
    rows.push(
      [
        'batch',
        b.epoch + 1,
        b.batch + 1,
        cell(b.loss),
        cell(b.accuracy),
        '',
        '',
        '',
        cell(b.learningRate),
        cell(b.samplesPerSec),
        '',
      ].join(','),
    )
  }
  for (const e of metrics.epochs) {
    rows.push(
      [
        'epoch',
        e.epoch + 1,
        '',
        cell(e.loss),
        cell(e.accuracy),
        cell(e.valLoss),
        cell(e.valAccuracy),
        cell(e.valMae),
        cell(e.learningRate),
        '',
        cell(e.seconds),
      ].join(','),
    )
  }
  return rows.join('\n') + '\n'
}

const strip = <T extends { event: string }>(e: T): Omit<T, 'event'> => {
  const { event: _event, ...rest } = e
  return rest
}

/** JSON without NaN (JSON has none): NaN and ±Infinity become null. */
export function toJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  )
}

/** Saves the model in the tfjs LayersModel format: model.json + weights.bin. */
export async function saveTfjsModel(
  tf: Tf,
  model: tfjs.LayersModel,
  dir: string,
  metadata: Record<string, unknown>,
): Promise<void> {
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

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException)?.code ?? String((error as Error)?.message ?? error)

/**
 * Makes sure the output folder can take the run's files before training starts: a run of
 * minutes or hours must not end in "cannot write". Creates the folder when missing and writes
 * (then removes) a probe file. Returns null, or one line saying what is wrong.
 */
export async function prepareOutDir(dir: string, shown: string): Promise<string | null> {
  const info = await stat(dir).catch(() => null)
  if (info && !info.isDirectory())
    return `--out ${shown} is a file, not a folder: give a folder (it is created when missing)`
  try {
    await mkdir(dir, { recursive: true })
  } catch (error) {
    return `--out ${shown}: cannot create the folder (${errorCode(error)})`
  }
  const probe = join(dir, `.layercanvas-write-check-${process.pid}`)
  try {
    await writeFile(probe, '')
  } catch (error) {
    return `--out ${shown}: cannot write into the folder (${errorCode(error)})`
  }
  await rm(probe, { force: true })
  return null
}

/** metrics.csv and metrics.json: what every run writes, a failed one included. */
export async function writeMetricsFiles(dir: string, metrics: RunMetrics): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'metrics.csv'), metricsCsv(metrics))
  await writeFile(
    join(dir, 'metrics.json'),
    toJson({ epochs: metrics.epochs.map(strip), batches: metrics.batches.map(strip) }),
  )
  return ['metrics.csv', 'metrics.json']
}

/** The figures kept with the weights (as the app's "Keep weights with the project" does). */
function trainedMetrics(epochs: EpochEvent[], evaluation: Evaluation | undefined): Record<string, number> {
  const metrics: Record<string, number> = {}
  const last = epochs.at(-1)
  if (last) {
    metrics.loss = last.loss
    if (Number.isFinite(last.valLoss)) metrics.valLoss = last.valLoss
    if (last.valAccuracy !== undefined) metrics.valAccuracy = last.valAccuracy
  }
  if (evaluation?.task === 'classification')
    Object.assign(metrics, { testAccuracy: evaluation.accuracy, testLoss: evaluation.loss })
  if (evaluation?.task === 'regression')
    Object.assign(metrics, { testLoss: evaluation.loss, testMae: evaluation.mae, testR2: evaluation.r2 })
  for (const key of Object.keys(metrics)) if (!Number.isFinite(metrics[key])) delete metrics[key]
  return metrics
}

/**
 * project.layercanvas: the project as trained (its training settings with the command line's
 * overrides) with the trained weights in `trained`, the project format's own place for them,
 * so `layercanvas export <dir>/project.layercanvas` exports the trained model and the app opens
 * it with its weights. A container (weights.bin beside project.json, save-project.ts); a model
 * without any weights is plain project.json. Returns the name written.
 */
export async function writeTrainedProject(
  dir: string,
  doc: ProjectDocument,
  model: tfjs.LayersModel,
  layerNames: Record<string, string>,
  run: { epochs: EpochEvent[]; evaluation: Evaluation | undefined },
): Promise<string> {
  const trained = await trainedWeightsFromModel(model, layerNames, {
    metrics: trainedMetrics(run.epochs, run.evaluation),
  })
  const saved = await saveProjectDocument('project.json', { ...doc, trained }, dir, { keepBackup: false })
  if (!saved.ok) throw new Error(`project not written: ${saved.error}`)
  return saved.path
}

/** Writes metrics.csv, metrics.json, model/ and (when there was a test split) evaluation.json. */
export async function writeRunFiles(dir: string, run: RunFiles): Promise<string[]> {
  const written = [...(await writeMetricsFiles(dir, run.metrics)), 'model/model.json', 'model/weights.bin']
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
