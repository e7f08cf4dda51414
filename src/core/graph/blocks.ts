import type { Position, ProjectDocument } from '../document/types'
import type { LocalText } from '../i18n/text'
import { analyzeGraph } from '../shapes/analyze'
import { addNode, connect } from './edits'
import { createGroup, uniqueGroupName } from './groups'

/**
 * Ready-made sub-networks offered in the palette: each is inserted as a group (role 'block')
 * of ordinary registry layers, so it is analysed, compiled, exported and edited like anything
 * the user draws. The block's open ends are reported so the caller can wire them:
 *
 * - `entries`: where the block's input goes. A residual block takes its input twice (the
 *   transform path and the skip connection into the Add), so one source feeds every entry.
 * - `exit`: the layer whose output is the block's output.
 *
 *   Transformer encoder block (post-norm, as in "Attention Is All You Need"):
 *     x → MultiHeadAttention(self) ─┐
 *     x ──────────────────────────→ Add → LayerNorm ─→ Dense(ff, relu) → Dense(d_model) ─┐
 *                                             └──────────────────────────────────────────→ Add → LayerNorm
 *   Residual block (He et al. 2016):
 *     x → Conv2D(same) → BatchNorm → Activation(relu) → Conv2D(same) → BatchNorm ─┐
 *     x ─────────────────────────────────────────────────────────────────────────→ Add → Activation(relu)
 */

export const BLOCK_IDS = ['transformerEncoder', 'residual'] as const
export type BlockId = (typeof BLOCK_IDS)[number]

export interface BlockOptions {
  /** The group's name; defaults to the block's English name (made unique). */
  name?: string
  /**
   * An existing layer whose output feeds the block: every entry is connected to it, and the
   * block's width (d_model / filters) is taken from its output shape when that is known.
   */
  source?: string
  /** Transformer: the model width (last axis of the sequence); from `source` when known, else 64. */
  dModel?: number
  /** Transformer: attention heads (key size per head = d_model / heads). Default 4. */
  numHeads?: number
  /** Transformer: units of the feed-forward layer. Default 2 × d_model. */
  ffUnits?: number
  /** Residual: channels of the two convolutions; from `source` when known, else 32. */
  filters?: number
}

export interface BlockEntry {
  nodeId: string
  port: number
}

export interface InsertedBlock {
  doc: ProjectDocument
  groupId: string
  /** Every layer of the block, in flow order. */
  nodeIds: string[]
  entries: BlockEntry[]
  exit: string
}

export const BLOCK_NAMES: Record<BlockId, LocalText> = {
  transformerEncoder: { en: 'Transformer encoder block', 'zh-CN': 'Transformer 编码器块' },
  residual: { en: 'Residual block', 'zh-CN': '残差块' },
}

/** Layer kinds of each block in flow order (what the palette lists and the tests check). */
export const BLOCK_KINDS: Record<BlockId, readonly string[]> = {
  transformerEncoder: [
    'multiHeadAttention',
    'add',
    'layerNormalization',
    'dense',
    'dense',
    'add',
    'layerNormalization',
  ],
  residual: ['conv2d', 'batchNormalization', 'activation', 'conv2d', 'batchNormalization', 'add', 'activation'],
}

/** Size of the laid-out block (two columns, seven rows), for centring it on a point. */
export const BLOCK_SIZE = { width: 440, height: 870 }

const COL = { skip: 0, path: 240 }
const ROW = 130

interface Spec {
  key: string
  kind: string
  params: Record<string, unknown>
  at: Position
}

interface Wire {
  from: string
  to: string
  port: number
}

function sourceShape(doc: ProjectDocument, source: string | undefined) {
  if (!source || !doc.nodes.some((node) => node.id === source)) return null
  return analyzeGraph(doc).nodes[source]?.outputShape ?? null
}

function transformerSpec(doc: ProjectDocument, options: BlockOptions) {
  const shape = sourceShape(doc, options.source)
  const fromSource = shape && shape.length === 2 && shape[1] !== null ? shape[1] : null
  const dModel = Math.max(1, Math.round(options.dModel ?? fromSource ?? 64))
  const numHeads = Math.max(1, Math.min(Math.round(options.numHeads ?? 4), dModel))
  const ffUnits = Math.max(1, Math.round(options.ffUnits ?? 2 * dModel))
  const specs: Spec[] = [
    {
      key: 'attention',
      kind: 'multiHeadAttention',
      params: { numHeads, keyDim: Math.max(1, Math.floor(dModel / numHeads)) },
      at: { x: COL.path, y: 0 },
    },
    { key: 'add1', kind: 'add', params: {}, at: { x: COL.skip, y: ROW } },
    { key: 'norm1', kind: 'layerNormalization', params: {}, at: { x: COL.skip, y: 2 * ROW } },
    { key: 'ff1', kind: 'dense', params: { units: ffUnits, activation: 'relu' }, at: { x: COL.path, y: 3 * ROW } },
    { key: 'ff2', kind: 'dense', params: { units: dModel, activation: 'linear' }, at: { x: COL.path, y: 4 * ROW } },
    { key: 'add2', kind: 'add', params: {}, at: { x: COL.skip, y: 5 * ROW } },
    { key: 'norm2', kind: 'layerNormalization', params: {}, at: { x: COL.skip, y: 6 * ROW } },
  ]
  const wires: Wire[] = [
    { from: 'attention', to: 'add1', port: 1 },
    { from: 'add1', to: 'norm1', port: 0 },
    { from: 'norm1', to: 'ff1', port: 0 },
    { from: 'ff1', to: 'ff2', port: 0 },
    { from: 'norm1', to: 'add2', port: 0 },
    { from: 'ff2', to: 'add2', port: 1 },
    { from: 'add2', to: 'norm2', port: 0 },
  ]
  const entries = [
    { key: 'attention', port: 0 },
    { key: 'add1', port: 0 },
  ]
  return { specs, wires, entries, exit: 'norm2' }
}

function residualSpec(doc: ProjectDocument, options: BlockOptions) {
  const shape = sourceShape(doc, options.source)
  const fromSource = shape && shape.length === 3 && shape[2] !== null ? shape[2] : null
  const filters = Math.max(1, Math.round(options.filters ?? fromSource ?? 32))
  const conv = { filters, kernelSize: [3, 3], strides: [1, 1], padding: 'same', activation: 'linear' }
  const specs: Spec[] = [
    { key: 'conv1', kind: 'conv2d', params: conv, at: { x: COL.path, y: 0 } },
    { key: 'bn1', kind: 'batchNormalization', params: {}, at: { x: COL.path, y: ROW } },
    { key: 'act1', kind: 'activation', params: { activation: 'relu' }, at: { x: COL.path, y: 2 * ROW } },
    { key: 'conv2', kind: 'conv2d', params: conv, at: { x: COL.path, y: 3 * ROW } },
    { key: 'bn2', kind: 'batchNormalization', params: {}, at: { x: COL.path, y: 4 * ROW } },
    { key: 'add', kind: 'add', params: {}, at: { x: COL.skip, y: 5 * ROW } },
    { key: 'act2', kind: 'activation', params: { activation: 'relu' }, at: { x: COL.skip, y: 6 * ROW } },
  ]
  const wires: Wire[] = [
    { from: 'conv1', to: 'bn1', port: 0 },
    { from: 'bn1', to: 'act1', port: 0 },
    { from: 'act1', to: 'conv2', port: 0 },
    { from: 'conv2', to: 'bn2', port: 0 },
    { from: 'bn2', to: 'add', port: 1 },
    { from: 'add', to: 'act2', port: 0 },
  ]
  const entries = [
    { key: 'conv1', port: 0 },
    { key: 'add', port: 0 },
  ]
  return { specs, wires, entries, exit: 'act2' }
}

/**
 * Inserts a ready-made block with its top-left corner at `position`, as a new group. With
 * `options.source`, the block is wired to that layer (every entry) and sized to its output.
 */
export function insertBlock(
  doc: ProjectDocument,
  blockId: BlockId,
  position: Position,
  options: BlockOptions = {},
): InsertedBlock {
  const plan = blockId === 'transformerEncoder' ? transformerSpec(doc, options) : residualSpec(doc, options)
  let next = doc
  const ids = new Map<string, string>()
  for (const spec of plan.specs) {
    const added = addNode(next, spec.kind, { x: position.x + spec.at.x, y: position.y + spec.at.y }, spec.params)
    next = added.doc
    ids.set(spec.key, added.nodeId)
  }
  const id = (key: string) => ids.get(key) as string
  for (const wire of plan.wires)
    next = connect(next, { source: id(wire.from), target: id(wire.to), targetPort: wire.port }).doc
  const entries = plan.entries.map((entry) => ({ nodeId: id(entry.key), port: entry.port }))
  const source = options.source
  if (source && doc.nodes.some((node) => node.id === source)) {
    for (const entry of entries) next = connect(next, { source, target: entry.nodeId, targetPort: entry.port }).doc
  }
  const nodeIds = plan.specs.map((spec) => id(spec.key))
  const name = uniqueGroupName(next, options.name?.trim() || BLOCK_NAMES[blockId].en)
  const created = createGroup(next, nodeIds, { name, role: 'block' })
  return { doc: created.doc, groupId: created.groupId as string, nodeIds, entries, exit: id(plan.exit) }
}
