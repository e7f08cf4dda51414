import { describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'
import { normalizeDataset } from '../../../src/core/data/normalize'
import { loadDataset } from '../../../src/core/data/registry'
import { splitFor } from '../../../src/core/data/split'
import type { ProjectDocument } from '../../../src/core/document/types'
import { NO_DATASET } from '../../../src/core/training/config'
import { prepareRun } from '../../../src/core/training/prepare-run'
import { learnsLabels, trainerTask } from '../../../src/core/training/tasks/index'
import { graph } from '../helpers'
import { tfjs as tf } from '../tf'

/** Iris (150 rows, bundled) through a 4 → 3 classifier: the smallest real run there is. */
function irisProject(): ProjectDocument {
  const doc = graph(
    [
      ['in', 'input', { mode: 'vector', size: 4 }],
      ['out', 'dense', { units: 3, activation: 'softmax' }],
    ],
    [['in', 'out']],
  )
  const training = {
    ...doc.training,
    dataset: { id: 'iris' as const, options: {} },
    normalization: 'standard' as const,
  }
  return { ...doc, training }
}

describe('prepareRun (shared by the worker and `layercanvas train`)', () => {
  it('loads, splits with the seed, normalises on the training split and compiles', async () => {
    const doc = irisProject()
    const seen: string[] = []
    const result = await prepareRun(tf, doc, nodeDatasetSources(), { onData: ({ raw }) => seen.push(raw.id) })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { run } = result
    try {
      // The same steps done by hand give the same data.
      const loaded = await loadDataset(doc.training.dataset, nodeDatasetSources())
      if (!loaded.ok) throw new Error(loaded.error)
      const split = splitFor(loaded.dataset, doc.training.split)
      const normalised = normalizeDataset(loaded.dataset, split, doc.training.normalization)
      expect(run.split).toEqual(split)
      expect(run.stats).toEqual(normalised.stats)
      expect(run.stats).not.toBeNull()
      expect(Array.from(run.dataset.features)).toEqual(Array.from(normalised.dataset.features))
      expect(Array.from(run.raw.features)).toEqual(Array.from(loaded.dataset.features))
      expect(seen).toEqual(['iris'])
      expect(run.graph).toMatchObject({ document: doc, inputs: ['in'], outputs: ['out'] })
      expect(run.model.outputs[0].shape).toEqual([null, 3])
    } finally {
      run.model.dispose()
    }
  })

  it('says which stage failed: the dataset (nothing compiled) or the graph', async () => {
    const noData = irisProject()
    noData.training = { ...noData.training, dataset: { id: NO_DATASET, options: {} } }
    const seen: unknown[] = []
    const data = await prepareRun(tf, noData, nodeDatasetSources(), { onData: (d) => seen.push(d) })
    expect(data).toMatchObject({ ok: false, stage: 'dataset', failure: { code: 'noDataset' } })
    expect(seen).toEqual([])

    const broken = irisProject()
    broken.edges = []
    const compiled = await prepareRun(tf, broken, nodeDatasetSources())
    expect(compiled).toMatchObject({ ok: false, stage: 'compile' })
    if (!compiled.ok && compiled.stage === 'compile') expect(compiled.diagnostics.length).toBeGreaterThan(0)
  })
})

describe('the label rule is a property of the task', () => {
  it('classification and regression learn labels; generative tasks do not', () => {
    expect(learnsLabels('classification')).toBe(true)
    expect(learnsLabels('regression')).toBe(true)
    for (const task of ['autoencoder', 'gan', 'diffusion', 'languageModel'] as const)
      expect(learnsLabels(task)).toBe(false)
  })

  it('a label task trains as its dataset stores the labels; a generative one as the document says', () => {
    expect(trainerTask(undefined, { task: 'classification' }, { task: 'regression' })).toBe('regression')
    expect(trainerTask(undefined, { task: 'gan' }, { task: 'classification' })).toBe('gan')
    expect(trainerTask('autoencoder', { task: 'classification' }, { task: 'classification' })).toBe('autoencoder')
  })
})
