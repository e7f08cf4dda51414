import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../compile/compile'
import type { Dataset, DatasetSplit } from '../data/dataset'
import type { DataFailure } from '../data/errors'
import type { NormalizationStats } from '../data/normalize'
import { normalizeDataset } from '../data/normalize'
import { loadDataset, type DatasetSources } from '../data/registry'
import { splitFor } from '../data/split'
import type { ProjectDocument } from '../document/types'
import type { Tf } from '../layers/kind'
import type { Diagnostic } from '../shapes/diagnostic'
import type { TaskGraph } from './tasks/task'

/** Everything a training run (or an evaluation) starts from: the data as trained and the built model. */
export interface PreparedRun {
  document: ProjectDocument
  /** The dataset as loaded (galleries show these samples). */
  raw: Dataset
  /** As trained: normalised with statistics of the training split only. */
  dataset: Dataset
  split: DatasetSplit
  /** The statistics `dataset` was normalised with (saved with exports); null when not normalised. */
  stats: NormalizationStats | null
  model: tfjs.LayersModel
  /** The document with compileModel's maps: what createTrainer's `graph` takes. */
  graph: TaskGraph
}

export type PrepareRunResult =
  | { ok: true; run: PreparedRun }
  | { ok: false; stage: 'dataset'; failure: DataFailure }
  | { ok: false; stage: 'compile'; message: string; diagnostics: Diagnostic[] }

export interface PrepareRunHooks {
  /**
   * The data is ready and the model is about to be built: the worker reports the dataset and
   * frees its previous model here, before a second one would take memory beside it.
   */
  onData?(data: { raw: Dataset; dataset: Dataset; split: DatasetSplit }): void
}

/**
 * The one preparation of a run, shared by the app's worker and the CLI's `train`: load the
 * document's dataset, split it with its seed, normalise it on the training split, compile the
 * document. Data problems and graph problems come back as results (never thrown), each at its
 * stage, so each host words them its own way. The caller owns the model (dispose it).
 */
export async function prepareRun(
  tf: Tf,
  doc: ProjectDocument,
  sources: DatasetSources,
  hooks: PrepareRunHooks = {},
): Promise<PrepareRunResult> {
  const config = doc.training
  const loaded = await loadDataset(config.dataset, sources)
  if (!loaded.ok) return { ok: false, stage: 'dataset', failure: loaded }
  const raw = loaded.dataset
  const split = splitFor(raw, config.split)
  const { dataset, stats } = normalizeDataset(raw, split, config.normalization)
  hooks.onData?.({ raw, dataset, split })
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) return { ok: false, stage: 'compile', message: compiled.message, diagnostics: compiled.diagnostics }
  const { model, layerNames, inputs, outputs } = compiled
  return {
    ok: true,
    run: { document: doc, raw, dataset, split, stats, model, graph: { document: doc, layerNames, inputs, outputs } },
  }
}
