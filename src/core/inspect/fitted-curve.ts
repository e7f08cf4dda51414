import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { inspectModelFor, type CompiledGraph } from './inspect-model'

/**
 * TensorFlow Playground's regression view, on the learner's own network: for a model that
 * maps one number x to one number y, the model's prediction over a dense grid of x (the fitted
 * curve, drawn over the data) and each neuron of the first hidden Dense layers over the same
 * grid (the neuron curves the fitted curve is summed from). One forward pass of the grid
 * through the compiled model's own layers (the activations view's inspect model).
 */

/** Points of the x grid: enough for a smooth curve in a few hundred pixels, one small batch. */
const CURVE_POINTS = 200

export interface CurveRange {
  xMin: number
  xMax: number
  /** Points of the grid, evenly spaced from xMin to xMax inclusive. */
  count: number
}

/** One hidden Dense layer's first units over the grid, unit after unit (count values each). */
interface NeuronCurves {
  nodeId: string
  units: number
  shown: number
  values: Float32Array
  min: number
  max: number
}

export interface CurveReading {
  range: CurveRange
  output: { nodeId: string; values: Float32Array }
  layers: NeuronCurves[]
}

/** Does the model map one number to one number? (A 1-D regression network.) */
export function takesScalar(model: tfjs.LayersModel): boolean {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return false
  const input = model.inputs[0].shape
  const output = model.outputs[0].shape
  return input.length === 2 && input[1] === 1 && output.length === 2 && output[1] === 1
}

/** The data's x extent with a margin on both sides, so no point sits on the edge. */
export function curveRange(xs: ArrayLike<number>, count = CURVE_POINTS, margin = 0.1): CurveRange {
  let xMin = Infinity
  let xMax = -Infinity
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) continue
    xMin = Math.min(xMin, xs[i])
    xMax = Math.max(xMax, xs[i])
  }
  if (xMin > xMax) return { xMin: -1, xMax: 1, count }
  const pad = margin * Math.max(xMax - xMin, 1e-3)
  return { xMin: xMin - pad, xMax: xMax + pad, count }
}

/** The grid's x values, xMin to xMax inclusive (as float32, the values the model is fed). */
export function curveGrid(range: CurveRange): Float32Array {
  const step = range.count > 1 ? (range.xMax - range.xMin) / (range.count - 1) : 0
  return Float32Array.from({ length: range.count }, (_, i) => range.xMin + i * step)
}

/**
 * Reads the fitted curve over `range`. Synchronous, inside one tf.tidy, values read with
 * dataSync: no tensor outlives the call, so the trainer's tensor-count check never sees it.
 */
export function readFittedCurve(
  tf: Tf,
  compiled: CompiledGraph,
  range: CurveRange,
  options: { maxLayers?: number; maxUnits?: number } = {},
): CurveReading {
  const { model, layerNames } = compiled
  if (!takesScalar(model)) throw new Error('the fitted curve needs a model with one input number x and one output y')
  const maxLayers = options.maxLayers ?? 3
  const maxUnits = options.maxUnits ?? 8
  const inspect = inspectModelFor(tf, compiled)
  const byLayer = new Map(Object.entries(layerNames).map(([id, name]) => [name, id]))
  const outputLayer = model.outputs[0].sourceLayer
  const outputNodeId = byLayer.get(outputLayer.name) ?? outputLayer.name
  const hidden = model.layers
    .filter((layer) => layer.getClassName() === 'Dense' && layer !== outputLayer && byLayer.has(layer.name))
    .slice(0, maxLayers)
  const reading: CurveReading = { range, output: { nodeId: outputNodeId, values: new Float32Array(0) }, layers: [] }
  const n = range.count
  tf.tidy(() => {
    const x = tf.tensor2d(curveGrid(range), [n, 1])
    const raw = inspect.model.predict(x)
    const outputs = Array.isArray(raw) ? raw : [raw]
    const outputOf = (nodeId: string) => outputs[inspect.nodeIds.indexOf(nodeId)]
    const out = outputOf(outputNodeId) ?? (model.predict(x) as tfjs.Tensor)
    reading.output.values = Float32Array.from(tf.reshape(out, [n]).dataSync())
    for (const layer of hidden) {
      const full = outputOf(byLayer.get(layer.name) as string)
      if (!full || full.shape.length !== 2) break
      const units = full.shape[1] as number
      const shown = Math.min(units, maxUnits)
      // Unit-major: one neuron's curve after another.
      const values = Float32Array.from(tf.transpose(tf.slice(full, [0, 0], [n, shown])).dataSync())
      let min = Infinity
      let max = -Infinity
      for (const v of values) {
        if (v < min) min = v
        if (v > max) max = v
      }
      reading.layers.push({ nodeId: byLayer.get(layer.name) as string, units, shown, values, min, max })
    }
  })
  return reading
}
