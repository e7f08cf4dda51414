import { execFileSync } from 'node:child_process'
import h5wasm from 'h5wasm'
import { describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { parseProject } from '../../../src/core/document/parse'
import { exportKerasFile, h5wasmMemoryWriter, type H5wasmModule } from '../../../src/core/export/keras-file'
import { exportKeras } from '../../../src/core/export/keras-python'
import { exportOnnx } from '../../../src/core/export/onnx'
import { KERAS_HARD_SIGMOID } from '../../../src/core/codegen/python/rnn'
import { graph } from '../helpers'
import { findPython } from './python-helpers'
import { tfjs as tf } from '../tf'

/**
 * The exporters that cannot lean on a library's own "hard_sigmoid": Keras 3 (and PyTorch) name
 * relu6(x + 3) / 6 so, while tfjs's gates compute clip(0.2·x + 0.5, 0, 1). The numeric round trips
 * (tfjs, onnxruntime, PyTorch) are in test/unit/import/recurrent-gates.test.ts.
 */

const gated = () =>
  graph(
    [
      ['in', 'input', { mode: 'sequence', steps: 5, features: 3 }],
      ['ls', 'lstm', { units: 4, returnSequences: true, recurrentActivation: 'hard_sigmoid' }],
      ['gr', 'gru', { units: 3, returnSequences: true }],
      ['bi', 'bidirectional', { cell: 'gru', units: 2, recurrentActivation: 'hard_sigmoid' }],
    ],
    [
      ['in', 'ls'],
      ['ls', 'gr'],
      ['gr', 'bi'],
    ],
  )

const numpy = findPython('numpy')

describe('hard-sigmoid gates in the Keras exports', () => {
  it('Keras code defines tfjs\'s function once and passes it; sigmoid gates stay "sigmoid"', async () => {
    const result = await exportKeras(tf, gated(), { weights: false })
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    const model = result.files['model.py'] as string
    expect(model.match(/^def tfjs_hard_sigmoid\(x\):$/gm)).toHaveLength(1)
    expect(model).toContain('layers.LSTM(4, activation="tanh", recurrent_activation=tfjs_hard_sigmoid,')
    expect(model).toContain('layers.GRU(3, activation="tanh", recurrent_activation="sigmoid", reset_after=False')
    expect(model).toContain('layers.GRU(2, recurrent_activation=tfjs_hard_sigmoid, reset_after=False')
    expect(model).not.toContain('recurrent_activation="hard_sigmoid"')
  })

  it.skipIf(!numpy)("the generated function computes tfjs's hardSigmoid (numpy for keras.ops)", async () => {
    const xs = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2)
    const t = tf.tensor1d(xs)
    const layer = tf.layers.activation({ activation: 'hardSigmoid' })
    const y = layer.apply(t) as tfjs.Tensor
    const want = Array.from(await y.data())
    tf.dispose([t, y])
    // Only what the helper uses: keras.saving.register_keras_serializable and keras.ops.clip.
    const script = [
      'import json, sys, types, numpy as np',
      'keras = types.SimpleNamespace(saving=types.SimpleNamespace(register_keras_serializable=lambda **k: (lambda f: f)))',
      'ops = types.SimpleNamespace(clip=np.clip)',
      KERAS_HARD_SIGMOID,
      'x = np.array(json.loads(sys.argv[1]), dtype=np.float32)',
      'print(json.dumps(tfjs_hard_sigmoid(x).astype(np.float32).tolist()))',
    ].join('\n')
    const got = JSON.parse(execFileSync(numpy!, ['-c', script, JSON.stringify(xs)], { encoding: 'utf8' })) as number[]
    expect(got.length).toBe(want.length)
    got.forEach((v, i) => expect(Math.abs(v - want[i]), `x = ${xs[i]}`).toBeLessThan(1e-6))
    // Flat ends and the straight middle are all exercised.
    expect(want[0]).toBe(0)
    expect(want[want.length - 1]).toBe(1)
    expect(want[20]).toBeCloseTo(0.5, 6)
  })

  it('.keras refuses hard-sigmoid gates with a message in both languages, naming each node', async () => {
    const writer = h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule)
    const result = await exportKerasFile(tf, gated(), writer)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.nodeId).sort()).toEqual(['bi', 'ls'])
    for (const problem of result.problems) {
      expect(problem.message).toMatch(/Keras 3's hard_sigmoid is another function, relu6\(x \+ 3\) \/ 6/)
      expect(problem.text?.['zh-CN']).toMatch(/硬 Sigmoid/)
    }
  })

  it('.keras writes sigmoid gates as before', async () => {
    const writer = h5wasmMemoryWriter(h5wasm as unknown as H5wasmModule)
    const doc = gated()
    const sigmoid = {
      ...doc,
      nodes: doc.nodes.map((n) => ({ ...n, params: { ...n.params, recurrentActivation: 'sigmoid' } })),
    }
    const result = await exportKerasFile(tf, sigmoid, writer)
    expect(result.ok).toBe(true)
  })
})

describe('projects from before the gate param', () => {
  it('open with sigmoid gates, so they predict and export what they did', async () => {
    const parsed = parseProject({
      format: 'layercanvas',
      schemaVersion: 1,
      name: 'old',
      nodes: [
        { id: 'in', kind: 'input', position: { x: 0, y: 0 }, params: { mode: 'sequence', steps: 4, features: 2 } },
        { id: 'ls', kind: 'lstm', position: { x: 0, y: 100 }, params: { units: 3 } },
      ],
      edges: [{ id: 'e0', source: 'in', target: 'ls', targetPort: 0 }],
    })
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.document.nodes[1].params.recurrentActivation).toBe('sigmoid')
    const onnx = await exportOnnx(tf, parsed.document)
    expect(onnx.ok).toBe(true)
    if (onnx.ok) {
      const text = new TextDecoder('latin1').decode(onnx.bytes)
      expect(text).toContain('Sigmoid')
      expect(text).not.toContain('HardSigmoid')
    }
  })
})
