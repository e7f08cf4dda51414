import { useTranslation } from 'react-i18next'
import { useShallow } from 'zustand/react/shallow'
import { analysisOf } from '../app/analysis'
import { useDocumentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'
import { formatBytes, formatCompact, formatCount } from '../i18n/numbers'

/** Bottom bar: model size at a glance. Weights are float32, so memory = params × 4 bytes. */
export function StatusBar() {
  const { t } = useTranslation()
  const lang = useLang()
  const stats = useDocumentStore(
    useShallow((s) => {
      const analysis = analysisOf(s.doc, s.datasetFit)
      return {
        ...analysis.totals,
        nodes: s.doc.nodes.length,
        errors: analysis.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: analysis.diagnostics.filter((d) => d.severity === 'warning').length,
      }
    }),
  )
  const n = (value: number) => formatCount(value, lang)
  return (
    <footer className="status-bar" role="status">
      <span className={`status-item status-health ${stats.errors > 0 ? 'error' : 'ok'}`} data-testid="status-errors">
        {stats.errors > 0 ? t('status.errors', { count: stats.errors, value: n(stats.errors) }) : t('status.valid')}
        {stats.warnings > 0 && ` · ${t('status.warnings', { count: stats.warnings, value: n(stats.warnings) })}`}
      </span>
      <span className="status-item" data-testid="status-nodes">
        {t('status.layers', { count: stats.nodes, value: n(stats.nodes) })}
      </span>
      <span className="status-spacer" />
      <span className="status-item" title={t('status.totalHelp')}>
        {t('status.total')} <strong data-testid="status-total-params">{n(stats.total)}</strong>
      </span>
      <span className="status-item">
        {t('status.trainable')} <strong data-testid="status-trainable-params">{n(stats.trainable)}</strong>
      </span>
      <span className="status-item">
        {t('status.nonTrainable')} <strong data-testid="status-nontrainable-params">{n(stats.nonTrainable)}</strong>
      </span>
      <span className="status-item" title={t('status.macsHelp')}>
        {t('status.macs')}{' '}
        <strong data-testid="status-macs">{stats.macs === null ? '?' : formatCompact(stats.macs, lang)}</strong>
      </span>
      <span className="status-item" title={t('status.memoryHelp')}>
        {t('status.memory')} <strong data-testid="status-memory">{formatBytes(stats.total * 4, lang)}</strong>
      </span>
    </footer>
  )
}
