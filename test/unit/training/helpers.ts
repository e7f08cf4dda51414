import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, expect } from 'vitest'
import { installWasmTrainingKernels } from '../../../src/core/training/wasm-kernels'
import type { Dataset, DatasetSplit } from '../../../src/core/data/dataset'
import { trainingConfigSchema, type TrainingConfig } from '../../../src/core/training/config'
import type { TrainingEvent } from '../../../src/core/training/events'

/** Tiny deterministic random numbers for test data. */
export function lcg(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
}

/** A seeded source of float32 test values, uniform in (−spread, spread). */
export function seededValues(seed: number): (size: number, spread?: number) => Float32Array {
  const rand = lcg(seed)
  return (size, spread = 1) => Float32Array.from({ length: size }, () => (rand() * 2 - 1) * spread)
}

/** Runs the calling file's tests on tfjs' wasm backend with our training kernels, then goes back to cpu. */
export function onWasmBackend(): void {
  beforeAll(async () => {
    installWasmTrainingKernels(tf)
    expect(await tf.setBackend('wasm')).toBe(true)
  })
  afterAll(async () => {
    await tf.setBackend('cpu')
  })
}

/** Same shape and the same float32 values bit for bit (Object.is: −0 and NaN count). */
export function expectIdentical(actual: tf.Tensor, expected: tf.Tensor, label = ''): void {
  expect(actual.shape, label).toEqual(expected.shape)
  const [x, y] = [actual.dataSync(), expected.dataSync()]
  const differing = x.findIndex((v, i) => !Object.is(v, y[i]))
  expect(differing, `${label}: first difference at ${differing}: ${x[differing]} vs ${y[differing]}`).toBe(-1)
}

function base(
  id: string,
  task: Dataset['task'],
): Omit<Dataset, 'features' | 'labels' | 'size' | 'inputShape' | 'targetShape'> {
  return {
    id,
    name: { en: id, 'zh-CN': id },
    description: { en: id, 'zh-CN': id },
    task,
    inputDtype: 'float32',
    preview: 'points',
  }
}

/** Two well separated 2-D gaussian blobs, classes 0 and 1. */
export function gaussians(n = 200, seed = 1): Dataset {
  const rand = lcg(seed)
  const features = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const label = i % 2
    const centre = label === 0 ? -1.5 : 1.5
    const g = () => (rand() + rand() + rand() - 1.5) * 0.8
    features[2 * i] = centre + g()
    features[2 * i + 1] = centre + g()
    labels[i] = label
  }
  return {
    ...base('gaussians', 'classification'),
    inputShape: [2],
    targetShape: [],
    features,
    labels,
    classNames: ['a', 'b'],
    size: n,
  }
}

/** XOR with a little noise: class = (x > 0) xor (y > 0). */
export function xor(n = 400, seed = 2): Dataset {
  const rand = lcg(seed)
  const features = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const x = rand() * 2 - 1
    const y = rand() * 2 - 1
    features[2 * i] = x
    features[2 * i + 1] = y
    labels[i] = x > 0 !== y > 0 ? 1 : 0
  }
  return {
    ...base('xor', 'classification'),
    inputShape: [2],
    targetShape: [],
    features,
    labels,
    classNames: ['same', 'different'],
    size: n,
  }
}

/** y = 2x − 1 with a little noise. */
export function line(n = 200, seed = 3): Dataset {
  const rand = lcg(seed)
  const features = new Float32Array(n)
  const labels = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    features[i] = rand() * 2 - 1
    labels[i] = 2 * features[i] - 1 + (rand() - 0.5) * 0.05
  }
  return { ...base('line', 'regression'), inputShape: [1], targetShape: [1], features, labels, size: n }
}

/** First 70% train, next 15% validation, rest test (the data is already shuffled). */
export function splitOf(n: number, train = 0.7, validation = 0.15): DatasetSplit {
  const a = Math.round(n * train)
  const b = a + Math.round(n * validation)
  const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i)
  return { train: range(0, a), validation: range(a, b), test: range(b, n) }
}

export function config(overrides: Record<string, unknown> = {}): TrainingConfig {
  return trainingConfigSchema.parse(overrides)
}

export function mlp(
  inputs: number,
  hidden: number,
  outputs: number,
  activation: 'softmax' | 'sigmoid' | 'linear' = 'softmax',
) {
  const model = tf.sequential()
  model.add(
    tf.layers.dense({
      inputShape: [inputs],
      units: hidden,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
    }),
  )
  model.add(
    tf.layers.dense({ units: outputs, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
  )
  return model
}

export function recorder() {
  const events: TrainingEvent[] = []
  const of = <K extends TrainingEvent['event']>(kind: K) =>
    events.filter((e) => e.event === kind) as Extract<TrainingEvent, { event: K }>[]
  return { events, of, onEvent: (e: TrainingEvent) => void events.push(e) }
}

export async function weightValues(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())))
}
