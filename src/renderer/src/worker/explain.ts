import { explainUnit } from '../../../core/inspect/explain-unit'
import type { Tf } from '../../../core/layers/kind'
import type { ActivationsContext } from './activations'
import type { ExplainUnitAnswer, ExplainUnitRequest, ExplainUnitResult } from './explain-messages'
import { testSample } from './test-sample'

/**
 * The worker side of "how one unit computes": reads the unit's inputs, weights and output from
 * the current model for one test sample. Synchronous and tidy (explainUnit), so it can run
 * between two training batches like an activations reading.
 */
export function createExplainService({
  tf,
  post,
  context,
}: {
  tf: Tf
  post: (message: ExplainUnitAnswer) => void
  context: () => ActivationsContext | null
}) {
  function explain(message: ExplainUnitRequest): ExplainUnitResult {
    const ctx = context()
    const sample = testSample(ctx, message.sample.index)
    if (!sample.ok || !ctx) return sample.ok ? { ok: false, reason: 'noModel', message: '' } : sample
    try {
      const explanation = explainUnit(
        tf,
        ctx,
        sample.input,
        { nodeId: message.nodeId, unit: message.unit, row: message.row, col: message.col },
        sample.label,
      )
      const classNames = ctx.dataset.task === 'classification' ? (ctx.dataset.classNames ?? null) : null
      const label = sample.label?.task === 'classification' ? (classNames?.[sample.label.index] ?? null) : null
      return { ok: true, sample: { index: sample.index, count: sample.count, label }, explanation, classNames }
    } catch (error) {
      return { ok: false, reason: 'failed', message: String((error as Error)?.message ?? error) }
    }
  }
  return {
    request(message: ExplainUnitRequest): void {
      post({ type: 'explainUnit', requestId: message.requestId, result: explain(message) })
    },
  }
}
