import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../app/document-store'
import { useLang, useUi } from '../app/ui-store'
import { EdgeInspector } from './EdgeInspector'
import { GroupInspector } from './GroupInspector'
import { NodeInspector } from './NodeInspector'
import { ProjectInfo } from './ProjectInfo'

/** Right panel: the selected layer, the selected connection, or the project. */
export function Inspector() {
  const { t } = useTranslation()
  const lang = useLang()
  const nodeIds = useUi((s) => s.selectedNodeIds)
  const edgeIds = useUi((s) => s.selectedEdgeIds)
  const selectedGroupId = useUi((s) => s.selectedGroupId)
  const groupId = useDocumentStore((s) =>
    selectedGroupId && s.doc.groups.some((g) => g.id === selectedGroupId) ? selectedGroupId : null,
  )

  let body: React.ReactNode
  if (groupId) body = <GroupInspector key={groupId} groupId={groupId} lang={lang} />
  else if (nodeIds.length === 1) body = <NodeInspector key={nodeIds[0]} nodeId={nodeIds[0]} lang={lang} />
  else if (nodeIds.length > 1)
    body = <p className="panel-empty">{t('inspector.multiple', { count: nodeIds.length })}</p>
  else if (edgeIds.length === 1) body = <EdgeInspector edgeId={edgeIds[0]} lang={lang} />
  else if (edgeIds.length > 1)
    body = <p className="panel-empty">{t('inspector.multipleEdges', { count: edgeIds.length })}</p>
  else body = <ProjectInfo lang={lang} />

  return (
    <aside className="panel inspector" aria-label={t('inspector.title')} data-testid="inspector">
      <div className="panel-header">{t('inspector.title')}</div>
      <div className="inspector-body">{body}</div>
    </aside>
  )
}
