import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runCli } from '../cli-process'

/** `layercanvas train` as users run it: the real bin in a child process (pure-JS CPU backend). */

const cli = (args: string[]) => runCli(args)

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-train-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

// Each case spawns the real CLI and trains a few batches; side by side on 2 cores that is slow.
describe.concurrent('layercanvas train', { timeout: 180_000 }, () => {
  it('--json: one JSON object per line, ends with done (finite loss), writes the model and metrics', async () => {
    const out = join(temp, 'run')
    const run = await cli([
      'train',
      'templates/mlp-mnist.json',
      '--epochs',
      '1',
      '--max-batches',
      '3',
      '--json',
      '--out',
      out,
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    // --max-batches also caps the evaluation: 3 batches of 64 → at most 192 test samples (of 1,000).
    expect(events[0]).toMatchObject({
      event: 'start',
      dataset: 'mnist',
      epochs: 1,
      maxBatchesPerEpoch: 3,
      maxEvaluationSamples: 192,
      samples: { test: 1000 },
    })
    expect(events.filter((e) => e.event === 'batch')).toHaveLength(3)
    expect(events.filter((e) => e.event === 'epoch')).toHaveLength(1)
    const done = events.at(-1)
    expect(done.event).toBe('done')
    expect(Number.isFinite(done.test.loss)).toBe(true)
    expect(done.test.accuracy).toBeGreaterThanOrEqual(0)
    expect(done.test.accuracy).toBeLessThanOrEqual(1)
    expect(done.test.samples).toBe(192)

    const modelJson = JSON.parse(await readFile(join(out, 'model/model.json'), 'utf8'))
    expect(modelJson.format).toBe('layers-model')
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin'])
    expect(modelJson.userDefinedMetadata.classNames).toHaveLength(10)
    const weights = await readFile(join(out, 'model/weights.bin'))
    expect(weights.length).toBe(101_770 * 4)
    const csv = (await readFile(join(out, 'metrics.csv'), 'utf8')).trim().split('\n')
    expect(csv[0]).toMatch(/^kind,epoch,batch,loss,accuracy,val_loss/)
    expect(csv).toHaveLength(1 + 3 + 1)
    const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'))
    expect(metrics.epochs).toHaveLength(1)
    expect(metrics.batches).toHaveLength(3)
    const evaluation = JSON.parse(await readFile(join(out, 'evaluation.json'), 'utf8'))
    expect(evaluation.confusion).toHaveLength(10)
    expect(evaluation.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(evaluation.samples)
    expect(evaluation.samples).toBe(192)
  })

  it('without --json: progress on stderr, a summary on stdout', async () => {
    const run = await cli([
      'train',
      'templates/mlp-mnist.json',
      '--epochs',
      '1',
      '--max-batches',
      '2',
      '--out',
      join(temp, 'plain'),
    ])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/Training "MNIST MLP" on mnist/)
    expect(run.stderr).toMatch(/epoch 1\/1 {2}loss \d/)
    expect(run.stderr).toMatch(/quick run: 2 batch\(es\) per epoch, evaluation on at most 128 samples/)
    expect(run.stdout).toMatch(/^Test: accuracy 0\.\d{4}, loss [\d.]+ \(128 samples\)/m)
    expect(run.stdout).toMatch(
      /Wrote metrics\.csv, metrics\.json, model\/model\.json, model\/weights\.bin, evaluation\.json/,
    )
    expect(run.stderr + run.stdout).not.toMatch(/Hi, looks like/)
  })

  it('a generative task (char-LSTM language model): samples events, and the done line carries its final metrics', async () => {
    const project = {
      format: 'layercanvas',
      schemaVersion: 1,
      name: 'names LM',
      nodes: [
        { id: 'ids', kind: 'input', position: { x: 0, y: 0 }, params: { mode: 'tokens', length: 8 } },
        { id: 'emb', kind: 'embedding', position: { x: 0, y: 100 }, params: { inputDim: 30, outputDim: 8 } },
        { id: 'lstm', kind: 'lstm', position: { x: 0, y: 200 }, params: { units: 16 } },
        { id: 'next', kind: 'dense', position: { x: 0, y: 300 }, params: { units: 30, activation: 'softmax' } },
      ],
      edges: [
        { id: 'a', source: 'ids', target: 'emb', targetPort: 0 },
        { id: 'b', source: 'emb', target: 'lstm', targetPort: 0 },
        { id: 'c', source: 'lstm', target: 'next', targetPort: 0 },
      ],
      training: {
        task: 'languageModel',
        dataset: { id: 'names', options: { context: 8 } },
        split: { train: 0.9, validation: 0.05, test: 0.05 },
        batchSize: 64,
        languageModel: { samples: 3 },
      },
    }
    const file = join(temp, 'lm.json')
    await writeFile(file, JSON.stringify(project))
    const out = join(temp, 'lm')
    const run = await cli(['train', file, '--epochs', '2', '--max-batches', '2', '--json', '--out', out])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    const samples = events.filter((e) => e.event === 'samples')
    // A capped run previews once, at the end of the last epoch.
    expect(samples.map((e) => e.epoch)).toEqual([1])
    expect(samples[0].samples.kind).toBe('text')
    expect(samples[0].samples.lines).toHaveLength(3)
    const done = events.at(-1)
    expect(done).toMatchObject({ event: 'done', test: { task: 'languageModel' } })
    expect(done.test.perplexity).toBeGreaterThan(1)
    expect(events[0].samples.test).toBeGreaterThan(128)
    expect(done.test.samples).toBe(128)
    const saved = JSON.parse(await readFile(join(out, 'samples.json'), 'utf8'))
    expect(saved[0].kind).toBe('text')
  })

  it('a malformed file exits 2 with one line', async () => {
    const file = join(temp, 'broken.json')
    await writeFile(file, '{ "format": "layercanvas", ')
    const run = await cli(['train', file, '--json'])
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^layercanvas: /)
    expect(run.stderr).not.toMatch(/^\s+at /m)
  })

  it('a bad option value exits 2', async () => {
    const run = await cli(['train', 'templates/mlp-mnist.json', '--epochs', 'many'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/--epochs must be a whole number/)
  })

  it('a loss that becomes NaN exits 1 with the message and the advice, then the stopped line', async () => {
    const project = JSON.parse(await readFile(join(ROOT, 'templates/mlp-mnist.json'), 'utf8'))
    project.training.loss = 'meanSquaredError'
    project.training.optimizer = { type: 'sgd', learningRate: 1e30 }
    const file = join(temp, 'explodes.json')
    await writeFile(file, JSON.stringify(project))
    const run = await cli(['train', file, '--epochs', '1', '--max-batches', '5', '--json', '--out', join(temp, 'nan')])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^layercanvas: Training stopped: the (loss|weights) became .* at epoch 1, batch \d+\..*lower the learning rate/,
    )
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(events.at(-2)).toMatchObject({ event: 'error', code: 'nonFiniteLoss', epoch: 0 })
    expect(events.at(-1)).toMatchObject({ event: 'status', status: 'stopped', reason: 'nonFiniteLoss' })
  })
})
