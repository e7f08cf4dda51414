import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lang } from '../../../core/i18n/text'
import { useDocumentStore } from '../app/document-store'
import { formatCount } from '../i18n/numbers'
import { useDataState } from './dataset-state'
import { commitSplit, commitSplitSeed, splitSizes } from './edits'

/** The Data panel's train / validation / test split (percentages, sample counts) and its seed. */

const SPLIT_PARTS = ['train', 'validation', 'test'] as const

export function SplitEditor({ lang }: { lang: Lang }) {
  const { t } = useTranslation()
  const split = useDocumentStore((s) => s.doc.training.split)
  const size = useDataState((s) => s.summary?.size ?? null)
  const sizes = size === null ? null : splitSizes(size, split)
  const [seedText, setSeedText] = useState(String(split.seed))
  const [shownSeed, setShownSeed] = useState(split.seed)
  if (shownSeed !== split.seed) {
    setShownSeed(split.seed)
    setSeedText(String(split.seed))
  }
  return (
    <div className="data-card data-split" data-testid="data-split">
      <h3>{t('data.split.title')}</h3>
      <div className="data-split-bar" aria-hidden>
        {SPLIT_PARTS.map((part) => (
          <span key={part} className={`part ${part}`} style={{ flexGrow: split[part] }} />
        ))}
      </div>
      <div className="data-split-inputs">
        {SPLIT_PARTS.map((part) => (
          <label key={part} className={`data-split-input ${part}`}>
            <span className="data-split-name">{t(`data.split.${part}`)}</span>
            <span className="data-split-number">
              <input
                type="number"
                min={part === 'train' ? 1 : 0}
                max={part === 'train' ? 100 : 99}
                step={5}
                data-testid={`split-${part}`}
                aria-label={t('data.split.percent', { name: t(`data.split.${part}`) })}
                value={Math.round(split[part] * 100)}
                onChange={(event) => {
                  const value = Number(event.target.value)
                  if (event.target.value !== '' && Number.isFinite(value)) commitSplit(part, value)
                }}
              />
              %
            </span>
            {sizes && <span className="data-split-count">{formatCount(sizes[part], lang)}</span>}
          </label>
        ))}
      </div>
      <div className="field data-inline-field">
        <label className="field-label" htmlFor="data-split-seed">
          {t('data.split.seed')}
        </label>
        <input
          id="data-split-seed"
          type="text"
          inputMode="numeric"
          data-testid="split-seed"
          value={seedText}
          onChange={(event) => {
            setSeedText(event.target.value)
            if (/^\d{1,9}$/.test(event.target.value.trim())) commitSplitSeed(Number(event.target.value.trim()))
          }}
        />
      </div>
      <p className="field-help">{t('data.split.help')}</p>
    </div>
  )
}
