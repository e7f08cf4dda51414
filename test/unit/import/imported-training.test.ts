import type * as tfjs from '@tensorflow/tfjs'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDataset } from '../../../src/core/data/registry'
import { parseProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportTfjs, modelArtifacts } from '../../../src/core/export/tfjs'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { tfjs as tf } from '../tf'

/**
 * An imported model gets training settings that fit it (task and loss from its output) and no
 * dataset: not MNIST, whose ten digits would end up as the class names of a 1000-way model.
 * The models are real tfjs models, saved as tfjs saves them.
 */

async function modelJsonOf(model: tfjs.LayersModel): Promise<unknown> {
  const artifacts = await modelArtifacts(tf, model)
  model.dispose()
  return {
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
  }
}

/** An ImageNet-style head: convolution, global pooling, `units` outputs with `activation`. */
function imageClassifier(units: number, activation: 'softmax' | 'sigmoid' | 'linear'): tfjs.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 8, kernelSize: 3, activation: 'relu', name: 'conv' }),
      tf.layers.globalAveragePooling2d({ name: 'pool' }),
      tf.layers.dense({ units, activation, name: 'predictions' }),
    ],
  })
}

async function imported(model: tfjs.LayersModel): Promise<ProjectDocument> {
  const result = importLayersModel(await modelJsonOf(model))
  if (!result.ok) throw new Error(result.error)
  return result.document
}

const outputShape = (doc: ProjectDocument) => {
  const analysis = analyzeGraph(doc)
  return analysis.outputs.map((id) => analysis.nodes[id].outputShape)
}

describe('the training settings of an imported model', () => {
  it('a 1000-way softmax: classification over 1000 outputs, categorical cross-entropy, no dataset, no normalisation', async () => {
    const doc = await imported(imageClassifier(1000, 'softmax'))
    expect(doc.training.dataset).toEqual({ id: 'none', options: {} })
    expect(doc.training.task).toBe('classification')
    expect(doc.training.loss).toBe('categoricalCrossentropy')
    expect(doc.training.normalization).toBe('none')
    expect(outputShape(doc)).toEqual([[1000]])
  })

  it('a linear output: regression with mean squared error', async () => {
    const doc = await imported(imageClassifier(4, 'linear'))
    expect(doc.training.dataset.id).toBe('none')
    expect(doc.training.task).toBe('regression')
    expect(doc.training.loss).toBe('meanSquaredError')
  })

  it('sigmoid units: classification with binary cross-entropy (they do not sum to 1)', async () => {
    const doc = await imported(imageClassifier(1, 'sigmoid'))
    expect(doc.training.task).toBe('classification')
    expect(doc.training.loss).toBe('binaryCrossentropy')
  })

  it('several outputs: the default task and loss, still no dataset', async () => {
    const input = tf.input({ shape: [6], name: 'x' })
    const hidden = tf.layers.dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(input) as tfjs.SymbolicTensor
    const classes = tf.layers
      .dense({ units: 5, activation: 'softmax', name: 'classes' })
      .apply(hidden) as tfjs.SymbolicTensor
    const value = tf.layers
      .dense({ units: 1, activation: 'linear', name: 'value' })
      .apply(hidden) as tfjs.SymbolicTensor
    const doc = await imported(tf.model({ inputs: input, outputs: [classes, value] }))
    const defaults = parseProject({
      format: 'layercanvas',
      schemaVersion: doc.schemaVersion,
      name: 'x',
      nodes: [],
      edges: [],
    })
    if (!defaults.ok) throw new Error(defaults.error.message)
    expect(outputShape(doc)).toHaveLength(2)
    expect(doc.training).toEqual({ ...defaults.document.training, dataset: { id: 'none', options: {} } })
  })

  it('a project without a dataset opens again as one: the unset dataset is part of the format', async () => {
    const doc = await imported(imageClassifier(10, 'softmax'))
    const reopened = parseProject(JSON.parse(JSON.stringify(doc)))
    expect(reopened.ok && reopened.document.training.dataset.id).toBe('none')
    const loaded = await loadDataset(doc.training.dataset, {
      mnist: () => Promise.reject(new Error('not used')),
      names: () => Promise.resolve([]),
    })
    expect(loaded.ok).toBe(false)
    expect(!loaded.ok && loaded.code).toBe('noDataset')
    expect(!loaded.ok && loaded.message['zh-CN']).toMatch(/请先选择一个数据集/)
  })
})

describe('tfjs export: metadata.json names classes only when the dataset names every output unit', () => {
  const noSources = { mnist: () => Promise.reject(new Error('not used')), names: () => Promise.resolve([]) }
  let irisNames: string[] = []
  beforeAll(async () => {
    const iris = await loadDataset({ id: 'iris', options: {} }, noSources)
    if (!iris.ok) throw new Error(iris.error)
    irisNames = iris.dataset.classNames!
    expect(irisNames).toHaveLength(3)
  })

  it('1000 outputs and a 3-class dataset: no class names, and the README says why', async () => {
    const doc = await imported(imageClassifier(1000, 'softmax'))
    const result = await exportTfjs(tf, doc, { classNames: irisNames })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const metadata = JSON.parse(result.files['metadata.json'] as string)
    expect(metadata.classNames).toBeUndefined()
    expect(metadata.task).toBe('classification')
    expect(metadata.outputs[0].shape).toEqual([null, 1000])
    expect(result.files['README.md']).toMatch(/lists no class names/)
  })

  it('3 outputs and the 3 iris classes: the names are kept', async () => {
    const doc = await imported(imageClassifier(3, 'softmax'))
    const result = await exportTfjs(tf, doc, { classNames: irisNames })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(JSON.parse(result.files['metadata.json'] as string).classNames).toEqual(irisNames)
    expect(result.files['README.md']).not.toMatch(/lists no class names/)
  })

  it('one sigmoid unit takes two names (as the trainer does), not three', async () => {
    const doc = await imported(imageClassifier(1, 'sigmoid'))
    const two = await exportTfjs(tf, doc, { classNames: ['no', 'yes'] })
    const three = await exportTfjs(tf, doc, { classNames: irisNames })
    if (!two.ok || !three.ok) throw new Error('export failed')
    expect(two.metadata.classNames).toEqual(['no', 'yes'])
    expect(three.metadata.classNames).toBeUndefined()
  })
})

describe('the command line on an imported project', () => {
  const ROOT = resolve(import.meta.dirname, '../../..')
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(ROOT, 'bin/layercanvas.mjs'), ...args],
        { cwd: ROOT, env: { ...process.env, LAYERCANVAS_DEBUG: '' } },
        (error, stdout, stderr) => {
          done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
        },
      )
    })
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'layercanvas-imported-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('import, check, export, then train: export says nothing of the dataset; train exits 2 asking for one, and writes nothing', async () => {
    await writeFile(join(dir, 'model.json'), JSON.stringify(await modelJsonOf(imageClassifier(1000, 'softmax'))))
    const importRun = await cli(['import', join(dir, 'model.json'), '--no-weights', '--out', join(dir, 'project.json')])
    expect(importRun.code).toBe(0)
    const saved = JSON.parse(await readFile(join(dir, 'project.json'), 'utf8'))
    expect(saved.training.dataset.id).toBe('none')

    expect((await cli(['check', join(dir, 'project.json')])).code).toBe(0)

    // Export: no class names, and no warning about a dataset that was never chosen.
    const exportRun = await cli(['export', join(dir, 'project.json'), '--format', 'tfjs', '--out', join(dir, 'tfjs')])
    expect(exportRun.code).toBe(0)
    expect(exportRun.stderr).toBe('')
    expect(JSON.parse(await readFile(join(dir, 'tfjs', 'metadata.json'), 'utf8')).classNames).toBeUndefined()

    const run = await cli(['train', join(dir, 'project.json'), '--max-batches', '1', '--out', join(dir, 'run')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /^layercanvas: .*project\.json: No dataset is chosen for this project: choose a dataset first/,
    )
    expect(run.stdout).toBe('')
    await expect(stat(join(dir, 'run'))).rejects.toThrow()
  }, 120_000)
})
