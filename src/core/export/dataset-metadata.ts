import { normalizeDataset } from '../data/normalize'
import { loadDataset, type DatasetSources } from '../data/registry'
import { splitFor } from '../data/split'
import type { ProjectDocument } from '../document/types'
import { exportProblem } from '../i18n/export-messages'
import { NO_DATASET } from '../training/config'
import type { ExportProblem } from './problem'
import type { TfjsExportOptions } from './tfjs'

export type DatasetMetadata = Pick<TfjsExportOptions, 'classNames' | 'normalization'>

/**
 * Class names and normalisation statistics for tfjs' metadata.json, from the project's dataset.
 * `sources` is asked for only when the dataset is needed. Best effort: a dataset that cannot be
 * loaded becomes a warning, never a failed export.
 */
export async function datasetMetadata(
  doc: ProjectDocument,
  sources: () => DatasetSources,
): Promise<{ options: DatasetMetadata; warning?: ExportProblem }> {
  const config = doc.training
  if (config.task !== 'classification' && config.normalization === 'none') return { options: {} }
  // No dataset chosen (an imported model): nothing to name the classes with, and nothing is wrong.
  if (config.dataset.id === NO_DATASET) return { options: {} }
  const data = await loadDataset(config.dataset, sources())
  if (!data.ok) {
    const values = { dataset: config.dataset.id, detail: data.error }
    return { options: {}, warning: exportProblem(null, 'metadataWithoutDataset', values) }
  }
  const { stats } = normalizeDataset(data.dataset, splitFor(data.dataset, config.split), config.normalization)
  return {
    options: {
      ...(data.dataset.classNames ? { classNames: data.dataset.classNames } : {}),
      ...(stats ? { normalization: stats } : {}),
    },
  }
}
