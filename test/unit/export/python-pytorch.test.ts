import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as tfjs from '@tensorflow/tfjs'
import { tfjs as tf } from '../tf'
import { graph } from '../helpers'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { trainedWeightsFromModel } from '../../../src/core/training/weights'
import { randomizeWeights } from './file-export-helpers'
import { findPython, random } from './python-helpers'
import { pythonCases } from './python-cases'

const run = promisify(execFile)
const python = findPython('torch, numpy')
if (!python) {
  console.warn(
    'Skipping the PyTorch export checks: no python3 that imports torch. On Debian/Ubuntu: apt install python3-torch python3-numpy',
  )
}

const BATCH = 3

/**
 * Smaller random weights (default ±0.5) for the GAN templates: with ±0.5 their discriminators'
 * logits reach ±100, the sigmoid gives exactly 0 or 1 whatever the logit, and D's output would
 * compare equal even if the layers before it were wrong. These keep D(x) between ~0.05 and ~0.9.
 */
const WEIGHT_SCALE: Record<string, number> = { 'gan-mlp': 0.15, 'dcgan-mnist': 0.2 }

interface Prepared {
  dir: string
  doc: ProjectDocument
  expected: Float32Array[]
  inputs: { file: string; shape: number[] }[]
}

/** Compiles the case, gives it random "trained" weights, and predicts a fixed batch with tfjs. */
async function prepare(name: string, base: ProjectDocument, root: string, seed: number): Promise<Prepared> {
  const compiled = compileModel(tf, base)
  if (!compiled.ok) throw new Error(`${name}: ${compiled.message}`)
  randomizeWeights(compiled.model, seed, WEIGHT_SCALE[name])
  const doc: ProjectDocument = { ...base, trained: await trainedWeightsFromModel(compiled.model, compiled.layerNames) }
  const result = await exportPyTorch(tf, doc)
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`)
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, content] of Object.entries(result.files)) writeFileSync(join(dir, file), content)

  const next = random(seed + 1)
  const analysis = analyzeGraph(doc)
  const inputs: Prepared['inputs'] = []
  const tensors: tfjs.Tensor[] = []
  compiled.inputs.forEach((id, k) => {
    const shape = [BATCH, ...(analysis.nodes[id].outputShape as number[])]
    const size = shape.reduce((a, b) => a * b, 1)
    const node = doc.nodes.find((n) => n.id === id)!
    const tokens = node.params.mode === 'tokens'
    const vocab = Math.min(...doc.nodes.filter((n) => n.kind === 'embedding').map((n) => Number(n.params.inputDim)))
    // Timesteps are whole numbers 0 … 999, as a diffusion trainer feeds them: the sinusoidal
    // embedding then sees angles up to ~1000 radians, not only the easy ones below 1.
    const timestep = node.kind === 'timestepInput'
    const draw = () => (tokens ? Math.floor(next() * vocab) : timestep ? Math.floor(next() * 1000) : next() * 2 - 1)
    const data = Float32Array.from({ length: size }, draw)
    writeFileSync(join(dir, `in_${k}.bin`), new Uint8Array(data.buffer))
    inputs.push({ file: `in_${k}.bin`, shape })
    tensors.push(tokens ? tf.tensor(data, shape, 'int32') : tf.tensor(data, shape))
  })
  const predicted = compiled.model.predict(tensors.length === 1 ? tensors[0] : tensors) as tfjs.Tensor | tfjs.Tensor[]
  const outputs = Array.isArray(predicted) ? predicted : [predicted]
  const expected = await Promise.all(outputs.map(async (t) => (await t.data()) as Float32Array))
  tf.dispose([...tensors, ...outputs])
  compiled.model.dispose()
  return { dir, doc, expected, inputs }
}

/** Loads every exported model in one Python process (torch imports slowly) and runs the fixed batch. */
const DRIVER = String.raw`
import importlib.util, json, sys, traceback
import numpy as np
import torch

torch.manual_seed(0)
spec = json.load(open(sys.argv[1]))
results = {}
for case in spec["cases"]:
    d = case["dir"]
    try:
        loader = importlib.util.spec_from_file_location("exported_" + case["name"].replace("-", "_"), d + "/model.py")
        mod = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(mod)
        model = mod.Model()
        mod.load_tfjs_weights(model, d)
        model.eval()
        trainable, non_trainable = mod.count_parameters(model)
        xs = []
        for (name, shape, dtype, vocab), inp in zip(mod.INPUTS, case["inputs"]):
            a = np.fromfile(d + "/" + inp["file"], dtype="<f4").reshape(inp["shape"])
            xs.append(torch.from_numpy(a.astype(np.int64) if dtype == "int64" else a))
        with torch.no_grad():
            out = model(*xs)
        out = out if isinstance(out, tuple) else (out,)
        shapes = []
        for k, y in enumerate(out):
            y.numpy().astype("<f4").tofile(d + "/out_%d.bin" % k)
            shapes.append(list(y.shape))
        # The weights written back in LayerCanvas' format must be the exported bytes.
        mod.save_tfjs_weights(model, d + "/roundtrip")
        roundtrip = open(d + "/weights.bin", "rb").read() == open(d + "/roundtrip/weights.bin", "rb").read()
        # One training step: dropout, BatchNorm batch statistics and gradients through every layer.
        model.train()
        out = model(*xs)
        out = out if isinstance(out, tuple) else (out,)
        sum(o.float().square().mean() for o in out).backward()
        grads = all(p.grad is not None for p in model.parameters())
        results[case["name"]] = {"trainable": trainable, "nonTrainable": non_trainable, "shapes": shapes,
                                 "roundtrip": roundtrip, "grads": grads}
    except Exception:
        results[case["name"]] = {"error": traceback.format_exc()}
json.dump(results, open(sys.argv[2], "w"))
`

interface PythonResult {
  trainable: number
  nonTrainable: number
  shapes: number[][]
  roundtrip: boolean
  grads: boolean
  error?: string
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe.skipIf(!python)('PyTorch export run by python3-torch', () => {
  const cases = pythonCases()
  const names = Object.keys(cases)
  const prepared = new Map<string, Prepared>()
  let results: Record<string, PythonResult> = {}
  let root = ''

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'layercanvas-pytorch-'))
    let seed = 1
    for (const name of names) prepared.set(name, await prepare(name, cases[name], root, (seed += 10)))
    const spec = {
      cases: names.map((name) => ({ name, dir: prepared.get(name)!.dir, inputs: prepared.get(name)!.inputs })),
    }
    writeFileSync(join(root, 'spec.json'), JSON.stringify(spec))
    writeFileSync(join(root, 'driver.py'), DRIVER)
    await run(python!, [join(root, 'driver.py'), join(root, 'spec.json'), join(root, 'results.json')], {
      timeout: 120_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    })
    results = JSON.parse(readFileSync(join(root, 'results.json'), 'utf8'))
  }, 180_000)

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true })
  })

  // |torch − tfjs| ≤ 1e-4 · max(1, largest |tfjs| of that output): absolute 1e-4 for outputs within
  // ±1, relative to the output's size above. float32 round-off grows with the sums it rounds (each
  // conv adds up hundreds of products), and ddpm-mnist's U-Net with these ±0.5 random weights reaches
  // |y| ≈ 45 after five convs: every layer agrees to ~1e-6 relative, yet the last one differs by
  // ~9e-5 absolute, which would make an absolute 1e-4 test the two libraries' rounding, not the maths.
  it.each(names)(
    '%s: same parameter count as layercanvas check, outputs within 1e-4 (relative above 1) of tfjs',
    (name) => {
      const result = results[name]
      expect(result.error).toBeUndefined()
      const { dir, doc, expected } = prepared.get(name)!
      const totals = analyzeGraph(doc).totals
      expect({ trainable: result.trainable, nonTrainable: result.nonTrainable }).toEqual({
        trainable: totals.trainable,
        nonTrainable: totals.nonTrainable,
      })
      expect(result.shapes.length).toBe(expected.length)
      let worst = 0
      let worstScaled = 0
      let largest = 0
      expected.forEach((want, k) => {
        const bytes = readFileSync(join(dir, `out_${k}.bin`))
        const got = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
        expect(got.length).toBe(want.length)
        const size = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
        let diff = 0
        for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]))
        worst = Math.max(worst, diff)
        worstScaled = Math.max(worstScaled, diff / Math.max(1, size))
        largest = Math.max(largest, size)
      })
      console.info(
        `pytorch export ${name}: ${totals.total} params, max |tfjs| = ${largest.toPrecision(3)}, ` +
          `max |torch − tfjs| = ${worst.toExponential(2)}, relative to max(1, max |tfjs|) = ${worstScaled.toExponential(2)}`,
      )
      expect(worstScaled).toBeLessThan(1e-4)
      expect(result.roundtrip).toBe(true)
      expect(result.grads).toBe(true)
    },
  )

  it('torchrun --nproc_per_node=2 trains the MLP for a few steps (CPU, gloo)', async () => {
    const { dir } = prepared.get('mlp-mnist')!
    const port = await freePort()
    // python -m torch.distributed.run is what the torchrun command runs. --redirects/--tee are
    // given explicitly: Debian's torch 1.13 on Python 3.11 cannot parse their default "0".
    const { stdout, stderr } = await run(
      python!,
      [
        '-m',
        'torch.distributed.run',
        '--nproc_per_node=2',
        '--nnodes=1',
        `--master_port=${port}`,
        '--redirects',
        '1',
        '--tee',
        '1',
        'train.py',
        '--max-steps',
        '3',
        '--out',
        join(dir, 'trained'),
      ],
      { cwd: dir, timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } },
    )
    const log = stdout + stderr
    expect(log).toMatch(/"processes": 2/)
    expect(log).toMatch(/"event": "epoch", "epoch": 0, "step": 3, "loss": \d/)
    expect(readFileSync(join(dir, 'trained', 'weights.json'), 'utf8')).toContain('layercanvas-weights')
  }, 150_000)
})

describe('PyTorch export without Python', () => {
  it('exports every case', async () => {
    for (const [name, doc] of Object.entries(pythonCases())) {
      const result = await exportPyTorch(tf, doc, { weights: false })
      expect(result.ok, name).toBe(true)
    }
  })

  it('lists the nodes of an invalid graph instead of throwing', async () => {
    const doc = graph(
      [
        ['in', 'input', { mode: 'image', height: 4, width: 4, channels: 1 }],
        ['d', 'dense', { units: 2 }],
      ],
      [['in', 'd']],
    )
    const result = await exportPyTorch(tf, doc)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.problems.map((p) => p.nodeId)).toContain('d')
      expect(result.problems[0].message).toMatch(/Flatten/i)
    }
  })

  it('maps exactly the weights tfjs creates, in order, and writes a readable manifest', async () => {
    const result = await exportPyTorch(tf, pythonCases().recurrent)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const manifest = JSON.parse(result.files['weights.json'] as string)
    const bin = result.files['weights.bin'] as Uint8Array
    expect(manifest.totalValues * 4).toBe(bin.byteLength)
    expect(manifest.source).toBe('initial')
    const model = result.files['model.py'] as string
    expect(model).toContain('"bi": [("bi.forward_layer.kernel", None)')
    expect(model).toContain('class TfRecurrent(nn.Module)')
  })

  it('takes the weights from a compiled model when the host passes one', async () => {
    const doc = pythonCases()['mlp-mnist']
    const compiled = compileModel(tf, doc)
    if (!compiled.ok) throw new Error(compiled.message)
    const result = await exportPyTorch(tf, doc, { compiled })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const manifest = JSON.parse(result.files['weights.json'] as string)
    expect(manifest.source).toBe('model')
    // getWeights() hands out the variables' own tensors: read, never dispose them.
    const bias = compiled.model.getLayer('hidden').getWeights()[1]
    const bin = result.files['weights.bin'] as Uint8Array
    const saved = manifest.layers.find((l: { name: string }) => l.name === 'hidden').weights[1]
    const values = new Float32Array(bin.slice(saved.offset, saved.offset + saved.size * 4).buffer)
    expect(Array.from(values)).toEqual(Array.from(await bias.data()))
    compiled.model.dispose()
  })
})
