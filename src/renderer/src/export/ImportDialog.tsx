import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from '../panels/icons'
import './export.css'
import { closeImportDialog, importWithGaps, useImport } from './import-model'
import './strings'

/** Why a model could not be imported: the message, or every unmapped layer by name, class and reason. */
export function ImportDialog() {
  const { t } = useTranslation()
  const report = useImport((s) => s.report)
  const closeButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (report) closeButton.current?.focus()
  }, [report])
  if (!report) return null
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && closeImportDialog()}
    >
      <div
        className="dialog import-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        onKeyDown={(event) => event.key === 'Escape' && closeImportDialog()}
      >
        <div className="dialog-header">
          <h2 id="import-title">{t('exchange.importTitle')}</h2>
          <button type="button" className="icon-button" onClick={closeImportDialog} aria-label={t('dialog.close')}>
            <Icon name="close" />
          </button>
        </div>
        {report.error !== null ? (
          <>
            <p className="dialog-intro">{t('exchange.importFailed', { name: report.name })}</p>
            <pre className="import-error" data-testid="import-error">
              {report.error}
            </pre>
          </>
        ) : (
          <>
            <p className="dialog-intro">
              {t('exchange.unmappedIntro', { name: report.name, count: report.unmapped.length })}
            </p>
            <table className="import-unmapped" data-testid="import-unmapped">
              <thead>
                <tr>
                  <th>{t('exchange.layer')}</th>
                  <th>{t('exchange.layerType')}</th>
                  <th>{t('exchange.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.unmapped.map((u) => (
                  <tr key={u.layerName} data-testid="import-unmapped-layer" data-layer={u.layerName}>
                    <td className="mono">{u.layerName}</td>
                    <td className="mono">{u.className}</td>
                    <td>{u.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="export-hint">
              {t('exchange.unmappedKeep')} {report.gapsPossible ? t('exchange.gapsHint') : ''}
            </p>
          </>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            ref={closeButton}
            className="button"
            data-testid="import-close"
            onClick={closeImportDialog}
          >
            {t('dialog.close')}
          </button>
          {report.gapsPossible && (
            <button
              type="button"
              className="button primary"
              data-testid="import-with-gaps"
              onClick={() => void importWithGaps()}
            >
              {t('exchange.importWithGaps')}
            </button>
          )}
        </div>
      </div>
    </div>
  )
}
