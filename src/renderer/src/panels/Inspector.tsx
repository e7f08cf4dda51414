import { useTranslation } from 'react-i18next'
import { useLang, useUi } from '../app/ui-store'
import { EdgeInspector } from './EdgeInspector'
import { NodeInspector } from './NodeInspector'
import { ProjectInfo } from './ProjectInfo'

/** Right panel: the selected layer, the selected connection, or the project. */
export function Inspector() {
  const { t } = useTranslation()
  const lang = useLang()
  const nodeIds = useUi((s) => s.selectedNodeIds)
  const edgeIds = useUi((s) => s.selectedEdgeIds)

  let body: React.ReactNode
  if (nodeIds.length === 1) body = <NodeInspector key={nodeIds[0]} nodeId={nodeIds[0]} lang={lang} />
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
