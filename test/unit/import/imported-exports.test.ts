import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import type * as tfjs from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportKeras } from '../../../src/core/export/keras-python'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { exportTfjs, modelArtifacts } from '../../../src/core/export/tfjs'
import { exportWebDemo } from '../../../src/core/export/web-demo/index'
import { webDemoData } from '../../../src/core/export/web-demo/data'
import { datasetMetadata } from '../../../src/core/export/dataset-metadata'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import type { TryItSpec } from '../../../src/core/tryit/spec'
import { findPython } from '../export/python-helpers'
import { tfjs as tf } from '../tf'

/**
 * Imported models (real tfjs models, saved as tfjs saves them) through every exporter that could
 * name classes: none of them may invent names ("0"–"9" of MNIST for a 1000-way ImageNet head),
 * and the Python scripts' settings follow the model's head: 1000 classes, a yes/no unit, or
 * regression values. The training settings themselves: imported-training.test.ts.
 */

const python = findPython('ast, json')
const ROOT = resolve(import.meta.dirname, '../../..')
const TF_MIN = readFileSync(resolve(ROOT, 'node_modules/@tensorflow/tfjs/dist/tf.min.js'), 'utf8')
const noSources = () => ({ mnist: () => Promise.reject(new Error('not used')), names: () => Promise.resolve([]) })

/** A ResNet-style stem and one residual block (conv, batch norm, ReLU, skip connection), then the head. */
function resnetLike(units: number, activation: 'softmax' | 'sigmoid' | 'linear'): tfjs.LayersModel {
  const x = tf.input({ shape: [16, 16, 3], name: 'image' })
  const stem = tf.layers
    .conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'stem' })
    .apply(x) as tfjs.SymbolicTensor
  const conv = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', name: 'block_conv' }).apply(stem)
  const norm = tf.layers.batchNormalization({ name: 'block_bn' }).apply(conv)
  const relu = tf.layers.activation({ activation: 'relu', name: 'block_relu' }).apply(norm)
  const sum = tf.layers.add({ name: 'block_add' }).apply([stem, relu as tfjs.SymbolicTensor])
  const pool = tf.layers.globalAveragePooling2d({ name: 'pool' }).apply(sum)
  const out = tf.layers.dense({ units, activation, name: 'predictions' }).apply(pool) as tfjs.SymbolicTensor
  return tf.model({ inputs: x, outputs: out })
}

async function imported(model: tfjs.LayersModel): Promise<ProjectDocument> {
  const artifacts = await modelArtifacts(tf, model)
  model.dispose()
  const result = importLayersModel(
    { modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: artifacts.weightSpecs }] },
    { specs: artifacts.weightSpecs, data: artifacts.weightData as ArrayBuffer },
  )
  if (!result.ok) throw new Error(result.error)
  return result.document
}

/** train.py's CONFIG dict, read by Python itself (ast.literal_eval). */
function trainConfig(source: string): Record<string, unknown> {
  const literal = /^CONFIG = (\{.*\}|\{[\s\S]*?\n\})$/m.exec(source)?.[1]
  if (!literal) throw new Error('no CONFIG in train.py')
  const script = 'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))'
  return JSON.parse(execFileSync(python!, ['-c', script], { input: literal, encoding: 'utf8' }))
}

const HEADS = [
  { head: 'a 1000-way softmax', units: 1000, activation: 'softmax', task: 'classification', classes: 1000 },
  { head: 'one sigmoid unit', units: 1, activation: 'sigmoid', task: 'classification', classes: 2 },
  { head: 'a linear head', units: 3, activation: 'linear', task: 'regression', classes: null },
] as const

describe('exports of an imported ResNet-like model invent no class names', () => {
  it.each(HEADS)('$head: tfjs metadata, the web demo and both train.py follow the head', async (h) => {
    const doc = await imported(resnetLike(h.units, h.activation))
    expect(doc.training.dataset.id).toBe('none')
    expect(doc.training.task).toBe(h.task)

    // What the hosts hand the exporters for a project without a dataset: nothing.
    const metadata = await datasetMetadata(doc, noSources)
    expect(metadata).toEqual({ options: {} })
    const tfjsExport = await exportTfjs(tf, doc, metadata.options)
    if (!tfjsExport.ok) throw new Error(JSON.stringify(tfjsExport.problems))
    const meta = JSON.parse(tfjsExport.files['metadata.json'] as string)
    expect(meta.classNames).toBeUndefined()
    expect(meta.task).toBe(h.task)
    expect(meta.outputs[0].shape).toEqual([null, h.units])

    const demoData = await webDemoData(doc, noSources)
    expect(demoData).toEqual({ dataset: null, normalization: null })
    const demo = await exportWebDemo(tf, doc, demoData, { tfMinJs: TF_MIN })
    if (!demo.ok) throw new Error(JSON.stringify(demo.problems))
    expect(demo.spec.classNames).toBeNull()
    expect(demo.spec.input).toEqual({ kind: 'none', reason: 'noDataset' })
    const window: { LAYERCANVAS_DEMO?: { spec: TryItSpec } } = {}
    runInNewContext(demo.files['model.js'] as string, { window })
    expect(window.LAYERCANVAS_DEMO?.spec.classNames).toBeNull()
    expect(JSON.parse(demo.files['metadata.json'] as string).classNames).toBeUndefined()

    if (!python) return // the Python scripts' settings need a Python to read them
    for (const exporter of [exportPyTorch, exportKeras]) {
      const result = await exporter(tf, doc)
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      const config = trainConfig(result.files['train.py'] as string)
      expect(config).toMatchObject({ task: h.task, dataset: 'none', classes: h.classes })
      expect(result.files['train.py'] as string).not.toMatch(/class_names|CLASS_NAMES/)
    }
  })
})
