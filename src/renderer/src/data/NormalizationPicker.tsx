import { useTranslation } from 'react-i18next'
import { NORMALIZATIONS, type Normalization } from '../../../core/training/config'
import { useDocumentStore } from '../app/document-store'
import { useDataState } from './dataset-state'
import { commitNormalization } from './edits'

/** The Data panel's input normalisation (off for token inputs). */

export function NormalizationPicker() {
  const { t } = useTranslation()
  const normalization = useDocumentStore((s) => s.doc.training.normalization)
  const tokens = useDataState((s) => s.summary?.inputDtype === 'int32')
  return (
    <div className="data-card data-normalization">
      <label className="field-label" htmlFor="data-normalization">
        <h3>{t('data.normalization.title')}</h3>
      </label>
      <select
        id="data-normalization"
        data-testid="data-normalization"
        value={normalization}
        disabled={tokens}
        onChange={(event) => commitNormalization(event.target.value as Normalization)}
      >
        {NORMALIZATIONS.map((n) => (
          <option key={n} value={n}>
            {t(`data.normalization.${n}`)}
          </option>
        ))}
      </select>
      <p className="field-help">{tokens ? t('data.normalization.tokens') : t('data.normalization.help')}</p>
    </div>
  )
}
