/// <reference lib="webworker" />
import type { TrainingConfig } from '../../../core/training/config'
import { createDatasetSources, putUserFiles, type RawUserFile } from './sources'
import { loadSummary, type SummaryResult } from './summary'

/**
 * The Data panel's worker: loads a dataset (generating, fetching, decoding pictures) and posts
 * back its summary, so choosing 50,000 shapes or a big folder never freezes the page.
 */
export interface PreviewRequest {
  id: number
  config: TrainingConfig['dataset']
  /** The imported files the config refers to (sources.ts userFilesFor). */
  files: Record<string, RawUserFile>
  /** The page's document.baseURI: where datasets/mnist.bin lives. */
  baseUrl: string
}

export interface PreviewResponse {
  id: number
  result: SummaryResult
}

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<PreviewRequest>) => {
  const { id, config, files, baseUrl } = event.data
  putUserFiles(files)
  let result: SummaryResult
  try {
    result = await loadSummary(config, createDatasetSources({ baseUrl }))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    result = {
      ok: false,
      code: 'worker',
      message: { en: `Could not load the data: ${reason}`, 'zh-CN': `无法加载数据：${reason}` },
    }
  }
  scope.postMessage({ id, result } satisfies PreviewResponse)
}
