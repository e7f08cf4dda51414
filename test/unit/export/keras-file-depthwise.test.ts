import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import h5wasm from 'h5wasm'
import { afterAll, describe, expect, it } from 'vitest'
import { exportKerasFile, h5wasmMemoryWriter, type H5wasmModule } from '../../../src/core/export/keras-file'
import { tfjs as tf } from '../tf'
import { depthwiseGraph } from './depthwise-cases'
import { withTrainedWeights } from './file-export-helpers'
import { findPython } from './python-helpers'

/**
 * The .keras export of DepthwiseConv2D, SeparableConv2D and the capped ReLU: Keras 3's class
 * names and configs, and each layer's weights under vars/ in tfjs' order and shapes as Debian's
 * python3-h5py reads them (Keras itself is not installed where the tests run).
 */
const H5PY = findPython('h5py')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-keras-depthwise-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('.keras export of the depthwise kinds', () => {
  it('Keras 3 configs, and the weights in vars/ in tfjs order', async () => {
    const doc = await withTrainedWeights(depthwiseGraph(), 3)
    const result = await exportKerasFile(tf, doc, h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule))
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const zip = unzipSync(result.files['model.keras'] as Uint8Array)
    const layers = JSON.parse(strFromU8(zip['config.json'])).config.layers as {
      name: string
      class_name: string
      config: Record<string, unknown>
    }[]
    const byName = (name: string) => layers.find((l) => l.name === name)!
    expect(byName('dw2').class_name).toBe('DepthwiseConv2D')
    expect(byName('dw2').config).toMatchObject({ kernel_size: [2, 3], depth_multiplier: 2, use_bias: false })
    expect(byName('sep2').class_name).toBe('SeparableConv2D')
    expect(byName('sep2').config).toMatchObject({ filters: 3, strides: [2, 1], padding: 'same', depth_multiplier: 2 })
    expect(byName('relu6')).toMatchObject({ class_name: 'ReLU', config: { max_value: 6, negative_slope: 0 } })
    if (!H5PY) return console.warn('no python3 with h5py: the weight layout check is skipped')
    const path = join(dir, 'model.weights.h5')
    writeFileSync(path, zip['model.weights.h5'])
    const script = [
      'import h5py, json, sys',
      'shapes = {}',
      'h5py.File(sys.argv[1], "r").visititems(',
      '    lambda name, obj: shapes.__setitem__(name, list(obj.shape)) if isinstance(obj, h5py.Dataset) else None)',
      'print(json.dumps(shapes))',
    ].join('\n')
    const shapes = JSON.parse(execFileSync(H5PY, ['-c', script, path], { encoding: 'utf8' }))
    const under = (group: string) =>
      Object.fromEntries(Object.entries(shapes).filter(([name]) => name.startsWith(`layers/${group}/`)))
    expect(under('depthwise_conv2d')).toEqual({
      'layers/depthwise_conv2d/vars/0': [3, 3, 3, 1],
      'layers/depthwise_conv2d/vars/1': [3],
    })
    expect(under('depthwise_conv2d_1')).toEqual({ 'layers/depthwise_conv2d_1/vars/0': [2, 3, 3, 2] })
    expect(under('separable_conv2d_1')).toEqual({
      'layers/separable_conv2d_1/vars/0': [3, 2, 5, 2],
      'layers/separable_conv2d_1/vars/1': [1, 1, 10, 3],
      'layers/separable_conv2d_1/vars/2': [3],
    })
    expect(Object.keys(shapes).some((name) => name.startsWith('layers/re_lu'))).toBe(false)
  })
})
