import type { Dataset } from '../../data/dataset'
import { normalizeDataset, type NormalizationStats } from '../../data/normalize'
import { loadDataset, type DatasetSources } from '../../data/registry'
import { splitFor } from '../../data/split'
import type { ProjectDocument } from '../../document/types'
import { exportProblem } from '../../i18n/export-messages'
import { NO_DATASET } from '../../training/config'
import type { ExportProblem } from '../problem'

/**
 * What the demo page needs from the project's dataset: the data as loaded (slider ranges, the
 * vocabulary, class names) and the training normalisation (from the train split, as the trainer
 * computes it). Best effort: a dataset that cannot be loaded becomes a warning, and the page says
 * it has no input for it.
 */
export async function webDemoData(
  doc: ProjectDocument,
  sources: () => DatasetSources,
): Promise<{ dataset: Dataset | null; normalization: NormalizationStats | null; warning?: ExportProblem }> {
  const config = doc.training
  if (config.dataset.id === NO_DATASET) return { dataset: null, normalization: null }
  const data = await loadDataset(config.dataset, sources())
  if (!data.ok) {
    const warning = exportProblem(null, 'demoWithoutDataset', { dataset: config.dataset.id, detail: data.error })
    return { dataset: null, normalization: null, warning }
  }
  const { stats } = normalizeDataset(data.dataset, splitFor(data.dataset, config.split), config.normalization)
  return { dataset: data.dataset, normalization: stats }
}
