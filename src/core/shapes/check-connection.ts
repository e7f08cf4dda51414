import type { ProjectDocument } from '../document/types'
import { connect, firstFreePort } from '../graph/edits'
import { adjacency, reachableFrom } from '../graph/topology'
import { getLayerKind } from '../layers/registry'
import { analyzeGraph } from './analyze'
import type { Diagnostic } from './diagnostic'

export type ConnectionCheck = { ok: true; targetPort: number } | { ok: false; diagnostic: Diagnostic }

const refuse = (code: string, nodeId: string, values: Diagnostic['values'] = {}): ConnectionCheck => ({
  ok: false,
  diagnostic: { code, severity: 'error', nodeId, values },
})

/**
 * Would this new edge be accepted? Refuses what can never work (loops, a full input, feeding
 * an Input, a shape the target cannot take). A shape problem that has a one-click fix (e.g.
 * "insert a Flatten") is accepted, so the node can show the problem next to its fix button.
 */
export function checkConnection(
  doc: ProjectDocument,
  c: { source: string; target: string; targetPort?: number },
): ConnectionCheck {
  const target = doc.nodes.find((node) => node.id === c.target)
  const source = doc.nodes.find((node) => node.id === c.source)
  if (!target || !source) return refuse('unknownKind', c.target, { kind: '?' })
  const kind = getLayerKind(target.kind)
  if (!kind) return refuse('unknownKind', c.target, { kind: target.kind })
  if (c.source === c.target) return refuse('selfLoop', c.target)
  if (kind.isInput) return refuse('inputHasNoInputs', c.target)
  if (doc.edges.some((edge) => edge.source === c.source && edge.target === c.target)) {
    return refuse('duplicateEdge', c.target)
  }
  const portTaken =
    c.targetPort !== undefined && doc.edges.some((e) => e.target === c.target && e.targetPort === c.targetPort)
  const targetPort = portTaken ? firstFreePort(doc, c.target) : (c.targetPort ?? firstFreePort(doc, c.target))
  if (targetPort >= kind.inputs.max) return refuse('inputFull', c.target, { max: kind.inputs.max })
  if (reachableFrom([c.target], adjacency(doc)).has(c.source)) return refuse('wouldCycle', c.target)

  const after = analyzeGraph(connect(doc, { ...c, targetPort }).doc)
  const problem = after.nodes[c.target]?.diagnostics.find(
    (d) => d.severity === 'error' && d.code !== 'missingInput' && !d.fix,
  )
  if (problem) return { ok: false, diagnostic: problem }
  return { ok: true, targetPort }
}
