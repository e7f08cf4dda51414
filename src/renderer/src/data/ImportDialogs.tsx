import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { csvDataset, describeCsvColumns, type CsvColumnInfo } from '../../../core/data/csv'
import { IMAGE_FOLDER_OPTIONS } from '../../../core/data/registry'
import { pick, type Lang } from '../../../core/i18n/text'
import type { Task } from '../../../core/training/config'
import { documentStore } from '../app/document-store'
import { useLang } from '../app/ui-store'
import { formatCount } from '../i18n/numbers'
import { Icon } from '../panels/icons'
import type { PickedImageFolder } from '../platform/types'
import { commitDataset } from './edits'
import { OptionField } from './OptionField'
import { addUserFile } from './sources'

/** CSV and text files up to this size are saved inside the project (so it reopens complete). */
export const INLINE_TEXT_LIMIT = 512 * 1024

/** Where the text of an imported file goes in the dataset options: inline, or the in-memory registry. */
export function textSourceOptions(name: string, text: string): Record<string, unknown> {
  return text.length <= INLINE_TEXT_LIMIT ? { name, text } : { name, source: addUserFile({ type: 'text', name, text }) }
}

function Dialog({
  title,
  testId,
  onClose,
  children,
}: {
  title: string
  testId: string
  onClose: () => void
  children: React.ReactNode
}) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button, input, select')?.focus()
  }, [])
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={ref}
        className="dialog data-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <div className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label={t('dialog.close')}>
            <Icon name="close" />
          </button>
        </div>
        {children}
      </div>
    </div>
  )
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────

export interface CsvFile {
  name: string
  text: string
}

export interface CsvChoice {
  target?: string
  task?: Task
  categorical?: string[]
  ignore?: string[]
}

const TASK_CHOICES = ['auto', 'classification', 'regression'] as const

export function CsvImportDialog({
  file,
  initial,
  onClose,
}: {
  file: CsvFile
  initial?: CsvChoice
  onClose: () => void
}) {
  const { t } = useTranslation()
  const lang = useLang()
  const described = useMemo(() => describeCsvColumns(file.text), [file.text])
  const columns = described.ok ? described.columns : []
  const [target, setTarget] = useState(initial?.target ?? (described.ok ? described.suggestedTarget : ''))
  const [task, setTask] = useState<(typeof TASK_CHOICES)[number]>(
    initial?.task === 'classification' || initial?.task === 'regression' ? initial.task : 'auto',
  )
  const [categorical, setCategorical] = useState<string[]>(initial?.categorical ?? [])
  const [ignore, setIgnore] = useState<string[]>(initial?.ignore ?? [])
  const [error, setError] = useState<string | null>(null)
  const targetInfo = columns.find((c) => c.name === target)
  const autoTask = targetInfo?.taskAsTarget ?? 'classification'

  const toggle = (list: string[], name: string, on: boolean) =>
    on ? [...new Set([...list, name])] : list.filter((n) => n !== name)

  const use = () => {
    const choice = {
      target,
      task: task === 'auto' ? undefined : task,
      categorical: categorical.filter((name) => name !== target),
      ignore: ignore.filter((name) => name !== target),
    }
    const checked = csvDataset(file.text, { ...choice, name: file.name })
    if (!checked.ok) {
      setError(pick(checked.message, lang))
      return
    }
    const options: Record<string, unknown> = { ...textSourceOptions(file.name, file.text), target }
    if (choice.task) options.task = choice.task
    if (choice.categorical.length > 0) options.categorical = choice.categorical
    if (choice.ignore.length > 0) options.ignore = choice.ignore
    commitDataset('csv', options, checked.dataset.task)
    onClose()
  }

  const typeOf = (column: CsvColumnInfo) =>
    column.type === 'number' && !categorical.includes(column.name) ? 'number' : 'category'

  return (
    <Dialog title={t('data.import.csvTitle')} testId="csv-dialog" onClose={onClose}>
      {!described.ok ? (
        <p className="data-error" role="alert" data-testid="csv-error">
          {pick(described.message, lang)}
        </p>
      ) : (
        <>
          <p className="dialog-intro">{t('data.import.csvIntro')}</p>
          <p className="data-import-summary">
            {t('data.import.csvSummary', {
              name: file.name,
              rows: formatCount(described.rows, lang),
              columns: columns.length,
              delimiter: described.delimiter === '\t' ? 'Tab' : described.delimiter,
            })}
          </p>
          <div className="data-table-wrap">
            <table className="data-table data-columns" data-testid="csv-columns">
              <thead>
                <tr>
                  <th>{t('data.import.useAsTarget')}</th>
                  <th>{t('data.import.column')}</th>
                  <th>{t('data.import.type')}</th>
                  <th>{t('data.import.distinct')}</th>
                  <th>{t('data.import.missing')}</th>
                  <th>{t('data.import.examples')}</th>
                  <th>{t('data.import.ignore')}</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((column) => (
                  <tr
                    key={column.name}
                    className={column.name === target ? 'is-target' : ignore.includes(column.name) ? 'is-ignored' : ''}
                  >
                    <td>
                      <input
                        type="radio"
                        name="csv-target"
                        aria-label={`${t('data.import.useAsTarget')}: ${column.name}`}
                        data-testid={`csv-target-${column.name}`}
                        checked={column.name === target}
                        onChange={() => {
                          setTarget(column.name)
                          setError(null)
                        }}
                      />
                    </td>
                    <th scope="row">{column.name}</th>
                    <td>
                      {column.type === 'number' ? (
                        <select
                          aria-label={`${t('data.import.type')}: ${column.name}`}
                          value={typeOf(column)}
                          onChange={(event) => {
                            setCategorical(toggle(categorical, column.name, event.target.value === 'category'))
                            setError(null)
                          }}
                        >
                          <option value="number">{t('data.import.typeNumber')}</option>
                          <option value="category">{t('data.import.typeCategory')}</option>
                        </select>
                      ) : (
                        t('data.import.typeCategory')
                      )}
                    </td>
                    <td className="num">{column.distinct > 1000 ? '1000+' : column.distinct}</td>
                    <td className="num">{column.missing}</td>
                    <td className="samples" title={column.samples.join(', ')}>
                      {column.samples.join(', ')}
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${t('data.import.ignore')}: ${column.name}`}
                        disabled={column.name === target}
                        checked={ignore.includes(column.name) && column.name !== target}
                        onChange={(event) => {
                          setIgnore(toggle(ignore, column.name, event.target.checked))
                          setError(null)
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field data-inline-field">
            <label className="field-label" htmlFor="csv-task">
              {t('data.import.taskLabel')}
            </label>
            <select
              id="csv-task"
              data-testid="csv-task"
              value={task}
              onChange={(event) => {
                setTask(event.target.value as (typeof TASK_CHOICES)[number])
                setError(null)
              }}
            >
              {TASK_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {choice === 'auto'
                    ? t('data.import.taskAuto', { task: t(`data.task.${autoTask}`) })
                    : t(`data.task.${choice}`)}
                </option>
              ))}
            </select>
          </div>
          {error && (
            <p className="data-error" role="alert" data-testid="csv-error">
              {error}
            </p>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('data.import.cancel')}
        </button>
        {described.ok && (
          <button type="button" className="button primary" data-testid="csv-use" onClick={use} disabled={!target}>
            {t('data.import.useTable')}
          </button>
        )}
      </div>
    </Dialog>
  )
}

// ── Image folders ──────────────────────────────────────────────────────────────────────────

/** The Input layer's image size, when it is an image Input: the natural size to resize to. */
function inputImageSize(): { height: number; width: number; channels: '1' | '3' } | null {
  const input = documentStore.getState().doc.nodes.find((node) => node.kind === 'input')
  if (!input || input.params.mode !== 'image') return null
  const { height, width, channels } = input.params
  if (typeof height !== 'number' || typeof width !== 'number' || height < 4 || width < 4 || height > 512 || width > 512)
    return null
  return { height, width, channels: channels === 1 ? '1' : '3' }
}

export function ImageFolderDialog({ folder, onClose }: { folder: PickedImageFolder; onClose: () => void }) {
  const { t } = useTranslation()
  const lang = useLang()
  const [fromInput] = useState(inputImageSize)
  const [options, setOptions] = useState<Record<string, unknown>>(() => ({
    height: fromInput?.height ?? IMAGE_FOLDER_OPTIONS.height.default,
    width: fromInput?.width ?? IMAGE_FOLDER_OPTIONS.width.default,
    channels: fromInput?.channels ?? IMAGE_FOLDER_OPTIONS.channels.default,
  }))
  const images = folder.classes.reduce((sum, c) => sum + c.files.length, 0)

  const use = () => {
    const source = addUserFile({ type: 'imageFolder', name: folder.name, classes: folder.classes })
    commitDataset('imageFolder', { source, name: folder.name, ...options }, 'classification')
    onClose()
  }

  return (
    <Dialog title={t('data.import.folderTitle')} testId="folder-dialog" onClose={onClose}>
      <p className="dialog-intro">{t('data.import.folderIntro')}</p>
      <p className="data-import-summary">
        {t('data.import.folderSummary', {
          name: folder.name,
          images: formatCount(images, lang),
          classes: folder.classes.length,
        })}
      </p>
      <ul className="data-folder-classes">
        {folder.classes.map((c) => (
          <li key={c.name}>
            <strong>{c.name}</strong>{' '}
            <span>
              {t('data.import.pictures', { count: c.files.length, value: formatCount(c.files.length, lang) })}
            </span>
          </li>
        ))}
      </ul>
      {folder.skipped > 0 && <p className="field-help">{t('data.import.skipped', { count: folder.skipped })}</p>}
      <div className="data-options-grid">
        {(['height', 'width', 'channels'] as const).map((name) => (
          <OptionField
            key={name}
            name={name}
            spec={IMAGE_FOLDER_OPTIONS[name]}
            value={options[name]}
            lang={lang as Lang}
            onChange={(value) => setOptions((o) => ({ ...o, [name]: value }))}
          />
        ))}
      </div>
      {fromInput && <p className="field-help">{t('data.import.sizeFromInput')}</p>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('data.import.cancel')}
        </button>
        <button type="button" className="button primary" data-testid="folder-use" onClick={use}>
          {t('data.import.useFolder')}
        </button>
      </div>
    </Dialog>
  )
}
