import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo, useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { toggleGroupCollapsed } from '../app/groups'
import { useLang, useUi } from '../app/ui-store'
import { formatCount } from '../i18n/numbers'
import { SOURCE_HANDLE, targetHandleId } from './adapters'
import type { GroupCollapsedNode as CollapsedFlowNode, GroupFrameNode } from './group-elements'
import { useGroupView, type GroupView } from './group-view'
import './groups.css'

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      width={14}
      height={14}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
    >
      <path d={open ? 'M6 9l6 6 6-6' : 'M9 6l6 6-6 6'} />
    </svg>
  )
}

/** Collapse/expand button; `nodrag` so a click never starts moving the group. */
function Toggle({ groupId, collapsed }: { groupId: string; collapsed: boolean }) {
  const { t } = useTranslation()
  const onClick = useCallback(
    (event: React.MouseEvent) => {
      event.stopPropagation()
      toggleGroupCollapsed(groupId)
    },
    [groupId],
  )
  const label = collapsed ? t('group.expand') : t('group.collapse')
  return (
    <button
      type="button"
      className="group-toggle nodrag"
      data-testid={`group-toggle-${groupId}`}
      aria-expanded={!collapsed}
      aria-label={label}
      title={label}
      onClick={onClick}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <Chevron open={!collapsed} />
    </button>
  )
}

function Title({ groupId, view }: { groupId: string; view: GroupView }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="group-name" data-testid={`group-name-${groupId}`} title={view.name}>
        {view.name}
      </span>
      <span className="group-role" data-testid={`group-role-${groupId}`}>
        {t(`group.role.${view.role}`)}
      </span>
    </>
  )
}

function useFacts(view: GroupView): string {
  const { t } = useTranslation()
  const lang = useLang()
  const layers = t('group.layers', { count: view.members, value: formatCount(view.members, lang) })
  if (view.params === null) return layers
  return `${layers} · ${t('node.params', { count: view.params, value: formatCount(view.params, lang) })}`
}

function ErrorBadge({ view }: { view: GroupView }) {
  const { t } = useTranslation()
  if (view.errors === 0) return null
  const text = t('group.errors', { count: view.errors })
  return (
    <span className="group-errors" data-testid="group-errors" title={text} aria-label={text}>
      !
    </span>
  )
}

/** An expanded group: a labelled frame behind its layers. Only the label bar takes the pointer. */
function GroupFrameComponent({ data }: NodeProps<GroupFrameNode>) {
  const view = useGroupView(data.groupId)
  const facts = useFacts(view)
  if (!view.exists) return null
  return (
    <div className={`group-frame role-${view.role}`} data-testid={`group-${data.groupId}`} data-role={view.role}>
      <div className="group-frame-header" title={`${view.name} · ${facts}`}>
        <Toggle groupId={data.groupId} collapsed={false} />
        <Title groupId={data.groupId} view={view} />
        <ErrorBadge view={view} />
      </div>
    </div>
  )
}

/**
 * A collapsed group: one compact node with what the group takes and gives. Its handles only
 * anchor the re-routed edges; wiring is done on the layers themselves (expand first).
 */
function GroupCollapsedComponent({ data }: NodeProps<CollapsedFlowNode>) {
  const { t } = useTranslation()
  const view = useGroupView(data.groupId)
  const facts = useFacts(view)
  const lr = useUi((s) => s.layoutDirection === 'LR')
  if (!view.exists) return null
  return (
    <div
      className={`group-collapsed role-${view.role}${view.errors > 0 ? ' has-error' : ''}`}
      data-testid={`group-collapsed-${data.groupId}`}
      data-role={view.role}
      title={t('group.collapsedHint')}
    >
      <Handle
        type="target"
        position={lr ? Position.Left : Position.Top}
        id={targetHandleId(0)}
        isConnectable={false}
        className="layer-handle"
      />
      <div className="group-collapsed-header">
        <Toggle groupId={data.groupId} collapsed />
        <Title groupId={data.groupId} view={view} />
        <ErrorBadge view={view} />
      </div>
      <div className="group-collapsed-facts">{facts}</div>
      <dl className="group-collapsed-io">
        <dt>{t('group.in')}</dt>
        <dd data-testid="group-inputs">{view.inputs || '—'}</dd>
        <dt>{t('group.out')}</dt>
        <dd data-testid="group-outputs">{view.outputs || '—'}</dd>
      </dl>
      <Handle
        type="source"
        position={lr ? Position.Right : Position.Bottom}
        id={SOURCE_HANDLE}
        isConnectable={false}
        className="layer-handle"
      />
    </div>
  )
}

export const GroupFrame = memo(GroupFrameComponent)
export const GroupCollapsedNode = memo(GroupCollapsedComponent)
