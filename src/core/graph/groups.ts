import type { Edge, Group, GroupRole, Position, ProjectDocument } from '../document/types'
import { withoutTranslationsOf } from '../i18n/names'
import { duplicateNodes } from './clipboard'
import { uniqueId } from './ids'

/**
 * Pure edits of the document's groups (named sub-networks: a Transformer block, a GAN's
 * Generator …). Like edits.ts, each returns a new document and never mutates its argument, and
 * returns the very same document object when nothing changes (so no empty undo step).
 *
 * Invariants kept by every edit here and by removeElements:
 * - a layer belongs to at most one group;
 * - a group lists only layers that exist, and a group never becomes empty by an edit (a group
 *   whose last layer is removed or moved away is dropped).
 *
 * Grouping layers that already belong to a group MOVES them: they leave their old group and
 * join the new one (the old group is dropped if nothing is left in it). This is what selecting
 * a few layers and pressing Ctrl+G is expected to do; refusing would leave the user stuck.
 */

export interface GroupOptions {
  /** Trimmed; when empty, the first free "Group N". */
  name?: string
  role?: GroupRole
  collapsed?: boolean
}

export const groupOf = (doc: ProjectDocument, nodeId: string): Group | undefined =>
  doc.groups.find((group) => group.nodeIds.includes(nodeId))

export const findGroup = (doc: ProjectDocument, groupId: string): Group | undefined =>
  doc.groups.find((group) => group.id === groupId)

/**
 * `base` itself when no group has that name, else the next free number: "Group 1" → "Group 2",
 * "Transformer block" → "Transformer block 2".
 */
export function uniqueGroupName(doc: ProjectDocument, base: string): string {
  const taken = new Set(doc.groups.map((group) => group.name))
  const name = base.trim() || 'Group 1'
  if (!taken.has(name)) return name
  const match = /^(.*\S)\s+(\d+)$/.exec(name)
  const stem = match ? match[1] : name
  for (let n = match ? Number(match[2]) + 1 : 2; ; n++) {
    const candidate = `${stem} ${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Drops the given layers from every group, and groups left empty by that. */
function withoutMembers(groups: Group[], nodeIds: ReadonlySet<string>): Group[] {
  const next: Group[] = []
  for (const group of groups) {
    if (!group.nodeIds.some((id) => nodeIds.has(id))) {
      next.push(group)
      continue
    }
    const kept = group.nodeIds.filter((id) => !nodeIds.has(id))
    if (kept.length > 0) next.push({ ...group, nodeIds: kept })
  }
  return next
}

/**
 * Groups the given layers (unknown ids and repeats are ignored; layers already in a group are
 * moved, see above). Members are kept in document order. Returns `groupId: null` and the same
 * document when no known layer is given.
 */
export function createGroup(
  doc: ProjectDocument,
  nodeIds: readonly string[],
  options: GroupOptions = {},
): { doc: ProjectDocument; groupId: string | null } {
  const wanted = new Set(nodeIds)
  const members = doc.nodes.filter((node) => wanted.has(node.id)).map((node) => node.id)
  if (members.length === 0) return { doc, groupId: null }
  const groupId = uniqueId('group', new Set(doc.groups.map((group) => group.id)))
  const group: Group = {
    id: groupId,
    name: options.name?.trim().slice(0, 200) || uniqueGroupName(doc, 'Group 1'),
    role: options.role ?? 'block',
    nodeIds: members,
    collapsed: options.collapsed ?? false,
  }
  return { doc: { ...doc, groups: [...withoutMembers(doc.groups, new Set(members)), group] }, groupId }
}

/** Removes the group; its layers stay where they are. */
export function ungroup(doc: ProjectDocument, groupId: string): ProjectDocument {
  if (!findGroup(doc, groupId)) return doc
  return withoutTranslationsOf(
    { ...doc, groups: doc.groups.filter((group) => group.id !== groupId) },
    { groupIds: [groupId] },
  )
}

function mapGroup(doc: ProjectDocument, groupId: string, change: (group: Group) => Group): ProjectDocument {
  const group = findGroup(doc, groupId)
  if (!group) return doc
  const next = change(group)
  if (next === group) return doc
  return { ...doc, groups: doc.groups.map((candidate) => (candidate.id === groupId ? next : candidate)) }
}

/** Renames a group; an empty (or blank) name is refused (the document is returned as is). */
export function renameGroup(doc: ProjectDocument, groupId: string, name: string): ProjectDocument {
  const trimmed = name.trim().slice(0, 200)
  if (!trimmed) return doc
  return mapGroup(doc, groupId, (group) => (group.name === trimmed ? group : { ...group, name: trimmed }))
}

export function setGroupRole(doc: ProjectDocument, groupId: string, role: GroupRole): ProjectDocument {
  return mapGroup(doc, groupId, (group) => (group.role === role ? group : { ...group, role }))
}

export function setGroupCollapsed(doc: ProjectDocument, groupId: string, collapsed: boolean): ProjectDocument {
  return mapGroup(doc, groupId, (group) => (group.collapsed === collapsed ? group : { ...group, collapsed }))
}

/**
 * Copies a group's layers, the edges between them and the group itself with fresh ids, moved
 * by `offset` (for reusable blocks). Edges from outside the group are not copied: the copy is
 * wired by the user. The copy is named like the original with the next free number.
 */
export function duplicateGroup(
  doc: ProjectDocument,
  groupId: string,
  offset: Position,
): { doc: ProjectDocument; groupId: string | null; nodeIds: string[] } {
  const group = findGroup(doc, groupId)
  if (!group || group.nodeIds.length === 0) return { doc, groupId: null, nodeIds: [] }
  const copied = duplicateNodes(doc, group.nodeIds, offset)
  if (copied.nodeIds.length === 0) return { doc, groupId: null, nodeIds: [] }
  const created = createGroup(copied.doc, copied.nodeIds, {
    name: uniqueGroupName(doc, group.name),
    role: group.role,
    collapsed: group.collapsed,
  })
  return { doc: created.doc, groupId: created.groupId, nodeIds: copied.nodeIds }
}

/** How a group connects to the rest of the graph. */
export interface GroupBoundary {
  /** Edges from a layer outside the group into a member. */
  incoming: Edge[]
  /** Edges from a member to a layer outside the group. */
  outgoing: Edge[]
  /** Members fed from outside the group. */
  entries: string[]
  /**
   * Members whose output leaves the group, or that feed nothing at all (the group's open ends,
   * e.g. a freshly inserted block's last layer).
   */
  exits: string[]
}

export function groupBoundary(doc: ProjectDocument, group: Group): GroupBoundary {
  const members = new Set(group.nodeIds)
  const incoming = doc.edges.filter((edge) => members.has(edge.target) && !members.has(edge.source))
  const outgoing = doc.edges.filter((edge) => members.has(edge.source) && !members.has(edge.target))
  const feeds = new Set(doc.edges.map((edge) => edge.source))
  // Sets, not searches of the edge lists: a group may hold thousands of layers.
  const fedFromOutside = new Set(incoming.map((edge) => edge.target))
  const leavesGroup = new Set(outgoing.map((edge) => edge.source))
  const entries = group.nodeIds.filter((id) => fedFromOutside.has(id))
  const exits = group.nodeIds.filter((id) => leavesGroup.has(id) || !feeds.has(id))
  return { incoming, outgoing, entries, exits }
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The smallest rectangle holding every rect, grown by `padding` on each side; null for none. */
export function boundsOf(rects: readonly Rect[], padding = 0): Rect | null {
  if (rects.length === 0) return null
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of rects) {
    minX = Math.min(minX, r.x)
    minY = Math.min(minY, r.y)
    maxX = Math.max(maxX, r.x + r.width)
    maxY = Math.max(maxY, r.y + r.height)
  }
  return { x: minX - padding, y: minY - padding, width: maxX - minX + 2 * padding, height: maxY - minY + 2 * padding }
}
