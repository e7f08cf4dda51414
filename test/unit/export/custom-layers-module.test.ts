import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { compileModel } from '../../../src/core/compile/compile'
import type { ProjectDocument } from '../../../src/core/document/types'
import { exportTfjs } from '../../../src/core/export/tfjs'
import { CUSTOM_LAYERS_FILE } from '../../../src/core/export/tfjs-layers-module'
import { applyTrainedWeights } from '../../../src/core/training/weights'
import { tfjs as tf } from '../tf'
import {
  CUSTOM_GRAPHS,
  maxDiff,
  predictArrays,
  randomInputs,
  withTrainedWeights,
  writeFiles,
} from './file-export-helpers'
// @ts-expect-error a plain .mjs script without types
import { GENERATED_FILE, generatedSource } from '../../../scripts/custom-layers-module.mjs'

const ROOT = resolve(import.meta.dirname, '../../..')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-custom-layers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('layercanvas-layers.js is up to date with src/core/layers/custom (run `npm run gen:custom-layers`)', async () => {
  expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(await generatedSource())
})

// In a fresh Node process: its own tfjs, LayerCanvas' layers from the exported module only.
const LOAD_AND_PREDICT = `import { readFile } from 'node:fs/promises'
import * as tf from '@tensorflow/tfjs'
import { registerLayerCanvasLayers } from './${CUSTOM_LAYERS_FILE}'
await tf.setBackend('cpu')
registerLayerCanvasLayers(tf)
const json = JSON.parse(await readFile('model.json', 'utf8'))
const bin = await readFile('weights.bin')
const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
const weightSpecs = json.weightsManifest[0].weights
const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }))
const inputs = JSON.parse(await readFile('inputs.json', 'utf8')).map((i) => tf.tensor(i.data, i.shape, i.dtype))
const out = model.predict(inputs.length === 1 ? inputs[0] : inputs)
console.log(JSON.stringify((Array.isArray(out) ? out : [out]).map((t) => Array.from(t.dataSync()))))
`

async function predictInFreshTfjs(name: string, doc: ProjectDocument): Promise<number> {
  const result = await exportTfjs(tf, doc, { version: 'test' })
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  expect(Object.keys(result.files)).toContain(CUSTOM_LAYERS_FILE)
  const folder = join(dir, name)
  writeFiles(folder, result.files)
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'))

  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message)
  applyTrainedWeights(tf, compiled.model, compiled.layerNames, doc.trained!)
  const inputs = randomInputs(compiled.model, 2, 5)
  const serialised = await Promise.all(
    inputs.map(async (t) => ({ data: Array.from(await t.data()), shape: t.shape, dtype: t.dtype })),
  )
  writeFileSync(join(folder, 'inputs.json'), JSON.stringify(serialised))
  writeFileSync(join(folder, 'check.mjs'), LOAD_AND_PREDICT)
  const expected = await predictArrays(compiled.model, inputs)
  tf.dispose(inputs)
  compiled.model.dispose()

  const stdout = execFileSync(process.execPath, ['check.mjs'], { cwd: folder, encoding: 'utf8', timeout: 120_000 })
  const line = stdout.split('\n').find((l) => l.startsWith('['))
  const got = (JSON.parse(line!) as number[][]).map((values) => Float32Array.from(values))
  return maxDiff(expected, got)
}

describe('an exported model with custom layers loads in a fresh tfjs with only layercanvas-layers.js', () => {
  for (const name of ['attention', 'diffusion', 'relu']) {
    it(`${name}: the same predictions as LayerCanvas' own model`, async () => {
      const doc = await withTrainedWeights(CUSTOM_GRAPHS[name](), 13)
      expect(await predictInFreshTfjs(name, doc)).toBeLessThan(1e-5)
    })
  }
})
