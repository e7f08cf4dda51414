import './data.css'
import './strings'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DatasetId } from '../../../core/training/config'
import { useDocumentStore } from '../app/document-store'
import { getPlatform } from '../app/platform-ref'
import { useLang } from '../app/ui-store'
import type { PickedImageFolder } from '../platform/types'
import { watchDatasetPreview } from './dataset-state'
import { DatasetPicker } from './DatasetPicker'
import { DatasetSettings } from './DatasetSettings'
import { DatasetView } from './DatasetView'
import { commitDataset } from './edits'
import { CsvImportDialog, ImageFolderDialog, textSourceOptions, type CsvChoice, type CsvFile } from './ImportDialogs'
import { getUserFile } from './sources'

/**
 * The Data panel: choose a dataset, set its options, the split and the normalisation, and look
 * at it (samples and statistics). Everything it edits lives in `doc.training` (undoable); the
 * data itself is loaded in a worker (dataset-state.ts).
 */

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
      {dialog?.kind === 'csv' && (
        <CsvImportDialog file={dialog.file} initial={dialog.initial} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'folder' && <ImageFolderDialog folder={dialog.folder} onClose={() => setDialog(null)} />}
    </section>
  )
}
