#!/usr/bin/env node
/**
 * CPU training speed, in one run: tfjs' stock pure-JS 'cpu' backend, the same backend with our
 * weight-gradient kernel (src/core/training/cpu-kernels.ts), tfjs' WebAssembly backend with our
 * training kernels (src/core/training/wasm-kernels.ts: what the CLI and the app's CPU path use),
 * and PyTorch on the CPU (Debian's python3-torch at /usr/bin/python3, when present), both with one
 * thread (as our wasm path in Node) and with every core.
 *
 *   npm run bench -- cpu
 *
 * Models (batch 64, Adam, random data of MNIST shape, 28×28×1 → 10 classes / 1 for the GAN's D):
 *   - MNIST MLP: the mlp-mnist template (784 → 128 relu → 10 softmax)
 *   - LeNet-5: the lenet5 template (pad 2, conv 6 5×5 tanh, avgpool, conv 16 5×5 tanh, avgpool,
 *     dense 120, 84, 10)
 *   - DCGAN discriminator: conv 64 5×5 s2 same + leakyReLU → conv 128 5×5 s2 same + leakyReLU →
 *     flatten → dense 1 sigmoid
 * The tfjs step is the app's (see `trainer`): its loss and Adam, optimizer.minimize, the loss read
 * back. Each is timed after one warm-up batch (excluded), for at least BENCH_CPU_SECONDS seconds
 * (default 4) and 2 batches; the stock backend's conv nets take minutes per batch, so there a
 * warm-up batch over 20 s is the figure itself (marked *). samples/s and the ratios ours / stock
 * and ours / PyTorch are printed.
 * The goal ratio, wasm / PyTorch on one thread, is measured in BENCH_CPU_ROUNDS rounds (default
 * 3), each timing every model on wasm and then on PyTorch: the ratio is taken within each round
 * (so a shared machine's drifting speed cancels) and its median is the figure, with the range.
 * tfjs' wasm backend without our kernels cannot train the conv nets (no Conv2DBackpropFilter).
 * Env: BENCH_CPU_SECONDS, BENCH_CPU_THREADS (PyTorch's larger thread count; default: the number of
 * CPU cores), BENCH_CPU_PROFILE=1 (per-kernel milliseconds of one training step on each tfjs
 * path), BENCH_SKIP_TORCH=1, BENCH_CPU_SKIP_STOCK=1 (the stock backend takes minutes on the conv
 * nets).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const load = (path) => import(pathToFileURL(join(root, path)).href)
const BATCH = 64
const SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 4)
const ROUNDS = Math.max(1, Number(process.env.BENCH_CPU_ROUNDS ?? 3))
const THREADS = Number(process.env.BENCH_CPU_THREADS ?? availableParallelism())
const PYTHON = '/usr/bin/python3'
/** Longer than this for the stock backend's warm-up batch: that batch is its figure (see measure). */
const STOCK_CAP_MS = 20_000
const GOALS = { 'MNIST MLP': 0.5, 'LeNet-5': 0.3, 'DCGAN discriminator': 0.3 }

const tf = await import('@tensorflow/tfjs')
await import('@tensorflow/tfjs-backend-wasm')
tf.enableProdMode()
await tf.setBackend('cpu')
await tf.ready()
const { customLayers } = await load('src/core/layers/custom/index.ts')
customLayers(tf)
const { parseProject } = await load('src/core/document/parse.ts')
const { compileModel } = await load('src/core/compile/compile.ts')
const { installFastCpuKernels } = await load('src/core/training/cpu-kernels.ts')
const { installWasmTrainingKernels } = await load('src/core/training/wasm-kernels.ts')
const { unfusedWhileRecording } = await load('src/core/layers/unfused-while-recording.ts')
const { leakyReluLayer } = await load('src/core/layers/leaky-relu-layer.ts')
const { createOptimizer } = await load('src/core/training/optimizers.ts')
const { denseLoss } = await load('src/core/training/losses.ts')
/** The app's Adam at Keras' defaults (on wasm: our fused update; elsewhere tfjs' own). */
const ADAM = { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, momentum: 0, nesterov: false }

function template(id) {
  const parsed = parseProject(JSON.parse(readFileSync(join(root, 'templates', `${id}.json`), 'utf8')))
  if (!parsed.ok) throw new Error(`templates/${id}.json: ${parsed.error.message}`)
  const compiled = compileModel(tf, parsed.document)
  if (!compiled.ok) throw new Error(`templates/${id}.json: ${compiled.message}`)
  return compiled.model
}

/** Built from tfjs layers as our conv2d, dense and activation kinds build them. */
function discriminator() {
  const conv = (filters, extra) =>
    unfusedWhileRecording(tf, tf.layers.conv2d({ filters, kernelSize: 5, strides: 2, padding: 'same', ...extra }))
  return tf.sequential({
    layers: [
      conv(64, { inputShape: [28, 28, 1] }),
      leakyReluLayer(tf, 0.2, 'leaky1'),
      conv(128),
      leakyReluLayer(tf, 0.2, 'leaky2'),
      tf.layers.flatten(),
      unfusedWhileRecording(tf, tf.layers.dense({ units: 1, activation: 'sigmoid' })),
    ],
  })
}

const MODELS = [
  { name: 'MNIST MLP', torch: 'mlp', build: () => template('mlp-mnist'), classes: 10 },
  { name: 'LeNet-5', torch: 'lenet5', build: () => template('lenet5'), classes: 10 },
  { name: 'DCGAN discriminator', torch: 'dcgan_d', build: discriminator, classes: 1 },
]

function batchData(classes) {
  const x = tf.randomUniform([BATCH, 28, 28, 1])
  const labels = tf.randomUniform([BATCH], 0, Math.max(classes, 2), 'int32')
  const y = classes === 1 ? labels.reshape([BATCH, 1]).toFloat() : tf.oneHot(labels, classes).toFloat()
  labels.dispose()
  return { x, y }
}

/**
 * One training step as the app's supervised task runs it (src/core/training/tasks/supervised.ts):
 * the app's Adam (createOptimizer) and loss, optimizer.minimize over the model's trainable
 * variables, and the loss read back, as the app reads it for its progress events.
 */
function trainer(spec) {
  const model = spec.build()
  const optimizer = createOptimizer(tf, ADAM)
  const loss = denseLoss(tf, spec.classes === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy')
  const variables = model.trainableWeights.map((w) => w.read())
  const step = (x, y) => {
    const cost = optimizer.minimize(() => loss(y, model.apply(x, { training: true })), true, variables)
    cost.dataSync()
    cost.dispose()
  }
  return { step, dispose: () => (optimizer.dispose(), model.dispose()) }
}

/**
 * samples/s of the training step on one fixed random batch, warm-up excluded. When the warm-up
 * batch alone takes longer than `capMs` (the stock backend on the conv nets: minutes per batch),
 * that one batch is the figure, marked `single` (it includes first-call costs, so it errs low).
 */
async function measure(spec, capMs = Infinity) {
  const { step, dispose } = trainer(spec)
  const { x, y } = batchData(spec.classes)
  const warmStart = performance.now()
  step(x, y) // warm-up: first-call allocations
  const warmMs = performance.now() - warmStart
  let batches = 0
  let elapsed = 0
  if (warmMs > capMs) {
    batches = 1
    elapsed = warmMs
  } else {
    const started = performance.now()
    while (batches < 2 || elapsed < SECONDS * 1000) {
      step(x, y)
      batches++
      elapsed = performance.now() - started
    }
  }
  tf.dispose([x, y])
  dispose()
  return { samplesPerSec: (batches * BATCH) / (elapsed / 1000), single: warmMs > capMs }
}

/** Milliseconds per kernel name over one training step (after a warm-up step). */
async function profileStep(spec) {
  const { step, dispose } = trainer(spec)
  const { x, y } = batchData(spec.classes)
  step(x, y)
  const info = await tf.profile(() => step(x, y))
  const byKernel = new Map()
  for (const k of info.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + (await k.kernelTimeMs))
  tf.dispose([x, y])
  dispose()
  const total = [...byKernel.values()].reduce((a, b) => a + b, 0)
  const top = [...byKernel.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)
  return `${total.toFixed(1)} ms: ${top.map(([k, ms]) => `${k} ${ms.toFixed(ms < 10 ? 2 : 0)}`).join(', ')}`
}

const TORCH_SCRIPT = String.raw`
import json, sys, time, torch
from torch import nn
torch.set_num_threads(int(sys.argv[1]))
seconds = float(sys.argv[2])
batch = 64
def lenet5():
    return nn.Sequential(nn.ZeroPad2d(2), nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))
def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
def dcgan_d():
    return nn.Sequential(nn.Conv2d(1, 64, 5, 2, 2), nn.LeakyReLU(0.2), nn.Conv2d(64, 128, 5, 2, 2),
        nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(128 * 7 * 7, 1), nn.Sigmoid())
result = {}
for name in sys.argv[3:]:
    torch.manual_seed(0)
    model = globals()[name]()
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    x = torch.rand(batch, 1, 28, 28)
    if name == 'dcgan_d':
        y = torch.randint(0, 2, (batch, 1)).float()
        loss_fn = nn.BCELoss()
    else:
        y = torch.randint(0, 10, (batch,))
        loss_fn = nn.CrossEntropyLoss()
    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    for _ in range(3):
        step()
    n = 0
    start = time.perf_counter()
    while n < 3 or time.perf_counter() - start < seconds:
        step()
        n += 1
    result[name] = n * batch / (time.perf_counter() - start)
print(json.dumps(result))
`

function torchRun(threads) {
  if (process.env.BENCH_SKIP_TORCH === '1') return { skipped: 'BENCH_SKIP_TORCH=1' }
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` }
  const names = MODELS.map((m) => m.torch)
  const run = spawnSync(PYTHON, ['-c', TORCH_SCRIPT, String(threads), String(SECONDS), ...names], {
    encoding: 'utf8',
  })
  if (run.status !== 0) return { skipped: `PyTorch did not run: ${(run.stderr || run.error?.message || '').trim()}` }
  return { figures: JSON.parse(run.stdout.trim().split('\n').pop()) }
}

const profile = process.env.BENCH_CPU_PROFILE === '1'
const skipStock = process.env.BENCH_CPU_SKIP_STOCK === '1'
const stock = {}
const jsKernel = {}
const wasm = {}
await tf.setBackend('cpu')
for (const spec of MODELS) {
  if (skipStock) break
  if (profile) console.log(`profile, cpu stock, ${spec.name}: ${await profileStep(spec)}`)
  stock[spec.name] = await measure(spec, STOCK_CAP_MS)
}
installFastCpuKernels(tf)
for (const spec of MODELS) {
  if (profile) console.log(`profile, cpu + our kernel, ${spec.name}: ${await profileStep(spec)}`)
  jsKernel[spec.name] = await measure(spec, STOCK_CAP_MS)
}
installWasmTrainingKernels(tf)
if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start')
const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT')
for (const spec of MODELS) {
  if (profile) console.log(`profile, wasm + our kernels, ${spec.name}: ${await profileStep(spec)}`)
}
/** Per model: wasm and PyTorch (1 thread) samples/s of each round, measured back to back. */
const rounds = Object.fromEntries(MODELS.map((m) => [m.name, []]))
let torch1 = null
for (let round = 0; round < ROUNDS; round++) {
  const ours = {}
  for (const spec of MODELS) ours[spec.name] = (await measure(spec)).samplesPerSec
  torch1 = torchRun(1)
  for (const spec of MODELS) rounds[spec.name].push({ ours: ours[spec.name], torch: torch1.figures?.[spec.torch] })
  const line = MODELS.map(({ name }) => {
    const { ours: a, torch: b } = rounds[name][round]
    return `${name} ${a.toFixed(0)} / ${b ? b.toFixed(0) : '–'}${b ? ` = ${(a / b).toFixed(2)}` : ''}`
  })
  console.log(`round ${round + 1}/${ROUNDS}, samples/s wasm / PyTorch 1 thread: ${line.join('; ')}`)
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
for (const spec of MODELS) wasm[spec.name] = { samplesPerSec: median(rounds[spec.name].map((r) => r.ours)) }
const torchN = THREADS > 1 ? torchRun(THREADS) : torch1

const cell = (m) => (m ? `${m.samplesPerSec.toFixed(m.samplesPerSec < 10 ? 1 : 0)}${m.single ? ' *' : ''}` : '–')
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '–')
/** wasm / PyTorch 1 thread within each round: the median, and the range over the rounds. */
function pairedRatio(name) {
  const ratios = rounds[name].filter((r) => r.torch).map((r) => r.ours / r.torch)
  if (ratios.length === 0) return '–'
  const mid = median(ratios)
  const range = ratios.length > 1 ? ` [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]` : ''
  return `${mid.toFixed(2)}${range} ${mid >= GOALS[name] ? '✓' : '✗'} (≥ ${GOALS[name]})`
}
console.log(
  `\nCPU training, batch ${BATCH}, Adam, random MNIST-shaped data; samples/s (≥ ${SECONDS} s timed per cell; ` +
    `wasm and PyTorch 1 thread: medians of ${ROUNDS} rounds). ` +
    `tfjs: one thread (wasm${simd ? ' with SIMD' : ' without SIMD'}). ` +
    (torch1.figures ? `PyTorch: 1 and ${THREADS} thread(s).` : `PyTorch skipped: ${torch1.skipped}`),
)
console.table(
  MODELS.map(({ name, torch: key }) => {
    const ours = wasm[name].samplesPerSec
    const t1 = median(rounds[name].map((r) => r.torch).filter(Boolean))
    const tN = torchN.figures?.[key]
    const goal = (theirs) => (theirs ? `${ratio(ours, theirs)} ${ours / theirs >= GOALS[name] ? '✓' : '✗'}` : '–')
    return {
      model: name,
      'cpu (stock)': cell(stock[name]),
      'cpu + our kernel': cell(jsKernel[name]),
      'wasm + our kernels': cell(wasm[name]),
      'wasm / stock': stock[name] ? ratio(ours, stock[name].samplesPerSec) : '–',
      'PyTorch 1 thread': t1 ? t1.toFixed(0) : '–',
      [`PyTorch ${THREADS} threads`]: tN ? tN.toFixed(0) : '–',
      [`wasm / PyTorch 1 thr, per round (goal)`]: pairedRatio(name),
      [`wasm / PyTorch ${THREADS} thr`]: goal(tN),
    }
  }),
)
if ([...Object.values(stock), ...Object.values(jsKernel)].some((c) => c.single)) {
  console.log(`* one batch (over ${STOCK_CAP_MS / 1000} s), first-call costs included: a slight underestimate.`)
}
