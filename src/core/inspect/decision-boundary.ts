import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { inspectModelFor, type CompiledGraph } from './inspect-model'
import { gridPoints, type PlaneWindow } from './plane'

/**
 * TensorFlow Playground's view, on the learner's own network: the model's output over a grid
 * of the 2-D input plane (the decision boundary), each neuron of the first hidden Dense layers
 * over the same grid, and the weights between them. Every number comes from the compiled
 * model's own layers in one forward pass of the grid (the activations view's inspect model),
 * not from a re-implementation.
 */

/** One column of neuron tiles: a hidden Dense layer's first units over the grid. */
export interface NeuronLayer {
  nodeId: string
  /** Units in the layer; only the first `shown` are included. */
  units: number
  shown: number
  /** Unit after unit, resolution² values each (the grid's order, see plane.ts). */
  values: Float32Array
  min: number
  max: number
}

/** The weights from one column of tiles to the next: rows = shown inputs, columns = shown units (row-major). */
export interface TileEdges {
  /** 'input' for the x, y features, else the source layer's node id. */
  from: string
  to: string
  rows: number
  cols: number
  weights: Float32Array
}

export interface BoundaryReading {
  area: PlaneWindow
  /** The model's output node and its units per grid point (point after point). */
  output: { nodeId: string; units: number; values: Float32Array }
  layers: NeuronLayer[]
  edges: TileEdges[]
}

export interface BoundaryOptions {
  /** Hidden Dense layers drawn as tiles (the first ones). */
  maxLayers?: number
  /** Units drawn per layer (the first ones). */
  maxUnits?: number
}

/** Does the model take one 2-D point? (A Dense network on two features.) */
export function takesPoints(model: tfjs.LayersModel): boolean {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return false
  const shape = model.inputs[0].shape
  return shape.length === 2 && shape[1] === 2
}

/**
 * Reads the boundary over `area`'s grid. Synchronous, inside one tf.tidy, values read with
 * dataSync: no tensor outlives the call (the trainer's leak check never sees one).
 */
export function readDecisionBoundary(
  tf: Tf,
  compiled: CompiledGraph,
  area: PlaneWindow,
  options: BoundaryOptions = {},
): BoundaryReading {
  const { model, layerNames } = compiled
  if (!takesPoints(model)) throw new Error('the decision boundary needs a model with one input of two features (x, y)')
  const maxLayers = options.maxLayers ?? 3
  const maxUnits = options.maxUnits ?? 8
  const inspect = inspectModelFor(tf, compiled)
  const byLayer = new Map(Object.entries(layerNames).map(([id, name]) => [name, id]))
  const outputLayer = model.outputs[0].sourceLayer
  const outputNodeId = byLayer.get(outputLayer.name) ?? outputLayer.name
  // The hidden Dense layers in the model's order (its layers are topologically sorted).
  const hidden = model.layers
    .filter((layer) => layer.getClassName() === 'Dense' && layer !== outputLayer && byLayer.has(layer.name))
    .slice(0, maxLayers)
  const count = area.resolution * area.resolution
  const points = gridPoints(area)
  const reading: BoundaryReading = {
    area,
    output: { nodeId: outputNodeId, units: 0, values: new Float32Array(0) },
    layers: [],
    edges: [],
  }
  tf.tidy(() => {
    const x = tf.tensor2d(points, [count, 2])
    const raw = inspect.model.predict(x)
    const outputs = Array.isArray(raw) ? raw : [raw]
    const outputOf = (nodeId: string) => outputs[inspect.nodeIds.indexOf(nodeId)]
    const out = tf.reshape(outputOf(outputNodeId) ?? (model.predict(x) as tfjs.Tensor), [count, -1])
    reading.output = { nodeId: outputNodeId, units: out.shape[1] as number, values: readFloats(tf, out) }
    let previous: { id: string; shown: number } = { id: 'input', shown: 2 }
    for (const layer of hidden) {
      const nodeId = byLayer.get(layer.name) as string
      const full = outputOf(nodeId)
      if (!full || full.shape.length !== 2) break
      const units = full.shape[1] as number
      const shown = Math.min(units, maxUnits)
      // Unit-major: one tile's grid after another.
      const values = readFloats(tf, tf.transpose(tf.slice(full, [0, 0], [count, shown])))
      let min = Infinity
      let max = -Infinity
      for (const v of values) {
        if (v < min) min = v
        if (v > max) max = v
      }
      const kernel = layer.getWeights()[0]
      // Edges only where this layer reads the previous column directly (a chain of Dense layers).
      if (
        kernel &&
        kernel.shape.length === 2 &&
        kernel.shape[0] === (previous.id === 'input' ? 2 : columnUnits(reading, previous.id))
      ) {
        const weights = readFloats(tf, tf.slice(kernel, [0, 0], [previous.shown, shown]))
        reading.edges.push({ from: previous.id, to: nodeId, rows: previous.shown, cols: shown, weights })
      }
      reading.layers.push({ nodeId, units, shown, values, min, max })
      previous = { id: nodeId, shown }
    }
  })
  return reading
}

const columnUnits = (reading: BoundaryReading, nodeId: string) =>
  reading.layers.find((l) => l.nodeId === nodeId)?.units ?? -1

/** A float32 copy the caller owns. */
const readFloats = (tf: Tf, tensor: tfjs.Tensor): Float32Array =>
  Float32Array.from(tf.cast(tensor, 'float32').dataSync())

/**
 * The class the model predicts at each grid point and how sure it is: one unit = sigmoid
 * P(class 1); several = softmax-like scores (argmax, its value). For drawing and the tests.
 */
export function predictedClasses(output: BoundaryReading['output']): { classes: Int32Array; confidence: Float32Array } {
  const n = output.units === 0 ? 0 : output.values.length / output.units
  const classes = new Int32Array(n)
  const confidence = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    if (output.units === 1) {
      const p = output.values[i]
      classes[i] = p >= 0.5 ? 1 : 0
      confidence[i] = p >= 0.5 ? p : 1 - p
      continue
    }
    let best = 0
    for (let k = 1; k < output.units; k++)
      if (output.values[i * output.units + k] > output.values[i * output.units + best]) best = k
    classes[i] = best
    confidence[i] = output.values[i * output.units + best]
  }
  return { classes, confidence }
}
