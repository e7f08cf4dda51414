import type { ProjectDocument } from '../../../src/core/document/types'
import { graph } from '../helpers'

/** Params of one cappedRelu node, as stored in a document. */
export type ReluParams = {
  capped: boolean
  maxValue: number
  threshold: number
  negativeSlope: number
}

/**
 * Parameter sets of Keras' ReLU that take every path of the kind (stock tfjs ReLU / the custom
 * layer; Clip / Relu / Where in ONNX; relu6, hardtanh, relu, threshold, leaky_relu, where in PyTorch).
 */
export const RELU_SETS: Record<string, ReluParams> = {
  relu6: { capped: true, maxValue: 6, threshold: 0, negativeSlope: 0 },
  cap1_5: { capped: true, maxValue: 1.5, threshold: 0, negativeSlope: 0 },
  plain: { capped: false, maxValue: 6, threshold: 0, negativeSlope: 0 },
  all3: { capped: true, maxValue: 6, threshold: 0.5, negativeSlope: 0.1 },
  slopeCap: { capped: true, maxValue: 3, threshold: 0, negativeSlope: 0.25 },
  thresholdOnly: { capped: false, maxValue: 6, threshold: 1, negativeSlope: 0 },
  thresholdCap: { capped: true, maxValue: 2, threshold: 0.5, negativeSlope: 0 },
  thresholdSlope: { capped: false, maxValue: 6, threshold: 0.5, negativeSlope: 0.2 },
  slopeOnly: { capped: false, maxValue: 6, threshold: 0, negativeSlope: 0.3 },
}

/**
 * Inputs on and around every boundary of the sets above (below, at and above each threshold and
 * each max value); all exact in float32, so "at the boundary" really is at it.
 */
export const RELU_PROBES = [-3, -1, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 5.5, 6, 6.5, 10]

/**
 * Keras' ReLU element by element in float64, step by step as Keras 3's ReLU.static_call (and
 * tf.keras' backend.relu) computes it, not as the kind's simplified formula: an independent reference.
 */
export function kerasRelu(x: number, p: ReluParams): number {
  const relu = (v: number) => Math.max(v, 0)
  const t = p.threshold
  const slope = p.negativeSlope
  if (slope !== 0 && !p.capped && t === 0) return x >= 0 ? x : slope * x // leaky_relu
  const negativePart = slope !== 0 ? relu(-x + t) : 0
  let y = t !== 0 ? x * (x > t ? 1 : 0) : relu(x)
  if (p.capped) y = Math.min(Math.max(y, 0), p.maxValue)
  return slope !== 0 ? y - slope * negativePart : y
}

/**
 * RELU_SETS without `plain`: a ReLU with no option is written as tfjs' stock ReLU, which any
 * importer reads as the ReLU activation (the same function, the editor's usual layer), so an
 * export → import round trip that compares the graphs leaves it out.
 */
export const ROUND_TRIP_RELU_SETS: Record<string, ReluParams> = Object.fromEntries(
  Object.entries(RELU_SETS).filter(([name]) => name !== 'plain'),
)

/**
 * Every set (RELU_SETS by default) on the probe vector, side by side (concatenated), plus the general path on
 * a conv's channels-first output (ONNX twin, PyTorch layout 'any') after a Reshape of the same input.
 */
export function reluGraph(sets: Record<string, ReluParams> = RELU_SETS): ProjectDocument {
  const names = Object.keys(sets)
  return graph(
    [
      ['x', 'input', { mode: 'vector', size: RELU_PROBES.length }],
      ...names.map((name): [string, string, Record<string, unknown>] => [name, 'cappedRelu', { ...sets[name] }]),
      ['img', 'reshape', { targetShape: [1, RELU_PROBES.length, 1] }],
      ['conv', 'conv2d', { filters: 2, kernelSize: [1, 3], padding: 'same', activation: 'linear' }],
      ['convRelu', 'cappedRelu', { ...RELU_SETS.all3 }],
      ['flat', 'flatten', {}],
      // Concatenate takes up to 8 inputs: two halves, then both.
      ['catA', 'concatenate', { axis: -1 }],
      ['catB', 'concatenate', { axis: -1 }],
      ['cat', 'concatenate', { axis: -1 }],
    ],
    [
      ...names.map((name): [string, string] => ['x', name]),
      ['x', 'img'],
      ['img', 'conv'],
      ['conv', 'convRelu'],
      ['convRelu', 'flat'],
      ...names.map((name, i): [string, string, number] => (i < 5 ? [name, 'catA', i] : [name, 'catB', i - 5])),
      ['flat', 'catB', names.length - 5],
      ['catA', 'cat', 0],
      ['catB', 'cat', 1],
    ],
  )
}
