import type { ProjectDocument } from '../../document/types'
import { diagnosticProblem, exportProblem, nodeLabelText } from '../../i18n/export-messages'
import type { AnyLayerKind, CodeContext, KerasSnippet, PyTorchSnippet, Unsupported } from '../../layers/kind'
import { getLayerKind } from '../../layers/registry'
import { analyzeGraph, type GraphAnalysis } from '../../shapes/analyze'
import { formatShape, type Shape } from '../../shapes/shape'
import { pythonNames } from '../../codegen/python/literal'
import type { GivenModel } from '../model-source'
import type { ExportFiles, ExportProblem } from '../problem'

export type { ExportFiles, ExportProblem } from '../problem'

export type ExportResult = { ok: true; files: ExportFiles } | { ok: false; problems: ExportProblem[] }

export interface PythonExportOptions {
  /** Write weights.bin + weights.json (the project's trained weights, or fresh ones). Default true. */
  weights?: boolean
  /**
   * Take the weights from this compiled model (compileModel's result for the same document)
   * instead of compiling one; `doc.trained` is then ignored: the model is the source.
   */
  compiled?: GivenModel
}

export type Framework = 'keras' | 'pytorch'
type SnippetOf<F extends Framework> = F extends 'keras' ? KerasSnippet : PyTorchSnippet

export interface PlannedNode<S> {
  id: string
  kind: AnyLayerKind
  /** The node's Python identifier. */
  name: string
  params: Record<string, unknown>
  /** Node ids feeding it, in port order. */
  inputs: string[]
  ctx: CodeContext
  snippet: S
}

export interface GraphPlan<S> {
  /** Nodes the outputs need, in topological order (nodes not leading to an output are left out, as the compiler does). */
  nodes: PlannedNode<S>[]
  byId: Map<string, PlannedNode<S>>
  /** Input and output node ids, in the model's order. */
  inputs: string[]
  outputs: string[]
  analysis: GraphAnalysis
}

export function isUnsupported(value: object): value is Unsupported {
  return 'unsupported' in value
}

function known(shape: Shape | null | undefined): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => typeof d === 'number')
}

/**
 * The graph as the Python exporters walk it: the same nodes, order and input ports the tfjs
 * compiler uses, each with its Python name and its kind's snippet for the framework. Collects
 * every problem (invalid graph, unknown sizes, unsupported kinds) instead of stopping at the first.
 */
export function planGraph<F extends Framework>(
  doc: ProjectDocument,
  framework: F,
  analysis: GraphAnalysis = analyzeGraph(doc),
): { ok: true; plan: GraphPlan<SnippetOf<F>> } | { ok: false; problems: ExportProblem[] } {
  if (!analysis.valid) {
    const problems = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => diagnosticProblem(d, doc))
    return { ok: false, problems }
  }
  if (analysis.outputs.length === 0) {
    return { ok: false, problems: [exportProblem(null, 'noOutput')] }
  }
  const docNodes = new Map(doc.nodes.map((node) => [node.id, node]))
  const order = analysis.needed
  const names = pythonNames(order)
  const problems: ExportProblem[] = []
  const nodes: PlannedNode<SnippetOf<F>>[] = []
  for (const id of order) {
    const node = docNodes.get(id)!
    const kind = getLayerKind(node.kind)!
    const info = analysis.nodes[id]
    const label = nodeLabelText(doc, id)
    if (!info.inputShapes.every(known) || !known(info.outputShape)) {
      const shapes = [...info.inputShapes, info.outputShape].map((s) => (s ? formatShape(s) : '?')).join(', ')
      problems.push(exportProblem(id, 'pythonSizesUnknown', { node: label, shapes }))
      continue
    }
    const ctx: CodeContext = {
      name: names.get(id)!,
      inputShapes: info.inputShapes as number[][],
      outputShape: info.outputShape,
    }
    const code = kind.code[framework] as (p: never, c: CodeContext) => SnippetOf<F> | Unsupported
    const snippet = code(node.params as never, ctx)
    if (isUnsupported(snippet)) {
      problems.push(
        exportProblem(id, 'pythonUnsupported', {
          node: label,
          framework: framework === 'keras' ? 'Keras' : 'PyTorch',
          reason: snippet.unsupported,
        }),
      )
      continue
    }
    nodes.push({ id, kind, name: ctx.name, params: node.params, inputs: analysis.inputsByPort[id], ctx, snippet })
  }
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    plan: {
      nodes,
      byId: new Map(nodes.map((n) => [n.id, n])),
      inputs: analysis.inputs.filter((id) => order.includes(id)),
      outputs: [...analysis.outputs],
      analysis,
    },
  }
}
