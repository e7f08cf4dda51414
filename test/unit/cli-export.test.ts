import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseProjectFile } from '../../src/core/document/project-file'
import { CUSTOM_GRAPHS } from './export/file-export-helpers'
import { ROOT, runCli } from './cli-process'

/** `layercanvas export` and `layercanvas import`, run as users run them: the real bin, in a child process. */

const cli = (args: string[], cwd = ROOT) => runCli(args, { cwd })

let temp = ''
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'layercanvas-cli-export-'))
})
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true })
})

const EXPECTED: Record<string, string[]> = {
  tfjs: ['README.md', 'metadata.json', 'model.json', 'predict.mjs', 'weights.bin'],
  onnx: ['README.md', 'model.onnx', 'predict.mjs'],
  keras: ['README.md', 'model.py', 'requirements.txt', 'train.py', 'weights.bin', 'weights.json'],
  pytorch: ['README.md', 'model.py', 'requirements.txt', 'train.py', 'weights.bin', 'weights.json'],
  'keras-file': ['README.md', 'model.keras'],
  'web-demo': [
    'LICENSE-tfjs.txt',
    'README.md',
    'demo.css',
    'demo.js',
    'index.html',
    'metadata.json',
    'model.js',
    'model.json',
    'tf-setup.js',
    'tf.min.js',
    'tryit.json',
    'weights.bin',
  ],
}

// Each case spawns the real CLI (tsx + tfjs start-up, seconds each); run side by side on a busy
// 2-core machine they can take a minute, so the timeout is generous.
describe.concurrent('layercanvas export', { timeout: 180_000 }, () => {
  for (const [format, files] of Object.entries(EXPECTED)) {
    it(`--format ${format} writes its files, says how to run them, exit 0`, async () => {
      const out = join(temp, `lenet-${format}`)
      const run = await cli(['export', 'templates/lenet5.json', '--format', format, '--out', out])
      expect(run.stderr.replace(/layercanvas: warning: The .keras export is experimental[^\n]*\n/, '')).toBe('')
      expect(run.code).toBe(0)
      expect(readdirSync(out).sort()).toEqual(files)
      expect(run.stdout).toMatch(/freshly initialised weights/)
      expect(run.stdout).toMatch(/Run it:/)
      for (const name of files) expect(run.stdout).toContain(`  ${name}`)
      // Nothing left behind from this export's temporary folder (other tests run alongside).
      expect(readdirSync(temp).filter((n) => n.startsWith(`.lenet-${format}.tmp-`))).toEqual([])
    })
  }

  it('--format onnx --opset 17', async () => {
    const run = await cli([
      'export',
      'templates/mlp-mnist.json',
      '--format',
      'onnx',
      '--opset',
      '17',
      '--out',
      join(temp, 'opset'),
    ])
    expect(run.code).toBe(0)
    expect(readFileSync(join(temp, 'opset', 'README.md'), 'utf8')).toMatch(/opset 17/)
  })

  it('keeps other files already in --out', async () => {
    const out = join(temp, 'keep')
    await rm(out, { recursive: true, force: true })
    await cli(['export', 'templates/mlp-mnist.json', '--format', 'onnx', '--out', out])
    await writeFile(join(out, 'notes.txt'), 'mine')
    const run = await cli(['export', 'templates/mlp-mnist.json', '--format', 'onnx', '--out', out])
    expect(run.code).toBe(0)
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine')
  })

  it('a layer the format cannot write: exit 1, the node id and the reason, nothing written', async () => {
    const project = join(temp, 'attention.json')
    await writeFile(project, JSON.stringify(CUSTOM_GRAPHS.attention()))
    const out = join(temp, 'attention-keras-file')
    const run = await cli(['export', project, '--format', 'keras-file', '--out', out])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/cannot export as keras-file/)
    expect(run.stderr).toMatch(/\[mha\] .*Keras 3 built-in/)
    expect(existsSync(out)).toBe(false)
  })

  it('an unreadable, truncated or corrupt project: exit 2, one line', async () => {
    const truncated = join(temp, 'truncated.json')
    await writeFile(truncated, readFileSync(join(ROOT, 'templates/lenet5.json'), 'utf8').slice(0, 300))
    const corrupt = join(temp, 'corrupt.json')
    await writeFile(
      corrupt,
      JSON.stringify({
        format: 'layercanvas',
        schemaVersion: 1,
        name: 'x',
        nodes: [{ id: 'a', kind: 'dense', position: { x: 0, y: 0 }, params: { units: -3 } }],
        edges: [],
      }),
    )
    for (const file of ['nope.json', truncated, corrupt]) {
      const run = await cli(['export', file, '--format', 'tfjs', '--out', join(temp, 'never')])
      expect(run.code).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(/^layercanvas: /)
    }
    expect(existsSync(join(temp, 'never'))).toBe(false)
  })

  it('usage errors: missing --format / --out, unknown format, bad --opset: exit 2', async () => {
    const cases = [
      [['export', 'templates/lenet5.json', '--out', 'x'], /--format is required/],
      [['export', 'templates/lenet5.json', '--format', 'tfjs'], /--out <dir> is required/],
      [
        ['export', 'templates/lenet5.json', '--format', 'caffe', '--out', 'x'],
        /must be one of tfjs, onnx, keras, pytorch, keras-file, web-demo/,
      ],
      [
        ['export', 'templates/lenet5.json', '--format', 'onnx', '--opset', '9', '--out', 'x'],
        /--opset must be a whole number from 13 to 17/,
      ],
      [
        ['export', 'templates/lenet5.json', '--format', 'tfjs', '--opset', '13', '--out', 'x'],
        /only applies to --format onnx/,
      ],
    ] as const
    for (const [args, message] of cases) {
      const run = await cli([...args])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(message)
    }
  })
})

describe('layercanvas import', () => {
  it('round trip: export tfjs, import with the weights, same layers; check passes', async () => {
    const out = join(temp, 'roundtrip')
    expect((await cli(['export', 'templates/lenet5.json', '--format', 'tfjs', '--out', out])).code).toBe(0)
    // Named .json, but with weights it is written as a container under its own extension.
    const run = await cli(['import', join(out, 'model.json'), '--out', join(temp, 'imported.json')])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const project = join(temp, 'imported.layercanvas')
    expect(run.stdout).toContain(`Wrote ${project} instead of ${join(temp, 'imported.json')}`)
    expect(run.stdout).toMatch(/Imported 10 layer\(s\) and 9 connection\(s\), with the weights of 5 layer\(s\)/)
    expect(existsSync(join(temp, 'imported.json'))).toBe(false)
    const parsed = parseProjectFile(readFileSync(project))
    expect(parsed.ok).toBe(true)
    if (parsed.ok)
      expect(parsed.document.nodes.map((n) => n.id)).toEqual([
        'input',
        'pad',
        'c1',
        's2',
        'c3',
        's4',
        'flatten',
        'f5',
        'f6',
        'output',
      ])
    expect((await cli(['check', project])).code).toBe(0)
  })

  it('unknown layers: exit 1, listed by name, nothing written; --allow-gaps writes the rest', async () => {
    const model = join(temp, 'unknown.json')
    await writeFile(
      model,
      JSON.stringify({
        modelTopology: {
          class_name: 'Sequential',
          config: {
            layers: [
              { class_name: 'Dense', config: { name: 'd1', units: 4, batch_input_shape: [null, 3] } },
              { class_name: 'Funky', config: { name: 'funky' } },
              { class_name: 'Dense', config: { name: 'd2', units: 1 } },
            ],
          },
        },
      }),
    )
    const project = join(temp, 'gaps.json')
    const run = await cli(['import', model, '--out', project])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/funky \(Funky\): LayerCanvas has no layer of this class/)
    expect(existsSync(project)).toBe(false)
    const gaps = await cli(['import', model, '--out', project, '--allow-gaps'])
    expect(gaps.code).toBe(0)
    expect(gaps.stderr).toMatch(/warning: left out funky/)
    expect(existsSync(project)).toBe(true)
  })

  it('a missing weights file or a model.json that is not a model: exit 2, one line', async () => {
    const out = join(temp, 'noweights')
    await cli(['export', 'templates/mlp-mnist.json', '--format', 'tfjs', '--out', out])
    await rm(join(out, 'weights.bin'))
    const missing = await cli(['import', join(out, 'model.json'), '--out', join(temp, 'x.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read the weights file .*weights.bin: no such file/)
    const notModel = join(temp, 'notmodel.json')
    await writeFile(notModel, '{"hello": 1}')
    const run = await cli(['import', notModel, '--out', join(temp, 'x.json')])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/not a TensorFlow.js or Keras model/)
  })
})
