import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseProject } from '../../../src/core/document/parse'
import { parseProjectFile } from '../../../src/core/document/project-file'
import { type CliRun, ROOT, runCli } from '../cli-process'

/**
 * layercanvas sweep / runs / train's run history, through the real bin in child processes
 * (pure-JS CPU backend, a few batches per run).
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
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-sweep-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe('layercanvas sweep', () => {
  it(
    '3 learning rates on mlp-mnist: 3 runs with finite test metrics in the done line, recorded in project.json, listed by runs',
    { timeout: 300_000 },
    async () => {
      const out = join(temp, 'lr')
      const rates = [0.0003, 0.001, 0.003]
      const run = await cli([
        'sweep',
        'templates/mlp-mnist.json',
        '--set',
        `training.optimizer.learningRate=${rates.join(',')}`,
        '--epochs',
        '1',
        '--max-batches',
        '2',
        '--json',
        '--out',
        out,
      ])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const lines = events(run)
      expect(lines[0]).toMatchObject({ event: 'start', runs: 3, settings: ['training.optimizer.learningRate'] })
      // Every run reports its epoch, tagged with the run it belongs to, at the rate it was given.
      const epochs = lines.filter((line) => line.event === 'epoch')
      expect(epochs.map((line) => [line.run, line.learningRate])).toEqual(rates.map((rate, i) => [i, rate]))
      const done = lines.at(-1)!
      expect(done.event).toBe('done')
      const runs = done.runs as {
        id: string
        settings: Record<string, number>
        status: string
        test: { accuracy: number; loss: number }
      }[]
      expect(runs.map((r) => r.settings)).toEqual(rates.map((rate) => ({ 'training.optimizer.learningRate': rate })))
      for (const r of runs) {
        expect(r.status).toBe('done')
        expect(Number.isFinite(r.test.accuracy) && r.test.accuracy >= 0 && r.test.accuracy <= 1).toBe(true)
        expect(Number.isFinite(r.test.loss) && r.test.loss > 0).toBe(true)
      }

      // The written project: its own settings unchanged, the three runs in its history.
      const saved = parseProject(JSON.parse(await readFile(join(out, 'project.json'), 'utf8')))
      expect(saved.ok).toBe(true)
      if (!saved.ok) return
      const template = parseProject(JSON.parse(await readFile(join(ROOT, 'templates/mlp-mnist.json'), 'utf8')))
      expect(template.ok && saved.document.training).toEqual(template.ok && template.document.training)
      expect(
        saved.document.runs!.map((r) => [r.id, r.source, r.training.optimizer.learningRate, r.test?.accuracy]),
      ).toEqual(runs.map((r, i) => [r.id, 'sweep', rates[i], r.test.accuracy]))

      const listed = await cli(['runs', join(out, 'project.json'), '--json'])
      expect(listed.code).toBe(0)
      const list = (
        JSON.parse(listed.stdout) as {
          runs: { id: string; test: { loss: number }; overrides: Record<string, number> }[]
        }
      ).runs
      expect(list.map((r) => [r.id, r.test.loss, r.overrides['training.optimizer.learningRate']])).toEqual(
        runs.map((r, i) => [r.id, r.test.loss, rates[i]]),
      )
      const table = await cli(['runs', join(out, 'project.json')])
      expect(table.code).toBe(0)
      for (const [i, r] of runs.entries())
        expect(table.stdout).toMatch(new RegExp(`${r.id}\\s.*training\\.optimizer\\.learningRate=${rates[i]}`))
    },
  )

  it(
    '--keep-weights: the runs and their weights go into project.layercanvas, a container',
    { timeout: 300_000 },
    async () => {
      const out = join(temp, 'kept')
      const run = await cli([
        'sweep',
        'templates/mlp-mnist.json',
        '--set',
        'training.optimizer.learningRate=0.001',
        '--epochs',
        '1',
        '--max-batches',
        '1',
        '--keep-weights',
        '--out',
        out,
      ])
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toMatch(/Wrote project\.layercanvas with 1 recorded run\(s\)/)
      await expect(readFile(join(out, 'project.json'))).rejects.toThrow()
      const saved = parseProjectFile(await readFile(join(out, 'project.layercanvas')))
      if (!saved.ok) throw new Error(saved.error.message)
      const kept = saved.document.runs![0].weights!.layers
      expect(Object.keys(kept).length).toBeGreaterThan(0)
      for (const list of Object.values(kept)) for (const w of list) expect(w.data).toBeInstanceOf(Float32Array)
    },
  )

  it('a bad setting is one line naming its path; nothing is trained or written', async () => {
    const out = join(temp, 'bad')
    const run = await cli([
      'sweep',
      'templates/mlp-mnist.json',
      '--set',
      'training.optimizer.learningRate=0.01,-1',
      '--out',
      out,
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(
      'layercanvas: sweep: --set training.optimizer.learningRate=-1: training.optimizer.learningRate: too small: expected number to be >0\n',
    )
    const unknown = await cli(['sweep', 'templates/mlp-mnist.json', '--set', 'nodes.nope.params.units=3'])
    expect(unknown.stderr).toBe('layercanvas: sweep: --set nodes.nope.params.units: no layer with id "nope"\n')
    await expect(readFile(join(out, 'project.json'))).rejects.toThrow()
  })
})

describe('layercanvas train records its run', () => {
  it('project.layercanvas in --out has the run in its history', { timeout: 300_000 }, async () => {
    const out = join(temp, 'train')
    const run = await cli([
      'train',
      'templates/mlp-mnist.json',
      '--epochs',
      '1',
      '--max-batches',
      '2',
      '--json',
      '--out',
      out,
    ])
    expect(run.code).toBe(0)
    const done = events(run).at(-1)! as unknown as { test: { accuracy: number } }
    const saved = parseProjectFile(await readFile(join(out, 'project.layercanvas')))
    expect(saved.ok && saved.document.runs).toMatchObject([
      { id: 'run-1', source: 'cli', status: 'done', test: { accuracy: done.test.accuracy } },
    ])
    const listed = await cli(['runs', join(out, 'project.layercanvas')])
    expect(listed.stdout).toMatch(/run-1\s+\S+ \S+\s+cli\s+done\s+1\s/)
  })
})
