import { evaluateModel, type Evaluation } from '../../../core/training/evaluate'
import { graphKey, prepare, reportFailure } from './prepare'
import type { EvaluateMessage } from './protocol'
import { gallerySamples, transferablesOf } from './samples'
import { ensureBackend, post, state, tf, type Prepared } from './worker-state'

/** Posts a test-split evaluation with its gallery, and keeps its numbers for the saved weights. */
export async function postEvaluation(runId: number, prepared: Prepared, evaluation: Evaluation): Promise<void> {
  const classification = evaluation.task === 'classification'
  const samples = classification
    ? gallerySamples(
        prepared.raw,
        evaluation.predictions.map((p) => p.index),
      )
    : null
  if (evaluation.task === 'classification') {
    prepared.metrics = { ...prepared.metrics, testAccuracy: evaluation.accuracy, testLoss: evaluation.loss }
  } else {
    prepared.metrics = {
      ...prepared.metrics,
      testLoss: evaluation.loss,
      testMae: evaluation.mae,
      testR2: evaluation.r2,
    }
  }
  post({ type: 'evaluation', runId, evaluation, samples }, transferablesOf(samples))
}

/** Evaluate: the current model when it was built from the same graph and data, else a fresh one. */
export async function evaluate(message: EvaluateMessage): Promise<void> {
  const { runId } = message
  try {
    await ensureBackend(runId, message.options.backend, message.document)
    const current = state.current
    const prepared =
      current && current.graphKey === graphKey(message.document) ? current : await prepare(runId, message)
    post({ type: 'phase', runId, phase: 'evaluating' })
    const model = prepared.model
    const inputShape = (model.inputs[0].shape.slice(1) as (number | null)[]).map(
      (d, i) => d ?? prepared.dataset.inputShape[i],
    )
    const evaluation = await evaluateModel({
      tf,
      model,
      dataset: prepared.dataset,
      indices: prepared.split.test,
      loss: message.document.training.loss,
      inputShape,
    })
    await postEvaluation(runId, prepared, evaluation)
    post({ type: 'finished', runId, status: 'done', hasModel: true })
  } catch (error) {
    reportFailure(runId, error)
    post({ type: 'finished', runId, status: 'error', hasModel: state.current !== null })
  }
}
