import { useTranslation } from 'react-i18next'
import { setDataOption, sizeText, useDataOption } from './data-option'
import './data-option-strings'

/** The Export dialog's data option (PyTorch, Keras): a checkbox and data.npz's size before writing. */
export function DataOption({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation()
  const on = useDataOption((s) => s.on)
  const measured = useDataOption((s) => s.measured)
  let status: string | null = null
  if (on && !measured) status = t('exportData.measuring')
  else if (on && measured?.ok) {
    status = t('exportData.size', { ...measured.counts, size: sizeText(measured.bytes) })
  } else if (on && measured && !measured.ok) status = t('exportData.failed', { detail: measured.message })
  return (
    <label className="export-option" data-testid="export-data-option">
      <input
        type="checkbox"
        checked={on}
        disabled={disabled}
        onChange={(event) => void setDataOption(event.target.checked)}
      />
      <span>{t('exportData.label')}</span>
      <span className="export-option-hint">{t('exportData.hint')}</span>
      {status && (
        <span
          className={`export-option-hint${measured && !measured.ok ? ' error' : ''}`}
          data-testid="export-data-size"
          role="status"
        >
          {status}
        </span>
      )}
    </label>
  )
}
