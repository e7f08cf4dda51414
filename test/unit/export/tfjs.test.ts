import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as tfjs from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportTfjs, type TfjsModelJson } from '../../../src/core/export/tfjs'
import { CUSTOM_LAYERS_FILE, CUSTOM_LAYER_CLASS_NAMES } from '../../../src/core/export/tfjs-layers-module'
import { customLayers } from '../../../src/core/layers/custom/index'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { graph, loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import {
  CUSTOM_GRAPHS,
  maxDiff,
  predictArrays,
  randomInputs,
  withTrainedWeights,
  writeFiles,
} from './file-export-helpers'

/**
 * The TensorFlow.js export: files written to a temporary folder, loaded back with
 * tf.loadLayersModel (after running the generated layercanvas-layers.js for our own layers),
 * and the predictions compared with LayerCanvas' own model on random inputs and random
 * "trained" weights. AlexNet (62M weights, 250 MB) is left out to keep the suite fast; its
 * layers are all covered by LeNet-5 and the graphs here.
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-tfjs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Loads an exported folder the way predict.mjs does (fromMemory with the files' contents). */
async function loadExported(folder: string): Promise<tfjs.LayersModel> {
  const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as TfjsModelJson
  const bin = readFileSync(join(folder, 'weights.bin'))
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tfjs.io.ModelArtifacts['modelTopology'],
      weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  )
}

/** LayerCanvas' model for the document with its trained weights. */
function ourModel(doc: ProjectDocument): tfjs.LayersModel {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  if (doc.trained) applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained)
  return compiled.model
}

let folders = 0
async function exportAndCompare(
  doc: ProjectDocument,
  seed: number,
): Promise<{ diff: number; files: string[]; folder: string }> {
  const result = await exportTfjs(tf, doc, { version: 'test' })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const folder = join(dir, `m${folders++}`)
  writeFiles(folder, result.files)
  const ours = ourModel(doc)
  const inputs = randomInputs(ours, 3, seed)
  const expected = await predictArrays(ours, inputs)
  if (result.files[CUSTOM_LAYERS_FILE]) {
    const module = (await import(pathToFileURL(join(folder, CUSTOM_LAYERS_FILE)).href)) as {
      registerLayerCanvasLayers(t: unknown): Record<string, unknown>
    }
    const classes = module.registerLayerCanvasLayers(tf)
    // The generated classes are the ones tf now builds from model.json, not ours.
    for (const cls of Object.values(classes))
      expect(tf.serialization.SerializationMap.getMap().classNameMap[(cls as { className: string }).className][0]).toBe(
        cls,
      )
  }
  const loaded = await loadExported(folder)
  const got = await predictArrays(loaded, inputs)
  tf.dispose(inputs)
  ours.dispose()
  loaded.dispose()
  // The registry goes back to our classes for the next test.
  for (const cls of Object.values(customLayers(tf))) tf.serialization.registerClass(cls as never)
  return { diff: maxDiff(expected, got), files: Object.keys(result.files).sort(), folder }
}

describe('exportTfjs: tf.loadLayersModel gives identical predictions', () => {
  for (const id of ['mlp-mnist', 'lenet5']) {
    it(`${id} (trained weights)`, async () => {
      const doc = await withTrainedWeights(loadTemplate(id), 11)
      const { diff, files } = await exportAndCompare(doc, 3)
      expect(diff).toBe(0)
      expect(files).toEqual(['README.md', 'metadata.json', 'model.json', 'predict.mjs', 'weights.bin'])
    })
  }

  for (const [name, make] of Object.entries(CUSTOM_GRAPHS)) {
    const custom = name === 'attention' || name === 'diffusion' || name === 'relu'
    it(`${name} graph${custom ? ' (custom layers through layercanvas-layers.js)' : ''}`, async () => {
      const doc = await withTrainedWeights(make(), 5)
      const { diff, files } = await exportAndCompare(doc, 9)
      expect(diff).toBeLessThanOrEqual(1e-6)
      expect(files.includes(CUSTOM_LAYERS_FILE)).toBe(custom)
    })
  }

  it('without trained weights, exports the fresh ones and says so', async () => {
    const result = await exportTfjs(tf, loadTemplate('mlp-mnist'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.metadata.weights).toBe('initial')
    expect(result.files['README.md']).toMatch(/freshly initialised/)
    const spec = JSON.parse(result.files['model.json'] as string) as TfjsModelJson
    const bytes = spec.weightsManifest[0].weights.reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0)
    expect((result.files['weights.bin'] as Uint8Array).byteLength).toBe(bytes)
  })

  it('metadata.json lists inputs, outputs, class names, normalisation and the custom layers', async () => {
    const doc = CUSTOM_GRAPHS.attention()
    const normalization = { method: 'standard' as const, shift: [1], scale: [2] }
    const result = await exportTfjs(tf, doc, { classNames: ['a', 'b', 'c'], normalization, version: '9.9.9' })
    if (!result.ok) throw new Error('export failed')
    const meta = JSON.parse(result.files['metadata.json'] as string)
    expect(meta).toMatchObject({
      format: 'layercanvas-tfjs',
      layercanvasVersion: '9.9.9',
      inputs: [{ nodeId: 'tokens', layerName: 'tokens', shape: [null, 6], dtype: 'int32' }],
      outputs: [{ nodeId: 'out', shape: [null, 6, 3], dtype: 'float32' }],
      classNames: ['a', 'b', 'c'],
      normalization,
      weights: 'initial',
    })
    expect(meta.customLayers.sort()).toEqual(['LayerCanvasMultiHeadAttention', 'LayerCanvasPositionalEmbedding'])
  })

  it('a trained layer whose settings changed keeps fresh weights, with a warning naming the node', async () => {
    const trained = await withTrainedWeights(loadTemplate('mlp-mnist'))
    const doc = {
      ...trained,
      nodes: trained.nodes.map((n) => (n.id === 'hidden' ? { ...n, params: { ...n.params, units: 64 } } : n)),
    }
    const result = await exportTfjs(tf, doc)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.warnings.map((w) => w.nodeId)).toContain('hidden')
    // Both Dense layers changed shape (hidden's units, output's inputs): nothing trained is left.
    expect(result.warnings.map((w) => w.nodeId)).toContain('output')
    expect(result.metadata.weights).toBe('initial')
  })

  it('a graph with errors is refused, naming the node', async () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 4, width: 4, channels: 1 }],
        ['d', 'dense', { units: 2 }],
      ],
      [['in', 'd']],
    )
    const result = await exportTfjs(tf, doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.nodeId)).toContain('d')
  })
})

describe('layercanvas-layers.js', () => {
  it('defines every custom class with the same name and config as ours', async () => {
    const result = await exportTfjs(tf, CUSTOM_GRAPHS.diffusion())
    if (!result.ok) throw new Error('export failed')
    const folder = join(dir, 'module-check')
    writeFiles(folder, result.files)
    const module = (await import(pathToFileURL(join(folder, CUSTOM_LAYERS_FILE)).href)) as {
      registerLayerCanvasLayers(t: unknown): Record<string, new (args: object) => tfjs.layers.Layer>
    }
    // A fresh object, so the module defines new classes rather than returning cached ones.
    const generated = module.registerLayerCanvasLayers({ ...tf })
    const ours = customLayers(tf) as unknown as Record<string, new (args: object) => tfjs.layers.Layer>
    expect(Object.keys(generated).sort()).toEqual(Object.keys(ours).sort())
    expect(
      Object.values(generated)
        .map((c) => (c as unknown as { className: string }).className)
        .sort(),
    ).toEqual([...CUSTOM_LAYER_CLASS_NAMES].sort())
    const args: Record<string, object> = {
      MultiHeadAttention: { numHeads: 3, keyDim: 2, dropout: 0.1, causal: true, useBias: false, name: 'x' },
      PositionalEmbedding: { mode: 'learned', maxLength: 7, name: 'x' },
      TimestepEmbedding: { dim: 6, maxPeriod: 100, name: 'x' },
      Condition: { mode: 'film', name: 'x' },
      GroupNormalization: { groups: 2, epsilon: 0.01, center: false, scale: true, name: 'x' },
    }
    for (const [key, a] of Object.entries(args)) {
      expect(new generated[key](a).getConfig(), key).toEqual(new ours[key](a).getConfig())
    }
    for (const cls of Object.values(customLayers(tf))) tf.serialization.registerClass(cls as never)
  })

  it('predict.mjs (the README command) runs with node', async () => {
    const doc = await withTrainedWeights(CUSTOM_GRAPHS.attention())
    const result = await exportTfjs(tf, doc)
    if (!result.ok) throw new Error('export failed')
    const folder = join(dir, 'predict')
    writeFiles(folder, result.files)
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'))
    const stdout = execFileSync(process.execPath, ['predict.mjs'], { cwd: folder, encoding: 'utf8', timeout: 60_000 })
    const line = stdout.split('\n').find((l) => l.startsWith('{'))
    expect(JSON.parse(line!).shape).toEqual([1, 6, 3])
    expect(result.files['README.md']).toContain('node predict.mjs')
    expect(result.files['README.md']).toContain('registerLayerCanvasLayers(tf)')
  })
})
