import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { problemText } from '../../../core/i18n/export-messages'
import { nodeName } from '../../../core/i18n/names'
import { useDocumentStore } from '../app/document-store'
import { getFlow } from '../app/flow-bridge'
import { getPlatform } from '../app/platform-ref'
import { select, useLang } from '../app/ui-store'
import { Icon } from '../panels/icons'
import { isActive, useTraining } from '../training/training-store'
import type { ExportProblem } from '../worker/protocol'
import './export.css'
import { chooseFormat, chooseOpset, closeExportDialog, runExport, useExport } from './export-store'
import { EXPORT_FORMATS, OPSETS } from './formats'
import './strings'
import { WeightsChoice } from './WeightsChoice'
import { DataOption } from './DataOption'
import { formatTakesData } from './data-option'

function ProblemList({ items, tone }: { items: ExportProblem[]; tone: 'error' | 'warning' }) {
  const { t } = useTranslation()
  const lang = useLang()
  const doc = useDocumentStore((s) => s.doc)
  const label = (id: string) => {
    const node = doc.nodes.find((n) => n.id === id)
    return (node && nodeName(doc, node, lang)) || id
  }
  const show = (nodeId: string) => {
    select([nodeId])
    closeExportDialog()
    requestAnimationFrame(
      () => void getFlow()?.fitView({ nodes: [{ id: nodeId }], padding: 0.6, duration: 250, maxZoom: 1.2 }),
    )
  }
  return (
    <ul className={`export-problems ${tone}`} data-testid={`export-${tone === 'error' ? 'problems' : 'warnings'}`}>
      {items.map((item, i) => (
        <li key={i}>
          {item.nodeId ? (
            <button
              type="button"
              className="export-problem-node"
              data-testid="export-problem"
              data-node-id={item.nodeId}
              onClick={() => show(item.nodeId!)}
            >
              {label(item.nodeId)}
            </button>
          ) : (
            <span className="export-problem-node whole">{t('exchange.whole')}</span>
          )}
          <span className="export-problem-message">{problemText(item, lang)}</span>
        </li>
      ))}
    </ul>
  )
}

/** File → Export: the formats with what each is for, options, and the outcome (problems per node, warnings). */
export function ExportDialog() {
  const { t } = useTranslation()
  const open = useExport((s) => s.open)
  const format = useExport((s) => s.format)
  const opset = useExport((s) => s.opset)
  const running = useExport((s) => s.running)
  const problems = useExport((s) => s.problems)
  const warnings = useExport((s) => s.warnings)
  const saved = useExport((s) => s.saved)
  const error = useExport((s) => s.error)
  const training = useTraining((s) => isActive(s.status) || s.busy)
  const exportButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    exportButton.current?.focus()
    // Escape closes even when the focus left the dialog (the Export button is disabled while it runs).
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeExportDialog()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open])

  if (!open) return null
  const current = EXPORT_FORMATS.find((f) => f.id === format)!
  const web = getPlatform().kind === 'web'

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && closeExportDialog()}
    >
      <div
        className="dialog export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <div className="dialog-header">
          <h2 id="export-title">{t('exchange.title')}</h2>
          <button type="button" className="icon-button" onClick={closeExportDialog} aria-label={t('dialog.close')}>
            <Icon name="close" />
          </button>
        </div>
        <p className="dialog-intro">{t('exchange.intro')}</p>
        <WeightsChoice disabled={running} />

        <div className="export-formats" role="radiogroup" aria-labelledby="export-title">
          {EXPORT_FORMATS.map((info) => (
            <label
              key={info.id}
              className={`export-format${info.id === format ? ' selected' : ''}`}
              data-testid={`export-format-${info.id}`}
            >
              <input
                type="radio"
                name="export-format"
                value={info.id}
                checked={info.id === format}
                disabled={running}
                onChange={() => chooseFormat(info.id)}
              />
              <span className="export-format-text">
                <span className="export-format-name">
                  {t(`exchange.formats.${info.id}.name`)}
                  {info.experimental && <span className="export-badge">{t('exchange.experimental')}</span>}
                </span>
                <span className="export-format-what">{t(`exchange.formats.${info.id}.what`)}</span>
              </span>
            </label>
          ))}
        </div>

        <div className="export-details">
          {formatTakesData(format) && <DataOption disabled={running} />}
          {format === 'onnx' && (
            <label className="export-option">
              <span>{t('exchange.opset')}</span>
              <select
                value={opset}
                disabled={running}
                data-testid="export-opset"
                onChange={(event) => chooseOpset(Number(event.target.value))}
              >
                {OPSETS.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
              <span className="export-option-hint">{t('exchange.opsetHint')}</span>
            </label>
          )}
          <div className="export-run">
            <span className="export-run-label">{t('exchange.runIt')}</span>
            <pre data-testid="export-run">{current.run.join('\n')}</pre>
            {current.runNote && (
              <span className="export-option-hint">{t(`exchange.formats.${current.id}.runNote`)}</span>
            )}
          </div>
        </div>

        {problems.length > 0 && (
          <div className="export-outcome error" role="alert">
            <strong>{t('exchange.problemsTitle', { format: t(`exchange.formats.${format}.name`) })}</strong>
            <ProblemList items={problems} tone="error" />
            {problems.some((p) => p.nodeId) && <p className="export-hint">{t('exchange.problemsHint')}</p>}
          </div>
        )}
        {error && (
          <div className="export-outcome error" role="alert">
            <strong>{t('exchange.failed')}</strong>
            <p>{error}</p>
          </div>
        )}
        {saved && (
          <div className="export-outcome success" role="status" data-testid="export-saved">
            <strong>
              {saved.path
                ? t('exchange.savedFolder', { path: saved.path })
                : t('exchange.savedZip', { name: saved.name })}
            </strong>
          </div>
        )}
        {warnings.length > 0 && (
          <div className="export-outcome warning">
            <strong>{t('exchange.warningsTitle')}</strong>
            <ProblemList items={warnings} tone="warning" />
          </div>
        )}

        <div className="dialog-actions">
          {training && <span className="export-busy">{t('exchange.trainingBusy')}</span>}
          <button type="button" className="button" onClick={closeExportDialog} disabled={running}>
            {t('dialog.close')}
          </button>
          <button
            type="button"
            ref={exportButton}
            className="button primary"
            data-testid="export-run-button"
            disabled={running || training}
            onClick={() => void runExport()}
          >
            {running ? t('exchange.exporting') : web ? `${t('exchange.export')} (.zip)` : `${t('exchange.export')}…`}
          </button>
        </div>
      </div>
    </div>
  )
}
