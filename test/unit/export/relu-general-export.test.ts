import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import { strFromU8, unzipSync } from 'fflate'
import h5wasm from 'h5wasm'
import * as ort from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportKerasFile, h5wasmMemoryWriter, type H5wasmModule } from '../../../src/core/export/keras-file'
import { exportKeras } from '../../../src/core/export/keras-python'
import { exportOnnx } from '../../../src/core/export/onnx'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { tfjs as tf } from '../tf'
import { withTrainedWeights } from './file-export-helpers'
import { findPython } from './python-helpers'
import { kerasRelu, RELU_PROBES, RELU_SETS, reluGraph, type ReluParams } from './relu-cases'

/**
 * The full Keras ReLU through every exporter and back: onnxruntime and Debian's PyTorch run the
 * exported files and must equal tfjs within 1e-6 and Keras' formula (computed here in float64) on
 * every boundary; onnx.checker's full_check accepts the file; the Keras code and the .keras config
 * write exactly the options that are set; Keras 2 / Keras 3 configs import to the same function.
 */

const TOLERANCE = 1e-6
const SETS = Object.entries(RELU_SETS)
const N = RELU_PROBES.length
/** Row 0: the probes; row 1: the probes reversed and shifted, so the conv branch sees other values. */
const BATCH = [RELU_PROBES, RELU_PROBES.map((_, i) => RELU_PROBES[N - 1 - i] * 0.5 - 0.25)]
const torchPython = findPython('torch, numpy')
const onnxPython = findPython('onnx')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-relu-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ready = withTrainedWeights(reluGraph(), 11)

async function tfjsOutput(doc: ProjectDocument): Promise<Float32Array> {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  if (doc.trained) applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained)
  const x = tf.tensor2d(BATCH)
  const y = compiled.model.predict(x) as tfjs.Tensor
  const out = (await y.data()) as Float32Array
  tf.dispose([x, y])
  compiled.model.dispose()
  return out
}

function maxAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length)
  let diff = 0
  for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]))
  return diff
}

/** The columns of each parameter set (the graph concatenates them first, in RELU_SETS order) against Keras' formula. */
function expectKerasFormula(output: Float32Array, width: number): void {
  BATCH.forEach((row, b) =>
    SETS.forEach(([name, p], k) =>
      row.forEach((x, i) => {
        const got = output[b * width + k * N + i]
        expect(Math.abs(got - kerasRelu(x, p)), `${name}(${x})`).toBeLessThanOrEqual(TOLERANCE)
      }),
    ),
  )
}

describe('ONNX', () => {
  it.each([13, 17])('opset %i: onnxruntime equals tfjs and Keras within 1e-6; full_check passes', async (opset) => {
    const doc = await ready
    const expected = await tfjsOutput(doc)
    const result = await exportOnnx(tf, doc, { opset })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const session = await ort.InferenceSession.create(result.bytes)
    const feeds = { [result.inputs[0].name]: new ort.Tensor('float32', Float32Array.from(BATCH.flat()), [2, N]) }
    const out = await session.run(feeds)
    await session.release()
    const got = out[result.outputs[0].name].data as Float32Array
    expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(TOLERANCE)
    expectKerasFormula(got, expected.length / 2)
    if (!onnxPython) return console.warn('python3-onnx not found: the ONNX checker was skipped')
    const path = join(dir, `relu-${opset}.onnx`)
    writeFileSync(path, result.bytes)
    const script = [
      'import json, onnx, sys',
      'm = onnx.load(sys.argv[1])',
      'onnx.checker.check_model(m, full_check=True)',
      'print(json.dumps(sorted({n.op_type for n in m.graph.node})))',
    ].join('\n')
    const ops = JSON.parse(execFileSync(onnxPython, ['-c', script, path], { encoding: 'utf8', timeout: 60_000 }))
    // Clip for ReLU6 / caps, Relu without options, the composed formula for threshold and slope.
    for (const op of ['Clip', 'Relu', 'Where', 'Greater', 'Min', 'Sub', 'Mul']) expect(ops, op).toContain(op)
  })
})

describe.skipIf(!torchPython)('PyTorch', () => {
  it("Debian's torch runs the exported code: equal to tfjs and Keras within 1e-6", async () => {
    const doc = await ready
    const expected = await tfjsOutput(doc)
    const result = await exportPyTorch(tf, doc)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const model = result.files['model.py'] as string
    for (const op of ['F.relu6(', 'F.hardtanh(', 'F.relu(', 'F.threshold(', 'F.leaky_relu(', 'torch.where('])
      expect(model, op).toContain(op)
    const caseDir = join(dir, 'torch')
    mkdirSync(caseDir, { recursive: true })
    for (const [file, content] of Object.entries(result.files)) writeFileSync(join(caseDir, file), content)
    writeFileSync(join(caseDir, 'input.bin'), new Uint8Array(Float32Array.from(BATCH.flat()).buffer))
    const script = [
      'import importlib.util, sys',
      'import numpy as np, torch',
      'd = sys.argv[1]',
      'spec = importlib.util.spec_from_file_location("exported", d + "/model.py")',
      'mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)',
      'model = mod.Model(); mod.load_tfjs_weights(model, d); model.eval()',
      `x = torch.from_numpy(np.fromfile(d + "/input.bin", dtype="<f4").reshape(2, ${N}))`,
      'with torch.no_grad(): y = model(x)',
      'y.numpy().astype("<f4").tofile(d + "/output.bin")',
    ].join('\n')
    execFileSync(torchPython!, ['-c', script, caseDir], {
      timeout: 120_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    })
    const bytes = readFileSync(join(caseDir, 'output.bin'))
    const got = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
    expect(maxAbsDiff(got, expected)).toBeLessThanOrEqual(TOLERANCE)
    expectKerasFormula(got, expected.length / 2)
  })
})

describe('Keras code and .keras', () => {
  it('the Keras code names only the options that are set', async () => {
    const result = await exportKeras(tf, reluGraph(), { weights: false })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const code = result.files['model.py'] as string
    expect(code).toContain('layers.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5, name="all3")')
    expect(code).toContain('layers.ReLU(max_value=6.0, name="relu6")')
    expect(code).toContain('layers.ReLU(name="plain")')
    expect(code).toContain('layers.ReLU(threshold=1.0, name="thresholdOnly")')
    expect(code).toContain('layers.ReLU(negative_slope=0.3, name="slopeOnly")')
  })

  it('.keras: Keras 3 ReLU configs (max_value null = no cap) that import back to the same nodes', async () => {
    const doc = reluGraph()
    const result = await exportKerasFile(tf, doc, h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule))
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const zip = unzipSync(result.files['model.keras'] as Uint8Array)
    const config = JSON.parse(strFromU8(zip['config.json']))
    const layers = config.config.layers as { name: string; class_name: string; config: Record<string, unknown> }[]
    const byName = (name: string) => layers.find((l) => l.name === name)!
    expect(byName('all3')).toMatchObject({
      class_name: 'ReLU',
      config: { max_value: 6, negative_slope: 0.1, threshold: 0.5 },
    })
    expect(byName('thresholdSlope').config).toMatchObject({ max_value: null, negative_slope: 0.2, threshold: 0.5 })
    const back = importLayersModel(config)
    if (!back.ok) throw new Error(JSON.stringify(back.unmapped))
    const paramsOf = (d: ProjectDocument, id: string) => d.nodes.find((n) => n.id === id)?.params
    // plain and slopeOnly come back as ReLU / Leaky ReLU activations: the same function, the editor's usual layer.
    for (const [name, p] of SETS) {
      if (name === 'plain' || name === 'slopeOnly') continue
      expect(paramsOf(back.document, name), name).toEqual(p.capped ? p : { ...p, maxValue: 6 })
    }
    expect(paramsOf(back.document, 'slopeOnly')).toMatchObject({ activation: 'leakyRelu', alpha: 0.3 })
  })
})

/** A Keras functional model: probes in, one ReLU layer per config, each its own output. */
function kerasModel(configs: Record<string, Record<string, unknown>>, keras3: boolean) {
  const names = Object.keys(configs)
  const inbound = (source: string) =>
    keras3
      ? [{ args: [{ class_name: '__keras_tensor__', config: { keras_history: [source, 0, 0] } }], kwargs: {} }]
      : [[[source, 0, 0, {}]]]
  const model = {
    class_name: 'Functional',
    config: {
      name: 'relus',
      layers: [
        {
          class_name: 'InputLayer',
          name: 'x',
          config: keras3 ? { name: 'x', batch_shape: [null, N] } : { name: 'x', batch_input_shape: [null, N] },
          inbound_nodes: [],
        },
        ...names.map((name) => ({
          class_name: 'ReLU',
          name,
          config: { name, trainable: true, dtype: 'float32', ...configs[name] },
          inbound_nodes: inbound('x'),
        })),
      ],
      input_layers: [['x', 0, 0]],
      output_layers: names.map((name) => [name, 0, 0]),
    },
  }
  return keras3
    ? { module: 'keras', registered_name: 'Functional', ...model }
    : { modelTopology: { keras_version: '2.15.0', model_config: model } }
}

describe('import of Keras ReLU layers', () => {
  const configs: Record<string, { config: Record<string, unknown>; p: ReluParams }> = {
    a: {
      config: { max_value: 6, negative_slope: 0.1, threshold: 0.5 },
      p: { capped: true, maxValue: 6, negativeSlope: 0.1, threshold: 0.5 },
    },
    b: {
      config: { max_value: null, negative_slope: 0, threshold: 1.5 },
      p: { capped: false, maxValue: 6, negativeSlope: 0, threshold: 1.5 },
    },
    c: {
      config: { max_value: 2.5, negative_slope: 0.25, threshold: 0 },
      p: { capped: true, maxValue: 2.5, negativeSlope: 0.25, threshold: 0 },
    },
    d: {
      config: { max_value: null, negative_slope: 0.3, threshold: 0 },
      p: { capped: false, maxValue: 6, negativeSlope: 0.3, threshold: 0 },
    },
  }
  const raw = Object.fromEntries(Object.entries(configs).map(([name, c]) => [name, c.config]))

  it.each([
    ['Keras 2 model.json', false],
    ['Keras 3 config.json (.keras)', true],
  ])('%s: each output equals Keras on every boundary', async (_, keras3) => {
    const result = importLayersModel(kerasModel(raw, keras3))
    if (!result.ok) throw new Error(JSON.stringify(result.unmapped))
    const compiled = compileModel(tf, result.document)
    if (!compiled.ok) throw new Error(compiled.message)
    const x = tf.tensor2d([RELU_PROBES])
    const outputs = compiled.model.predict(x) as tfjs.Tensor[]
    const names = compiled.model.outputNames
    for (const [name, { p }] of Object.entries(configs)) {
      const index = names.findIndex((n) => n.startsWith(name))
      const got = outputs[index].dataSync()
      RELU_PROBES.forEach((v, i) => expect(Math.abs(got[i] - kerasRelu(v, p)), `${name}(${v})`).toBeLessThan(TOLERANCE))
    }
    tf.dispose([x, ...outputs])
    compiled.model.dispose()
  })
})
