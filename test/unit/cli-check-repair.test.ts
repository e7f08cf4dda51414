import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runCli } from './cli-process'

/** `layercanvas check --repair` as users run it: the real bin, in a child process. */
const NEGATIVE_UNITS = join(ROOT, 'test/fixtures/cli/negative-units.json')

const cli = (args: string[]) => runCli(args)

describe.concurrent('layercanvas check --repair', () => {
  it('opens what the strict check refuses, and says what it repaired', async () => {
    const [strict, repaired, json, chinese] = await Promise.all([
      cli(['check', NEGATIVE_UNITS]),
      cli(['check', NEGATIVE_UNITS, '--repair']),
      cli(['check', NEGATIVE_UNITS, '--repair', '--json']),
      cli(['check', NEGATIVE_UNITS, '--repair', '--lang', 'zh-CN']),
    ])
    expect(strict.code).toBe(2)
    expect(repaired.code).toBe(0)
    const what = 'nodes[1].params.units: expected a whole number 1–1000000, got -4; replaced by its default, 64'
    expect(repaired.stderr).toBe(`layercanvas: repaired: ${NEGATIVE_UNITS}: ${what}\n`)
    expect(repaired.stdout).toContain('No problems found.')
    const report = JSON.parse(json.stdout)
    expect(report.repairs).toEqual([
      {
        path: 'nodes[1].params.units',
        message: 'nodes[1].params.units: expected a whole number 1–1000000, got -4; replaced by its default, 64',
      },
    ])
    expect(chinese.stderr).toContain('layercanvas: 已修复: ')
    expect(chinese.stderr).toContain('已改为默认值 64')
  })

  it('leaves the JSON of a strict check without a repairs field', async () => {
    const run = await cli(['check', 'templates/mlp-mnist.json', '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).not.toHaveProperty('repairs')
  })
})
