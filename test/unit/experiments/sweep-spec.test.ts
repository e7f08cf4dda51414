import { describe, expect, it } from 'vitest'
import { applySettings, diffSettings, flattenTraining, readSetting } from '../../../src/core/experiments/settings'
import {
  expandSweep,
  gridValues,
  parseSweep,
  parseSweepAxis,
  sweepSize,
} from '../../../src/core/experiments/sweep-spec'
import { loadTemplate } from '../helpers'

const mlp = loadTemplate('mlp-mnist')

function spec(axes: string[], options: Parameters<typeof parseSweep>[2] = {}) {
  const parsed = parseSweep(mlp, axes, options)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.value
}

const problem = (axes: string[], options: Parameters<typeof parseSweep>[2] = {}) => {
  const parsed = parseSweep(mlp, axes, options)
  return parsed.ok ? null : parsed.message
}

describe('sweep axes', () => {
  it('parses lists of numbers, words and booleans', () => {
    expect(parseSweepAxis('training.optimizer.learningRate=0.0003, 0.001,3e-3')).toEqual({
      ok: true,
      value: { path: 'training.optimizer.learningRate', values: { kind: 'list', values: [0.0003, 0.001, 0.003] } },
    })
    expect(
      parseSweepAxis('training.optimizer.type=adam,sgd').ok && parseSweepAxis('training.optimizer.type=adam,sgd'),
    ).toMatchObject({
      value: { values: { values: ['adam', 'sgd'] } },
    })
    expect(parseSweepAxis('training.optimizer.nesterov=true,false')).toMatchObject({
      value: { values: { values: [true, false] } },
    })
  })

  it('expands log and linear ranges; whole-number ends give whole numbers', () => {
    const lr = parseSweepAxis('training.optimizer.learningRate=log:1e-4..1e-2:3')
    expect(lr.ok && gridValues(lr.value.values)).toEqual([0.0001, 0.001, 0.01])
    const units = parseSweepAxis('nodes.hidden.params.units=log:16..256:5')
    expect(units.ok && gridValues(units.value.values)).toEqual([16, 32, 64, 128, 256])
    const rate = parseSweepAxis('x=lin:0.1..0.5:5')
    expect(rate.ok && gridValues(rate.value.values)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5])
  })

  it('says what is wrong with a malformed axis', () => {
    expect(parseSweepAxis('learningRate')).toMatchObject({
      ok: false,
      message: expect.stringContaining('expected <setting path>=<values>'),
    })
    expect(parseSweepAxis('a=log:0..1:3')).toMatchObject({
      ok: false,
      message: 'a: a log range needs numbers above 0, got 0',
    })
    expect(parseSweepAxis('a=lin:2..1:3')).toMatchObject({
      ok: false,
      message: 'a: the range starts above its end (2 > 1)',
    })
    expect(parseSweepAxis('a=lin:1..2:0')).toMatchObject({
      ok: false,
      message: expect.stringContaining('from 1 to 100'),
    })
    expect(parseSweepAxis('a=1,,2')).toMatchObject({ ok: false, message: expect.stringContaining('empty value') })
  })
})

describe('sweeps against a project', () => {
  it('grid: every combination, the last axis fastest', () => {
    const grid = spec(['training.optimizer.learningRate=0.001,0.01', 'nodes.hidden.params.units=32,64'])
    expect(sweepSize(grid)).toBe(4)
    expect(expandSweep(grid)).toEqual([
      [
        ['training.optimizer.learningRate', 0.001],
        ['nodes.hidden.params.units', 32],
      ],
      [
        ['training.optimizer.learningRate', 0.001],
        ['nodes.hidden.params.units', 64],
      ],
      [
        ['training.optimizer.learningRate', 0.01],
        ['nodes.hidden.params.units', 32],
      ],
      [
        ['training.optimizer.learningRate', 0.01],
        ['nodes.hidden.params.units', 64],
      ],
    ])
  })

  it('random: count draws, the same for the same seed, within the ranges', () => {
    const make = (seed: number) =>
      spec(['training.optimizer.learningRate=log:1e-4..1e-2:5', 'training.optimizer.type=adam,sgd'], {
        mode: 'random',
        count: 6,
        seed,
      })
    const a = expandSweep(make(7))
    expect(a).toHaveLength(6)
    expect(expandSweep(make(7))).toEqual(a)
    expect(expandSweep(make(8))).not.toEqual(a)
    for (const [[, lr], [, type]] of a) {
      expect(lr as number).toBeGreaterThanOrEqual(1e-4)
      expect(lr as number).toBeLessThanOrEqual(1e-2)
      expect(['adam', 'sgd']).toContain(type)
    }
  })

  it('errors name the setting path and the value', () => {
    expect(problem(['training.optimizer.learnRate=0.1'])).toContain(
      'training.optimizer.learnRate: no such training setting',
    )
    expect(problem(['nodes.nope.params.units=3'])).toBe('nodes.nope.params.units: no layer with id "nope"')
    expect(problem(['nodes.hidden.params.filters=3'])).toContain(
      'nodes.hidden.params.filters: a dense layer has no parameter "filters"',
    )
    expect(problem(['training.optimizer.learningRate=0.1,-1'])).toBe(
      'training.optimizer.learningRate=-1: training.optimizer.learningRate: too small: expected number to be >0',
    )
    expect(problem(['training.optimizer.type=adam,lion'])).toMatch(
      /^training\.optimizer\.type=lion: training\.optimizer\.type: /,
    )
    expect(problem(['training.optimizer.learningRate=fast'])).toBe(
      'training.optimizer.learningRate: expected a number, got "fast"',
    )
    expect(problem(['training.optimizer.type=log:1..2:2'])).toContain('not a number, so it takes a list of values')
    expect(problem(['nodes.hidden.params.units=0'])).toMatch(
      /^nodes\.hidden\.params\.units=0: nodes\[2\]\.params\.units: expected a whole number/,
    )
    expect(problem(['training.batchSize=1', 'training.batchSize=2'])).toBe(
      'training.batchSize: given twice; list all its values in one setting',
    )
    expect(problem([])).toContain('at least one setting')
    expect(problem(['training.epochs=lin:1..300:100', 'training.batchSize=1,2,3'])).toContain('would start 300 runs')
  })
})

describe('settings', () => {
  it('reads, applies (without touching the original) and diffs settings', () => {
    expect(readSetting(mlp, 'training.optimizer.learningRate')).toEqual({
      ok: true,
      value: mlp.training.optimizer.learningRate,
    })
    const applied = applySettings(mlp, [
      ['training.optimizer.learningRate', 0.05],
      ['nodes.hidden.params.units', 16],
    ])
    expect(applied.ok).toBe(true)
    if (!applied.ok) return
    expect(applied.document.training.optimizer.learningRate).toBe(0.05)
    expect(applied.document.nodes.find((n) => n.id === 'hidden')!.params.units).toBe(16)
    expect(mlp.nodes.find((n) => n.id === 'hidden')!.params.units).not.toBe(16)
    const changes = diffSettings(flattenTraining(mlp.training), flattenTraining(applied.document.training))
    expect(changes).toEqual([
      { path: 'training.optimizer.learningRate', before: mlp.training.optimizer.learningRate, after: 0.05 },
    ])
  })
})

describe('restoring a run', () => {
  it('brings back its training settings and its swept layer params; missing layers are listed, the history kept', async () => {
    const { appendRun } = await import('../../../src/core/experiments/run-history')
    const { restoreRunSettings } = await import('../../../src/core/experiments/restore')
    const changed = applySettings(mlp, [
      ['training.optimizer.learningRate', 0.02],
      ['nodes.hidden.params.units', 8],
    ])
    if (!changed.ok) throw new Error(changed.message)
    const runs = appendRun(undefined, {
      startedAt: new Date(),
      source: 'sweep',
      status: 'done',
      seconds: 1,
      backend: 'cpu',
      training: changed.document.training,
      overrides: {
        'training.optimizer.learningRate': 0.02,
        'nodes.hidden.params.units': 8,
        'nodes.gone.params.units': 4,
      },
      epochs: [],
    })
    const restored = restoreRunSettings({ ...mlp, runs }, runs[0])
    expect(restored.skipped).toEqual(['nodes.gone.params.units'])
    expect(restored.document.training.optimizer.learningRate).toBe(0.02)
    expect(restored.document.nodes.find((n) => n.id === 'hidden')!.params.units).toBe(8)
    expect(restored.document.runs).toBe(runs)
  })
})
