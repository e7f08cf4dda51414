import { dirname, resolve } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset, DatasetSplit } from '../../core/data/dataset'
import type { NormalizationStats } from '../../core/data/normalize'
import type { ProjectDocument } from '../../core/document/types'
import type { Tf } from '../../core/layers/kind'
import { customLayers } from '../../core/layers/custom/index'
import type { TrainingConfig } from '../../core/training/config'
import type { TrainingEvent } from '../../core/training/events'
import { prepareRun as prepareCoreRun } from '../../core/training/prepare-run'
import { runLimits } from '../../core/training/run-limits'
import type { TaskGraph } from '../../core/training/tasks/task'
import { createTrainer } from '../../core/training/trainer'
import { EXIT } from '../command'
import { nodeDatasetSources } from '../dataset-sources'
import { loadTf, type CliBackend } from './load-tf'

/**
 * What `train` and `sweep` share: from a parsed project to a trained model. Loads the dataset
 * (relative sources against the project file), splits and normalises it, builds the model
 * with tfjs-node, WebAssembly or the pure-JS CPU backend, and runs the trainer with Ctrl-C handling.
 */

export interface PreparedRun {
  tf: Tf
  backend: string
  /** Why a faster backend was not used ('' when it was). */
  backendNote: string
  /** The project as this run trains it (with the run's epochs and seed). */
  document: ProjectDocument
  config: TrainingConfig
  dataset: Dataset
  split: DatasetSplit
  stats: NormalizationStats | null
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  graph: TaskGraph
  /** With --max-batches: how many samples validation and test look at. */
  evaluationCap: number | undefined
}

export type PrepareResult = { ok: true; run: PreparedRun } | { ok: false; exit: number; message: string }

export interface PrepareOptions {
  /** The project file as the user typed it (messages) and the folder commands run in. */
  file: string
  cwd: string
  epochs?: number
  seed?: number
  maxBatches?: number
  backend?: CliBackend
}

export async function prepareRun(doc: ProjectDocument, options: PrepareOptions): Promise<PrepareResult> {
  const { file } = options
  const config: TrainingConfig = {
    ...doc.training,
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  }
  const { tf, backend, note: backendNote } = await loadTf(options.backend)
  customLayers(tf)
  // The project as this run trains it: the seed (of the initial weights too) and epochs given here.
  const trainedDoc = { ...doc, training: config }
  // A relative data source is relative to the project file, wherever the command is run from.
  const prepared = await prepareCoreRun(
    tf,
    trainedDoc,
    nodeDatasetSources({ baseDir: dirname(resolve(options.cwd, file)) }),
  )
  if (!prepared.ok && prepared.stage === 'dataset') {
    return {
      ok: false,
      exit: EXIT.usage,
      message: `${file}: dataset "${config.dataset.id}": ${prepared.failure.error}`,
    }
  }
  if (!prepared.ok) {
    return {
      ok: false,
      exit: EXIT.problems,
      message: `${file}: cannot build the model: ${prepared.message} (see layercanvas check ${file})`,
    }
  }
  const { model, dataset, split, stats, graph } = prepared.run
  const { maxBatches } = options
  return {
    ok: true,
    run: {
      tf,
      backend,
      backendNote,
      document: trainedDoc,
      config,
      dataset,
      split,
      stats,
      model,
      layerNames: graph.layerNames,
      graph,
      // What the trainer will derive from --max-batches, said up front.
      evaluationCap:
        maxBatches !== undefined
          ? runLimits({ maxBatchesPerEpoch: maxBatches }, maxBatches, config.batchSize).evaluationSamples
          : undefined,
    },
  }
}

/**
 * Trains a prepared run to the end. Ctrl-C once stops after the current batch (the result is
 * then 'stopped' and the caller still writes its files); twice quits.
 */
export async function trainPrepared(
  run: PreparedRun,
  options: { maxBatches?: number; onEvent: (event: TrainingEvent) => void; onStopping?: () => void },
) {
  const { tf, model, graph, dataset, split, config } = run
  const trainer = createTrainer({
    tf,
    model,
    graph,
    dataset,
    split,
    config,
    onEvent: options.onEvent,
    readbackMs: 0,
    maxBatchesPerEpoch: options.maxBatches,
  })
  let interrupts = 0
  const onSigint = () => {
    interrupts++
    if (interrupts > 1) process.exit(130)
    options.onStopping?.()
    trainer.stop()
  }
  process.on('SIGINT', onSigint)
  const started = Date.now()
  try {
    const result = await trainer.start()
    return { result, seconds: (Date.now() - started) / 1000, interrupted: interrupts > 0 }
  } finally {
    process.off('SIGINT', onSigint)
  }
}
