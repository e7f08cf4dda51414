import { loadDataset } from '../../../core/data/registry'
import { createDatasetSources } from '../data/sources'
import { selectBackend } from './backend'
import type { BenchMessage } from './protocol'
import { modelSelfTest } from './self-test'
import { measureThroughput } from './throughput'
import { post, state, tf, yieldToHost } from './worker-state'

/** `npm run bench`'s in-browser measurement: throughput and leak checks per model on one backend. */
export async function bench(message: BenchMessage): Promise<void> {
  const { spec } = message
  try {
    const info = await selectBackend(tf, spec.backend, undefined, modelSelfTest(spec.models[0]?.document ?? null))
    state.backendInfo = info
    state.backendPreference = spec.backend
    const results = []
    for (const entry of spec.models) {
      const loaded = await loadDataset(
        entry.document.training.dataset,
        createDatasetSources({ baseUrl: message.baseUrl }),
      )
      if (!loaded.ok) throw new Error(loaded.error)
      results.push(
        await measureThroughput({
          tf,
          name: entry.name,
          document: entry.document,
          dataset: loaded.dataset,
          batchSize: spec.batchSize,
          warmupBatches: spec.warmupBatches,
          timedBatches: spec.timedBatches,
          leakEpochs: spec.leakEpochs,
          leakBatches: spec.leakBatches,
          yieldToHost,
        }),
      )
    }
    post({ type: 'bench', requestId: message.requestId, result: { backend: info, models: results } })
  } catch (error) {
    post({ type: 'bench', requestId: message.requestId, result: { error: String((error as Error)?.stack ?? error) } })
  }
}
