import type * as tfjs from '@tensorflow/tfjs'
import type { ProjectDocument } from '../document/types'
import type { SymbolicTensor, Tf } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import { analyzeGraph, type GraphAnalysis } from '../shapes/analyze'
import type { Diagnostic } from '../shapes/diagnostic'
import type { Shape } from '../shapes/shape'
import { seedInitializers } from './seeded-init'

export type CompileResult =
  | {
      ok: true
      model: tfjs.LayersModel
      /** Canvas node id → tf layer name (they differ only where an id is not a valid tf name). */
      layerNames: Record<string, string>
      /** Node ids of the model's inputs and outputs, in the model's order. */
      inputs: string[]
      outputs: string[]
    }
  | { ok: false; diagnostics: Diagnostic[]; message: string }

/** tfjs accepts names matching /^[A-Za-z0-9][-A-Za-z0-9._/]*$/; keep ids readable where possible. */
function layerNameFor(id: string, taken: Set<string>): string {
  let name = id.replace(/[^A-Za-z0-9._-]/g, '_')
  if (!/^[A-Za-z0-9]/.test(name)) name = `n${name}`
  let unique = name
  for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`
  taken.add(unique)
  return unique
}

/**
 * Builds a tf.LayersModel from the document with the functional API: branches, skip
 * connections and several inputs/outputs are all just edges. Only a graph without errors
 * compiles; layers not connected to an Input are left out (the editor warns about them).
 * Initial weights are a function of `doc.training.seed` (see seeded-init.ts): the same
 * document compiles to the same weights in every process, on the same backend.
 */
export function compileModel(tf: Tf, doc: ProjectDocument, analysis: GraphAnalysis = analyzeGraph(doc)): CompileResult {
  if (!analysis.valid) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error')
    return { ok: false, diagnostics: errors, message: `the graph has ${errors.length} error(s)` }
  }
  if (analysis.outputs.length === 0) {
    return { ok: false, diagnostics: [], message: 'the graph has no output layer (nothing after the Input)' }
  }
  const byId = new Map(doc.nodes.map((node) => [node.id, node]))
  const tensors = new Map<string, SymbolicTensor>()
  // No prototype: looking up an id must never find Object.prototype's members.
  const layerNames: Record<string, string> = Object.create(null) as Record<string, string>
  const taken = new Set<string>()
  const seeding = seedInitializers(tf, doc.training.seed)
  try {
    for (const id of analysis.needed) {
      seeding.node(id)
      const node = byId.get(id)!
      const kind = getLayerKind(node.kind)!
      const name = layerNameFor(id, taken)
      layerNames[id] = name
      const inputShapes = analysis.nodes[id].inputShapes as Shape[]
      const built = kind.build(tf, node.params as never, { name, inputShapes })
      if (kind.isInput) {
        tensors.set(id, built as SymbolicTensor)
        continue
      }
      const inputs = analysis.inputsByPort[id].map((source) => tensors.get(source) as SymbolicTensor)
      const layer = built as tfjs.layers.Layer
      tensors.set(id, layer.apply(inputs.length === 1 ? inputs[0] : inputs) as SymbolicTensor)
    }
    const needed = new Set(analysis.needed)
    const inputs = analysis.inputs.filter((id) => needed.has(id))
    const model = tf.model({
      inputs: inputs.map((id) => tensors.get(id) as SymbolicTensor),
      outputs: analysis.outputs.map((id) => tensors.get(id) as SymbolicTensor),
      name: layerNameFor(doc.name || 'model', new Set(taken)),
    })
    return { ok: true, model, layerNames, inputs, outputs: [...analysis.outputs] }
  } catch (error) {
    // Shape inference promised this graph works; if tfjs disagrees it is our bug, but the user
    // still gets a message instead of a crash (tests assert this never happens for templates).
    // tfjs walks the model's graph recursively, so a chain of some thousands of layers
    // overflows its stack: say what that means for the user's network.
    const why =
      error instanceof RangeError && /call stack/i.test(error.message)
        ? `the network is too deep for TensorFlow.js (${analysis.order.length} layers; tfjs walks them recursively)`
        : (error as Error).message
    return { ok: false, diagnostics: [], message: `tfjs could not build the model: ${why}` }
  } finally {
    seeding.end()
  }
}
