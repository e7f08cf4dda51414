import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliRun } from '../cli-process'

/**
 * `layercanvas train --backend`: WebAssembly by default (no tfjs-node here), the pure-JS backend
 * on request, the same first-batch loss on both (same seed, same weights, same data order).
 */

type Run = CliRun

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { env: { LAYERCANVAS_BACKEND: '', ...env } })

function events(run: Run): Record<string, unknown>[] {
  return run.stdout
    .trim()
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-backend-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

describe('layercanvas train --backend', { timeout: 180_000 }, () => {
  /** One batch of lenet5, JSON events, into its own folder. */
  const train = (name: string, extra: string[] = [], env?: Record<string, string>) =>
    cli(
      [
        'train',
        'templates/lenet5.json',
        '--epochs',
        '1',
        '--max-batches',
        '1',
        '--json',
        '--out',
        join(temp, name),
        ...extra,
      ],
      env,
    )
  const start = (run: Run) => events(run).find((e) => e.event === 'start')
  const firstLoss = (run: Run) => events(run).find((e) => e.event === 'batch')?.loss as number

  it('trains on WebAssembly by default and on the pure-JS backend when asked, with the same first loss', async () => {
    const byDefault = await train('default')
    const pureJs = await train('cpu', ['--backend', 'cpu'])
    expect(byDefault.code, byDefault.stderr).toBe(0)
    expect(pureJs.code, pureJs.stderr).toBe(0)
    expect(start(byDefault)?.backend).toBe('wasm')
    expect(start(pureJs)?.backend).toBe('cpu')
    expect(Math.abs(firstLoss(byDefault) - firstLoss(pureJs)) / firstLoss(pureJs)).toBeLessThan(1e-5)
  })

  it('LAYERCANVAS_BACKEND chooses when --backend is not given', async () => {
    const run = await train('env', [], { LAYERCANVAS_BACKEND: 'cpu' })
    expect(run.code, run.stderr).toBe(0)
    expect(start(run)?.backend).toBe('cpu')
  })

  it('an unknown backend is one usage line naming the choices; nothing is trained', async () => {
    const run = await train('bad', ['--backend', 'gpu'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--backend must be one of auto, wasm, cpu, got "gpu"')
    expect(events(run).some((e) => e.event === 'batch')).toBe(false)
  })
})
