import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDiagnostic, kindLabel } from '../../../core/i18n/format'
import { nodeName } from '../../../core/i18n/names'
import { analysisOf, indexOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import { getFlow } from '../app/flow-bridge'
import { select, useLang } from '../app/ui-store'
import { Icon } from './icons'

interface Row {
  key: string
  nodeId?: string
  severity: 'error' | 'warning'
  where: string
  message: string
}

function focusNode(nodeId: string): void {
  select([nodeId])
  void getFlow()?.fitView({ nodes: [{ id: nodeId }], padding: 0.6, duration: 300, maxZoom: 1.2 })
}

/** The Problems panel: every diagnostic of the graph; a click selects and reveals its layer. */
export function Diagnostics() {
  const { t } = useTranslation()
  const lang = useLang()
  const [open, setOpen] = useState(true)
  const doc = useDocumentStore((s) => s.doc)
  // The analysis can change without a new document (the dataset-fit check, app/analysis.ts).
  const analysis = useDocumentStore((s) => analysisOf(s.doc, s.datasetFit))
  const rows = useMemo((): Row[] => {
    const { nodeById } = indexOf(doc)
    return analysis.diagnostics.map((d, i) => {
      const node = d.nodeId ? nodeById.get(d.nodeId) : undefined
      return {
        key: `${i}:${d.code}:${d.nodeId ?? ''}`,
        nodeId: d.nodeId,
        severity: d.severity,
        where: node ? (nodeName(doc, node, lang) ?? kindLabel(node.kind, lang)) : t('diagnostics.graph'),
        message: formatDiagnostic(d, doc, lang),
      }
    })
  }, [analysis, doc, lang, t])
  const errors = rows.filter((row) => row.severity === 'error').length
  const warnings = rows.length - errors

  return (
    <section
      className={`diagnostics${open ? ' open' : ''}`}
      data-testid="diagnostics"
      aria-label={t('diagnostics.title')}
    >
      <button type="button" className="diagnostics-header" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className="chevron" aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        {t('diagnostics.title')}
        <span className={`count${errors > 0 ? ' error' : ''}`}>{errors}</span>
        {warnings > 0 && <span className="count warning">{warnings}</span>}
      </button>
      {open && (
        <ul className="diagnostics-list">
          {rows.length === 0 && <li className="diagnostics-ok">{t('diagnostics.none')}</li>}
          {rows.map((row) => (
            <li key={row.key}>
              <button
                type="button"
                className={`diagnostic ${row.severity}`}
                data-node-id={row.nodeId}
                disabled={!row.nodeId}
                onClick={() => row.nodeId && focusNode(row.nodeId)}
              >
                <Icon name={row.severity === 'error' ? 'alert' : 'info'} size={14} />
                <span className="diagnostic-where">{row.where}</span>
                <span className="diagnostic-message">{row.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
