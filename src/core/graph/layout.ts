import type { Position, ProjectDocument } from '../document/types'
import { layeredLayout, type Box, type Direction } from './layered'

export type { Direction } from './layered'

/** How the canvas draws a group around its layers (the renderer passes its own numbers). */
export interface GroupFrameMetrics {
  /** Space between the layers and the frame on every side. */
  padding: number
  /** The label bar above the layers. */
  header: number
  /** A narrower frame grows to the left to this width. */
  minWidth: number
}

export interface LayoutOptions {
  direction?: Direction
  /** Rendered node sizes when the host knows them; otherwise a typical layer card. */
  nodeSize?: (nodeId: string) => Box
  /** The size of a collapsed group's single node. */
  collapsedSize?: (groupId: string) => Box
  frame?: GroupFrameMetrics
}

const DEFAULT_SIZE: Box = { width: 200, height: 86 }
const DEFAULT_COLLAPSED: Box = { width: 240, height: 96 }
/** The canvas' frame (src/renderer/src/canvas/group-elements.ts). */
export const DEFAULT_FRAME: GroupFrameMetrics = { padding: 18, header: 34, minWidth: 310 }
const NODE_GAP = 40
/** Room for an edge's shape label between layers: a label is short but can be wide ("16×16×16"). */
const LAYER_GAP = { TB: 56, LR: 100 }
/** Between blocks (groups and loose layers) the gap is wider, so frames read as separate. */
const BLOCK_GAP = 48
const MARGIN = 20

/**
 * Lays the network out in layers (src/core/graph/layered.ts), group-aware: each group's
 * layers are laid out first, and the group becomes one block of the size of its frame (or of
 * its collapsed node) in the layout of the whole graph, so frames never overlap each other or
 * a loose layer. Positions are top-left corners, as React Flow expects. Every node moves; a
 * collapsed group's layers keep their inner arrangement, with its top-left where the collapsed
 * node is drawn.
 */
export function autoLayout(doc: ProjectDocument, opts: LayoutOptions = {}): ProjectDocument {
  if (doc.nodes.length === 0) return doc
  const direction = opts.direction ?? 'TB'
  const frame = opts.frame ?? DEFAULT_FRAME
  const sizeOf = (id: string): Box => opts.nodeSize?.(id) ?? DEFAULT_SIZE
  const nodeIds = new Set(doc.nodes.map((node) => node.id))

  // Which block each layer belongs to: a group's id (prefixed, so it never equals a layer id)
  // or the layer itself.
  const blockOf = new Map<string, string>()
  const members = new Map<string, string[]>()
  for (const group of doc.groups) {
    const key = `group:${group.id}`
    const inside = group.nodeIds.filter((id) => nodeIds.has(id) && !blockOf.has(id))
    if (inside.length === 0) continue
    for (const id of inside) blockOf.set(id, key)
    members.set(key, inside)
  }
  for (const node of doc.nodes) if (!blockOf.has(node.id)) blockOf.set(node.id, node.id)

  const placed = new Map<string, Position>()
  const blockSizes = new Map<string, Box>()
  // Each group's interior, laid out relative to its block's top-left.
  const interiors = new Map<string, Map<string, Position>>()
  for (const group of doc.groups) {
    const key = `group:${group.id}`
    const inside = members.get(key)
    if (!inside || interiors.has(key)) continue
    const inner = layOutInterior(doc, inside, nodeIds, sizeOf, direction)
    if (group.collapsed) {
      // The collapsed node is drawn at its layers' top-left corner, which is the block's.
      interiors.set(key, inner.positions)
      blockSizes.set(key, opts.collapsedSize?.(group.id) ?? DEFAULT_COLLAPSED)
      continue
    }
    // The frame: padding around the layers, the label bar on top, grown left to its minimum.
    const grow = Math.max(0, frame.minWidth - (inner.width + 2 * frame.padding))
    const offset = { x: grow + frame.padding, y: frame.header + frame.padding }
    const shifted = new Map<string, Position>()
    for (const [id, p] of inner.positions) shifted.set(id, { x: p.x + offset.x, y: p.y + offset.y })
    interiors.set(key, shifted)
    blockSizes.set(key, {
      width: inner.width + 2 * frame.padding + grow,
      height: inner.height + 2 * frame.padding + frame.header,
    })
  }

  const blocks: string[] = []
  const seenBlocks = new Set<string>()
  for (const node of doc.nodes) {
    const key = blockOf.get(node.id)!
    if (seenBlocks.has(key)) continue
    seenBlocks.add(key)
    blocks.push(key)
    if (!blockSizes.has(key)) blockSizes.set(key, sizeOf(node.id))
  }
  const blockEdges: Array<readonly [string, string]> = []
  const seenEdges = new Set<string>()
  for (const edge of doc.edges) {
    const from = blockOf.get(edge.source)
    const to = blockOf.get(edge.target)
    if (from === undefined || to === undefined || from === to) continue
    const key = `${from}\u0000${to}`
    if (seenEdges.has(key)) continue
    seenEdges.add(key)
    blockEdges.push([from, to])
  }
  const grouped = doc.groups.length > 0
  const outer = layeredLayout(
    { ids: blocks, sizes: blockSizes, edges: blockEdges },
    {
      direction,
      nodeGap: grouped ? BLOCK_GAP : NODE_GAP,
      layerGap: grouped ? Math.max(LAYER_GAP[direction], BLOCK_GAP) : LAYER_GAP[direction],
    },
  )
  for (const key of blocks) {
    const corner = outer.positions.get(key)!
    const interior = interiors.get(key)
    if (!interior) {
      placed.set(key, { x: corner.x + MARGIN, y: corner.y + MARGIN })
      continue
    }
    for (const [id, p] of interior) placed.set(id, { x: corner.x + p.x + MARGIN, y: corner.y + p.y + MARGIN })
  }
  return {
    ...doc,
    nodes: doc.nodes.map((node) => {
      const p = placed.get(node.id)
      return p ? { ...node, position: { x: Math.round(p.x), y: Math.round(p.y) } } : node
    }),
  }
}

/**
 * A group's layers laid out on their own, top-left member corner at (0, 0), the size measured
 * over the members. An edge from outside the group into a member below the group's first row
 * gets a thin entry box in the first row with an edge to that member: the layout then keeps a
 * free lane down to it (instead of the edge crossing the layers above it).
 */
function layOutInterior(
  doc: ProjectDocument,
  inside: readonly string[],
  taken: ReadonlySet<string>,
  sizeOf: (id: string) => Box,
  direction: Direction,
): { positions: Map<string, Position>; width: number; height: number } {
  const set = new Set(inside)
  const ids = [...inside]
  const sizes = new Map(inside.map((id) => [id, sizeOf(id)]))
  const edges: Array<readonly [string, string]> = []
  const entries = new Set<string>()
  for (const e of doc.edges) {
    if (set.has(e.source) && set.has(e.target)) edges.push([e.source, e.target])
    else if (set.has(e.target) && !set.has(e.source)) entries.add(e.target)
  }
  const anchors = new Set<string>()
  for (const target of entries) {
    let id = `\u0000entry:${target}`
    while (taken.has(id) || set.has(id)) id += '\u0000'
    anchors.add(id)
    ids.push(id)
    sizes.set(id, { width: 0, height: 0 })
    edges.push([id, target])
  }
  const laid = layeredLayout(
    { ids, sizes, edges, anchors },
    { direction, nodeGap: NODE_GAP, layerGap: LAYER_GAP[direction] },
  )
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const id of inside) {
    const p = laid.positions.get(id)!
    const size = sizes.get(id)!
    minX = Math.min(minX, p.x)
    minY = Math.min(minY, p.y)
    maxX = Math.max(maxX, p.x + size.width)
    maxY = Math.max(maxY, p.y + size.height)
  }
  const positions = new Map<string, Position>()
  for (const id of inside) {
    const p = laid.positions.get(id)!
    positions.set(id, { x: p.x - minX, y: p.y - minY })
  }
  return { positions, width: maxX - minX, height: maxY - minY }
}
