import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Dataset } from '../../core/data/dataset'
import { normalizeDataset, type NormalizationStats } from '../../core/data/normalize'
import { loadDataset } from '../../core/data/registry'
import { splitFor } from '../../core/data/split'
import type { ProjectDocument } from '../../core/document/types'
import { exportWebDemo, type WebDemoResult } from '../../core/export/web-demo/index'
import type { Tf } from '../../core/layers/kind'
import { NO_DATASET } from '../../core/training/config'
import { nodeDatasetSources } from '../dataset-sources'

/** TensorFlow.js' browser bundle, the one the demo page loads (the same version the app uses). */
function tfMinJs(): string {
  return readFileSync(createRequire(import.meta.url).resolve('@tensorflow/tfjs/dist/tf.min.js'), 'utf8')
}

/** The dataset (raw, for slider ranges and the vocabulary) and the training normalisation. */
type DemoData = { dataset: Dataset | null; normalization: NormalizationStats | null; warning?: string }

async function demoData(doc: ProjectDocument, projectDir: string): Promise<DemoData> {
  const config = doc.training
  if (config.dataset.id === NO_DATASET) return { dataset: null, normalization: null }
  const data = await loadDataset(config.dataset, nodeDatasetSources({ baseDir: projectDir }))
  if (!data.ok) {
    const warning = `dataset "${config.dataset.id}" could not be loaded (${data.error}); the demo page has no input for it`
    return { dataset: null, normalization: null, warning }
  }
  const { stats } = normalizeDataset(data.dataset, splitFor(data.dataset, config.split), config.normalization)
  return { dataset: data.dataset, normalization: stats }
}

/** `layercanvas export --format web-demo`: the one-folder page that runs the model (core/export/web-demo). */
export async function cliWebDemo(
  tf: Tf,
  doc: ProjectDocument,
  projectDir: string,
  version: string,
  warn: (text: string) => void,
): Promise<WebDemoResult> {
  const data = await demoData(doc, projectDir)
  if (data.warning) warn(data.warning)
  const options = { version, dataset: data.dataset, normalization: data.normalization }
  return exportWebDemo(tf, doc, options, { tfMinJs: tfMinJs() })
}
