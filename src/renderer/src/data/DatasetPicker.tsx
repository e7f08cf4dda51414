import { useTranslation } from 'react-i18next'
import { BUILTIN_DATASETS, type DatasetInfo } from '../../../core/data/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import type { DatasetChoice, DatasetId } from '../../../core/training/config'

/** The Data panel's list of datasets, grouped by kind (images, tables, …, imported files). */

type Group = 'image' | 'table' | 'points' | 'series' | 'text' | 'imported'
const GROUPS: Group[] = ['image', 'table', 'points', 'series', 'text', 'imported']
const groupOf = (info: DatasetInfo): Group => (info.imported ? 'imported' : info.kind)

export function DatasetPicker({
  current,
  lang,
  onChoose,
}: {
  current: DatasetChoice
  lang: Lang
  onChoose: (id: DatasetId) => void
}) {
  const { t } = useTranslation()
  return (
    <nav className="data-picker" aria-label={t('data.chooser')}>
      {GROUPS.map((group) => (
        <div key={group} className="data-picker-group" role="group" aria-label={t(`data.kinds.${group}`)}>
          <div className="data-picker-title">{t(`data.kinds.${group}`)}</div>
          {BUILTIN_DATASETS.filter((info) => groupOf(info) === group).map((info) => (
            <button
              key={info.id}
              type="button"
              className={`data-picker-item${info.id === current ? ' selected' : ''}`}
              data-testid={`dataset-${info.id}`}
              aria-pressed={info.id === current}
              title={pick(info.description, lang)}
              onClick={() => onChoose(info.id)}
            >
              <span className="data-picker-name">{pick(info.name, lang)}</span>
              <span className="data-picker-meta">
                {info.inputShape ? info.inputShape.join('×') : t(`data.kinds.${info.kind}`)} ·{' '}
                {t(`data.task.${info.task === 'regression' ? 'regression' : 'classification'}`)}
              </span>
            </button>
          ))}
        </div>
      ))}
    </nav>
  )
}
