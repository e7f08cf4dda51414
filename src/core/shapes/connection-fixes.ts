import type { ProjectDocument } from '../document/types'
import { addNode, connect, setParams } from '../graph/edits'
import { analyzeGraph, type GraphAnalysis } from './analyze'
import type { Shape } from './shape'

/**
 * Ways to make a refused connection work, for the canvas to offer as buttons: put a Flatten or
 * a Reshape between the two layers, or change the Input the wire starts from. Every candidate
 * is tried on a copy of the document and offered only when the target then takes its input
 * and no layer gains a problem it did not have, so a button never makes things worse.
 */
export type ConnectionFix =
  /** source → a new `layerKind` layer (with `params`) → target. */
  | { type: 'insertBetween'; layerKind: 'flatten' | 'reshape'; params: Record<string, unknown>; shape: number[] }
  /** Set params of the source, an Input (e.g. make it an image). */
  | { type: 'changeInput'; nodeId: string; params: Record<string, unknown>; shape: number[] }

export interface Connection {
  source: string
  target: string
  targetPort?: number
}

/** At most this many fixes are offered: a choice, not a list to read. */
const MAX_FIXES = 3

/** n = k²·c with the largest k: 784 → [28, 28, 1], 128 → [8, 8, 2], 3072 → [32, 32, 3]. */
function squareImage(n: number): number[] {
  let k = Math.floor(Math.sqrt(n))
  while (k > 1 && n % (k * k) !== 0) k--
  return [k, k, n / (k * k)]
}

/** Shapes one sample of `size` values could take, by rank: what a Reshape or an Input could offer. */
function candidateShapes(shape: Shape): number[][] {
  const dims = shape.every((d): d is number => d !== null) ? shape : null
  if (!dims || dims.length === 0) return []
  const size = dims.reduce((a, b) => a * b, 1)
  const out: number[][] = [squareImage(size)]
  if (dims.length === 2) out.push([dims[0], dims[1], 1])
  if (dims.length === 3) out.push([dims[0], dims[1] * dims[2]])
  out.push([size, 1])
  return out
}

function errorNodes(analysis: GraphAnalysis): Set<string> {
  return new Set(
    Object.entries(analysis.nodes).flatMap(([id, info]) =>
      info.diagnostics.some((d) => d.severity === 'error' && d.code !== 'missingInput') ? [id] : [],
    ),
  )
}

/** The edited document is good when the target and every new layer are fine and no other layer gained an error. */
function works(before: Set<string>, doc: ProjectDocument, target: string, added: string | null): boolean {
  const after = errorNodes(analyzeGraph(doc))
  if (after.has(target) || (added !== null && after.has(added))) return false
  for (const id of after) if (!before.has(id)) return false
  return true
}

/** The document with `fix` applied and the connection made; `nodeId` is the inserted layer, if any. */
export function applyConnectionFix(
  doc: ProjectDocument,
  c: Connection,
  fix: ConnectionFix,
): { doc: ProjectDocument; nodeId: string | null } {
  if (fix.type === 'changeInput') {
    const changed = setParams(doc, fix.nodeId, fix.params)
    return { doc: connect(changed, c).doc, nodeId: null }
  }
  const source = doc.nodes.find((n) => n.id === c.source)
  const target = doc.nodes.find((n) => n.id === c.target)
  if (!source || !target) throw new Error(`applyConnectionFix: no node ${source ? c.target : c.source}`)
  const position = { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 }
  const added = addNode(doc, fix.layerKind, position, fix.params)
  const wired = connect(added.doc, { source: c.source, target: added.nodeId, targetPort: 0 }).doc
  return {
    doc: connect(wired, { source: added.nodeId, target: c.target, targetPort: c.targetPort }).doc,
    nodeId: added.nodeId,
  }
}

/** Input params that give one sample `shape`, or null when no Input mode has that rank. */
function inputParams(shape: number[]): Record<string, unknown> | null {
  if (shape.length === 3) return { mode: 'image', height: shape[0], width: shape[1], channels: shape[2] }
  if (shape.length === 2) return { mode: 'sequence', timesteps: shape[0], features: shape[1] }
  if (shape.length === 1) return { mode: 'vector', size: shape[0] }
  return null
}

/** The fixes that make `c` work, best first (none when nothing simple does). */
export function connectionFixes(doc: ProjectDocument, c: Connection): ConnectionFix[] {
  const analysis = analyzeGraph(doc)
  const shape = analysis.nodes[c.source]?.outputShape
  if (!shape || !doc.nodes.some((n) => n.id === c.target)) return []
  const before = errorNodes(analysis)
  const candidates: ConnectionFix[] = []
  if (shape.length > 1 && shape.every((d) => d !== null)) {
    candidates.push({
      type: 'insertBetween',
      layerKind: 'flatten',
      params: {},
      shape: [(shape as number[]).reduce((a, b) => a * b, 1)],
    })
  }
  const reshapes = candidateShapes(shape).filter((s) => s.length !== shape.length || s.some((d, i) => d !== shape[i]))
  for (const s of reshapes)
    candidates.push({ type: 'insertBetween', layerKind: 'reshape', params: { targetShape: s }, shape: s })
  const source = doc.nodes.find((n) => n.id === c.source)
  if (source?.kind === 'input') {
    const size = shape.every((d) => d !== null) ? (shape as number[]).reduce((a, b) => a * b, 1) : null
    const shapes = size === null ? [] : [...candidateShapes(shape), [size]]
    for (const s of shapes) {
      const params = inputParams(s)
      if (params) candidates.push({ type: 'changeInput', nodeId: source.id, params, shape: s })
    }
  }
  const fixes: ConnectionFix[] = []
  const seen = new Set<string>()
  for (const fix of candidates) {
    const key = JSON.stringify([fix.type, fix.shape])
    if (seen.has(key)) continue
    seen.add(key)
    const applied = applyConnectionFix(doc, c, fix)
    if (works(before, applied.doc, c.target, applied.nodeId)) fixes.push(fix)
    if (fixes.length === MAX_FIXES) break
  }
  return fixes
}
