import { useTranslation } from 'react-i18next'
import { kindLabel } from '../../../core/i18n/format'
import { nodeName } from '../../../core/i18n/names'
import type { Lang } from '../../../core/i18n/text'
import { formatShape } from '../../../core/shapes/shape'
import { analysisOf, indexOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'

/** A selected connection: which layers it joins and what flows along it. */
export function EdgeInspector({ edgeId, lang }: { edgeId: string; lang: Lang }) {
  const { t } = useTranslation()
  const doc = useDocumentStore((s) => s.doc)
  const edge = doc.edges.find((e) => e.id === edgeId)
  if (!edge) return null
  const { nodeById } = indexOf(doc)
  const name = (id: string) => {
    const node = nodeById.get(id)
    return node ? (nodeName(doc, node, lang) ?? kindLabel(node.kind, lang)) : id
  }
  const shape = analysisOf(doc).edges[edgeId]?.shape
  return (
    <div className="edge-inspector">
      <div className="inspector-title">
        <span className="kind-chip">{t('inspector.connection')}</span>
      </div>
      <dl className="shape-facts">
        <dt>{t('inspector.from')}</dt>
        <dd>{name(edge.source)}</dd>
        <dt>{t('inspector.to')}</dt>
        <dd>
          {name(edge.target)}
          {edge.targetPort > 0 ? ` · ${t('inspector.port', { port: edge.targetPort + 1 })}` : ''}
        </dd>
        <dt>{t('inspector.shape')}</dt>
        <dd>{shape ? formatShape(shape) : '?'}</dd>
      </dl>
      <p className="panel-empty small">{t('inspector.edgeHint')}</p>
    </div>
  )
}
