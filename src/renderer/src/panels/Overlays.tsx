import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { showBanner, useUi } from '../app/ui-store'
import { Icon } from './icons'

/** A message across the top of the canvas: failed opens (with the exact path), warnings. */
export function Banner() {
  const { t } = useTranslation()
  const banner = useUi((s) => s.banner)
  if (!banner) return null
  return (
    <div
      className={`banner ${banner.kind}`}
      role={banner.kind === 'error' ? 'alert' : 'status'}
      data-testid="error-banner"
    >
      <Icon name={banner.kind === 'info' ? 'info' : 'alert'} />
      <div className="banner-text">
        <strong>{banner.title}</strong>
        {banner.detail && <pre className="banner-detail">{banner.detail}</pre>}
      </div>
      <button type="button" className="icon-button" onClick={() => showBanner(null)} aria-label={t('dialog.close')}>
        <Icon name="close" />
      </button>
    </div>
  )
}

/** A short note near the cursor (e.g. why a connection was refused) or above the status bar. */
export function Toast() {
  const toast = useUi((s) => s.toast)
  if (!toast) return null
  const style = toast.at
    ? {
        left: Math.max(12, Math.min(toast.at.x + 14, window.innerWidth - 372)),
        top: Math.max(12, Math.min(toast.at.y + 14, window.innerHeight - 120)),
      }
    : undefined
  return (
    <div
      className={`toast ${toast.tone}${toast.at ? ' at-cursor' : ''}`}
      style={style}
      role="status"
      data-testid="toast"
    >
      {toast.message}
    </div>
  )
}

/** The in-app confirm dialog (unsaved changes). */
export function ConfirmDialog() {
  const { t } = useTranslation()
  const confirm = useUi((s) => s.confirm)
  const cancelRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirm) cancelRef.current?.focus()
  }, [confirm])
  if (!confirm) return null
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        onKeyDown={(event) => event.key === 'Escape' && confirm.resolve(false)}
      >
        <h2 id="confirm-title">{confirm.title}</h2>
        <p id="confirm-message">{confirm.message}</p>
        <div className="dialog-actions">
          <button
            type="button"
            ref={cancelRef}
            className="button"
            data-testid="confirm-cancel"
            onClick={() => confirm.resolve(false)}
          >
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            className="button danger"
            data-testid="confirm-ok"
            onClick={() => confirm.resolve(true)}
          >
            {confirm.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
