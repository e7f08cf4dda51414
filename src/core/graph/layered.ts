/**
 * A layered ("Sugiyama") layout of a directed graph of boxes, in four steps, all iterative
 * (no recursion: a 20,000-layer chain must not overflow the stack) and keyed by Maps and
 * integer indices (never plain-object keys: a node id "__proto__" is an ordinary id here).
 *
 * 1. Layering: a topological order (Kahn; a cycle is broken at the earliest remaining node),
 *    then longest path from the sources; a source is pulled down next to its first consumer
 *    (an extra Input feeding a late Concatenate sits beside it, not at the top).
 * 2. Long edges get a chain of thin dummy boxes, one per layer crossed, so they are routed
 *    around boxes and take part in crossing reduction (up to a bounded total).
 * 3. Crossing reduction: a few barycenter sweeps down and up (a fixed number: bounded work).
 * 4. Coordinates: layers are stacked along the main axis (boxes aligned at their layer's
 *    start); across it, each box is pulled to the
 *    mean centre of its neighbours in the previous layer and the layer is resolved to keep the
 *    boxes apart with least squared displacement (pool-adjacent-violators, linear per layer).
 *
 * All steps are linear in boxes + edges (+ dummies) times the fixed number of sweeps.
 */

export type Direction = 'TB' | 'LR'

export interface Box {
  width: number
  height: number
}

export interface LayeredInput {
  /** Box ids in a stable order (ties keep this order). Duplicates are programmer errors. */
  ids: readonly string[]
  sizes: ReadonlyMap<string, Box>
  /** [source, target]; edges naming unknown ids or looping on one box are ignored. */
  edges: ReadonlyArray<readonly [string, string]>
  /**
   * Sources that stay in the first layer (not pulled down to their consumer): where edges from
   * outside enter a group, so the layout keeps a lane from the top to the layer they feed.
   */
  anchors?: ReadonlySet<string>
}

export interface LayeredOptions {
  direction: Direction
  /** Gap between neighbouring boxes of one layer. */
  nodeGap: number
  /** Gap between consecutive layers. */
  layerGap: number
}

export interface LayeredResult {
  /** Top-left corners; the drawing's top-left box corner is at (0, 0). */
  positions: Map<string, { x: number; y: number }>
  width: number
  height: number
}

const SWEEPS = 4
/** Beyond this many dummy boxes long edges are left out of ordering (keeps work bounded). */
const MAX_DUMMIES = 200_000
const DUMMY_BREADTH = 12

export function layeredLayout(input: LayeredInput, options: LayeredOptions): LayeredResult {
  const n = input.ids.length
  const positions = new Map<string, { x: number; y: number }>()
  if (n === 0) return { positions, width: 0, height: 0 }
  const index = new Map<string, number>()
  input.ids.forEach((id, i) => {
    if (index.has(id)) throw new Error(`layeredLayout: duplicate id ${id}`)
    index.set(id, i)
  })
  const edges: Array<[number, number]> = []
  for (const [source, target] of input.edges) {
    const s = index.get(source)
    const t = index.get(target)
    if (s !== undefined && t !== undefined && s !== t) edges.push([s, t])
  }
  const lr = options.direction === 'LR'
  // Breadth runs across the layer (x for top-to-bottom), depth along the main axis.
  const breadth: number[] = []
  const depth: number[] = []
  for (const id of input.ids) {
    const size = input.sizes.get(id) ?? { width: 0, height: 0 }
    breadth.push(lr ? size.height : size.width)
    depth.push(lr ? size.width : size.height)
  }

  const pinned = new Uint8Array(n)
  for (const id of input.anchors ?? []) {
    const i = index.get(id)
    if (i !== undefined) pinned[i] = 1
  }
  const rank = assignRanks(n, edges, pinned)
  const graph = withDummies(n, edges, rank, breadth, depth)
  const layers = orderLayers(graph)
  const cross = assignCross(graph, layers, options.nodeGap)

  // Main axis: each layer as deep as its deepest box; boxes centred in their layer.
  const layerDepth = layers.map((layer) => layer.reduce((deepest, v) => Math.max(deepest, graph.depth[v]), 0))
  const layerStart: number[] = []
  let main = 0
  for (const deepest of layerDepth) {
    layerStart.push(main)
    main += deepest + options.layerGap
  }
  let minCross = Infinity
  let maxCross = -Infinity
  for (let v = 0; v < n; v++) {
    minCross = Math.min(minCross, cross[v] - breadth[v] / 2)
    maxCross = Math.max(maxCross, cross[v] + breadth[v] / 2)
  }
  let extentMain = 0
  for (let v = 0; v < n; v++) {
    const r = graph.rank[v]
    // Aligned at the start of their layer: a short group frame beside a tall one starts level with it.
    const along = layerStart[r]
    const across = cross[v] - breadth[v] / 2 - minCross
    extentMain = Math.max(extentMain, along + depth[v])
    positions.set(input.ids[v], lr ? { x: along, y: across } : { x: across, y: along })
  }
  const extentCross = maxCross - minCross
  return { positions, width: lr ? extentMain : extentCross, height: lr ? extentCross : extentMain }
}

/** Longest-path layering over a topological order; a source sits one layer above its first consumer. */
function assignRanks(n: number, edges: ReadonlyArray<[number, number]>, pinned: Uint8Array): number[] {
  const outgoing = adjacencyLists(n, edges, 0)
  const incoming = adjacencyLists(n, edges, 1)
  const indegree = incoming.map((list) => list.length)
  const order: number[] = []
  const done = new Uint8Array(n)
  const queue: number[] = []
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v)
  let head = 0
  let nextUnplaced = 0
  while (order.length < n) {
    if (head === queue.length) {
      // Only a cycle is left: break it at the earliest remaining box (its incoming edges from
      // boxes not yet placed are then ignored for layering).
      while (done[nextUnplaced]) nextUnplaced++
      queue.push(nextUnplaced)
      indegree[nextUnplaced] = 0
    }
    const v = queue[head++]
    if (done[v]) continue
    done[v] = 1
    order.push(v)
    for (const w of outgoing[v]) if (!done[w] && --indegree[w] === 0) queue.push(w)
  }
  const position = new Int32Array(n)
  order.forEach((v, i) => (position[v] = i))
  const rank = new Array<number>(n).fill(0)
  for (const v of order) {
    for (const u of incoming[v]) if (position[u] < position[v]) rank[v] = Math.max(rank[v], rank[u] + 1)
  }
  // Reverse order: a source's consumers have their final ranks when the source is reached.
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]
    if (incoming[v].length > 0 || outgoing[v].length === 0 || pinned[v]) continue
    let lowest = Infinity
    for (const w of outgoing[v]) if (position[w] > i) lowest = Math.min(lowest, rank[w])
    if (lowest !== Infinity && lowest - 1 > rank[v]) rank[v] = lowest - 1
  }
  return rank
}

function adjacencyLists(n: number, edges: ReadonlyArray<[number, number]>, from: 0 | 1): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => [])
  for (const edge of edges) lists[edge[from]].push(edge[1 - from])
  return lists
}

/** The graph the ordering works on: real boxes first (0…n-1), dummies after. */
interface OrderGraph {
  rank: number[]
  breadth: number[]
  depth: number[]
  /** Neighbours one layer up / down (edges between adjacent layers only). */
  up: number[][]
  down: number[][]
}

function withDummies(
  n: number,
  edges: ReadonlyArray<[number, number]>,
  rank: number[],
  breadth: number[],
  depth: number[],
): OrderGraph {
  const g: OrderGraph = { rank: [...rank], breadth: [...breadth], depth: [...depth], up: [], down: [] }
  for (let v = 0; v < n; v++) {
    g.up.push([])
    g.down.push([])
  }
  let span = 0
  for (const [s, t] of edges) span += Math.max(0, Math.abs(rank[t] - rank[s]) - 1)
  const dummies = span <= MAX_DUMMIES
  for (const [s0, t0] of edges) {
    // An edge against the layering (left by a broken cycle) is laid out as if reversed.
    const [s, t] = rank[s0] <= rank[t0] ? [s0, t0] : [t0, s0]
    if (rank[s] === rank[t]) continue
    if (rank[t] - rank[s] === 1 || !dummies) {
      if (rank[t] - rank[s] === 1) link(g, s, t)
      continue
    }
    let previous = s
    for (let r = rank[s] + 1; r < rank[t]; r++) {
      const d = g.rank.length
      g.rank.push(r)
      g.breadth.push(DUMMY_BREADTH)
      g.depth.push(0)
      g.up.push([])
      g.down.push([])
      link(g, previous, d)
      previous = d
    }
    link(g, previous, t)
  }
  return g
}

function link(g: OrderGraph, upper: number, lower: number): void {
  g.down[upper].push(lower)
  g.up[lower].push(upper)
}

/** Boxes per layer, in an order with few crossings. */
function orderLayers(g: OrderGraph): number[][] {
  let layerCount = 0
  for (const r of g.rank) layerCount = Math.max(layerCount, r + 1)
  const layers: number[][] = Array.from({ length: layerCount }, () => [])
  // Initial order: breadth-first from the top, so children follow their parents' order; boxes
  // with nothing above them (sources placed lower) join their layer in input order.
  const unreached: number[][] = Array.from({ length: layerCount }, () => [])
  for (let v = 0; v < g.rank.length; v++) if (g.up[v].length === 0) unreached[g.rank[v]].push(v)
  const seen = new Uint8Array(g.rank.length)
  const visit = (v: number) => {
    if (seen[v]) return
    seen[v] = 1
    layers[g.rank[v]].push(v)
  }
  for (let r = 0; r < layerCount; r++) {
    for (const v of unreached[r]) visit(v)
    if (r + 1 < layerCount) for (const v of layers[r]) for (const w of g.down[v]) visit(w)
  }
  for (let v = 0; v < g.rank.length; v++) visit(v)

  const place = new Float64Array(g.rank.length)
  const renumber = (layer: number[]) => layer.forEach((v, i) => (place[v] = i))
  layers.forEach(renumber)
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const downward = sweep % 2 === 0
    for (let k = 1; k < layerCount; k++) {
      const r = downward ? k : layerCount - 1 - k
      const neighbours = downward ? g.up : g.down
      const layer = layers[r]
      const key = new Map<number, number>()
      for (const v of layer) {
        const list = neighbours[v]
        if (list.length === 0) {
          key.set(v, place[v])
          continue
        }
        let sum = 0
        for (const w of list) sum += place[w]
        key.set(v, sum / list.length)
      }
      // Stable: equal barycenters keep their current order.
      layer.sort((a, b) => key.get(a)! - key.get(b)! || place[a] - place[b])
      renumber(layer)
    }
  }
  return layers
}

/** Centres across the layers: each layer pulled to its neighbours, a few passes down and up. */
function assignCross(g: OrderGraph, layers: number[][], gap: number): Float64Array {
  const centre = new Float64Array(g.rank.length)
  for (const layer of layers) {
    let at = 0
    for (const v of layer) {
      centre[v] = at + g.breadth[v] / 2
      at += g.breadth[v] + gap
    }
    const shift = at / 2
    for (const v of layer) centre[v] -= shift
  }
  for (let pass = 0; pass < SWEEPS; pass++) {
    const downward = pass % 2 === 0
    for (let k = 1; k < layers.length; k++) {
      const r = downward ? k : layers.length - 1 - k
      const neighbours = downward ? g.up : g.down
      const layer = layers[r]
      const wanted = layer.map((v) => {
        const list = neighbours[v]
        if (list.length === 0) return centre[v]
        let sum = 0
        for (const w of list) sum += centre[w]
        return sum / list.length
      })
      const placed = separate(
        wanted,
        layer.map((v) => g.breadth[v]),
        gap,
      )
      layer.forEach((v, i) => (centre[v] = placed[i]))
    }
  }
  return centre
}

/**
 * Centres as close as possible (least squares) to `wanted`, in the given order, with `gap`
 * between neighbouring boxes: isotonic regression by pool-adjacent-violators.
 */
export function separate(wanted: readonly number[], breadth: readonly number[], gap: number): number[] {
  const k = wanted.length
  // offset[i]: how far box i's centre must be right of box 0's at the least.
  const offset = new Float64Array(k)
  for (let i = 1; i < k; i++) offset[i] = offset[i - 1] + (breadth[i - 1] + breadth[i]) / 2 + gap
  // Blocks of pooled boxes: their mean target (in box-0 coordinates) and size.
  const mean: number[] = []
  const count: number[] = []
  for (let i = 0; i < k; i++) {
    let m = wanted[i] - offset[i]
    let c = 1
    while (mean.length > 0 && mean[mean.length - 1] > m) {
      const pm = mean.pop()!
      const pc = count.pop()!
      m = (pm * pc + m * c) / (pc + c)
      c += pc
    }
    mean.push(m)
    count.push(c)
  }
  const result: number[] = []
  for (let b = 0; b < mean.length; b++) for (let j = 0; j < count[b]; j++) result.push(mean[b] + offset[result.length])
  return result
}
