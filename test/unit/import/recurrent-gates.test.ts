import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as tfjs from '@tensorflow/tfjs'
import * as ort from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportOnnx } from '../../../src/core/export/onnx'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { modelArtifacts } from '../../../src/core/export/tfjs'
import { importLayersModel } from '../../../src/core/import/tfjs-model'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { random, randomizeWeights } from '../export/file-export-helpers'
import { findPython } from '../export/python-helpers'
import { tfjs as tf } from '../tf'

/**
 * Stock tfjs LSTM and GRU layers gate with tfjs's default recurrentActivation, hardSigmoid =
 * clip(0.2·x + 0.5, 0, 1). Imported, they keep it, so the project predicts what the original
 * model predicts: in tfjs, in onnxruntime (HardSigmoid gates; onnx.checker full_check) and in
 * Debian's PyTorch (the exported explicit cell). Every comparison is against the original tfjs
 * model, within 1e-5 of its largest output. The weights are random and large enough that the
 * gates' inputs reach both flat ends of the hard sigmoid, where it differs most from sigmoid.
 */

const TOLERANCE = 1e-5
const BATCH = 3
const STEPS = 6
const FEATURES = 3
const onnxPython = findPython('onnx')
const torchPython = findPython('torch, numpy')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-gates-'))
const measured: Record<string, number> = {}
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  const rows = Object.entries(measured).map(([label, e]) => `  ${label.padEnd(36)} ${e.toExponential(2)}`)
  console.log(`max |difference| / max |original output|:\n${rows.join('\n')}`)
})

/** Checks and records one comparison. */
function expectClose(label: string, got: ArrayLike<number>, want: Float32Array): void {
  const error = relativeError(got, want)
  measured[label] = error
  expect(error, label).toBeLessThan(TOLERANCE)
}

const sequence = (layers: tfjs.layers.Layer[]) => tf.sequential({ layers })
const input = { inputShape: [STEPS, FEATURES] }

/** Stock layers: recurrentActivation is never set, so tfjs's default (hardSigmoid) applies. */
const MODELS: Record<string, () => tfjs.LayersModel> = {
  lstm: () => sequence([tf.layers.lstm({ ...input, units: 4, name: 'lstm' })]),
  'lstm-sequences': () => sequence([tf.layers.lstm({ ...input, units: 5, returnSequences: true, name: 'lstm' })]),
  gru: () => sequence([tf.layers.gru({ ...input, units: 4, name: 'gru' })]),
  'gru-sequences-stacked': () =>
    sequence([
      tf.layers.gru({ ...input, units: 4, returnSequences: true, name: 'gru1' }),
      tf.layers.lstm({ units: 3, name: 'lstm2' }),
    ]),
  // Linear cells: ONNX's Affine takes alpha/beta too, in one list with HardSigmoid's.
  'linear-cells': () =>
    sequence([
      tf.layers.gru({ ...input, units: 3, activation: 'linear', returnSequences: true, name: 'gru_linear' }),
      tf.layers.lstm({ units: 3, activation: 'linear', name: 'lstm_linear' }),
    ]),
  'bidirectional-gru': () =>
    sequence([
      tf.layers.bidirectional({
        ...input,
        layer: tf.layers.gru({ units: 3, returnSequences: true }) as never,
        mergeMode: 'concat',
        name: 'bi',
      }),
    ]),
}

interface Imported {
  original: tfjs.LayersModel
  doc: ProjectDocument
  warnings: string[]
  x: Float32Array
  expected: Float32Array
  shape: number[]
}

async function importStock(name: string, seed: number): Promise<Imported> {
  const original = MODELS[name]()
  // ±1.5: gate inputs often pass ±2.5, where the hard sigmoid is flat 0 or 1.
  randomizeWeights(original, seed, 1.5)
  const artifacts = await modelArtifacts(tf, original)
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
  }
  const result = importLayersModel(JSON.parse(JSON.stringify(modelJson)), {
    specs: artifacts.weightSpecs,
    data: artifacts.weightData as ArrayBuffer,
  })
  if (!result.ok) throw new Error(result.error)
  const next = random(seed + 1)
  const x = Float32Array.from({ length: BATCH * STEPS * FEATURES }, () => next() * 2)
  const xt = tf.tensor(x, [BATCH, STEPS, FEATURES])
  const y = original.predict(xt) as tfjs.Tensor
  const imported = {
    original,
    doc: result.document,
    warnings: result.warnings,
    x,
    expected: (await y.data()) as Float32Array,
    shape: y.shape,
  }
  tf.dispose([xt, y])
  return imported
}

/** max |got − want| / max |want|. */
function relativeError(got: ArrayLike<number>, want: Float32Array): number {
  expect(got.length).toBe(want.length)
  let worst = 0
  let largest = 0
  for (let i = 0; i < want.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - want[i]))
    largest = Math.max(largest, Math.abs(want[i]))
  }
  expect(largest, 'outputs near zero everywhere would compare nothing').toBeGreaterThan(0.05)
  return worst / largest
}

async function predictImported(doc: ProjectDocument, x: Float32Array): Promise<Float32Array> {
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  const applied = applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained!)
  expect(applied.skipped).toEqual([])
  const xt = tf.tensor(x, [BATCH, STEPS, FEATURES])
  const y = compiled.model.predict(xt) as tfjs.Tensor
  const out = (await y.data()) as Float32Array
  tf.dispose([xt, y])
  compiled.model.dispose()
  return out
}

const names = Object.keys(MODELS)
const cases = new Map<string, Imported>()
async function caseFor(name: string): Promise<Imported> {
  if (!cases.has(name)) cases.set(name, await importStock(name, 100 + 17 * names.indexOf(name)))
  return cases.get(name)!
}

describe('stock tfjs LSTM/GRU (hard-sigmoid gates) imported', () => {
  it.each(names)('%s: hard_sigmoid kept, no warning, same parameter count, same outputs in tfjs', async (name) => {
    const c = await caseFor(name)
    expect(c.warnings).toEqual([])
    const gated = c.doc.nodes.filter((n) => n.kind === 'lstm' || n.kind === 'gru' || n.kind === 'bidirectional')
    expect(gated.length).toBeGreaterThan(0)
    for (const node of gated) expect(node.params.recurrentActivation, node.id).toBe('hard_sigmoid')
    expect(analyzeGraph(c.doc).totals.trainable).toBe(c.original.countParams())
    expectClose(`${name} tfjs`, await predictImported(c.doc, c.x), c.expected)
  })

  it('the comparison can fail: the same project with sigmoid gates predicts differently', async () => {
    for (const name of ['lstm', 'gru']) {
      const c = await caseFor(name)
      const sigmoid = {
        ...c.doc,
        nodes: c.doc.nodes.map((n) => ({ ...n, params: { ...n.params, recurrentActivation: 'sigmoid' } })),
      }
      expect(relativeError(await predictImported(sigmoid, c.x), c.expected), name).toBeGreaterThan(1e-3)
    }
  })

  it.each(names)('%s: the ONNX export (HardSigmoid gates) in onnxruntime matches the original', async (name) => {
    const c = await caseFor(name)
    const result = await exportOnnx(tf, c.doc)
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    writeFileSync(join(dir, `${name}.onnx`), result.bytes)
    const session = await ort.InferenceSession.create(result.bytes)
    const feeds = { [result.inputs[0].name]: new ort.Tensor('float32', c.x, [BATCH, STEPS, FEATURES]) }
    const out = (await session.run(feeds))[result.outputs[0].name]
    expect(out.dims).toEqual(c.shape)
    expectClose(`${name} onnxruntime`, out.data as Float32Array, c.expected)
    await session.release()
  })

  it.skipIf(!onnxPython)("Debian's python3-onnx checker accepts the files (full_check)", async () => {
    for (const name of names) await caseFor(name)
    const script = [
      'import sys, onnx',
      'for path in sys.argv[1:]:',
      '    onnx.checker.check_model(onnx.load(path), full_check=True)',
    ].join('\n')
    const files = names.map((name) => join(dir, `${name}.onnx`))
    expect(() => execFileSync(onnxPython!, ['-c', script, ...files], { encoding: 'utf8' })).not.toThrow()
  })

  it.skipIf(!torchPython)(
    "the PyTorch export (explicit cells) under Debian's PyTorch matches the original",
    async () => {
      const driver = [
        'import importlib.util, json, sys',
        'import numpy as np, torch',
        'results = {}',
        'for d, shape in json.load(open(sys.argv[1])):',
        '    spec = importlib.util.spec_from_file_location("m" + str(len(results)), d + "/model.py")',
        '    mod = importlib.util.module_from_spec(spec)',
        '    spec.loader.exec_module(mod)',
        '    model = mod.Model()',
        '    mod.load_tfjs_weights(model, d)',
        '    model.eval()',
        '    x = torch.from_numpy(np.fromfile(d + "/x.bin", dtype="<f4").reshape(shape))',
        '    with torch.no_grad():',
        '        model(x).numpy().astype("<f4").tofile(d + "/y.bin")',
      ].join('\n')
      const jobs: [string, number[]][] = []
      for (const name of names) {
        const c = await caseFor(name)
        const result = await exportPyTorch(tf, c.doc)
        if (!result.ok) throw new Error(JSON.stringify(result.problems))
        expect(result.files['model.py'] as string).toContain('"hard_sigmoid"')
        const out = join(dir, `torch-${name}`)
        mkdirSync(out, { recursive: true })
        for (const [file, content] of Object.entries(result.files)) writeFileSync(join(out, file), content)
        writeFileSync(join(out, 'x.bin'), new Uint8Array(c.x.buffer))
        jobs.push([out, [BATCH, STEPS, FEATURES]])
      }
      writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs))
      writeFileSync(join(dir, 'driver.py'), driver)
      execFileSync(torchPython!, [join(dir, 'driver.py'), join(dir, 'jobs.json')], {
        env: { ...process.env, OMP_NUM_THREADS: '1' },
        timeout: 120_000,
      })
      for (const name of names) {
        const bytes = readFileSync(join(dir, `torch-${name}`, 'y.bin'))
        const got = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
        expectClose(`${name} pytorch`, got, (await caseFor(name)).expected)
      }
    },
    180_000,
  )
})
