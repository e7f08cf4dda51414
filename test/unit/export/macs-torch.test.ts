import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { tfjs as tf } from '../tf'
import { loadTemplate } from '../helpers'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { analyzeGraph } from '../../../src/core/shapes/analyze'
import { findPython } from './python-helpers'

const run = promisify(execFile)
const python = findPython('torch, numpy')

/**
 * Our multiply-accumulate counts against PyTorch's own profiler (`with_flops`), which counts
 * 2 FLOPs per multiply-add of its matrix products and convolutions. It does not count fused
 * recurrent cells nor transposed convolutions: those are left to test/unit/macs.test.ts.
 */
const TEMPLATES = [
  'mlp-mnist',
  'lenet5',
  'alexnet-mini',
  'vgg-mini',
  'resnet-mini',
  'mobilenet-mini',
  'transformer-encoder',
  'autoencoder-dense',
]
const BATCH = 2

const DRIVER = String.raw`
import importlib.util, json, sys
import torch
spec = json.load(open(sys.argv[1]))
counted = {"aten::conv1d", "aten::conv2d", "aten::addmm", "aten::mm", "aten::bmm", "aten::matmul"}
results = {}
for case in spec["cases"]:
    loader = importlib.util.spec_from_file_location("exported_" + case["name"].replace("-", "_"), case["dir"] + "/model.py")
    mod = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(mod)
    model = mod.Model().eval()
    xs = mod.example_inputs(spec["batch"])
    with torch.profiler.profile(with_flops=True) as prof:
        with torch.no_grad():
            model(*xs)
    flops = {e.key: e.flops for e in prof.key_averages() if e.flops}
    results[case["name"]] = {"flops": sum(v for k, v in flops.items() if k in counted), "ops": flops}
json.dump(results, open(sys.argv[2], "w"))
`

describe.skipIf(!python)('MACs equal PyTorch profiler FLOPs / 2', () => {
  const root = mkdtempSync(join(tmpdir(), 'layercanvas-macs-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('for the dense, convolutional and attention templates', async () => {
    const cases: { name: string; dir: string }[] = []
    const expected = new Map<string, number | null>()
    for (const name of TEMPLATES) {
      const doc = loadTemplate(name)
      expected.set(name, analyzeGraph(doc).totals.macs)
      const result = await exportPyTorch(tf, doc)
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`)
      const dir = join(root, name)
      mkdirSync(dir, { recursive: true })
      for (const [file, content] of Object.entries(result.files)) writeFileSync(join(dir, file), content)
      cases.push({ name, dir })
    }
    writeFileSync(join(root, 'driver.py'), DRIVER)
    writeFileSync(join(root, 'spec.json'), JSON.stringify({ cases, batch: BATCH }))
    await run(python!, [join(root, 'driver.py'), join(root, 'spec.json'), join(root, 'out.json')], { timeout: 240_000 })
    const results = JSON.parse(readFileSync(join(root, 'out.json'), 'utf8')) as Record<
      string,
      { flops: number; ops: Record<string, number> }
    >
    for (const name of TEMPLATES) {
      const torchMacs = results[name].flops / 2 / BATCH
      expect({ name, macs: expected.get(name) }, JSON.stringify(results[name].ops)).toEqual({ name, macs: torchMacs })
    }
  }, 300_000)
})
