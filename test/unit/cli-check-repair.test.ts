import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** `layercanvas check --repair` as users run it: the real bin, in a child process. */
const ROOT = resolve(import.meta.dirname, '../..')
const BIN = join(ROOT, 'bin/layercanvas.mjs')
const NEGATIVE_UNITS = join(ROOT, 'test/fixtures/cli/negative-units.json')

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const options = { cwd: ROOT, env: { ...process.env, LAYERCANVAS_DEBUG: '' } }
    execFile(process.execPath, [BIN, ...args], options, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
  })
}

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
