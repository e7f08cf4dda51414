import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeDatasetSources } from '../../../src/cli/dataset-sources'
import { loadDataset } from '../../../src/core/data/registry'
import { splitFor } from '../../../src/core/data/split'
import { parseProjectFile } from '../../../src/core/document/project-file'
import { type CliRun, ROOT, runCli } from '../cli-process'

/**
 * What a newcomer does on the command line: train, then export what was trained; and runs that
 * repeat. The real bin in child processes (pure-JS CPU backend), the export loaded back with
 * tfjs as a user would, the accuracy measured on the MNIST test split.
 */

type Run = CliRun

const cli = (args: string[]) => runCli(args)

const events = (run: Run) =>
  run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { event: string })

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-runs-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe('train --out writes project.layercanvas with the trained weights; export exports them', () => {
  it(
    'mlp-mnist, one full epoch → project.layercanvas → export tfjs → tf.loadLayersModel: test accuracy ≥ 0.88',
    { timeout: 400_000 },
    async () => {
      const out = join(temp, 'mnist-run')
      const run = await cli(['train', 'templates/mlp-mnist.json', '--epochs', '1', '--json', '--out', out])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const done = events(run).at(-1)!
      expect(done.event).toBe('done')
      const reported = (done.test as { accuracy: number; samples: number }).accuracy

      const saved = parseProjectFile(await readFile(join(out, 'project.layercanvas')))
      if (!saved.ok) throw new Error(saved.error.message)
      expect(saved.warnings).toEqual([])
      const trained = saved.document.trained!
      expect(Object.keys(trained.layers).sort()).toEqual(
        saved.document.nodes
          .filter((n) => n.kind === 'dense')
          .map((n) => n.id)
          .sort(),
      )
      expect(trained.metrics?.testAccuracy).toBeCloseTo(reported, 6)

      const exported = join(temp, 'mnist-tfjs')
      const exportRun = await cli(['export', join(out, 'project.layercanvas'), '--format', 'tfjs', '--out', exported])
      expect(exportRun.stderr).toBe('')
      expect(exportRun.code).toBe(0)
      expect(exportRun.stdout).toMatch(/as tfjs with trained weights/)

      // As a user loads the export in Node: model.json + weights.bin from the files.
      const modelJson = JSON.parse(await readFile(join(exported, 'model.json'), 'utf8'))
      const bin = await readFile(join(exported, 'weights.bin'))
      const model = await tf.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest.flatMap(
            (group: { weights: tf.io.WeightsManifestEntry[] }) => group.weights,
          ),
          weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
        }),
      )
      const data = await loadDataset(saved.document.training.dataset, nodeDatasetSources({ baseDir: ROOT }))
      if (!data.ok) throw new Error(data.error)
      const { test } = splitFor(data.dataset, saved.document.training.split)
      expect(test.length).toBe(1000)
      const size = data.dataset.inputShape.reduce((a, b) => a * b, 1)
      const x = new Float32Array(test.length * size)
      test.forEach((index, i) => x.set(data.dataset.features.subarray(index * size, (index + 1) * size), i * size))
      const input = tf.tensor(x, [test.length, ...data.dataset.inputShape])
      const predicted = (model.predict(input) as tf.Tensor).argMax(-1).dataSync()
      let correct = 0
      test.forEach((index, i) => {
        if (predicted[i] === data.dataset.labels[index]) correct++
      })
      const accuracy = correct / test.length
      input.dispose()
      model.dispose()
      expect(accuracy).toBeGreaterThanOrEqual(0.88)
      // The export is the model train evaluated, not a fresh one.
      expect(Math.abs(accuracy - reported)).toBeLessThanOrEqual(0.002)
    },
  )
})

describe('train --out is checked before training', () => {
  it('an existing file: exit 2 with one line, before any batch, and the file is untouched', async () => {
    const file = join(temp, 'taken.txt')
    await writeFile(file, 'keep me')
    const run = await cli(['train', 'templates/mlp-mnist.json', '--out', file, '--json'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^layercanvas: train: --out .*taken\.txt is a file, not a folder/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    const printed = events(run)
    expect(printed.map((e) => e.event)).toEqual(['error'])
    expect(await readFile(file, 'utf8')).toBe('keep me')
  })

  it('a folder that cannot be created (a file in its path): exit 2, nothing trained', async () => {
    const file = join(temp, 'plain-file')
    await writeFile(file, '')
    const run = await cli(['train', 'templates/mlp-mnist.json', '--out', join(file, 'run')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /^layercanvas: train: --out .*plain-file\/run: cannot create the folder \((ENOTDIR|EEXIST)\)\n$/,
    )
    expect(run.stderr).not.toMatch(/Training "/)
  })
})

describe.runIf(process.platform === 'linux')('train --out: a folder nobody can write into', () => {
  // /proc/self is a folder even root cannot create files in: the probe write must catch it.
  it('exit 2 before training, saying it cannot write there', async () => {
    const run = await cli(['train', 'templates/mlp-mnist.json', '--out', '/proc/self'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^layercanvas: train: --out \/proc\/self: cannot write into the folder \(E[A-Z]+\)\n$/)
  })
})

describe('a run stopped by a NaN loss keeps its metrics', () => {
  it('writes metrics.csv and metrics.json, ends with a stopped line giving the reason, exits 1', async () => {
    const project = JSON.parse(await readFile(join(ROOT, 'templates/mlp-mnist.json'), 'utf8'))
    project.training.loss = 'meanSquaredError'
    project.training.optimizer = { type: 'sgd', learningRate: 1e30 }
    const file = join(temp, 'explodes.json')
    await writeFile(file, JSON.stringify(project))
    const out = join(temp, 'nan-run')
    const run = await cli(['train', file, '--epochs', '2', '--max-batches', '5', '--json', '--out', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^layercanvas: Training stopped: the (loss|weights) became .*lower the learning rate/)
    const printed = events(run)
    expect(printed.at(-2)).toMatchObject({ event: 'error', code: 'nonFiniteLoss' })
    expect(printed.at(-1)).toMatchObject({
      event: 'status',
      status: 'stopped',
      reason: 'nonFiniteLoss',
      out,
      files: ['metrics.csv', 'metrics.json'],
    })
    expect((await readdir(out)).sort()).toEqual(['metrics.csv', 'metrics.json'])
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'))
    const batches = printed.filter((e) => e.event === 'batch')
    expect(metrics.batches).toHaveLength(batches.length)
    expect((await readFile(join(out, 'metrics.csv'), 'utf8')).trim().split('\n')).toHaveLength(
      1 + metrics.batches.length + metrics.epochs.length,
    )
  })

  it('without --json: the reason and the files on stdout, exit 1', async () => {
    const out = join(temp, 'nan-plain')
    const run = await cli(['train', join(temp, 'explodes.json'), '--epochs', '1', '--max-batches', '5', '--out', out])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /^Stopped \(nonFiniteLoss\) after 0 complete epoch\(s\)\. Wrote metrics\.csv, metrics\.json to /,
    )
    expect((await stat(join(out, 'metrics.csv'))).isFile()).toBe(true)
  })
})

describe('runs repeat: same project + seed ⇒ same initial weights and first-batch loss, in separate processes', () => {
  const firstBatch = async (template: string, name: string, extra: string[] = []) => {
    const out = join(temp, name)
    const run = await cli([
      'train',
      `templates/${template}.json`,
      '--epochs',
      '1',
      '--max-batches',
      '1',
      '--json',
      '--out',
      out,
      ...extra,
    ])
    // tfjs itself warns that orthogonal initialisation of a large recurrent kernel is slow.
    expect(run.stderr.replace(/^Orthogonal initializer is being called .*\n/gm, '')).toBe('')
    expect(run.code).toBe(0)
    const printed = events(run)
    const batch = printed.find((e) => e.event === 'batch')!
    return {
      loss: batch.loss as number,
      seed: printed[0].seed,
      weights: await readFile(join(out, 'model/weights.bin')),
    }
  }

  it.each(['mlp-mnist', 'gru-classifier'])(
    '%s: two runs give the identical first-batch loss and weights; --seed 43 differs',
    { timeout: 300_000 },
    async (template) => {
      const a = await firstBatch(template, `${template}-a`)
      const b = await firstBatch(template, `${template}-b`)
      expect(a.seed).toBe(42)
      expect(b.loss).toBe(a.loss)
      expect(Buffer.compare(a.weights, b.weights)).toBe(0)
      const c = await firstBatch(template, `${template}-c`, ['--seed', '43'])
      expect(c.seed).toBe(43)
      expect(c.loss).not.toBe(a.loss)
    },
  )
})
