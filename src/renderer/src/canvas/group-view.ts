import { useShallow } from 'zustand/react/shallow'
import type { GroupRole, ProjectDocument } from '../../../core/document/types'
import { findGroup, groupBoundary } from '../../../core/graph/groups'
import { groupName } from '../../../core/i18n/names'
import type { Lang } from '../../../core/i18n/text'
import { getLayerKind } from '../../../core/layers/registry'
import type { GraphAnalysis } from '../../../core/shapes/analyze'
import { formatShape } from '../../../core/shapes/shape'
import { analysisOf, indexOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'

/** What a group frame, a collapsed group and the group inspector show, as flat primitives. */
export interface GroupView {
  exists: boolean
  name: string
  role: GroupRole
  collapsed: boolean
  members: number
  /** Sum over the layers whose count is known; null when none is. */
  params: number | null
  trainable: number | null
  /**
   * Shapes entering the group: along edges from outside, and of Input layers inside it (a GAN's
   * Discriminator starts with its own Input), e.g. "16×32" (joined with " , "); "" when none.
   */
  inputs: string
  /** Output shapes of the group's open ends. */
  outputs: string
  /** Layers of the group with an error. */
  errors: number
}

const MISSING: GroupView = {
  exists: false,
  name: '',
  role: 'block',
  collapsed: false,
  members: 0,
  params: null,
  trainable: null,
  inputs: '',
  outputs: '',
  errors: 0,
}

const unique = (items: string[]) => [...new Set(items)].join(' , ')

export function groupViewOf(
  doc: ProjectDocument,
  analysis: GraphAnalysis,
  groupId: string,
  lang: Lang = 'en',
): GroupView {
  const group = findGroup(doc, groupId)
  if (!group) return MISSING
  let params: number | null = null
  let trainable: number | null = null
  let errors = 0
  for (const id of group.nodeIds) {
    const node = analysis.nodes[id]
    if (!node) continue
    if (node.params) {
      params = (params ?? 0) + node.params.trainable + node.params.nonTrainable
      trainable = (trainable ?? 0) + node.params.trainable
    }
    if (node.diagnostics.some((d) => d.severity === 'error')) errors++
  }
  const boundary = groupBoundary(doc, group)
  const shapeOf = (shape: ReturnType<typeof formatShape> | null) => shape ?? '?'
  const byId = indexOf(doc).nodeById
  const inputLayers = group.nodeIds.filter((id) => {
    const node = byId.get(id)
    return node ? getLayerKind(node.kind)?.isInput === true : false
  })
  const inputs = unique([
    ...inputLayers.map((id) => {
      const shape = analysis.nodes[id]?.outputShape
      return shapeOf(shape ? formatShape(shape) : null)
    }),
    ...boundary.incoming.map((edge) => {
      const shape = analysis.edges[edge.id]?.shape
      return shapeOf(shape ? formatShape(shape) : null)
    }),
  ])
  const outputs = unique(
    boundary.exits.map((id) => {
      const shape = analysis.nodes[id]?.outputShape
      return shapeOf(shape ? formatShape(shape) : null)
    }),
  )
  return {
    exists: true,
    name: groupName(doc, group, lang),
    role: group.role,
    collapsed: group.collapsed,
    members: group.nodeIds.length,
    params,
    trainable,
    inputs,
    outputs,
    errors,
  }
}

/** The group in the UI language (its name: see core/i18n/names.ts). */
export function useGroupView(groupId: string): GroupView {
  const lang = useLang()
  return useDocumentStore(
    useShallow((state) => groupViewOf(state.doc, analysisOf(state.doc, state.datasetFit), groupId, lang)),
  )
}
