import type * as tfjs from '@tensorflow/tfjs'
import { compileModel } from '../compile/compile'
import type { ProjectDocument } from '../document/types'
import { diagnosticProblem, exportProblem, nodeLabelText } from '../i18n/export-messages'
import { kindLabel } from '../i18n/format'
import type { Tf } from '../layers/kind'
import { analyzeGraph, type GraphAnalysis } from '../shapes/analyze'
import { applyTrainedWeights } from '../training/weights'
import type { ExportProblem } from './problem'

/** Why an export failed or what it had to approximate (the one ExportProblem of every exporter). */
export type FileExportProblem = ExportProblem

/**
 * A model the host compiled from the same document (compileModel's result): an export then takes
 * its weights as they are and ignores `doc.trained`.
 */
export interface GivenModel {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
}

/** A compiled model with the weights an export should write. */
export interface ModelSource {
  model: tfjs.LayersModel
  layerNames: Record<string, string>
  inputs: string[]
  outputs: string[]
  analysis: GraphAnalysis
  /** 'trained' = doc.trained applied (at least one layer), 'initial' = fresh, 'model' = passed in. */
  weights: 'trained' | 'initial' | 'model'
  warnings: FileExportProblem[]
  /**
   * Every node of `doc.trained` left with fresh weights, also those the model no longer holds
   * (weights.json lists them); empty when the model was passed in.
   */
  notRestored: string[]
  /** True when this module compiled the model: the caller disposes it. */
  owned: boolean
}

/**
 * Which weights an export holds, for its README: trained ones say when they were taken and
 * their test accuracy when known (the app exports the latest run's weights by default, not
 * only the ones saved with the project).
 */
export function weightsNote(doc: ProjectDocument, weights: ModelSource['weights']): string {
  if (weights === 'initial') return 'freshly initialised (untrained) weights'
  if (weights === 'model') return 'the current weights'
  const accuracy = doc.trained?.metrics?.testAccuracy
  const details = [
    doc.trained?.savedAt ? `taken ${doc.trained.savedAt}` : null,
    accuracy !== undefined ? `test accuracy ${accuracy.toFixed(4)}` : null,
  ].filter(Boolean)
  return `trained weights${details.length ? ` (${details.join(', ')})` : ''}`
}

/** `Dense "hidden"` or `"My layer" (Dense)`: how messages name a node. */
export function nodeLabel(doc: ProjectDocument, id: string): string {
  const node = doc.nodes.find((n) => n.id === id)
  const kind = node ? kindLabel(node.kind, 'en') : id
  return node?.name ? `"${node.name}" (${kind})` : `${kind} "${id}"`
}

/**
 * Compiles the document (or takes `compiled`) and loads `doc.trained` into it where the saved
 * weights still fit; layers that keep fresh weights come back as warnings naming the node.
 * `analysis` is the document's (analyzeGraph), for callers that have already looked at it.
 */
export function modelSource(
  tf: Tf,
  doc: ProjectDocument,
  compiled?: GivenModel,
  analysis: GraphAnalysis = analyzeGraph(doc),
): { ok: true; source: ModelSource } | { ok: false; problems: FileExportProblem[] } {
  if (!analysis.valid) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error')
    return { ok: false, problems: errors.map((d) => diagnosticProblem(d, doc)) }
  }
  if (compiled) {
    const names = compiled.layerNames
    const source: ModelSource = {
      model: compiled.model,
      layerNames: names,
      inputs: analysis.inputs.filter((id) => names[id] !== undefined),
      outputs: [...analysis.outputs],
      analysis,
      weights: 'model',
      warnings: [],
      notRestored: [],
      owned: false,
    }
    return { ok: true, source }
  }
  const built = compileModel(tf, doc, analysis)
  if (!built.ok) {
    const found = built.diagnostics.map((d) => diagnosticProblem(d, doc))
    return { ok: false, problems: found.length > 0 ? found : [{ nodeId: null, message: built.message }] }
  }
  const warnings: FileExportProblem[] = []
  let weights: ModelSource['weights'] = 'initial'
  const notRestored: string[] = []
  if (doc.trained) {
    const applied = applyTrainedWeights(tf, built.model, built.layerNames, doc.trained)
    if (applied.restored.length > 0) weights = 'trained'
    notRestored.push(...applied.skipped.map((skip) => skip.nodeId))
    for (const { nodeId, reason } of applied.skipped) {
      if (built.layerNames[nodeId] === undefined) continue
      warnings.push(
        exportProblem(nodeId, reason === 'shapeChanged' ? 'freshWeightsShapeChanged' : 'freshWeightsUnreadable', {
          node: nodeLabelText(doc, nodeId),
        }),
      )
    }
  }
  return {
    ok: true,
    source: {
      model: built.model,
      layerNames: built.layerNames,
      inputs: built.inputs,
      outputs: built.outputs,
      analysis,
      weights,
      warnings,
      notRestored,
      owned: true,
    },
  }
}

/** One weight tensor of a node's tf layer (Keras layout, float32). */
export interface LayerWeight {
  /** tf's name, e.g. `dense1/kernel` or `bi/forward_lstm_LSTM1/bias`. */
  name: string
  shape: number[]
  data: Float32Array
}

/** A model's layers by name, built once per model (a long chain would otherwise search per node). */
const layersByName = new WeakMap<tfjs.LayersModel, Map<string, tfjs.layers.Layer>>()

/**
 * The weights of a node's layer in tf's order (`getWeights()`, which is also Keras'), read out of
 * the source's model; null for a node the model holds no layer for.
 */
export async function readLayerWeights(source: ModelSource, nodeId: string): Promise<LayerWeight[] | null> {
  let byName = layersByName.get(source.model)
  if (!byName) {
    byName = new Map(source.model.layers.map((layer) => [layer.name, layer]))
    layersByName.set(source.model, byName)
  }
  const name = source.layerNames[nodeId]
  const layer = name === undefined ? undefined : byName.get(name)
  if (!layer) return null
  return Promise.all(
    layer.weights.map(async (w) => ({
      name: w.originalName ?? w.name,
      shape: [...w.shape] as number[],
      data: (await w.read().data()) as Float32Array,
    })),
  )
}
