import type { ProjectDocument } from '../../../core/document/types'
import type { LocalText } from '../../../core/i18n/text'
import { prepareRun } from '../../../core/training/prepare-run'
import { applyTrainedWeights } from '../../../core/training/weights'
import { createDatasetSources, putUserFiles } from '../data/sources'
import type { EvaluateMessage, FailureCode, StartMessage } from './protocol'
import { disposeCurrent, post, state, tf, type Prepared } from './worker-state'

/** A run that could not start: the code and message the page shows. */
export class SetupError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly local?: LocalText,
  ) {
    super(message)
  }
}

/** What decides whether a built model can be reused for another evaluation: graph, data, split. */
export const graphKey = (doc: ProjectDocument) =>
  JSON.stringify([
    doc.nodes.map((n) => [n.id, n.kind, n.params]),
    doc.edges,
    doc.training.dataset,
    doc.training.split,
    doc.training.normalization,
  ])

/** Loads the data and builds the model for a document (core's prepareRun); applies the saved weights if asked. */
export async function prepare(runId: number, message: StartMessage | EvaluateMessage): Promise<Prepared> {
  const { document } = message
  post({ type: 'phase', runId, phase: 'loadingData' })
  putUserFiles(message.userFiles)
  const result = await prepareRun(tf, document, createDatasetSources({ baseUrl: message.baseUrl }), {
    onData: ({ dataset, split }) => {
      post({
        type: 'dataset',
        runId,
        summary: {
          id: dataset.id,
          train: split.train.length,
          validation: split.validation.length,
          test: split.test.length,
          classNames: dataset.classNames ?? null,
          task: dataset.task,
          preview: dataset.preview,
        },
      })
      post({ type: 'phase', runId, phase: 'compiling' })
      disposeCurrent()
    },
  })
  if (!result.ok && result.stage === 'dataset')
    throw new SetupError('dataset', result.failure.error, result.failure.message)
  if (!result.ok) throw new SetupError('compile', result.message)
  const { model, graph, raw, dataset, split } = result.run
  const { layerNames, inputs, outputs } = graph
  const prepared: Prepared = {
    document,
    graphKey: graphKey(document),
    model,
    layerNames,
    inputs,
    outputs,
    raw,
    dataset,
    split,
    metrics: {},
  }
  state.current = prepared
  if (message.options.useSavedWeights && document.trained) {
    const applied = applyTrainedWeights(tf, model, layerNames, document.trained)
    post({ type: 'savedWeights', runId, restored: applied.restored, skipped: applied.skipped })
  }
  return prepared
}

export function reportFailure(runId: number, error: unknown): void {
  if (error instanceof SetupError) {
    post({
      type: 'failed',
      runId,
      code: error.code,
      message: error.message,
      ...(error.local ? { local: error.local } : {}),
    })
  } else {
    post({ type: 'failed', runId, code: 'internal', message: String((error as Error)?.message ?? error) })
  }
}
