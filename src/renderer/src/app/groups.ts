import { BLOCK_NAMES, BLOCK_SIZE, insertBlock, type BlockId } from '../../../core/graph/blocks'
import {
  createGroup,
  duplicateGroup,
  findGroup,
  groupOf,
  renameGroup,
  setGroupCollapsed,
  setGroupRole,
  ungroup,
  uniqueGroupName,
} from '../../../core/graph/groups'
import type { GroupRole, Position } from '../../../core/document/types'
import { pick } from '../../../core/i18n/text'
import { i18n } from '../i18n'
import { getAnalysis } from './analysis'
import { commit, documentStore } from './document-store'
import { getFlow, measuredSize, viewportCentre } from './flow-bridge'
import { select, selectGroup, uiStore } from './ui-store'

/**
 * The editor's group actions: each is one document edit through commit (so one undo step),
 * followed by the selection it leaves. The rules themselves live in core/graph/groups.ts.
 */

/** The drag payload type of the palette's blocks. */
export const BLOCK_MIME = 'application/x-layercanvas-block'

const doc = () => documentStore.getState().doc

/** The group shown in the inspector: the clicked frame, while its layers are still the selection. */
export function selectedGroupId(): string | null {
  const { selectedGroupId: id } = uiStore.getState()
  return id && findGroup(doc(), id) ? id : null
}

/** Groups the selected layers (Ctrl+G) under a fresh "Group N" and selects the new group. */
export function groupSelectedLayers(): void {
  const nodeIds = uiStore.getState().selectedNodeIds
  if (nodeIds.length === 0) return
  const name = uniqueGroupName(doc(), `${i18n.t('group.defaultName')} 1`)
  const result = createGroup(doc(), nodeIds, { name })
  if (!result.groupId) return
  commit(result.doc)
  selectGroup(result.groupId, findGroup(result.doc, result.groupId)?.nodeIds ?? [])
}

/** The groups Ungroup acts on: the selected group, else every group holding a selected layer. */
function groupsToUngroup(): string[] {
  const id = selectedGroupId()
  if (id) return [id]
  const current = doc()
  const ids = new Set<string>()
  for (const nodeId of uiStore.getState().selectedNodeIds) {
    const group = groupOf(current, nodeId)
    if (group) ids.add(group.id)
  }
  return [...ids]
}

export const canUngroup = (): boolean => groupsToUngroup().length > 0

/** Ungroup (Ctrl+Shift+G): the layers stay, selected. */
export function ungroupSelection(): void {
  const ids = groupsToUngroup()
  if (ids.length === 0) return
  let next = doc()
  const nodeIds = ids.flatMap((id) => findGroup(next, id)?.nodeIds ?? [])
  for (const id of ids) next = ungroup(next, id)
  commit(next)
  select(nodeIds)
}

export function toggleGroupCollapsed(groupId: string): void {
  const group = findGroup(doc(), groupId)
  if (group) commit(setGroupCollapsed(doc(), groupId, !group.collapsed))
}

export function renameGroupTo(groupId: string, name: string): void {
  commit(renameGroup(doc(), groupId, name), { coalesce: `rename-group:${groupId}` })
}

export function setRoleOf(groupId: string, role: GroupRole): void {
  commit(setGroupRole(doc(), groupId, role))
}

/** Copies the group beside the original (to its right) and selects the copy. */
export function duplicateGroupById(groupId: string): void {
  const current = doc()
  const group = findGroup(current, groupId)
  if (!group) return
  const xs = current.nodes.filter((node) => group.nodeIds.includes(node.id)).map((node) => node.position.x)
  const width = xs.length > 0 ? Math.max(...xs) - Math.min(...xs) : 0
  const result = duplicateGroup(current, groupId, { x: width + 280, y: 0 })
  if (!result.groupId) return
  commit(result.doc)
  selectGroup(result.groupId, result.nodeIds)
}

/** Which output rank each block takes: a sequence (timesteps × features) or an image. */
const BLOCK_INPUT_RANK: Record<BlockId, number> = { transformerEncoder: 2, residual: 3 }

/**
 * Inserts a ready-made block. Dropped (`at` given): centred on the drop point. Clicked: when one
 * layer with a fitting output is selected, the block goes below it, wired to it and sized to
 * its output; otherwise it is centred in the view, to be connected by the user.
 */
export function insertBlockAt(blockId: BlockId, at?: Position): void {
  const current = doc()
  const lang = uiStore.getState().language
  const name = pick(BLOCK_NAMES[blockId], lang)
  const [selected, ...more] = uiStore.getState().selectedNodeIds
  const source =
    at === undefined && selected && more.length === 0 ? current.nodes.find((node) => node.id === selected) : undefined
  const shape = source ? getAnalysis().nodes[source.id]?.outputShape : null
  const fits = !!source && !!shape && shape.length === BLOCK_INPUT_RANK[blockId] && shape[shape.length - 1] !== null
  let position: Position
  let reveal = false
  if (fits && source) {
    // Below the layer it continues, stepping right past anything already there.
    position = { x: Math.round(source.position.x), y: Math.round(source.position.y + 150) }
    for (let i = 0; i < 40 && overlapsLayers(current.nodes, position); i++)
      position = { ...position, x: position.x + 120 }
    reveal = true
  } else if (at) {
    position = { x: Math.round(at.x - BLOCK_SIZE.width / 2), y: Math.round(at.y - 40) }
  } else {
    const centre = viewportCentre()
    position = { x: Math.round(centre.x - BLOCK_SIZE.width / 2), y: Math.round(centre.y - BLOCK_SIZE.height / 2) }
    // Never on top of the network: beside it, to the right, when the middle of the view is taken.
    if (overlapsLayers(current.nodes, position)) {
      const right = Math.max(...current.nodes.map((node) => node.position.x + measuredSize(node.id).width))
      const top = Math.min(...current.nodes.map((node) => node.position.y))
      position = { x: Math.round(right + 120), y: Math.round(top) }
    }
    reveal = true
  }
  const result = insertBlock(current, blockId, position, { name, source: fits ? source?.id : undefined })
  commit(result.doc)
  selectGroup(result.groupId, result.nodeIds)
  if (reveal) revealNodes(result.nodeIds)
}

function overlapsLayers(nodes: readonly { id: string; position: Position }[], at: Position): boolean {
  return nodes.some((node) => {
    const size = measuredSize(node.id)
    return (
      node.position.x < at.x + BLOCK_SIZE.width &&
      node.position.x + size.width > at.x &&
      node.position.y < at.y + BLOCK_SIZE.height &&
      node.position.y + size.height > at.y
    )
  })
}

/** Brings new layers into view once React Flow has measured them (zooming out only if needed). */
function revealNodes(nodeIds: string[]): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const flow = getFlow()
      if (!flow) return
      const zoom = flow.getZoom()
      void flow.fitView({
        nodes: nodeIds.map((id) => ({ id })),
        padding: 0.2,
        duration: 200,
        maxZoom: Math.max(zoom, 0.4),
      })
    }),
  )
}
