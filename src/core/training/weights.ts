import type * as tfjs from '@tensorflow/tfjs'
import type { TrainedWeight, TrainedWeights } from '../document/types'
import type { Tf } from '../layers/kind'

/**
 * The model's weights in the document's `trained` shape: per canvas node, its layer's weights
 * in `layer.getWeights()` order, as float32 values (copied off the GPU). Reads every weight once.
 */
export async function trainedWeightsFromModel(
  model: tfjs.LayersModel,
  layerNames: Record<string, string>,
  extra: { metrics?: Record<string, number>; savedAt?: string } = {},
): Promise<TrainedWeights> {
  const layers: Record<string, TrainedWeight[]> = {}
  for (const [nodeId, layerName] of Object.entries(layerNames)) {
    const layer = findLayer(model, layerName)
    if (!layer || layer.weights.length === 0) continue
    const values = await Promise.all(layer.weights.map((w) => w.read().data()))
    layers[nodeId] = layer.weights.map((w, i) => ({
      name: w.originalName ?? w.name,
      shape: [...w.shape] as number[],
      data: Float32Array.from(values[i] as ArrayLike<number>),
    }))
  }
  return {
    savedAt: extra.savedAt ?? new Date().toISOString(),
    layers,
    ...(extra.metrics ? { metrics: extra.metrics } : {}),
  }
}

export type SkipReason = 'noLayer' | 'shapeChanged' | 'corrupt'

export interface ApplyResult {
  /** Node ids whose weights were loaded. */
  restored: string[]
  /** Node ids left with fresh weights, and why (the UI says "retrain these"). */
  skipped: { nodeId: string; reason: SkipReason }[]
}

/**
 * Loads saved weights into a freshly compiled model, node by node: a node whose layer is gone,
 * whose weight shapes changed (the user edited its params) or whose data cannot be decoded is
 * skipped and keeps its fresh weights.
 */
export function applyTrainedWeights(
  tf: Tf,
  model: tfjs.LayersModel,
  layerNames: Record<string, string>,
  trained: TrainedWeights,
): ApplyResult {
  const result: ApplyResult = { restored: [], skipped: [] }
  for (const [nodeId, saved] of Object.entries(trained.layers)) {
    const layerName = layerNames[nodeId]
    const layer = layerName === undefined ? undefined : findLayer(model, layerName)
    if (!layer) {
      result.skipped.push({ nodeId, reason: 'noLayer' })
      continue
    }
    const current = layer.weights
    const sameShapes =
      current.length === saved.length &&
      current.every(
        (w, i) => w.shape.length === saved[i].shape.length && w.shape.every((d, j) => d === saved[i].shape[j]),
      )
    if (!sameShapes) {
      result.skipped.push({ nodeId, reason: 'shapeChanged' })
      continue
    }
    const arrays = saved.map((w) => w.data)
    const sizes = saved.map((w) => w.shape.reduce((a, b) => a * b, 1))
    if (arrays.some((a, i) => a.length !== sizes[i])) {
      result.skipped.push({ nodeId, reason: 'corrupt' })
      continue
    }
    const tensors = arrays.map((a, i) => tf.tensor(a, saved[i].shape, 'float32'))
    try {
      layer.setWeights(tensors)
    } finally {
      tf.dispose(tensors)
    }
    result.restored.push(nodeId)
  }
  return result
}

function findLayer(model: tfjs.LayersModel, name: string): tfjs.layers.Layer | undefined {
  return model.layers.find((layer) => layer.name === name)
}
