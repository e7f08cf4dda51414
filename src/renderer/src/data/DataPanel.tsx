import './data.css'
import './strings'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BUILTIN_DATASETS, datasetInfo, type DatasetInfo } from '../../../core/data/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import { NORMALIZATIONS, type DatasetId, type Normalization } from '../../../core/training/config'
import { useDocumentStore } from '../app/document-store'
import { getPlatform } from '../app/platform-ref'
import { useLang } from '../app/ui-store'
import { formatCount } from '../i18n/numbers'
import type { PickedImageFolder } from '../platform/types'
import { reloadDataset, useDataState, watchDatasetPreview } from './dataset-state'
import { commitDataset, commitDatasetOption, commitNormalization, commitSplit, commitSplitSeed, splitSizes } from './edits'
import { CsvImportDialog, ImageFolderDialog, textSourceOptions, type CsvChoice, type CsvFile } from './ImportDialogs'
import { OptionField } from './OptionField'
import { CLASS_COLOURS, classColour, DataPreview } from './previews'
import { getUserFile } from './sources'
import type { DatasetSummary } from './summary'

/**
 * The Data panel: choose a dataset, set its options, the split and the normalisation, and look
 * at it (samples and statistics). Everything it edits lives in `doc.training` (undoable); the
 * data itself is loaded in a worker (dataset-state.ts).
 */

type Group = 'image' | 'table' | 'points' | 'series' | 'text' | 'imported'
const GROUPS: Group[] = ['image', 'table', 'points', 'series', 'text', 'imported']
const groupOf = (info: DatasetInfo): Group => (info.imported ? 'imported' : info.kind)

type Dialog = { kind: 'csv'; file: CsvFile; initial?: CsvChoice } | { kind: 'folder'; folder: PickedImageFolder } | null

/** The text of the current CSV / text import, when it is still at hand. */
function currentText(options: Record<string, unknown>): CsvFile | null {
  const name = typeof options.name === 'string' ? options.name : 'data.csv'
  if (typeof options.text === 'string') return { name, text: options.text }
  const file = typeof options.source === 'string' ? getUserFile(options.source) : undefined
  return file?.type === 'text' ? { name: file.name, text: file.text } : null
}

export function DataPanel() {
  const { t } = useTranslation()
  const lang = useLang()
  const dataset = useDocumentStore((s) => s.doc.training.dataset)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => watchDatasetPreview(), [])

  const run = async (work: () => Promise<void>) => {
    setImportError(null)
    setBusy(true)
    try {
      await work()
    } catch (error) {
      setImportError(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const importCsv = () =>
    run(async () => {
      const file = await getPlatform().openDataFile('csv')
      if (file) setDialog({ kind: 'csv', file: { name: file.name, text: file.text } })
    })
  const importText = () =>
    run(async () => {
      const file = await getPlatform().openDataFile('text')
      if (file) commitDataset('text', textSourceOptions(file.name, file.text))
    })
  const importFolder = () =>
    run(async () => {
      const folder = await getPlatform().pickImageFolder()
      if (folder) setDialog({ kind: 'folder', folder })
    })
  const editCsv = () => {
    const file = currentText(dataset.options)
    if (!file) return void importCsv()
    const o = dataset.options
    setDialog({
      kind: 'csv',
      file,
      initial: {
        target: typeof o.target === 'string' ? o.target : undefined,
        task: o.task === 'classification' || o.task === 'regression' ? o.task : undefined,
        categorical: Array.isArray(o.categorical) ? (o.categorical as string[]) : undefined,
        ignore: Array.isArray(o.ignore) ? (o.ignore as string[]) : undefined,
      },
    })
  }

  const choose = (id: DatasetId) => {
    if (id === 'csv') return void (dataset.id === 'csv' ? editCsv() : importCsv())
    if (id === 'text') return void (dataset.id === 'text' ? undefined : importText())
    if (id === 'imageFolder') return void (dataset.id === 'imageFolder' ? undefined : importFolder())
    if (id !== dataset.id) commitDataset(id)
  }

  return (
    <section className="data-panel" data-testid="data-panel" aria-label={t('data.title')}>
      <div className="data-side">
        <DatasetPicker current={dataset.id} lang={lang} onChoose={choose} />
      </div>
      <div className="data-main">
        <DatasetSettings
          lang={lang}
          busy={busy}
          importError={importError}
          onImportCsv={importCsv}
          onEditCsv={editCsv}
          onImportText={importText}
          onImportFolder={importFolder}
        />
        <DatasetView lang={lang} />
      </div>
      {dialog?.kind === 'csv' && <CsvImportDialog file={dialog.file} initial={dialog.initial} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'folder' && <ImageFolderDialog folder={dialog.folder} onClose={() => setDialog(null)} />}
    </section>
  )
}

function DatasetPicker({ current, lang, onChoose }: { current: DatasetId; lang: Lang; onChoose: (id: DatasetId) => void }) {
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
                {info.inputShape ? info.inputShape.join('×') : t(`data.kinds.${info.kind}`)} · {t(`data.task.${info.task === 'regression' ? 'regression' : 'classification'}`)}
              </span>
            </button>
          ))}
        </div>
      ))}
    </nav>
  )
}

interface SettingsProps {
  lang: Lang
  busy: boolean
  importError: string | null
  onImportCsv: () => void
  onEditCsv: () => void
  onImportText: () => void
  onImportFolder: () => void
}

function DatasetSettings({ lang, busy, importError, onImportCsv, onEditCsv, onImportText, onImportFolder }: SettingsProps) {
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
                <button type="button" className="button" data-testid="data-edit-csv" onClick={onEditCsv} disabled={busy}>
                  {t('data.import.editColumns')}
                </button>
                <button type="button" className="button" data-testid="data-import-csv" onClick={onImportCsv} disabled={busy}>
                  {t('data.import.chooseAnotherFile')}
                </button>
              </>
            )}
            {dataset.id === 'text' && (
              <button type="button" className="button" data-testid="data-import-text" onClick={onImportText} disabled={busy}>
                {t('data.import.chooseAnotherFile')}
              </button>
            )}
            {dataset.id === 'imageFolder' && (
              <button type="button" className="button" data-testid="data-import-folder" onClick={onImportFolder} disabled={busy}>
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
              value={dataset.options[name] === undefined ? spec.default : name === 'channels' ? String(dataset.options[name]) : dataset.options[name]}
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

const SPLIT_PARTS = ['train', 'validation', 'test'] as const

function SplitEditor({ lang }: { lang: Lang }) {
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

function NormalizationPicker() {
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

function DatasetView({ lang }: { lang: Lang }) {
  const { t } = useTranslation()
  const id = useDocumentStore((s) => s.doc.training.dataset.id)
  const { status, summary, error } = useDataState((s) => s)
  const info = datasetInfo(id)
  const shown = summary && summary.id === id ? summary : null
  // The dataset's own task (what its labels are); a generative project uses the samples only.
  const task = (shown?.task ?? info?.task) === 'regression' ? 'regression' : 'classification'
  const classes = shown?.classNames?.length
  return (
    <div className="data-view">
      <header className="data-card data-header">
        <div className="data-title-row">
          <h2 className="data-title">{shown ? pick(shown.name, lang) : info ? pick(info.name, lang) : id}</h2>
          <span className={`data-task ${task}`} data-testid="data-task">
            {t(`data.task.${task}`)}
            {task === 'classification' && classes ? ` · ${t('data.classes', { count: classes })}` : ` · ${t(`data.taskHint.${task}`)}`}
          </span>
        </div>
        <p className="data-description">{shown ? pick(shown.description, lang) : info ? pick(info.description, lang) : ''}</p>
        {(shown?.credit ?? info?.credit) && (
          <p className="data-credit">
            <strong>{t('data.credit')}:</strong> {shown?.credit ?? info?.credit}
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
          <button type="button" className="button" onClick={reloadDataset}>
            {t('data.retry')}
          </button>
        </div>
      )}
      {shown && <SummaryView summary={shown} lang={lang} stale={status === 'loading'} />}
    </div>
  )
}

const fmt = (value: number) => (Math.abs(value) >= 1000 || Number.isInteger(value) ? String(Math.round(value * 100) / 100) : value.toPrecision(3))

function SummaryView({ summary, lang, stale }: { summary: DatasetSummary; lang: Lang; stale: boolean }) {
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
        {summary.stats.classCounts && <ClassCounts counts={summary.stats.classCounts} names={summary.classNames} lang={lang} />}
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
              <span className="data-bar-fill" style={{ width: `${(count / max) * 100}%`, background: counts.length <= CLASS_COLOURS.length ? classColour(i) : undefined }} />
            </span>
            <span className="data-class-count">{formatCount(count, lang)}</span>
          </li>
        ))}
      </ul>
      {order.length > shown.length && <p className="field-help">{t('data.moreClasses', { count: order.length - shown.length })}</p>}
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
      {rows.length > MAX_RANGES && <p className="field-help">{t('data.moreFeatures', { count: rows.length - MAX_RANGES })}</p>}
    </>
  )
}
