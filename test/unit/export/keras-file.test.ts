import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import h5wasm from 'h5wasm'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProjectDocument } from '../../../src/core/document/types'
import {
  exportKerasFile,
  h5wasmMemoryWriter,
  kerasLayerOrder,
  toSnakeCase,
  type H5wasmModule,
} from '../../../src/core/export/keras-file'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import { CUSTOM_GRAPHS, withTrainedWeights } from './file-export-helpers'
import { findPython } from './python-helpers'

/**
 * The experimental .keras export: the zip's three entries, config.json in Keras 3's functional
 * dialect, and model.weights.h5 read by Debian's python3-h5py (/usr/bin/python3; skipped with
 * a message when it is missing) with exactly the groups, shapes and values Keras 3's
 * saving_lib would write. No Keras runs here, so loading in Keras itself is not tested.
 */

const dir = mkdtempSync(join(tmpdir(), 'layercanvas-keras-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const H5PY = findPython('h5py')
if (!H5PY)
  console.warn('keras-file.test: no python3 with h5py (apt install python3-h5py): the HDF5 layout checks are skipped')

const writer = h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule)

async function exportFile(doc: ProjectDocument) {
  const result = await exportKerasFile(tf, doc, writer, { now: new Date(2025, 0, 2, 3, 4, 5) })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const zip = unzipSync(result.files['model.keras'] as Uint8Array)
  return {
    result,
    zip,
    config: JSON.parse(strFromU8(zip['config.json'])),
    metadata: JSON.parse(strFromU8(zip['metadata.json'])),
  }
}

/** path → [shape, sum of values] for every dataset, and the list of groups, as h5py sees them. */
function h5Listing(h5: Uint8Array, name: string): { groups: string[]; datasets: Record<string, [number[], number]> } {
  const path = join(dir, `${name}.h5`)
  writeFileSync(path, h5)
  const script = `
import h5py, json, sys
groups, datasets = [], {}
def visit(name, obj):
    if isinstance(obj, h5py.Dataset):
        datasets[name] = [list(obj.shape), float(obj[()].astype('float64').sum())]
        assert obj.dtype == 'float32', obj.dtype
    else:
        groups.append(name)
with h5py.File(sys.argv[1], 'r') as f:
    f.visititems(visit)
print(json.dumps({"groups": sorted(groups), "datasets": datasets}))
`
  return JSON.parse(execFileSync(H5PY!, ['-c', script, path], { encoding: 'utf8' }))
}

/** The sum of each weight of each node, in tfjs order, from the document's trained weights. */
function trainedSums(doc: ProjectDocument): Record<string, number[]> {
  const out: Record<string, number[]> = {}
  for (const [id, weights] of Object.entries(doc.trained!.layers)) {
    out[id] = weights.map((w) => sum(w.data))
  }
  return out
}

function sum(values: Float32Array): number {
  return values.reduce((a, b) => a + b, 0)
}

describe('exportKerasFile: the Keras 3 layout', () => {
  it('mlp-mnist: zip entries, config.json, metadata.json', async () => {
    const { result, zip, config, metadata } = await exportFile(loadTemplate('mlp-mnist'))
    expect(Object.keys(zip).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5'])
    expect(metadata).toEqual({ keras_version: '3.6.0', date_saved: '2025-01-02@03:04:05' })
    expect(config).toMatchObject({
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      registered_name: 'Functional',
      compile_config: null,
    })
    expect(config.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual([
      'InputLayer',
      'Flatten',
      'Dense',
      'Dense',
    ])
    expect(config.config.layers[0].config).toEqual({
      batch_shape: [null, 28, 28, 1],
      dtype: 'float32',
      sparse: false,
      name: 'input',
    })
    const hidden = config.config.layers[2]
    expect(hidden).toMatchObject({
      module: 'keras.layers',
      registered_name: null,
      name: 'hidden',
      build_config: { input_shape: [null, 784] },
      config: {
        name: 'hidden',
        units: 128,
        activation: 'relu',
        use_bias: true,
        dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } },
      },
      inbound_nodes: [
        {
          args: [
            {
              class_name: '__keras_tensor__',
              config: { shape: [null, 784], dtype: 'float32', keras_history: ['flatten', 0, 0] },
            },
          ],
          kwargs: {},
        },
      ],
    })
    expect(config.config.input_layers).toEqual(['input', 0, 0])
    expect(config.config.output_layers).toEqual(['output', 0, 0])
    expect(result.warnings[0].message).toMatch(/experimental/)
    expect(result.files['README.md']).toMatch(/experimental/i)
  })

  it.skipIf(!H5PY)('mlp-mnist: h5py reads layers/<snake_case>[_N]/vars/<i> with the trained values', async () => {
    const doc = await withTrainedWeights(loadTemplate('mlp-mnist'))
    const { zip } = await exportFile(doc)
    const h5 = h5Listing(zip['model.weights.h5'], 'mlp')
    expect(h5.groups).toEqual([
      'layers',
      'layers/dense',
      'layers/dense/vars',
      'layers/dense_1',
      'layers/dense_1/vars',
      'layers/flatten',
      'layers/flatten/vars',
      'layers/input_layer',
      'layers/input_layer/vars',
      'optimizer',
      'optimizer/vars',
      'vars',
    ])
    const sums = trainedSums(doc)
    expect(Object.fromEntries(Object.entries(h5.datasets).map(([k, [shape]]) => [k, shape]))).toEqual({
      'layers/dense/vars/0': [784, 128],
      'layers/dense/vars/1': [128],
      'layers/dense_1/vars/0': [128, 10],
      'layers/dense_1/vars/1': [10],
    })
    expect(h5.datasets['layers/dense/vars/0'][1]).toBeCloseTo(sums.hidden[0], 2)
    expect(h5.datasets['layers/dense_1/vars/1'][1]).toBeCloseTo(sums.output[1], 4)
  })

  it.skipIf(!H5PY)('lenet5: conv kernels HWIO, every layer a group, numbered per class', async () => {
    const doc = await withTrainedWeights(loadTemplate('lenet5'))
    const { zip, config } = await exportFile(doc)
    expect(config.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual([
      'InputLayer',
      'ZeroPadding2D',
      'Conv2D',
      'AveragePooling2D',
      'Conv2D',
      'AveragePooling2D',
      'Flatten',
      'Dense',
      'Dense',
      'Dense',
    ])
    const h5 = h5Listing(zip['model.weights.h5'], 'lenet5')
    for (const group of [
      'input_layer',
      'zero_padding2d',
      'conv2d',
      'average_pooling2d',
      'conv2d_1',
      'average_pooling2d_1',
      'flatten',
      'dense',
      'dense_1',
      'dense_2',
    ]) {
      expect(h5.groups).toContain(`layers/${group}/vars`)
    }
    const shapes = Object.fromEntries(Object.entries(h5.datasets).map(([k, [shape]]) => [k, shape]))
    expect(shapes).toEqual({
      'layers/conv2d/vars/0': [5, 5, 1, 6],
      'layers/conv2d/vars/1': [6],
      'layers/conv2d_1/vars/0': [5, 5, 6, 16],
      'layers/conv2d_1/vars/1': [16],
      'layers/dense/vars/0': [400, 120],
      'layers/dense/vars/1': [120],
      'layers/dense_1/vars/0': [120, 84],
      'layers/dense_1/vars/1': [84],
      'layers/dense_2/vars/0': [84, 10],
      'layers/dense_2/vars/1': [10],
    })
    const sums = trainedSums(doc)
    expect(h5.datasets['layers/conv2d_1/vars/0'][1]).toBeCloseTo(sums.c3[0], 3)
    expect(h5.datasets['layers/dense_2/vars/0'][1]).toBeCloseTo(sums.output[0], 3)
  })

  it.skipIf(!H5PY)(
    'recurrent layers keep their weights in cell/, Bidirectional in forward_layer/ and backward_layer/',
    async () => {
      const { zip, config } = await exportFile(CUSTOM_GRAPHS.recurrent())
      const h5 = h5Listing(zip['model.weights.h5'], 'recurrent')
      const shapes = Object.fromEntries(Object.entries(h5.datasets).map(([k, [shape]]) => [k, shape]))
      expect(shapes).toMatchObject({
        'layers/bidirectional/forward_layer/cell/vars/0': [4, 12],
        'layers/bidirectional/forward_layer/cell/vars/1': [3, 12],
        'layers/bidirectional/forward_layer/cell/vars/2': [12],
        'layers/bidirectional/backward_layer/cell/vars/0': [4, 12],
        'layers/gru/cell/vars/0': [4, 18],
        'layers/gru/cell/vars/2': [18],
        'layers/simple_rnn/cell/vars/1': [6, 6],
        'layers/lstm/cell/vars/0': [12, 16],
        'layers/batch_normalization/vars/3': [12],
        'layers/conv1d/vars/0': [2, 3, 4],
      })
      expect(h5.groups).toContain('layers/lstm/vars')
      expect(h5.groups).toContain('layers/bidirectional/vars')
      const gru = config.config.layers.find((l: { name: string }) => l.name === 'gru')
      expect(gru.config).toMatchObject({ reset_after: false, recurrent_activation: 'sigmoid', return_sequences: true })
      const cat = config.config.layers.find((l: { name: string }) => l.name === 'cat')
      expect(cat.config.axis).toBe(-1)
      expect(
        cat.inbound_nodes[0].args[0].map((t: { config: { keras_history: unknown[] } }) => t.config.keras_history[0]),
      ).toEqual(['bi', 'sum'])
    },
  )

  it('layers without a Keras 3 built-in are refused, naming the node', async () => {
    const result = await exportKerasFile(tf, CUSTOM_GRAPHS.attention(), writer)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.nodeId).sort()).toEqual(['mha', 'pos', 'pos2'])
  })
})

describe('Keras naming and order', () => {
  it('to_snake_case as Keras writes it', () => {
    expect(
      [
        'Dense',
        'Conv2D',
        'Conv2DTranspose',
        'MaxPooling2D',
        'GlobalAveragePooling2D',
        'LSTM',
        'SimpleRNN',
        'InputLayer',
        'LeakyReLU',
        'ZeroPadding2D',
      ].map(toSnakeCase),
    ).toEqual([
      'dense',
      'conv2d',
      'conv2d_transpose',
      'max_pooling2d',
      'global_average_pooling2d',
      'lstm',
      'simple_rnn',
      'input_layer',
      'leaky_re_lu',
      'zero_padding2d',
    ])
  })

  it("the functional graph's layer order: by depth, then first visit from the outputs", () => {
    // in → c → out and in → a → b → out, with out's inputs [c, b]: depth decides first (in, a),
    // then c before b because the walk from the output reaches c first.
    const inputsByPort: Record<string, string[]> = { in: [], a: ['in'], b: ['a'], c: ['in'], out: ['c', 'b'] }
    expect(kerasLayerOrder(['out'], inputsByPort)).toEqual(['in', 'a', 'c', 'b', 'out'])
    inputsByPort.out = ['b', 'c']
    expect(kerasLayerOrder(['out'], inputsByPort)).toEqual(['in', 'a', 'b', 'c', 'out'])
  })
})
