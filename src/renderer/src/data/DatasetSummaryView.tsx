import { useTranslation } from 'react-i18next'
import type { Lang } from '../../../core/i18n/text'
import { useDocumentStore } from '../app/document-store'
import { formatCount } from '../i18n/numbers'
import { splitSizes } from './edits'
import { CLASS_COLOURS, classColour, DataPreview } from './previews'
import type { DatasetSummary } from './summary'

/** A loaded dataset at a glance: sample previews, sizes, class counts, target and feature ranges. */

const fmt = (value: number) =>
  Math.abs(value) >= 1000 || Number.isInteger(value) ? String(Math.round(value * 100) / 100) : value.toPrecision(3)

export function DatasetSummaryView({ summary, lang, stale }: { summary: DatasetSummary; lang: Lang; stale: boolean }) {
  const { t } = useTranslation()
  const split = useDocumentStore((s) => s.doc.training.split)
  const sizes = splitSizes(summary.size, split)
  return (
    <div className={`data-summary${stale ? ' stale' : ''}`}>
      <section className="data-card data-preview" data-testid="data-preview" data-kind={summary.samples.kind}>
        <h3>{t('data.preview')}</h3>
        <p className="field-help">{t(`data.previewKinds.${summary.samples.kind}`)}</p>
        <DataPreview summary={summary} />
      </section>
      <section className="data-card data-stats" data-testid="data-stats">
        <h3>{t('data.stats')}</h3>
        <dl className="data-facts">
          <dt>{t('data.samples')}</dt>
          <dd data-testid="data-size">{formatCount(summary.size, lang)}</dd>
          <dt>{t('data.sampleShape')}</dt>
          <dd>
            {summary.inputShape.join('×')}
            {summary.inputDtype === 'int32' ? ` (${t('data.tokens')})` : ''}
          </dd>
          <dt>{t('data.split.title')}</dt>
          <dd data-testid="data-split-sizes">
            {t('data.split.sizes', {
              train: formatCount(sizes.train, lang),
              validation: formatCount(sizes.validation, lang),
              test: formatCount(sizes.test, lang),
            })}
          </dd>
        </dl>
        {summary.stats.classCounts && (
          <ClassCounts counts={summary.stats.classCounts} names={summary.classNames} lang={lang} />
        )}
        {summary.stats.target && (
          <>
            <h4>{t('data.target')}</h4>
            <RangeTable rows={[{ name: summary.encoding?.target.name ?? 'y', ...summary.stats.target }]} />
          </>
        )}
        <h4>{t('data.featureRanges')}</h4>
        {summary.stats.features.length === 0 ? (
          <p className="field-help">{t('data.noRanges')}</p>
        ) : (
          <>
            <p className="field-help">{t('data.featureRangesHint')}</p>
            <RangeTable rows={summary.stats.features} />
          </>
        )}
      </section>
    </div>
  )
}

const MAX_BARS = 24

function ClassCounts({ counts, names, lang }: { counts: number[]; names?: string[]; lang: Lang }) {
  const { t } = useTranslation()
  const max = Math.max(1, ...counts)
  const order = counts.map((count, label) => ({ count, label }))
  // Many classes (a text's characters): the most frequent ones.
  const shown = order.length > MAX_BARS ? [...order].sort((a, b) => b.count - a.count).slice(0, MAX_BARS) : order
  const label = (i: number) => {
    const name = names?.[i] ?? String(i)
    return name === ' ' ? '␣' : name === '\n' ? '⏎' : name
  }
  return (
    <>
      <h4>{t('data.classCounts')}</h4>
      <ul className="data-class-counts" data-testid="data-class-counts">
        {shown.map(({ count, label: i }) => (
          <li key={i}>
            <span className="data-class-label" title={names?.[i]}>
              {label(i)}
            </span>
            <span className="data-bar">
              <span
                className="data-bar-fill"
                style={{
                  width: `${(count / max) * 100}%`,
                  background: counts.length <= CLASS_COLOURS.length ? classColour(i) : undefined,
                }}
              />
            </span>
            <span className="data-class-count">{formatCount(count, lang)}</span>
          </li>
        ))}
      </ul>
      {order.length > shown.length && (
        <p className="field-help">{t('data.moreClasses', { count: order.length - shown.length })}</p>
      )}
    </>
  )
}

const MAX_RANGES = 12

function RangeTable({ rows }: { rows: { name: string; min: number; max: number; mean: number; std: number }[] }) {
  const { t } = useTranslation()
  return (
    <>
      <table className="data-table data-ranges">
        <thead>
          <tr>
            <th>{t('data.feature')}</th>
            <th>{t('data.min')}</th>
            <th>{t('data.max')}</th>
            <th>{t('data.mean')}</th>
            <th>{t('data.std')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_RANGES).map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{fmt(row.min)}</td>
              <td>{fmt(row.max)}</td>
              <td>{fmt(row.mean)}</td>
              <td>{fmt(row.std)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_RANGES && (
        <p className="field-help">{t('data.moreFeatures', { count: rows.length - MAX_RANGES })}</p>
      )}
    </>
  )
}
