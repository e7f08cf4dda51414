import type { ProjectDocument } from '../document/types'
import { adjacency, reachableFrom, topologicalOrder } from '../graph/topology'
import type { ParamCount } from '../layers/kind'
import { getLayerKind } from '../layers/registry'
import { checkParam, type ParamSpec } from '../params/schema'
import type { Diagnostic } from './diagnostic'
import type { Shape } from './shape'
import { formatSize, MAX_PARAMS, paramCountProblem, shapeSizeProblem } from './size-limits'

export interface NodeAnalysis {
  /** One entry per connected input, in port order; null where the upstream shape is unknown. */
  inputShapes: (Shape | null)[]
  /** Null when this node or anything before it has an error. */
  outputShape: Shape | null
  params: ParamCount | null
  /** Multiply-accumulates per sample (see LayerKind.macs); null when unknown or the node has an error. */
  macs: number | null
  diagnostics: Diagnostic[]
}

export interface GraphAnalysis {
  /** Per node id. Objects without a prototype, so no id can reach Object.prototype. */
  nodes: Record<string, NodeAnalysis>
  /** Per edge id (no prototype either). */
  edges: Record<string, { shape: Shape | null }>
  diagnostics: Diagnostic[]
  /** Node ids in topological order (cyclic nodes are left out). */
  order: string[]
  /** Input nodes, and the nodes whose output nothing consumes (the model's outputs). */
  inputs: string[]
  outputs: string[]
  /**
   * Per node id (no prototype): the nodes feeding it, one per connected input in port order —
   * the order of `inputShapes`, so the compiler and every exporter wire inputs as shapes were inferred.
   */
  inputsByPort: Record<string, string[]>
  /**
   * The nodes the outputs need, in topological order: what the compiler builds and the exporters
   * write (an Input nothing reads is left out).
   */
  needed: string[]
  /** `macs` is null when a reachable layer's count is unknown (e.g. a sequence of any length). */
  totals: { total: number; trainable: number; nonTrainable: number; macs: number | null }
  valid: boolean
}

/** Checks the node's stored params; the parser guarantees them, but editors and tests may not. */
function firstParamProblem(params: Record<string, unknown>, schema: Record<string, ParamSpec>): Diagnostic | null {
  for (const [name, spec] of Object.entries(schema)) {
    const problem = checkParam(spec, params[name])
    if (problem) {
      return {
        code: 'invalidParam',
        severity: 'error',
        values: { param: name, problemKey: problem.key, ...problem.values },
      }
    }
  }
  return null
}

/**
 * Whole-graph shape inference. Runs on every edit, so it is linear in nodes + edges and never
 * throws: every problem becomes a Diagnostic on the node where the user should look.
 */
export function analyzeGraph(doc: ProjectDocument): GraphAnalysis {
  const adj = adjacency(doc)
  const { order, cyclic } = topologicalOrder(doc, adj)
  const nodes: Record<string, NodeAnalysis> = Object.create(null) as Record<string, NodeAnalysis>
  const diagnostics: Diagnostic[] = []
  const report = (nodeId: string, d: Omit<Diagnostic, 'nodeId'>) => {
    const full = { ...d, nodeId }
    nodes[nodeId].diagnostics.push(full)
    diagnostics.push(full)
  }

  for (const node of doc.nodes)
    nodes[node.id] = { inputShapes: [], outputShape: null, params: null, macs: null, diagnostics: [] }
  if (doc.nodes.length === 0) diagnostics.push({ code: 'emptyGraph', severity: 'error', values: {} })

  const inputs = doc.nodes.filter((node) => getLayerKind(node.kind)?.isInput).map((node) => node.id)
  if (doc.nodes.length > 0 && inputs.length === 0) diagnostics.push({ code: 'noInput', severity: 'error', values: {} })
  for (const id of cyclic) report(id, { code: 'cycle', severity: 'error', values: {} })

  const inputsByPort = Object.create(null) as Record<string, string[]>
  for (const node of doc.nodes) inputsByPort[node.id] = (adj.incoming.get(node.id) ?? []).map((edge) => edge.source)
  const byId = new Map(doc.nodes.map((node) => [node.id, node]))
  for (const id of order) {
    const node = byId.get(id)!
    const kind = getLayerKind(node.kind)
    if (!kind) {
      report(id, { code: 'unknownKind', severity: 'error', values: { kind: node.kind } })
      continue
    }
    const incoming = adj.incoming.get(id) ?? []
    const info = nodes[id]
    info.inputShapes = incoming.map((edge) => nodes[edge.source].outputShape)
    const paramProblem = firstParamProblem(node.params, kind.params)
    if (paramProblem) {
      report(id, paramProblem)
      continue
    }
    if (incoming.length < kind.inputs.min) {
      report(id, { code: 'missingInput', severity: 'error', values: { needed: kind.inputs.min, got: incoming.length } })
      continue
    }
    if (incoming.length > kind.inputs.max) {
      report(id, { code: 'tooManyInputs', severity: 'error', values: { max: kind.inputs.max, got: incoming.length } })
      continue
    }
    if (info.inputShapes.some((shape) => shape === null)) continue // an earlier layer already reports why
    const shapes = info.inputShapes as Shape[]
    const result = kind.inferShape(shapes, node.params as never)
    if (!result.ok) {
      report(id, {
        code: result.issue.code,
        severity: 'error',
        values: result.issue.values ?? {},
        fix: result.issue.fix,
      })
      continue
    }
    const sizeProblem = shapeSizeProblem(result.shape)
    if (sizeProblem) {
      report(id, sizeProblem)
      continue
    }
    const count = kind.paramCount(shapes, node.params as never)
    const countProblem = paramCountProblem(count.trainable + count.nonTrainable)
    if (countProblem) {
      report(id, countProblem)
      continue
    }
    info.outputShape = result.shape
    info.params = count
    info.macs = kind.macs ? kind.macs(shapes, node.params as never, result.shape) : 0
  }

  // Every layer cut off from the Inputs has an error upstream (a missing input or a loop), so
  // it needs no message of its own; it only stays out of the totals and the model.
  const reachable = reachableFrom(inputs, adj)

  const edges: GraphAnalysis['edges'] = Object.create(null) as GraphAnalysis['edges']
  for (const edge of doc.edges) edges[edge.id] = { shape: nodes[edge.source]?.outputShape ?? null }

  const totals: GraphAnalysis['totals'] = { total: 0, trainable: 0, nonTrainable: 0, macs: 0 }
  for (const id of order) {
    const { params: count, macs } = nodes[id]
    if (!count || !reachable.has(id)) continue
    totals.trainable += count.trainable
    totals.nonTrainable += count.nonTrainable
    totals.macs = totals.macs === null || macs === null ? null : totals.macs + macs
  }
  totals.total = totals.trainable + totals.nonTrainable
  if (totals.total > MAX_PARAMS) {
    diagnostics.push({
      code: 'modelTooLarge',
      severity: 'error',
      values: { count: formatSize(totals.total), max: formatSize(MAX_PARAMS) },
    })
  }

  const inputSet = new Set(inputs)
  const outputs = order.filter(
    (id) => reachable.has(id) && (adj.outgoing.get(id)?.length ?? 0) === 0 && !inputSet.has(id),
  )
  return {
    nodes,
    edges,
    diagnostics,
    order,
    inputs,
    outputs,
    inputsByPort,
    needed: [...feeding(outputs, inputsByPort, order)],
    totals,
    valid: !diagnostics.some((d) => d.severity === 'error'),
  }
}

/**
 * The nodes `outputs` are computed from (themselves included), in topological order: walks back
 * through each node's inputs. `analysis.needed` is this for all the model's outputs.
 */
export function feeding(
  outputs: readonly string[],
  inputsByPort: Readonly<Record<string, readonly string[]>>,
  order: readonly string[],
): Set<string> {
  const found = new Set<string>()
  const stack = [...outputs]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (found.has(id)) continue
    found.add(id)
    stack.push(...(inputsByPort[id] ?? []))
  }
  return new Set(order.filter((id) => found.has(id)))
}
