import type * as tfjs from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { unzipSync, strFromU8 } from 'fflate'
import h5wasm from 'h5wasm'
import { compileModel } from '../../../src/core/compile/compile'
import { parseProject } from '../../../src/core/document/parse'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportKerasFile, h5wasmMemoryWriter, type H5wasmModule } from '../../../src/core/export/keras-file'
import { exportTfjs, type TfjsModelJson } from '../../../src/core/export/tfjs'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import { CUSTOM_GRAPHS, maxDiff, predictArrays, randomInputs, withTrainedWeights } from '../export/file-export-helpers'

/** What makes two canvases the same network: kinds, params and port-ordered edges, by node id. */
function shapeOfGraph(doc: ProjectDocument) {
  return {
    nodes: Object.fromEntries(doc.nodes.map((n) => [n.id, { kind: n.kind, params: n.params, name: n.name }])),
    edges: doc.edges.map((e) => `${e.source}->${e.target}:${e.targetPort}`).sort(),
  }
}

async function exported(doc: ProjectDocument): Promise<{ modelJson: TfjsModelJson; bin: Uint8Array }> {
  const result = await exportTfjs(tf, doc)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return { modelJson: JSON.parse(result.files['model.json'] as string), bin: result.files['weights.bin'] as Uint8Array }
}

function modelOf(doc: ProjectDocument): tfjs.LayersModel {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  if (doc.trained) {
    const applied = applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained)
    expect(applied.skipped).toEqual([])
  }
  return compiled.model
}

const cases: Record<string, () => ProjectDocument> = {
  'mlp-mnist': () => loadTemplate('mlp-mnist'),
  lenet5: () => loadTemplate('lenet5'),
  ...CUSTOM_GRAPHS,
}

describe('export to tfjs, import back: the same graph and the same predictions', () => {
  for (const [name, make] of Object.entries(cases)) {
    it(name, async () => {
      const original = await withTrainedWeights(make(), 21)
      const { modelJson, bin } = await exported(original)
      const result = importLayersModel(modelJson, { specs: modelJson.weightsManifest[0].weights, data: bin })
      if (!result.ok) throw new Error(result.error)
      expect(result.unmapped).toEqual([])
      expect(result.warnings).toEqual([])
      expect(shapeOfGraph(result.document)).toEqual(shapeOfGraph(original))
      expect(analyzeGraph(result.document).valid).toBe(true)
      // Laid out: every node has its own place.
      expect(new Set(result.document.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(
        result.document.nodes.length,
      )
      const ours = modelOf(original)
      const theirs = modelOf(result.document)
      const inputs = randomInputs(ours, 2, 4)
      expect(maxDiff(await predictArrays(ours, inputs), await predictArrays(theirs, inputs))).toBe(0)
      tf.dispose(inputs)
      ours.dispose()
      theirs.dispose()
    })
  }

  it('the topology alone (no weights, no LayerCanvas metadata) imports too', async () => {
    const { modelJson } = await exported(loadTemplate('lenet5'))
    const result = importLayersModel(modelJson.modelTopology)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.document.trained).toBeUndefined()
      expect(result.document.nodes.map((n) => n.kind)).toEqual(loadTemplate('lenet5').nodes.map((n) => n.kind))
    }
  })

  it("Keras 3's config.json (from the .keras export) imports to the same kinds and params", async () => {
    for (const make of [() => loadTemplate('lenet5'), CUSTOM_GRAPHS.recurrent]) {
      const doc = make()
      const result = await exportKerasFile(tf, doc, h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule))
      if (!result.ok) throw new Error(JSON.stringify(result.problems))
      const config = JSON.parse(strFromU8(unzipSync(result.files['model.keras'] as Uint8Array)['config.json']))
      const imported = importLayersModel(config)
      if (!imported.ok) throw new Error(imported.error)
      const { nodes, edges } = shapeOfGraph(imported.document)
      const expected = shapeOfGraph(doc)
      expect(edges).toEqual(expected.edges)
      for (const [id, node] of Object.entries(expected.nodes))
        expect(nodes[id], id).toMatchObject({ kind: node.kind, params: node.params })
    }
  })
})

/** A Keras 2 / tensorflowjs_converter style model.json, written by hand. */
function keras2Sequential(layers: object[]) {
  return {
    format: 'layers-model',
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: { class_name: 'Sequential', config: { name: 'sequential', layers } },
    },
    weightsManifest: [],
  }
}

describe('importLayersModel: Keras files and what cannot be mapped', () => {
  it('reads a Keras 2 Sequential model (input shape on the first layer)', () => {
    const json = keras2Sequential([
      {
        class_name: 'Conv2D',
        config: {
          name: 'conv2d',
          batch_input_shape: [null, 8, 8, 3],
          filters: 4,
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'same',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation: 'relu',
          use_bias: true,
        },
      },
      {
        class_name: 'MaxPooling2D',
        config: { name: 'max_pooling2d', pool_size: [2, 2], strides: null, padding: 'valid' },
      },
      { class_name: 'Flatten', config: { name: 'flatten' } },
      { class_name: 'Dense', config: { name: 'dense', units: 5, activation: 'softmax', use_bias: true } },
    ])
    const result = importLayersModel(json)
    if (!result.ok) throw new Error(result.error)
    expect(result.document.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['input', 'input'],
      ['conv2d', 'conv2d'],
      ['max_pooling2d', 'maxPool2d'],
      ['flatten', 'flatten'],
      ['dense', 'dense'],
    ])
    expect(result.document.nodes[0].params).toMatchObject({ mode: 'image', height: 8, width: 8, channels: 3 })
    expect(result.document.nodes[2].params).toMatchObject({ poolSize: [2, 2], strides: [2, 2] })
    expect(result.document.name).toBe('sequential')
    expect(analyzeGraph(result.document).valid).toBe(true)
  })

  it('a layer named like an Object.prototype member gets a safe id instead of failing the import', () => {
    const json = keras2Sequential([
      {
        class_name: 'Dense',
        config: { name: 'constructor', batch_input_shape: [null, 4], units: 3, activation: 'relu', use_bias: true },
      },
      { class_name: 'Dense', config: { name: '__proto__', units: 2, activation: 'linear', use_bias: true } },
    ])
    const result = importLayersModel(json)
    if (!result.ok) throw new Error(result.error)
    expect(result.document.nodes.map((n) => n.id)).toEqual(['input', 'constructor_layer', '__proto___layer'])
    expect(analyzeGraph(result.document).valid).toBe(true)
  })

  it('a 20,000-layer chain imports (ids, layout and analysis; its speed is measured in npm run bench -- scale)', () => {
    const layers: object[] = [
      { class_name: 'Dense', config: { name: 'd0', batch_input_shape: [null, 2], units: 2, use_bias: false } },
    ]
    for (let i = 1; i < 19_999; i++)
      layers.push({ class_name: 'Dense', config: { name: `d${i}`, units: 2, use_bias: false } })
    const result = importLayersModel(keras2Sequential(layers))
    if (!result.ok) throw new Error(result.error)
    expect(result.document.nodes).toHaveLength(20_000)
    expect(new Set(result.document.nodes.map((n) => n.id)).size).toBe(20_000)
    expect(result.document.nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(
      true,
    )
  }, 120_000)

  it('an unknown layer fails the import, listing it by name and class', () => {
    const json = keras2Sequential([
      { class_name: 'Dense', config: { name: 'd1', batch_input_shape: [null, 4], units: 3, activation: 'relu' } },
      { class_name: 'MyFancyLayer', config: { name: 'fancy' } },
      { class_name: 'Dense', config: { name: 'd2', units: 2, activation: 'hard_sigmoid' } },
    ])
    const result = importLayersModel(json)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.unmapped).toEqual([
      { layerName: 'fancy', className: 'MyFancyLayer', reason: 'LayerCanvas has no layer of this class' },
      { layerName: 'd2', className: 'Dense', reason: expect.stringContaining('hard_sigmoid') },
    ])
    expect(result.error).toMatch(/"fancy" \(MyFancyLayer\)/)
  })

  it('with allowGaps the rest is imported, and the layer after the gap shows a missing input', () => {
    const json = keras2Sequential([
      { class_name: 'Dense', config: { name: 'd1', batch_input_shape: [null, 4], units: 3, activation: 'relu' } },
      { class_name: 'MyFancyLayer', config: { name: 'fancy' } },
      { class_name: 'Dense', config: { name: 'd2', units: 2, activation: 'linear' } },
    ])
    const result = importLayersModel(json, undefined, { allowGaps: true })
    if (!result.ok) throw new Error(result.error)
    expect(result.unmapped.map((u) => u.layerName)).toEqual(['fancy'])
    expect(result.document.nodes.map((n) => n.id)).toEqual(['input', 'd1', 'd2'])
    expect(result.document.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['input->d1'])
    const analysis = analyzeGraph(result.document)
    expect(analysis.diagnostics.some((d) => d.nodeId === 'd2')).toBe(true)
  })

  it('settings LayerCanvas cannot express are reasons, approximations are warnings', () => {
    const input = {
      class_name: 'InputLayer',
      name: 'x',
      config: { name: 'x', batch_input_shape: [null, 5, 3] },
      inbound_nodes: [],
    }
    const layer = (name: string, className: string, config: object) => ({
      class_name: className,
      name,
      config: { name, ...config },
      inbound_nodes: [[['x', 0, 0, {}]]],
    })
    const model = (l: object) => ({
      class_name: 'Model',
      config: { name: 'm', layers: [input, l], input_layers: [['x', 0, 0]], output_layers: [['y', 0, 0]] },
    })
    const gru = importLayersModel(model(layer('y', 'GRU', { units: 4, reset_after: true })))
    expect(!gru.ok && gru.unmapped[0].reason).toMatch(/reset_after/)
    const dilated = importLayersModel(model(layer('y', 'Conv1D', { filters: 2, kernel_size: 3, dilation_rate: 2 })))
    expect(!dilated.ok && dilated.unmapped[0].reason).toMatch(/dilation/)
    // tfjs's hard sigmoid is kept as it is (test/unit/import/keras-dialect.test.ts has the details).
    const lstm = importLayersModel(model(layer('y', 'LSTM', { units: 4, recurrent_activation: 'hard_sigmoid' })))
    expect(lstm.ok && lstm.warnings).toEqual([])
    expect(lstm.ok && lstm.document.nodes.find((n) => n.kind === 'lstm')?.params.recurrentActivation).toBe(
      'hard_sigmoid',
    )
    const huge = importLayersModel(model(layer('y', 'Dense', { units: 0 })))
    expect(!huge.ok && huge.unmapped[0].reason).toMatch(/units/)
    const unknownShape = importLayersModel({
      ...model(layer('y', 'Dense', { units: 2 })),
      config: {
        ...model(layer('y', 'Dense', { units: 2 })).config,
        layers: [
          { ...input, config: { name: 'x', batch_input_shape: [null, null, 3] } },
          layer('y', 'Dense', { units: 2 }),
        ],
      },
    })
    expect(!unknownShape.ok && unknownShape.unmapped[0]).toMatchObject({
      layerName: 'x',
      className: 'InputLayer',
      reason: expect.stringMatching(/unknown sizes/),
    })
  })

  it('weights of the wrong size, truncated weights and a wrong manifest give clear errors', async () => {
    const doc = await withTrainedWeights(loadTemplate('mlp-mnist'))
    const { modelJson, bin } = await exported(doc)
    const specs = modelJson.weightsManifest[0].weights
    const truncated = importLayersModel(modelJson, { specs, data: bin.slice(0, bin.length - 8) })
    expect(!truncated.ok && truncated.error).toMatch(/bytes but the manifest describes/)
    const reshaped = specs.map((s) => (s.name.endsWith('hidden/kernel') ? { ...s, shape: [392, 128] } : s))
    const wrong = importLayersModel(modelJson, { specs: reshaped, data: bin.slice(0, bin.length - 392 * 128 * 4) })
    expect(!wrong.ok && wrong.error).toMatch(/layer "hidden".*wrong size/)
    const notAList = importLayersModel(modelJson, { specs: { nope: 1 }, data: bin })
    expect(!notAList.ok && notAList.error).toMatch(/not a list/)
    const badDtype = importLayersModel(modelJson, { specs: [{ ...specs[0], dtype: 'complex64' }], data: bin })
    expect(!badDtype.ok && badDtype.error).toMatch(/unsupported dtype/)
  })

  it('uint8-quantized weights are dequantized', async () => {
    const json = keras2Sequential([
      {
        class_name: 'Dense',
        config: { name: 'd', batch_input_shape: [null, 2], units: 1, activation: 'linear', use_bias: false },
      },
    ])
    const specs = [
      { name: 'd/kernel', shape: [2, 1], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
    ]
    const result = importLayersModel(json, { specs, data: new Uint8Array([0, 4]) })
    if (!result.ok) throw new Error(result.error)
    const parsed = parseProject(structuredClone(result.document))
    expect(parsed.ok).toBe(true)
    const model = modelOf(result.document)
    expect(Array.from(model.getLayer('d').getWeights()[0].dataSync())).toEqual([-1, 1])
    model.dispose()
  })

  it('not a model at all: a clear error', () => {
    expect(importLayersModel(null)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a TensorFlow.js or Keras model/),
    })
    expect(importLayersModel({ class_name: 'Bogus', config: {} })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Bogus/),
    })
    expect(importLayersModel({ class_name: 'Sequential', config: { layers: [] } })).toMatchObject({
      ok: false,
      error: 'the model has no layers',
    })
  })
})
