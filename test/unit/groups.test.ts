import { describe, expect, it } from 'vitest'
import { parseProject } from '../../src/core/document/parse'
import type { ProjectDocument } from '../../src/core/document/types'
import { compileModel } from '../../src/core/compile/compile'
import { BLOCK_IDS, BLOCK_KINDS, insertBlock } from '../../src/core/graph/blocks'
import { removeElements } from '../../src/core/graph/edits'
import {
  boundsOf,
  createGroup,
  duplicateGroup,
  groupBoundary,
  groupOf,
  renameGroup,
  setGroupCollapsed,
  setGroupRole,
  ungroup,
  uniqueGroupName,
} from '../../src/core/graph/groups'
import { analyzeGraph } from '../../src/core/shapes/analyze'
import { graph, loadTemplate } from './helpers'
import { tfjs as tf } from './tf'

const mlp = () => loadTemplate('mlp-mnist') // input → flatten → hidden → output

function grouped(doc: ProjectDocument, ids: string[], name = 'Features') {
  const result = createGroup(doc, ids, { name })
  expect(result.groupId).not.toBeNull()
  return { doc: result.doc, id: result.groupId as string }
}

describe('groups', () => {
  it('creates a group of known layers, in document order, with a unique id', () => {
    const doc = mlp()
    const { doc: next, groupId } = createGroup(doc, ['hidden', 'flatten', 'nope', 'hidden'], {
      name: '  Features ',
      role: 'encoder',
    })
    expect(groupId).toBe('group_1')
    expect(next.groups).toEqual([
      { id: 'group_1', name: 'Features', role: 'encoder', nodeIds: ['flatten', 'hidden'], collapsed: false },
    ])
    expect(createGroup(next, ['output']).groupId).toBe('group_2')
    expect(createGroup(next, ['output']).doc.groups[1]).toMatchObject({ name: 'Group 1', role: 'block' })
  })

  it('refuses an empty selection without changing the document', () => {
    const doc = mlp()
    expect(createGroup(doc, [])).toEqual({ doc, groupId: null })
    expect(createGroup(doc, ['ghost']).doc).toBe(doc)
  })

  it('moves layers that are already grouped: a layer is in at most one group, emptied groups go', () => {
    const a = grouped(mlp(), ['flatten', 'hidden'], 'A')
    const b = createGroup(a.doc, ['hidden', 'output'], { name: 'B' })
    expect(b.doc.groups.map((g) => [g.name, g.nodeIds])).toEqual([
      ['A', ['flatten']],
      ['B', ['hidden', 'output']],
    ])
    const c = createGroup(b.doc, ['flatten', 'input'], { name: 'C' })
    expect(c.doc.groups.map((g) => g.name)).toEqual(['B', 'C'])
    const all = c.doc.groups.flatMap((g) => g.nodeIds)
    expect(new Set(all).size).toBe(all.length)
    expect(groupOf(c.doc, 'input')?.name).toBe('C')
  })

  it('renames, sets role and collapses; no-op edits return the same document', () => {
    const { doc, id } = grouped(mlp(), ['flatten', 'hidden'])
    const renamed = renameGroup(doc, id, '  Generator  ')
    expect(renamed.groups[0].name).toBe('Generator')
    expect(renameGroup(renamed, id, 'Generator')).toBe(renamed)
    expect(renameGroup(renamed, id, '   ')).toBe(renamed)
    expect(renameGroup(renamed, 'ghost', 'x')).toBe(renamed)

    const role = setGroupRole(renamed, id, 'generator')
    expect(role.groups[0].role).toBe('generator')
    expect(setGroupRole(role, id, 'generator')).toBe(role)

    const collapsed = setGroupCollapsed(role, id, true)
    expect(collapsed.groups[0].collapsed).toBe(true)
    expect(setGroupCollapsed(collapsed, id, true)).toBe(collapsed)
    expect(setGroupCollapsed(collapsed, id, false).groups[0].collapsed).toBe(false)
  })

  it('ungroups without touching layers or edges', () => {
    const { doc, id } = grouped(mlp(), ['flatten', 'hidden'])
    const next = ungroup(doc, id)
    expect(next.groups).toEqual([])
    expect(next.nodes).toBe(doc.nodes)
    expect(next.edges).toBe(doc.edges)
    expect(ungroup(next, id)).toBe(next)
  })

  it('removing layers keeps groups consistent and drops groups left empty', () => {
    const { doc } = grouped(mlp(), ['flatten', 'hidden'])
    const one = removeElements(doc, { nodeIds: ['hidden'] })
    expect(one.groups[0].nodeIds).toEqual(['flatten'])
    const none = removeElements(one, { nodeIds: ['flatten'] })
    expect(none.groups).toEqual([])
    // Removing only edges leaves groups as they are.
    expect(removeElements(doc, { edgeIds: [doc.edges[0].id] }).groups).toEqual(doc.groups)
  })

  it('duplicates a group: fresh ids, inner edges only, offset, same role, next name', () => {
    const start = grouped(mlp(), ['flatten', 'hidden'], 'Features')
    const id = start.id
    const doc = setGroupRole(start.doc, id, 'encoder')
    const copy = duplicateGroup(doc, id, { x: 300, y: 0 })
    expect(copy.groupId).toBe('group_2')
    expect(copy.nodeIds).toEqual(['flatten_1', 'dense_1'])
    const group = copy.doc.groups.find((g) => g.id === copy.groupId)!
    expect(group).toMatchObject({ name: 'Features 2', role: 'encoder', nodeIds: ['flatten_1', 'dense_1'] })
    expect(copy.doc.groups[0]).toEqual(doc.groups[0])
    const newEdges = copy.doc.edges.filter((e) => !doc.edges.some((o) => o.id === e.id))
    expect(newEdges.map((e) => [e.source, e.target])).toEqual([['flatten_1', 'dense_1']])
    const original = doc.nodes.find((n) => n.id === 'hidden')!
    const copied = copy.doc.nodes.find((n) => n.id === 'dense_1')!
    expect(copied.position).toEqual({ x: original.position.x + 300, y: original.position.y })
    expect(copied.params).toEqual(original.params)
    // Copies of copies keep counting.
    expect(duplicateGroup(copy.doc, id, { x: 0, y: 0 }).doc.groups.at(-1)!.name).toBe('Features 3')
    expect(duplicateGroup(doc, 'ghost', { x: 0, y: 0 })).toEqual({ doc, groupId: null, nodeIds: [] })
  })

  it('names: the base itself, then the next number', () => {
    let doc = mlp()
    expect(uniqueGroupName(doc, 'Generator')).toBe('Generator')
    doc = grouped(doc, ['input'], 'Generator').doc
    expect(uniqueGroupName(doc, 'Generator')).toBe('Generator 2')
    doc = grouped(doc, ['output'], 'Group 1').doc
    expect(uniqueGroupName(doc, 'Group 1')).toBe('Group 2')
    expect(uniqueGroupName(doc, 'ResNet50')).toBe('ResNet50')
  })

  it('finds a group boundary: incoming, outgoing, entries and exits', () => {
    const { doc } = grouped(mlp(), ['flatten', 'hidden'])
    const b = groupBoundary(doc, doc.groups[0])
    expect(b.incoming.map((e) => [e.source, e.target])).toEqual([['input', 'flatten']])
    expect(b.outgoing.map((e) => [e.source, e.target])).toEqual([['hidden', 'output']])
    expect(b.entries).toEqual(['flatten'])
    expect(b.exits).toEqual(['hidden'])
  })

  it('bounds of rectangles with padding', () => {
    expect(boundsOf([])).toBeNull()
    expect(
      boundsOf(
        [
          { x: 0, y: 10, width: 100, height: 50 },
          { x: 50, y: -20, width: 100, height: 20 },
        ],
        8,
      ),
    ).toEqual({ x: -8, y: -28, width: 166, height: 96 })
  })

  it('never mutates its input', () => {
    const doc = grouped(mlp(), ['flatten', 'hidden']).doc
    const before = structuredClone(doc)
    const id = doc.groups[0].id
    createGroup(doc, ['hidden', 'output'])
    ungroup(doc, id)
    renameGroup(doc, id, 'x')
    setGroupRole(doc, id, 'decoder')
    setGroupCollapsed(doc, id, true)
    duplicateGroup(doc, id, { x: 1, y: 1 })
    removeElements(doc, { nodeIds: ['hidden'] })
    insertBlock(doc, 'transformerEncoder', { x: 0, y: 0 }, { source: 'hidden' })
    expect(doc).toEqual(before)
  })

  it('groups survive a save/parse round trip', () => {
    const doc = setGroupCollapsed(grouped(mlp(), ['flatten', 'hidden']).doc, 'group_1', true)
    const parsed = parseProject(JSON.parse(JSON.stringify(doc)))
    expect(parsed.ok && parsed.document.groups).toEqual(doc.groups)
  })
})

describe('ready-made blocks', () => {
  const sequence = () => graph([['tokens', 'input', { mode: 'sequence', timesteps: 16, features: 32 }]], [])
  const image = () => graph([['image', 'input', { mode: 'image', height: 8, width: 8, channels: 16 }]], [])

  it.each(BLOCK_IDS)('%s is inserted as one group of registry layers with its entries and exit', (blockId) => {
    const doc = blockId === 'residual' ? image() : sequence()
    const block = insertBlock(doc, blockId, { x: 100, y: 200 })
    expect(block.nodeIds).toHaveLength(7)
    const kinds = block.nodeIds.map((id) => block.doc.nodes.find((n) => n.id === id)!.kind)
    expect(kinds).toEqual(BLOCK_KINDS[blockId])
    expect(block.doc.groups).toEqual([
      expect.objectContaining({ id: block.groupId, role: 'block', nodeIds: block.nodeIds, collapsed: false }),
    ])
    expect(block.entries).toHaveLength(2)
    expect(block.doc.nodes.find((n) => n.id === block.nodeIds[0])!.position.y).toBe(200)
    // Unconnected, the entries report their missing input; nothing else is wrong.
    const analysis = analyzeGraph(block.doc)
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error')
    expect(new Set(errors.map((d) => d.code))).toEqual(new Set(['missingInput']))
    expect(new Set(errors.map((d) => d.nodeId))).toEqual(new Set(block.entries.map((e) => e.nodeId)))
  })

  it('a Transformer encoder block wired to a sequence analyses clean and compiles', () => {
    const block = insertBlock(sequence(), 'transformerEncoder', { x: 0, y: 150 }, { source: 'tokens', numHeads: 4 })
    const analysis = analyzeGraph(block.doc)
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(analysis.nodes[block.exit].outputShape).toEqual([16, 32])
    expect(block.doc.groups[0].name).toBe('Transformer encoder block')
    const attention = block.doc.nodes.find((n) => n.kind === 'multiHeadAttention')!
    expect(attention.params).toMatchObject({ numHeads: 4, keyDim: 8 })
    const boundary = groupBoundary(block.doc, block.doc.groups[0])
    expect(boundary.entries.sort()).toEqual(block.entries.map((e) => e.nodeId).sort())
    expect(boundary.exits).toEqual([block.exit])

    const result = compileModel(tf, block.doc, analysis)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    try {
      expect(result.model.outputs[0].shape).toEqual([null, 16, 32])
      expect(result.model.countParams()).toBe(analysis.totals.total)
    } finally {
      result.model.dispose()
    }
  })

  it('a residual block wired to an image analyses clean and compiles, keeping the image shape', () => {
    const block = insertBlock(image(), 'residual', { x: 0, y: 150 }, { source: 'image' })
    const analysis = analyzeGraph(block.doc)
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(analysis.nodes[block.exit].outputShape).toEqual([8, 8, 16])
    const result = compileModel(tf, block.doc, analysis)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    try {
      expect(result.model.outputs[0].shape).toEqual([null, 8, 8, 16])
      expect(result.model.countParams()).toBe(analysis.totals.total)
    } finally {
      result.model.dispose()
    }
  })

  it('a second block gets the next name and fresh ids', () => {
    const first = insertBlock(sequence(), 'transformerEncoder', { x: 0, y: 0 })
    const second = insertBlock(first.doc, 'transformerEncoder', { x: 500, y: 0 }, { name: 'Encoder' })
    const third = insertBlock(second.doc, 'transformerEncoder', { x: 900, y: 0 })
    expect(third.doc.groups.map((g) => g.name)).toEqual([
      'Transformer encoder block',
      'Encoder',
      'Transformer encoder block 2',
    ])
    expect(new Set(third.doc.nodes.map((n) => n.id)).size).toBe(third.doc.nodes.length)
  })
})
