import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useLang } from '../app/ui-store'
import { formatTime } from '../export/format-time'
import '../export/export.css'
import '../export/strings'
import { discardOffered, postponeOffers, restoreOffered, useRecovery } from './autosave'

/** "Restore unsaved work from <time>?" — shown at start when an earlier session left a draft. */
export function RestoreDialog() {
  const { t } = useTranslation()
  const lang = useLang()
  const offer = useRecovery((s) => s.offers[0])
  const busy = useRecovery((s) => s.busy)
  const restoreButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (offer) restoreButton.current?.focus()
  }, [offer])
  if (!offer) return null
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog confirm restore-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="restore-title"
        aria-describedby="restore-message"
        data-testid="restore-dialog"
        onKeyDown={(event) => event.key === 'Escape' && postponeOffers()}
      >
        <h2 id="restore-title">{t('recovery.title')}</h2>
        <p id="restore-message">
          {t('recovery.message', { title: offer.title, time: formatTime(offer.savedAt, lang) })}
        </p>
        {offer.path && <p className="restore-path">{t('recovery.file', { path: offer.path })}</p>}
        {offer.weightsOmitted && <p className="export-hint">{t('recovery.weightsOmitted')}</p>}
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="restore-discard"
            disabled={busy}
            onClick={() => void discardOffered()}
          >
            {t('recovery.discard')}
          </button>
          <button
            type="button"
            ref={restoreButton}
            className="button primary"
            data-testid="restore-accept"
            disabled={busy}
            onClick={() => void restoreOffered()}
          >
            {t('recovery.restore')}
          </button>
        </div>
      </div>
    </div>
  )
}
