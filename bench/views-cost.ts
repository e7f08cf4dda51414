/**
 * The cost guard of the "see inside the network" views: training throughput with every view
 * open, divided by the same run with them closed (target ≥ 0.9).
 *
 *   npm run bench -- views          (Node, tfjs CPU backend; BENCH_VIEW_BATCHES: timed batches per run)
 *
 * "Open" drives the worker's own services exactly as the training worker does while the app
 * shows every view: the activations view's pushes (every 1.5 s, between batches), "how one unit
 * computes" re-read after every push (as the UI does), and the weights-and-gradients probe
 * (one probed step every 500 ms). Runs alternate closed / open, each on a fresh model with the
 * same seed, and the medians are compared, so a machine busy with something else for a moment
 * moves both sides alike.
 */
import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeDatasetSources } from '../src/cli/dataset-sources'
import { compileModel } from '../src/core/compile/compile'
import type { Dataset, DatasetSplit } from '../src/core/data/dataset'
import { normalizeDataset } from '../src/core/data/normalize'
import { loadDataset } from '../src/core/data/registry'
import { splitFor } from '../src/core/data/split'
import { parseProject } from '../src/core/document/parse'
import type { ProjectDocument } from '../src/core/document/types'
import { customLayers } from '../src/core/layers/custom/index'
import { installFastCpuKernels } from '../src/core/training/cpu-kernels'
import { createTrainer } from '../src/core/training/trainer'
import { createActivationsService } from '../src/renderer/src/worker/activations'
import { createExplainService } from '../src/renderer/src/worker/explain'
import { createGradientsService } from '../src/renderer/src/worker/gradients'

const root = fileURLToPath(new URL('..', import.meta.url))
const TARGET = 0.9
const ROUNDS = 3

function template(id: string): ProjectDocument {
  const parsed = parseProject(JSON.parse(readFileSync(join(root, 'templates', `${id}.json`), 'utf8')))
  if (!parsed.ok) throw new Error(`templates/${id}.json: ${parsed.error.message}`)
  return parsed.document
}

interface Case {
  name: string
  document: ProjectDocument
  /** A node whose unit the unit view explains. */
  unitNode: string
  batches: number
}

async function trainOnce(
  c: Case,
  raw: Dataset,
  dataset: Dataset,
  split: DatasetSplit,
  open: boolean,
): Promise<{ samplesPerSec: number; reads: number; probes: number }> {
  const compiled = compileModel(tf, c.document)
  if (!compiled.ok) throw new Error(compiled.message)
  const graph = {
    document: c.document,
    layerNames: compiled.layerNames,
    inputs: compiled.inputs,
    outputs: compiled.outputs,
  }
  // With the document's maps, as the worker's context has them: GAN projects read generated samples.
  const context = { model: compiled.model, dataset, raw, split, ...graph }
  let reads = 0
  let probes = 0
  let running = false
  const explainer = createExplainService({ tf, post: () => undefined, context: () => context })
  const activations = createActivationsService({
    tf,
    post: (message) => {
      reads += 1
      // The UI asks the unit view to read again after every activations push.
      if (message.requestId === null)
        explainer.request({
          type: 'explainUnit',
          requestId: reads,
          sample: { split: 'test', index: 0 },
          nodeId: c.unitNode,
          unit: 0,
        })
    },
    preview: () => ({ preview: null, transfer: [] }),
    context: () => context,
    training: () => running,
  })
  const gradients = createGradientsService({
    tf,
    post: (message) => {
      if (message.state.ok) probes = message.state.steps.length
    },
  })
  if (open) {
    activations.watch({ type: 'activationsWatch', on: true, sample: { split: 'test', index: 0 } })
    gradients.watch({ type: 'gradientsWatch', on: true })
  }
  const config = {
    ...c.document.training,
    epochs: 1,
    earlyStopping: { ...c.document.training.earlyStopping, enabled: false },
  }
  const trainer = createTrainer({
    tf,
    model: compiled.model,
    dataset,
    split: { train: split.train, validation: new Int32Array(0), test: new Int32Array(0) },
    config,
    graph,
    maxBatchesPerEpoch: c.batches,
    onEvent: (event) => {
      if (event.event === 'batch') activations.noteBatch()
    },
    batchProbe: gradients.probeFor({ model: compiled.model, layerNames: compiled.layerNames, dataset, config, graph }),
  })
  running = true
  const start = performance.now()
  const result = await trainer.start()
  const seconds = (performance.now() - start) / 1000
  running = false
  activations.watch({ type: 'activationsWatch', on: false, sample: { split: 'test', index: 0 } })
  gradients.runEnded()
  gradients.watch({ type: 'gradientsWatch', on: false })
  if (result.status !== 'done') throw new Error(`${c.name}: ${result.error?.message ?? result.status}`)
  compiled.model.dispose()
  return { samplesPerSec: (c.batches * config.batchSize) / seconds, reads, probes }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

tf.enableProdMode()
await tf.setBackend('cpu')
await tf.ready()
installFastCpuKernels(tf)
customLayers(tf)

const batches = Number(process.env.BENCH_VIEW_BATCHES ?? 150)
const cases: Case[] = [
  { name: 'MNIST MLP', document: template('mlp-mnist'), unitNode: 'hidden', batches },
  { name: 'LeNet-5 CNN', document: template('lenet5'), unitNode: 'c3', batches: Math.max(10, Math.round(batches / 6)) },
  // A GAN: a generated sample's activations (z through G and D) and D's and G's gradients.
  {
    name: 'GAN MLP (MNIST)',
    document: template('gan-mlp'),
    unitNode: 'g1',
    batches: Math.max(10, Math.round(batches / 3)),
  },
]
const rows = []
let failed = false
for (const c of cases) {
  const loaded = await loadDataset(c.document.training.dataset, nodeDatasetSources())
  if (!loaded.ok) throw new Error(loaded.error)
  const split = splitFor(loaded.dataset, c.document.training.split)
  const { dataset } = normalizeDataset(loaded.dataset, split, c.document.training.normalization)
  // One untimed run first: kernels, optimizer slots and the JIT warm up.
  await trainOnce({ ...c, batches: 5 }, loaded.dataset, dataset, split, true)
  const closed: number[] = []
  const open: number[] = []
  let reads = 0
  let probes = 0
  for (let round = 0; round < ROUNDS; round++) {
    closed.push((await trainOnce(c, loaded.dataset, dataset, split, false)).samplesPerSec)
    const run = await trainOnce(c, loaded.dataset, dataset, split, true)
    open.push(run.samplesPerSec)
    reads += run.reads
    probes += run.probes
  }
  const ratio = median(open) / median(closed)
  failed ||= ratio < TARGET
  rows.push({
    model: c.name,
    'batches per run': c.batches,
    'closed samples/s': median(closed).toFixed(0),
    'open samples/s': median(open).toFixed(0),
    [`open ÷ closed (≥${TARGET})`]: `${ratio.toFixed(2)} ${ratio >= TARGET ? '✓' : '✗'}`,
    'readings / probed steps (all open runs)': `${reads} / ${probes}`,
  })
}
console.log(
  `\nViews' cost: training with every view open vs closed (Node, tfjs ${tf.getBackend()} backend, medians of ${ROUNDS} runs each)`,
)
console.table(rows)
console.log(
  failed
    ? 'Verdict: ✗ the open views slow training by more than 10%.'
    : 'Verdict: ✓ the open views cost less than 10% of the training throughput.',
)
