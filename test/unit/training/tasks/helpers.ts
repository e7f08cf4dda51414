import * as tf from '@tensorflow/tfjs'
import { compileModel } from '../../../../src/core/compile/compile'
import type { Dataset, DatasetSplit } from '../../../../src/core/data/dataset'
import { createRng } from '../../../../src/core/data/random'
import { parseProject } from '../../../../src/core/document/parse'
import type { GroupRole, ProjectDocument } from '../../../../src/core/document/types'
import { customLayers } from '../../../../src/core/layers/custom'
import { createTask } from '../../../../src/core/training/tasks/index'
import type { TaskGraph, TrainingTask } from '../../../../src/core/training/tasks/task'
import { splitOf } from '../helpers'

type NodeSpec = [string, string, Record<string, unknown>?]
type EdgeSpec = [string, string, number?]

/** A document from a compact description, with groups and training settings. */
export function taskDocument(
  nodes: NodeSpec[],
  edges: EdgeSpec[],
  training: Record<string, unknown>,
  groups: { name: string; role: GroupRole; nodeIds: string[] }[] = [],
): ProjectDocument {
  const parsed = parseProject({
    format: 'layercanvas',
    schemaVersion: 1,
    name: 'task-test',
    nodes: nodes.map(([id, kind, params], i) => ({ id, kind, position: { x: 0, y: i * 100 }, params: params ?? {} })),
    edges: edges.map(([source, target, port], i) => ({ id: `e${i}`, source, target, targetPort: port ?? 0 })),
    groups: groups.map((g, i) => ({ id: `g${i}`, collapsed: false, ...g })),
    training,
  })
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.document
}

/** Compiles the document and builds its task, failing loudly. */
export function buildTask(
  doc: ProjectDocument,
  dataset: Dataset,
  split: DatasetSplit = splitOf(dataset.size, 0.8, 0.1),
): { task: TrainingTask; graph: TaskGraph; model: tf.LayersModel } {
  customLayers(tf)
  const compiled = compileModel(tf, doc)
  if (!compiled.ok) throw new Error(compiled.message + JSON.stringify(compiled.diagnostics))
  const graph: TaskGraph = {
    document: doc,
    layerNames: compiled.layerNames,
    inputs: compiled.inputs,
    outputs: compiled.outputs,
  }
  const made = createTask(doc.training.task, { tf, model: compiled.model, dataset, split, config: doc.training, graph })
  if (!made.ok) throw new Error(made.error.message + ' ' + made.error.suggestion)
  return { task: made.task, graph, model: compiled.model }
}

function base(
  id: string,
  preview: Dataset['preview'],
): Pick<Dataset, 'id' | 'name' | 'description' | 'inputDtype' | 'preview'> {
  return { id, name: { en: id, 'zh-CN': id }, description: { en: id, 'zh-CN': id }, inputDtype: 'float32', preview }
}

/** n values of N(mean, std), as a 1-feature dataset (labels unused). */
export function gaussian1d(n: number, mean: number, std: number, seed = 1): Dataset {
  const rng = createRng(seed)
  const features = Float32Array.from({ length: n }, () => mean + std * rng.gaussian())
  return {
    ...base('gaussian1d', 'points'),
    task: 'regression',
    inputShape: [1],
    targetShape: [1],
    features,
    labels: new Float32Array(n),
    size: n,
  }
}

/**
 * Two moons (scikit-learn's make_moons): upper arc (cos θ, sin θ) and lower arc
 * (1 − cos θ, 0.5 − sin θ), θ ∈ [0, π], plus gaussian noise; centred and scaled by 1/1.
 */
export function twoMoons(n: number, noise = 0.05, seed = 3): Dataset {
  const rng = createRng(seed)
  const features = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const k = i % 2
    const theta = rng.uniform(0, Math.PI)
    const [x, y] = k === 0 ? [Math.cos(theta), Math.sin(theta)] : [1 - Math.cos(theta), 0.5 - Math.sin(theta)]
    features[2 * i] = x - 0.5 + noise * rng.gaussian()
    features[2 * i + 1] = y - 0.25 + noise * rng.gaussian()
    labels[i] = k
  }
  return {
    ...base('moons', 'points'),
    task: 'classification',
    inputShape: [2],
    targetShape: [],
    features,
    labels,
    classNames: ['upper', 'lower'],
    size: n,
  }
}

/** Distance from a point to the nearest of the two (noise-free, centred) moon arcs. */
export function moonDistance(x: number, y: number): number {
  const arc = (cx: number, cy: number, upper: boolean) => {
    const dx = x - cx
    const dy = y - cy
    // Nearest point of a half circle of radius 1 around (cx, cy): on the arc if the angle is in range, else an end.
    const inRange = upper ? dy >= 0 : dy <= 0
    if (inRange) return Math.abs(Math.hypot(dx, dy) - 1)
    return Math.min(Math.hypot(dx - 1, dy), Math.hypot(dx + 1, dy))
  }
  return Math.min(arc(-0.5, -0.25, true), arc(0.5, 0.25, false))
}

/** Runs `steps` training steps over shuffled batches of the training split; returns the losses. */
export async function runSteps(
  task: TrainingTask,
  split: DatasetSplit,
  steps: number,
  batchSize: number,
  seed = 5,
  rate?: (step: number) => number,
): Promise<number[]> {
  const rng = createRng(seed)
  const losses: number[] = []
  const order = Int32Array.from(split.train)
  let at = order.length
  for (let s = 0; s < steps; s++) {
    if (at + batchSize > order.length) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1)
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      at = 0
    }
    if (rate) task.setLearningRate(rate(s))
    const { loss, metrics } = task.trainStep(order.subarray(at, at + batchSize))
    at += batchSize
    losses.push((await loss.data())[0])
    tf.dispose([loss, ...metrics])
  }
  return losses
}

export const mean = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0) / values.length
export const std = (values: ArrayLike<number>) => {
  const m = mean(values)
  return Math.sqrt(Array.from(values).reduce((a, b) => a + (b - m) ** 2, 0) / values.length)
}
