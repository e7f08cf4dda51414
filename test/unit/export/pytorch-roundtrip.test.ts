import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRng } from '../../../src/core/data/random'
import { npzByteLength, npzChunks, type NpyArray } from '../../../src/core/export/data/npz'
import { findPython } from './python-helpers'

/**
 * The cluster round trip, run as a user runs it: `layercanvas export --data` → the exported
 * train.py under Debian's PyTorch (one process, and torchrun with two) → `layercanvas
 * load-weights` → `layercanvas evaluate`. Skips when no Python with torch is installed.
 */
const ROOT = resolve(import.meta.dirname, '../../..')
const BIN = join(ROOT, 'bin/layercanvas.mjs')
const python = findPython('torch, numpy')
const ENV = { ...process.env, OMP_NUM_THREADS: '1' }

interface Ran {
  code: number
  stdout: string
  stderr: string
}

function exec(command: string, args: string[], cwd: string, timeout = 240_000): Promise<Ran> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env: ENV, timeout, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

const cli = (args: string[], cwd: string) => exec(process.execPath, [BIN, ...args], cwd)

/** The JSON lines of a run (torchrun prefixes each line with [defaultN]:). */
function events(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\[default\d+\]:/, ''))
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      // torchrun's two processes share the terminal: a line can arrive cut by another one's output.
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

let temp = ''
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'layercanvas-roundtrip-'))
})
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true })
})

describe('data.npz writer', () => {
  it('writes exactly the size it announces, in chunks', () => {
    const arrays: NpyArray[] = [
      {
        name: 'x_train',
        dtype: '<f4',
        shape: [3, 2, 2, 1],
        values: Float32Array.from({ length: 12 }, (_, i) => i / 4 - 1),
      },
      { name: 'y_train', dtype: '<i8', shape: [3], values: Int32Array.from([2, 0, -1]) },
    ]
    const chunks = [...npzChunks(arrays)]
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(npzByteLength(arrays))
  })
})

describe.skipIf(!python)('export --data → train.py (PyTorch) → load-weights → evaluate', () => {
  it("numpy reads data.npz; train.py shuffles with LayerCanvas' generator", async () => {
    const arrays: NpyArray[] = [
      { name: 'x_train', dtype: '<f4', shape: [2, 3], values: Float32Array.from([0.5, -1, 3e-8, 7, 8, 9]) },
      { name: 'y_test', dtype: '<i8', shape: [4], values: Int32Array.from([1, 0, 9, -3]) },
    ]
    const file = join(temp, 'small.npz')
    writeFileSync(file, Buffer.concat([...npzChunks(arrays)]))
    const read = await exec(
      python!,
      [
        '-c',
        `import numpy as np, json; d = np.load(${JSON.stringify(file)}); print(json.dumps({k: [str(d[k].dtype), list(d[k].shape), d[k].ravel().tolist()] for k in d}))`,
      ],
      temp,
    )
    expect(read.stderr).toBe('')
    expect(JSON.parse(read.stdout)).toEqual({
      x_train: ['float32', [2, 3], Array.from(arrays[0].values)],
      y_test: ['int64', [4], [1, 0, 9, -3]],
    })
  })

  it('LeNet-5: the test accuracy evaluate gives is the one train.py printed (within 0.005)', async () => {
    // The project's own options keep it small, on both sides: 1,000 training samples (one epoch =
    // 16 steps), 1,000 test samples.
    const doc = JSON.parse(readFileSync(join(ROOT, 'templates/lenet5.json'), 'utf8'))
    doc.training.split = { train: 0.1, validation: 0.8, test: 0.1, seed: 42 }
    const project = join(temp, 'lenet5.json')
    writeFileSync(project, JSON.stringify(doc))
    const out = join(temp, 'lenet5-pytorch')
    const exported = await cli(['export', project, '--format', 'pytorch', '--data', '--out', out], temp)
    expect(exported.stderr).toMatch(/data\.npz: 1000 train \/ 8000 validation \/ 1000 test samples, 31\.4 MB/)
    expect(exported.code).toBe(0)
    const size = Number(/(\d+\.\d) MB/.exec(exported.stderr)![1]) * 1e6
    expect(Math.abs(statSync(join(out, 'data.npz')).size - size)).toBeLessThan(0.06e6)

    const rng = await exec(
      python!,
      ['-c', 'import train; r = train.LayerCanvasRandom(42); print([r.next() for _ in range(5)])'],
      out,
    )
    const js = createRng(42)
    JSON.parse(rng.stdout).forEach((v: number) => expect(v).toBe(js.next()))

    const trained = await exec(python!, ['train.py', '--epochs', '1'], out)
    expect(trained.code).toBe(0)
    expect(trained.stderr).not.toMatch(/RANDOM data/)
    const lines = events(trained.stdout)
    expect(lines.filter((e) => e.event === 'epoch')).toHaveLength(1)
    const done = lines[lines.length - 1] as { event: string; test: { accuracy: number; loss: number; samples: number } }
    expect(done.event).toBe('done')
    expect(done.test.samples).toBe(1000)
    expect(done.test.accuracy).toBeGreaterThan(0.5)

    // With weights, the project is written as a container: its extension is .layercanvas.
    const back = join(temp, 'lenet5-trained.layercanvas')
    const loaded = await cli(['load-weights', project, join(out, 'trained'), '--out', back], temp)
    expect(loaded.stderr).toBe('')
    expect(loaded.code).toBe(0)
    const evaluated = await cli(['evaluate', back, '--json'], temp)
    expect(evaluated.code).toBe(0)
    const last = events(evaluated.stdout).pop() as {
      event: string
      test: { accuracy: number; loss: number; samples: number }
    }
    expect(last.event).toBe('done')
    expect(last.test.samples).toBe(1000)
    console.info(`train.py test accuracy ${done.test.accuracy}, layercanvas evaluate ${last.test.accuracy}`)
    expect(Math.abs(last.test.accuracy - done.test.accuracy)).toBeLessThanOrEqual(0.005)
    expect(Math.abs(last.test.loss - done.test.loss)).toBeLessThan(1e-3)

    // A weight that does not fit is named, in English and Chinese, and nothing is written.
    const manifest = JSON.parse(readFileSync(join(out, 'trained', 'weights.json'), 'utf8'))
    manifest.layers[0].weights[0].shape = [1, 2, 3]
    writeFileSync(join(out, 'trained', 'weights.json'), JSON.stringify(manifest))
    const bad = join(temp, 'never.json')
    const refused = await cli(['load-weights', project, join(out, 'trained'), '--out', bad, '--lang', 'zh-CN'], temp)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/项目需要形状 \[5, 5, 1, 6\]，weights\.json 中是 \[1, 2, 3\]/)
    expect(existsSync(bad)).toBe(false)
  }, 600_000)

  it.each([
    ['gan-mlp', ['--max-steps', '200', '--batch-size', '32'], 'dLoss'],
    ['ddpm-mnist', ['--max-steps', '40', '--batch-size', '16'], 'loss'],
  ])(
    '%s: train.py lowers the loss, writes samples and weights; torchrun with 2 processes too',
    async (name, flags, key) => {
      const out = join(temp, name)
      // A small test split (100 samples) keeps the final scoring and sampling cheap; these loops never validate.
      const doc = JSON.parse(readFileSync(join(ROOT, 'templates', `${name}.json`), 'utf8'))
      doc.training.split = { train: 0.5, validation: 0.49, test: 0.01, seed: 42 }
      const project = join(temp, `${name}.json`)
      writeFileSync(project, JSON.stringify(doc))
      expect((await cli(['export', project, '--format', 'pytorch', '--data', '--out', out], temp)).code).toBe(0)
      const trained = await exec(python!, ['train.py', ...flags, '--log-every', '1'], out)
      expect(trained.code).toBe(0)
      const batches = events(trained.stdout)
        .filter((e) => e.event === 'batch')
        .map((e) => e[key] as number)
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
      expect(mean(batches.slice(-5))).toBeLessThan(mean(batches.slice(0, 5)) * 0.8)
      const done = events(trained.stdout).pop() as { test: { files: string[] } }
      expect(done.test.files.some((f) => f.endsWith('.png'))).toBe(true)
      expect(
        readFileSync(done.test.files.find((f) => f.endsWith('.png'))!)
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG')
      expect(readFileSync(join(out, 'trained', 'weights.json'), 'utf8')).toContain('layercanvas-weights')
      expect((await exec(python!, ['sample.py', '--count', '2'], out)).code).toBe(0)

      const port = await freePort()
      const both = await exec(
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
          '12',
          '--batch-size',
          '16',
          '--log-every',
          '1',
          '--out',
          join(out, 'two'),
        ],
        out,
      )
      expect(both.code).toBe(0)
      const all = events(both.stdout + both.stderr)
      expect(all.find((e) => e.event === 'start')?.processes).toBe(2)
      const steps = all.filter((e) => e.event === 'batch').map((e) => e[key] as number)
      expect(mean(steps.slice(-5))).toBeLessThan(mean(steps.slice(0, 5)))
      expect(existsSync(join(out, 'two', 'weights.bin'))).toBe(true)
    },
    600_000,
  )
})
