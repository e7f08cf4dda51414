/**
 * The worker's side of the Try-it panel: compiles the document the page sends (its `trained`
 * weights are the ones to try: the latest run's or the project's, chosen on the page), keeps
 * that one model, and runs inputs through it with the core's preprocessing (core/tryit/run.ts).
 */
import type * as tfjs from '@tensorflow/tfjs'
import type { Dataset } from '../../../core/data/dataset'
import { normalizeDataset, type NormalizationStats } from '../../../core/data/normalize'
import { loadDataset } from '../../../core/data/registry'
import { splitFor } from '../../../core/data/split'
import { classNamesForOutput } from '../../../core/export/tfjs'
import { modelSource } from '../../../core/export/model-source'
import type { Tf } from '../../../core/layers/kind'
import { NO_DATASET } from '../../../core/training/config'
import { runReconstruction } from '../../../core/tryit/autoencoder'
import { runDiffusion } from '../../../core/tryit/diffusion-run'
import { runFeatures, runNoise, runText, type TryItOutcome, type TryItValues } from '../../../core/tryit/run'
import { tryItSpec, type ModelTensorInfo, type TryItSpec } from '../../../core/tryit/spec'
import { createDatasetSources, putUserFiles } from '../data/sources'
import type { TryItAction, TryItAnswer, TryItMessage } from './tryit-messages'

/** How many characters a language model writes after the prompt (the demo page writes as many). */
export const TRYIT_MAX_LENGTH = 40

let prepared: { model: tfjs.LayersModel; spec: TryItSpec } | null = null

/** The project's dataset as loaded (for slider ranges, the vocabulary, class names) and the training normalisation. */
export async function tryItData(
  action: Pick<Extract<TryItAction, { kind: 'prepare' }>, 'document' | 'baseUrl' | 'userFiles'>,
): Promise<{ dataset: Dataset | null; stats: NormalizationStats | null }> {
  const config = action.document.training
  if (config.dataset.id === NO_DATASET) return { dataset: null, stats: null }
  putUserFiles(action.userFiles)
  const data = await loadDataset(config.dataset, createDatasetSources({ baseUrl: action.baseUrl }))
  if (!data.ok) return { dataset: null, stats: null }
  const { stats } = normalizeDataset(data.dataset, splitFor(data.dataset, config.split), config.normalization)
  return { dataset: data.dataset, stats }
}

async function prepare(tf: Tf, action: Extract<TryItAction, { kind: 'prepare' }>): Promise<TryItAnswer> {
  prepared?.model.dispose()
  prepared = null
  const doc = action.document
  const built = modelSource(tf, doc)
  if (!built.ok) {
    const message = built.problems.map((p) => p.message).join('; ')
    return { ok: false, reason: 'problems', message, problems: built.problems }
  }
  const source = built.source
  const { dataset, stats } = await tryItData(action)
  const info = (id: string, output: boolean): ModelTensorInfo => ({
    nodeId: id,
    shape: [null, ...(source.analysis.nodes[id]?.outputShape ?? [])],
    dtype: !output && doc.nodes.find((n) => n.id === id)?.params.mode === 'tokens' ? 'int32' : 'float32',
  })
  const outputs = source.outputs.map((id) => info(id, true))
  const outputShapes = source.outputs.map((id) => source.analysis.nodes[id]?.outputShape)
  const classNames = classNamesForOutput(dataset?.classNames, outputShapes)
  const inputs = source.inputs.map((id) => info(id, false))
  const spec = tryItSpec(doc, dataset, stats, { inputs, outputs, classNames })
  prepared = { model: source.model, spec }
  return { ok: true, spec, outcome: null }
}

/** One sample per model input → the shown output's values (tfjs' own model.predict). */
function predictor(tf: Tf, model: tfjs.LayersModel, spec: TryItSpec) {
  return async (inputs: TryItValues[]): Promise<Float32Array> => {
    const tensors = inputs.map((values, i) => tf.tensor(values, [1, ...spec.inputs[i].shape], spec.inputs[i].dtype))
    const out = model.predict(tensors.length === 1 ? tensors[0] : tensors)
    const list = Array.isArray(out) ? out : [out]
    try {
      return (await list[spec.output].data()) as Float32Array
    } finally {
      tf.dispose([...tensors, ...list])
    }
  }
}

async function run(tf: Tf, action: Exclude<TryItAction, { kind: 'prepare' }>): Promise<TryItAnswer> {
  if (!prepared) return { ok: false, reason: 'notPrepared', message: 'no model prepared' }
  const { model, spec } = prepared
  const predict = predictor(tf, model, spec)
  let outcome: TryItOutcome
  if (action.kind === 'features' && spec.task === 'autoencoder') {
    outcome = await runReconstruction(spec, action.raw, action.seed ?? 1, predict)
  } else if (action.kind === 'features') outcome = await runFeatures(spec, action.raw, predict)
  else if (action.kind === 'diffuse') outcome = await runDiffusion(tf, spec, model, action)
  else if (action.kind === 'noise') outcome = await runNoise(spec, action.seed, action.temperature, predict)
  else {
    const options = { seed: action.seed, temperature: action.temperature, maxLength: TRYIT_MAX_LENGTH }
    outcome = await runText(spec, action.prompt, options, predict)
  }
  return { ok: true, spec, outcome }
}

/** Answers one Try-it message; never throws. `ensureBackend` starts tfjs' backend when the worker has none yet. */
export async function handleTryIt(
  tf: Tf,
  message: TryItMessage,
  ensureBackend: () => Promise<void>,
): Promise<TryItAnswer> {
  try {
    await ensureBackend()
    return message.action.kind === 'prepare' ? await prepare(tf, message.action) : await run(tf, message.action)
  } catch (error) {
    return { ok: false, reason: 'failed', message: String((error as Error)?.message ?? error) }
  }
}

/** The buffers of an answer to transfer. */
export function tryItTransferables(answer: TryItAnswer): Transferable[] {
  if (!answer.ok || !answer.outcome) return []
  const buffers = [answer.outcome.input.buffer as ArrayBuffer, answer.outcome.output.buffer as ArrayBuffer]
  return buffers.filter((b, i, all) => all.indexOf(b) === i)
}
