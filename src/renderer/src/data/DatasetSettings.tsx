import { useTranslation } from 'react-i18next'
import { datasetInfo } from '../../../core/data/registry'
import type { Lang } from '../../../core/i18n/text'
import { useDocumentStore } from '../app/document-store'
import { commitDatasetOption } from './edits'
import { NormalizationPicker } from './NormalizationPicker'
import { OptionField } from './OptionField'
import { SplitEditor } from './SplitEditor'

/** The Data panel's settings column: the dataset's options (and its import actions), the split and the normalisation. */

interface SettingsProps {
  lang: Lang
  busy: boolean
  importError: string | null
  onImportCsv: () => void
  onEditCsv: () => void
  onImportText: () => void
  onImportFolder: () => void
}

export function DatasetSettings({
  lang,
  busy,
  importError,
  onImportCsv,
  onEditCsv,
  onImportText,
  onImportFolder,
}: SettingsProps) {
  const { t } = useTranslation()
  const dataset = useDocumentStore((s) => s.doc.training.dataset)
  const info = datasetInfo(dataset.id)
  if (!info) return null
  const specs = Object.entries(info.options).filter(([name]) => !(dataset.id === 'imageFolder' && name === 'source'))
  return (
    <div className="data-settings">
      <div className="data-card data-options">
        <h3>{t('data.options')}</h3>
        {info.imported && (
          <div className="data-import-actions">
            {dataset.id === 'csv' && (
              <>
                <button
                  type="button"
                  className="button"
                  data-testid="data-edit-csv"
                  onClick={onEditCsv}
                  disabled={busy}
                >
                  {t('data.import.editColumns')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="data-import-csv"
                  onClick={onImportCsv}
                  disabled={busy}
                >
                  {t('data.import.chooseAnotherFile')}
                </button>
              </>
            )}
            {dataset.id === 'text' && (
              <button
                type="button"
                className="button"
                data-testid="data-import-text"
                onClick={onImportText}
                disabled={busy}
              >
                {t('data.import.chooseAnotherFile')}
              </button>
            )}
            {dataset.id === 'imageFolder' && (
              <button
                type="button"
                className="button"
                data-testid="data-import-folder"
                onClick={onImportFolder}
                disabled={busy}
              >
                {t('data.import.chooseAnotherFolder')}
              </button>
            )}
            {typeof dataset.options.name === 'string' && <span className="data-file-name">{dataset.options.name}</span>}
          </div>
        )}
        {busy && <p className="field-help">{t('data.import.reading')}</p>}
        {importError && (
          <p className="data-error" role="alert" data-testid="data-import-error">
            {t('data.import.failed')} {importError}
          </p>
        )}
        {specs.length === 0 && !info.imported && <p className="field-help">{t('data.noOptions')}</p>}
        <div className="data-options-grid">
          {specs.map(([name, spec]) => (
            <OptionField
              key={`${dataset.id}:${name}`}
              name={name}
              spec={spec}
              value={
                dataset.options[name] === undefined
                  ? spec.default
                  : name === 'channels'
                    ? String(dataset.options[name])
                    : dataset.options[name]
              }
              lang={lang}
              onChange={(value) => commitDatasetOption(name, value)}
            />
          ))}
        </div>
      </div>
      <SplitEditor lang={lang} />
      <NormalizationPicker />
    </div>
  )
}
