import { useTranslation } from 'react-i18next'
import { datasetInfo } from '../../../core/data/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import { NO_DATASET } from '../../../core/training/config'
import { useDocumentStore } from '../app/document-store'
import { DatasetSummaryView } from './DatasetSummaryView'
import { reloadDataset, useDataState } from './dataset-state'

/** The Data panel's main column: the dataset's header, its loading state or error, and its summary. */

export function DatasetView({ lang }: { lang: Lang }) {
  const { t } = useTranslation()
  const id = useDocumentStore((s) => s.doc.training.dataset.id)
  const { status, summary, error } = useDataState((s) => s)
  const info = datasetInfo(id)
  const shown = summary && summary.id === id ? summary : null
  // The dataset's own task (what its labels are); a generative project uses the samples only.
  const task = (shown?.task ?? info?.task) === 'regression' ? 'regression' : 'classification'
  const classes = shown?.classNames?.length
  // An imported model comes without a dataset: the loader's error below says to choose one.
  const unset = id === NO_DATASET
  return (
    <div className="data-view">
      <header className="data-card data-header">
        <div className="data-title-row">
          <h2 className="data-title">
            {shown ? pick(shown.name, lang) : info ? pick(info.name, lang) : unset ? t('data.noDataset') : id}
          </h2>
          {!unset && (
            <span className={`data-task ${task}`} data-testid="data-task">
              {t(`data.task.${task}`)}
              {task === 'classification' && classes
                ? ` · ${t('data.classes', { count: classes })}`
                : ` · ${t(`data.taskHint.${task}`)}`}
            </span>
          )}
        </div>
        <p className="data-description">
          {shown ? pick(shown.description, lang) : info ? pick(info.description, lang) : ''}
        </p>
        {(shown?.credit ?? info?.credit) && (
          <p className="data-credit">
            <strong>{t('data.credit')}:</strong> {pick((shown?.credit ?? info?.credit)!, lang)}
          </p>
        )}
      </header>
      {status === 'loading' && (
        <p className="data-loading" role="status">
          <span className="spinner" aria-hidden /> {t('data.loading')}
        </p>
      )}
      {status === 'error' && error && (
        <div className="data-error" role="alert" data-testid="data-error">
          <p>{pick(error, lang)}</p>
          {/* Loading again cannot help when no dataset is chosen: the picker above is the way on. */}
          {!unset && (
            <button type="button" className="button" onClick={reloadDataset}>
              {t('data.retry')}
            </button>
          )}
        </div>
      )}
      {shown && <DatasetSummaryView summary={shown} lang={lang} stale={status === 'loading'} />}
    </div>
  )
}
