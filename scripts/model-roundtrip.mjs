// A big model through the command line, step by step, each step its own process with its time
// and peak memory (RSS) measured: a tfjs model is built and saved (model.json + shards), then
// `layercanvas import` → `check` → `export --format tfjs | onnx | pytorch`, and the outputs on
// one input are compared: tfjs' own model, the exported tfjs model, onnxruntime running the ONNX
// export, and PyTorch running the exported model.py. Used by bench/vgg16-roundtrip.mjs (VGG16,
// 138 million parameters) and by test/unit/model-roundtrip.test.ts (STAND_IN: the same layer
// kinds, tiny).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin/layercanvas.mjs')
const CHILD = join(ROOT, 'scripts/model-roundtrip-child.mjs')
export const PYTHON = '/usr/bin/python3'
const TIME = '/usr/bin/time'
/** Issue #13's bound for every step: import, check and each export within 4 GB. */
export const MAX_STEP_RSS_BYTES = 4 * 1024 ** 3

/**
 * A VGG-style stack: blocks of 3×3 "same" ReLU convolutions each followed by a 2×2 max pool,
 * then flatten, ReLU dense layers and a softmax classifier. Names as Keras' VGG16 has them.
 */
function vgg(name, input, blocks, dense, classes) {
  const layers = []
  blocks.forEach(([filters, convs], b) => {
    for (let c = 0; c < convs; c++)
      layers.push({
        type: 'conv2d',
        config: {
          name: `block${b + 1}_conv${c + 1}`,
          filters,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
        },
      })
    layers.push({ type: 'maxPooling2d', config: { name: `block${b + 1}_pool`, poolSize: 2, strides: 2 } })
  })
  layers.push({ type: 'flatten', config: { name: 'flatten' } })
  dense.forEach((units, i) => layers.push({ type: 'dense', config: { name: `fc${i + 1}`, units, activation: 'relu' } }))
  layers.push({ type: 'dense', config: { name: 'predictions', units: classes, activation: 'softmax' } })
  return { name, input, layers }
}

/** VGG16 as published (Simonyan & Zisserman, configuration D): 138,357,544 parameters. */
export const VGG16 = vgg(
  'vgg16',
  [224, 224, 3],
  [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ],
  [4096, 4096],
  1000,
)
export const VGG16_PARAMS = 138_357_544

/** The same layer kinds at toy sizes, for the unit tests: 32×32×3, two blocks, dense 32. */
export const STAND_IN = vgg(
  'vgg-stand-in',
  [32, 32, 3],
  [
    [8, 2],
    [16, 2],
  ],
  [32, 32],
  10,
)

/**
 * Runs one command as its own process and measures it: wall seconds and peak RSS in bytes
 * (GNU time's "Maximum resident set size" when /usr/bin/time is there, else the child's own
 * process.resourceUsage().maxRSS, reported through a preloaded module). Rejects on a non-zero
 * exit with the command's stderr.
 */
export function measured(command, args, options = {}) {
  const useTime = existsSync(TIME) && process.platform === 'linux'
  const rssFile = join(options.tmp ?? ROOT, `.rss-${process.pid}-${Math.random().toString(16).slice(2)}`)
  let file = command
  let argv = args
  const env = { ...process.env, ...options.env }
  if (useTime) {
    file = TIME
    argv = ['-v', command, ...args]
  } else if (command === process.execPath) {
    argv = ['--import', new URL('./report-max-rss.mjs', import.meta.url).href, ...args]
    env.LAYERCANVAS_MAX_RSS_FILE = rssFile
  }
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      let rssBytes = null
      const timed = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
      if (timed) {
        rssBytes = Number(timed[1]) * 1024
        stderr = stderr.slice(0, stderr.lastIndexOf('\tCommand being timed:'))
      } else if (existsSync(rssFile)) rssBytes = Number(readFileSync(rssFile, 'utf8')) * 1024
      if (code !== 0) reject(new Error(`${[command, ...args].join(' ')} exited ${code}:\n${stderr}`))
      else resolve({ seconds, rssBytes, stdout, stderr })
    })
  })
}

const layercanvas = (args, tmp) => measured(process.execPath, [BIN, ...args], { tmp })

function floats(path) {
  const bytes = readFileSync(path)
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

/**
 * How far `got` is from `want`: the largest absolute difference over the largest absolute
 * reference value (so outputs near zero do not blow it up), or Infinity when the sizes differ.
 */
export function relativeDifference(got, want) {
  if (got.length !== want.length) return Infinity
  let diff = 0
  let scale = 0
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]))
    scale = Math.max(scale, Math.abs(want[i]))
  }
  return diff / Math.max(scale, 1e-30)
}

/** True when Debian's Python has torch (the PyTorch comparison needs it). */
export function hasTorch() {
  if (!existsSync(PYTHON)) return false
  try {
    execFileSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const TORCH_PREDICT = `
import importlib.util, json, os, sys
import numpy as np, torch
folder, input_path, output_path, shape = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
spec = importlib.util.spec_from_file_location("exported_model", os.path.join(folder, "model.py"))
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
torch.set_num_threads(max(1, int(os.environ.get("ROUNDTRIP_THREADS", "2"))))
model = module.Model()
module.load_tfjs_weights(model, folder)
model.eval()
x = np.fromfile(input_path, dtype="<f4").reshape([1] + shape)
with torch.no_grad():
    y = model(torch.from_numpy(x))
y = y[0] if isinstance(y, tuple) else y
y.numpy().astype("<f4").tofile(output_path)
`

/**
 * The whole round trip for `spec` in `dir` (created). `log` gets a line per step. Returns
 * { params, steps: [{ step, seconds, rssBytes }], differences: { tfjs, onnx, pytorch? } };
 * PyTorch is left out when `torch` is false.
 */
export async function roundTrip(spec, dir, { log = () => {}, torch = hasTorch() } = {}) {
  mkdirSync(dir, { recursive: true })
  const steps = []
  const step = async (name, run) => {
    log(`${name}…`)
    const result = await run()
    steps.push({ step: name, seconds: result.seconds, rssBytes: result.rssBytes })
    log(`${name}: ${result.seconds.toFixed(1)} s, peak RSS ${megabytes(result.rssBytes)} MB`)
    return result
  }
  const specFile = join(dir, 'spec.json')
  writeFileSync(specFile, JSON.stringify(spec))
  const built = await step('build + save tfjs model (tfjs)', () =>
    measured(process.execPath, [CHILD, 'build', specFile, dir], { tmp: dir }),
  )
  const params = JSON.parse(built.stdout.trim().split('\n').pop()).params
  const project = join(dir, 'project.layercanvas')
  await step('layercanvas import', () =>
    layercanvas(['import', join(dir, 'model', 'model.json'), '--out', project], dir),
  )
  await step('layercanvas check', () => layercanvas(['check', project], dir))
  for (const format of ['tfjs', 'onnx', 'pytorch'])
    await step(`layercanvas export --format ${format}`, () =>
      layercanvas(['export', project, '--format', format, '--out', join(dir, format)], dir),
    )

  const input = join(dir, 'input.bin')
  const reference = floats(join(dir, 'reference.bin'))
  const differences = {}
  await step('run exported tfjs (tfjs)', () =>
    measured(process.execPath, [CHILD, 'predict', join(dir, 'tfjs'), input, join(dir, 'out-tfjs.bin')], { tmp: dir }),
  )
  differences.tfjs = relativeDifference(floats(join(dir, 'out-tfjs.bin')), reference)
  const shape = JSON.stringify(spec.input)
  await step('run exported onnx (onnxruntime)', () =>
    measured(
      process.execPath,
      [CHILD, 'onnx', join(dir, 'onnx', 'model.onnx'), input, join(dir, 'out-onnx.bin'), shape],
      {
        tmp: dir,
      },
    ),
  )
  differences.onnx = relativeDifference(floats(join(dir, 'out-onnx.bin')), reference)
  if (torch) {
    await step('run exported pytorch (torch)', () =>
      measured(PYTHON, ['-c', TORCH_PREDICT, join(dir, 'pytorch'), input, join(dir, 'out-torch.bin'), shape], {
        tmp: dir,
      }),
    )
    differences.pytorch = relativeDifference(floats(join(dir, 'out-torch.bin')), reference)
  }
  return { params, steps, differences, outputs: reference.length }
}

export const megabytes = (bytes) => (bytes === null ? '?' : Math.round(bytes / 1024 ** 2).toLocaleString('en'))
