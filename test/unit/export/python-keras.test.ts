import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tfjs as tf } from '../tf'
import { graph } from '../helpers'
import { exportKeras } from '../../../src/core/export/keras-python'
import { findPython } from './python-helpers'
import { pythonCases } from './python-cases'

const run = promisify(execFile)
const python = findPython('numpy')
if (!python)
  console.warn(
    'Skipping the Keras export checks: no python3 with numpy. On Debian/Ubuntu: apt install python3 python3-numpy',
  )

/**
 * Keras is not installed where the tests run, so model.py runs against a stand-in `keras`
 * package that records the layers build_model() creates and the arrays set_weights() gets:
 * it proves the generated code is valid Python that runs (no undefined names, every layer
 * of weights.json exists under its name), not Keras' numbers.
 */
const KERAS_STUB = String.raw`
import types

CREATED = {}


class Layer:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.name = kwargs.get("name")
        self.loaded = None
        if self.name:
            CREATED[self.name] = self

    def __call__(self, *inputs, **kwargs):
        return Symbol()

    def set_weights(self, arrays):
        self.loaded = [tuple(a.shape) for a in arrays]


class Symbol:
    shape = None


class _Layers(types.ModuleType):
    Layer = Layer

    def __getattr__(self, name):
        if not name[:1].isupper():
            raise AttributeError(name)
        return type(name, (Layer,), {})


class Model:
    def __init__(self, inputs=None, outputs=None, name=None):
        self.inputs, self.outputs, self.name = inputs, outputs, name

    def get_layer(self, name):
        return CREATED[name]


def Input(shape, dtype="float32", name=None):
    Layer(name=name)
    return Symbol()


layers = _Layers("keras.layers")
ops = types.ModuleType("keras.ops")
saving = types.SimpleNamespace(register_keras_serializable=lambda package=None: (lambda cls: cls))
`

const DRIVER = String.raw`
import importlib.util, json, sys, traceback
import keras

results = {}
for case in json.load(open(sys.argv[1])):
    try:
        keras.CREATED.clear()
        loader = importlib.util.spec_from_file_location("exported_" + case["name"].replace("-", "_"), case["dir"] + "/model.py")
        mod = importlib.util.module_from_spec(loader)
        loader.loader.exec_module(mod)
        model = mod.build_model()
        mod.load_weights_from_tfjs(model, case["dir"])
        results[case["name"]] = {name: layer.loaded for name, layer in keras.CREATED.items()}
    except Exception:
        results[case["name"]] = {"error": traceback.format_exc()}
json.dump(results, open(sys.argv[2], "w"))
`

describe.skipIf(!python)('Keras export checked by python3', () => {
  const cases = pythonCases()
  const names = Object.keys(cases)
  const manifests = new Map<string, { layers: { name: string; weights: { shape: number[] }[] }[] }>()
  let results: Record<string, Record<string, number[][] | null> & { error?: string }> = {}
  let root = ''

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'layercanvas-keras-'))
    mkdirSync(join(root, 'stub', 'keras'), { recursive: true })
    writeFileSync(join(root, 'stub', 'keras', '__init__.py'), KERAS_STUB)
    writeFileSync(join(root, 'driver.py'), DRIVER)
    const spec = []
    for (const name of names) {
      const result = await exportKeras(tf, cases[name])
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`)
      const dir = join(root, name)
      mkdirSync(dir)
      for (const [file, content] of Object.entries(result.files)) writeFileSync(join(dir, file), content)
      manifests.set(name, JSON.parse(result.files['weights.json'] as string))
      spec.push({ name, dir })
    }
    writeFileSync(join(root, 'spec.json'), JSON.stringify(spec))
    const files = names.flatMap((name) => [join(root, name, 'model.py'), join(root, name, 'train.py')])
    await run(python!, ['-m', 'py_compile', ...files], { timeout: 60_000 })
    await run(python!, [join(root, 'driver.py'), join(root, 'spec.json'), join(root, 'results.json')], {
      timeout: 60_000,
      env: { ...process.env, PYTHONPATH: join(root, 'stub') },
    })
    results = JSON.parse(readFileSync(join(root, 'results.json'), 'utf8'))
  }, 120_000)

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it.each(names)('%s: model.py and train.py compile; build_model() runs and every weights.json layer loads', (name) => {
    const result = results[name]
    expect(result.error).toBeUndefined()
    for (const layer of manifests.get(name)!.layers) {
      expect(result[layer.name], layer.name).toEqual(layer.weights.map((w) => w.shape))
    }
  })
})

describe('Keras export without Python', () => {
  it('writes tfjs-equivalent settings for the layers Keras defaults differently', async () => {
    const result = await exportKeras(tf, pythonCases().recurrent, { weights: false })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const model = result.files['model.py'] as string
    expect(model).toContain('layers.GRU(5, activation="tanh", recurrent_activation="sigmoid", reset_after=False')
    expect(result.files['weights.bin']).toBeUndefined()
    const transformer = await exportKeras(tf, pythonCases().transformer, { weights: false })
    expect(transformer.ok && (transformer.files['model.py'] as string)).toContain('(ln2, ln2, use_causal_mask=True)')
  })

  it('lists the nodes of an invalid graph instead of throwing', async () => {
    const doc = graph([['d', 'dense', { units: 2 }]], [])
    const result = await exportKeras(tf, doc)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(0)
  })
})
