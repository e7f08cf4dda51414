import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { DatasetFitInfo } from '../../../core/data/fit'
import type { LocalText } from '../../../core/i18n/text'
import type { TrainingConfig } from '../../../core/training/config'
import { datasetKey, setDatasetFit } from '../app/analysis'
import { documentStore } from '../app/document-store'
import type { PreviewRequest, PreviewResponse } from './preview.worker'
import { createDatasetSources, getUserFile, MEMORY_SOURCE_PREFIX, userFilesFor } from './sources'
import { loadSummary, type DatasetSummary, type SummaryResult } from './summary'

/**
 * The chosen dataset as the UI knows it: a summary for the Data panel (loaded in a worker) and
 * what the canvas' dataset-fit check needs. Follows `doc.training.dataset`; the latest choice
 * wins (slower, older loads are dropped).
 */
export interface DataState {
  /** datasetKey of the config this state describes. */
  key: string | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  summary: DatasetSummary | null
  error: LocalText | null
}

export const dataStore = createStore<DataState>()(() => ({ key: null, status: 'idle', summary: null, error: null }))

export function useDataState<T>(selector: (state: DataState) => T): T {
  return useStore(dataStore, selector)
}

type DatasetConfig = TrainingConfig['dataset']

/** Fit information known without loading anything (MNIST is 8 MB: the canvas need not wait). */
const STATIC_FIT: Partial<Record<string, DatasetFitInfo>> = {
  mnist: {
    task: 'classification',
    inputShape: [28, 28, 1],
    inputDtype: 'float32',
    targetShape: [],
    classNames: '0123456789'.split(''),
  },
  iris: {
    task: 'classification',
    inputShape: [4],
    inputDtype: 'float32',
    targetShape: [],
    classNames: ['setosa', 'versicolor', 'virginica'],
  },
}

function staticFit(config: DatasetConfig): DatasetFitInfo | null {
  return Object.keys(config.options ?? {}).length === 0 ? (STATIC_FIT[config.id] ?? null) : null
}

export const MISSING_IMPORT: LocalText = {
  en: 'The imported data is no longer open: imported files are kept only while the app runs (small tables and texts are saved with the project). Import it again.',
  'zh-CN': '导入的数据已不在内存中：导入的文件只在应用运行期间保留（较小的表格和文本会随项目一起保存）。请重新导入。',
}

// ── The worker ─────────────────────────────────────────────────────────────────────────────

let worker: Worker | null | undefined
let nextId = 0
const waiting = new Map<number, (result: SummaryResult) => void>()

function fallbackInline(): void {
  worker = null
  // Anything the broken worker still owed is loaded here instead.
  for (const [id, resolve] of [...waiting]) {
    waiting.delete(id)
    resolve({ ok: false, code: 'retry', message: { en: '', 'zh-CN': '' } })
  }
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module', name: 'data-preview' })
    worker.onmessage = (event: MessageEvent<PreviewResponse>) => {
      const resolve = waiting.get(event.data.id)
      waiting.delete(event.data.id)
      resolve?.(event.data.result)
    }
    worker.onerror = (event) => {
      event.preventDefault()
      worker?.terminate()
      fallbackInline()
    }
  } catch {
    worker = null
  }
  return worker
}

async function summarize(config: DatasetConfig): Promise<SummaryResult> {
  const target = getWorker()
  if (target) {
    const id = ++nextId
    const request: PreviewRequest = { id, config, files: userFilesFor(config), baseUrl: document.baseURI }
    const result = await new Promise<SummaryResult>((resolve) => {
      waiting.set(id, resolve)
      target.postMessage(request)
    })
    if (result.ok || result.code !== 'retry') return result
  }
  return loadSummary(config, createDatasetSources({ baseUrl: document.baseURI }))
}

// ── Following the document ─────────────────────────────────────────────────────────────────

let viewers = 0
let generation = 0
let timer: ReturnType<typeof setTimeout> | undefined
/** Summaries by key, the last few (switching back and forth between two datasets is instant). */
const recent = new Map<string, DatasetSummary>()

function remember(key: string, summary: DatasetSummary): void {
  recent.delete(key)
  recent.set(key, summary)
  while (recent.size > 3) recent.delete(recent.keys().next().value!)
}

function currentConfig(): DatasetConfig {
  return documentStore.getState().doc.training.dataset
}

function load(config: DatasetConfig, key: string): void {
  const run = ++generation
  const source = config.options?.source
  if (typeof source === 'string' && source.startsWith(MEMORY_SOURCE_PREFIX) && !getUserFile(source)) {
    dataStore.setState({ key, status: 'error', summary: null, error: MISSING_IMPORT })
    return
  }
  const cached = recent.get(key)
  if (cached) {
    dataStore.setState({ key, status: 'ready', summary: cached, error: null })
    setDatasetFit({ key, info: cached.fit })
    return
  }
  dataStore.setState({ key, status: 'loading', error: null })
  clearTimeout(timer)
  // A short pause: typing "2000" into Samples loads once, not four times.
  timer = setTimeout(() => {
    void summarize(config).then((result) => {
      if (run !== generation) return
      if (result.ok) {
        remember(key, result.summary)
        dataStore.setState({ key, status: 'ready', summary: result.summary, error: null })
        setDatasetFit({ key, info: result.summary.fit })
      } else {
        dataStore.setState({ key, status: 'error', summary: null, error: result.message })
      }
    })
  }, 120)
}

function follow(force = false): void {
  const config = currentConfig()
  const key = datasetKey(config)
  const state = dataStore.getState()
  if (!force && key === state.key && state.status !== 'idle') return
  const known = staticFit(config)
  setDatasetFit(known ? { key, info: known } : null)
  if (known && viewers === 0 && !recent.has(key)) {
    // Nothing to show yet and the canvas already knows enough: load when the panel opens.
    ++generation
    dataStore.setState({ key, status: 'idle', summary: null, error: null })
    return
  }
  load(config, key)
}

let started = false

/** Follows the document's dataset for the canvas' fit check; call once at startup. */
export function startDatasetWatcher(): void {
  if (started) return
  started = true
  documentStore.subscribe((state, prev) => {
    if (state.doc.training.dataset !== prev.doc.training.dataset) follow()
  })
  follow()
}

/** The Data panel is showing: load the full summary (MNIST included). Returns the release. */
export function watchDatasetPreview(): () => void {
  startDatasetWatcher()
  viewers++
  if (dataStore.getState().status === 'idle') follow(true)
  return () => {
    viewers = Math.max(0, viewers - 1)
  }
}

/** Loads the current dataset again (after a failed download, a re-import). */
export function reloadDataset(): void {
  recent.delete(datasetKey(currentConfig()))
  follow(true)
}
