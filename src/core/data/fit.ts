import type { ProjectDocument } from '../document/types'
import type { GraphAnalysis } from '../shapes/analyze'
import type { Diagnostic } from '../shapes/diagnostic'
import { formatShape, type Shape } from '../shapes/shape'
import type { LossId, Task } from '../training/config'
import type { Dataset } from './dataset'
import { classCountOf, featureStats } from './stats'

/** What the fit check needs to know about a dataset: its metadata, and the labels for range checks. */
export type DatasetFitInfo = Pick<Dataset, 'task' | 'inputShape' | 'inputDtype' | 'targetShape'> &
  Partial<Pick<Dataset, 'classNames' | 'labels' | 'size'>>

type InputMode = 'image' | 'vector' | 'sequence' | 'tokens'

const CROSS_ENTROPY: readonly LossId[] = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
]
/**
 * Tasks that learn the samples themselves (docs/tasks.md): the targets are not the dataset's
 * labels, and the extra Inputs (noise, timestep) are filled by the trainer.
 */
const SAMPLE_TASKS: readonly Task[] = ['autoencoder', 'gan', 'diffusion']
const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1)

/** The Input mode that carries samples of this shape as they are. */
function naturalMode(dataset: DatasetFitInfo): InputMode {
  if (dataset.inputDtype === 'int32') return 'tokens'
  return dataset.inputShape.length === 3 ? 'image' : dataset.inputShape.length === 2 ? 'sequence' : 'vector'
}

/** The Input params (of `mode`) that give exactly the samples' shape, as the trainer will feed them. */
function targetParams(mode: InputMode, shape: readonly number[]): Record<string, number> | null {
  switch (mode) {
    case 'image':
      return shape.length === 3 ? { height: shape[0], width: shape[1], channels: shape[2] } : null
    // A sequence may also read an image row by row: 28×28×1 as 28 timesteps × 28 features.
    case 'sequence':
      return shape.length >= 2 ? { timesteps: shape[0], features: product(shape.slice(1)) } : null
    // Any sample can be flattened into a vector.
    case 'vector':
      return { size: product(shape) }
    case 'tokens':
      return shape.length === 1 ? { length: shape[0] } : null
  }
}

function checkInput(
  dataset: DatasetFitInfo,
  doc: ProjectDocument,
  analysis: GraphAnalysis,
  nodeId: string,
): Diagnostic[] {
  const node = doc.nodes.find((n) => n.id === nodeId)
  const shape = analysis.nodes[nodeId]?.outputShape
  if (!node || node.kind !== 'input' || !shape) return []
  const mode = node.params.mode as InputMode
  const natural = naturalMode(dataset)
  const expected = formatShape(dataset.inputShape)
  const base = { severity: 'error' as const, nodeId }
  if (dataset.inputDtype === 'int32' && mode !== 'tokens') {
    return [
      {
        ...base,
        code: 'data.inputTokens',
        values: { got: formatShape(shape), expected },
        fix: { type: 'setParam', param: 'mode', value: 'tokens' },
      },
    ]
  }
  if (dataset.inputDtype !== 'int32' && mode === 'tokens') {
    return [
      {
        ...base,
        code: 'data.inputNotTokens',
        values: { got: formatShape(shape), expected },
        fix: { type: 'setParam', param: 'mode', value: natural },
      },
    ]
  }
  const wanted = targetParams(mode, dataset.inputShape)
  if (!wanted) {
    return [
      {
        ...base,
        code: 'data.inputMode',
        values: { got: formatShape(shape), expected },
        fix: { type: 'setParam', param: 'mode', value: natural },
      },
    ]
  }
  // One diagnostic per wrong size, each with its own one-click fix.
  return Object.entries(wanted)
    .filter(([param, value]) => node.params[param] !== value)
    .map(([param, value]) => ({
      ...base,
      code: 'data.inputSize',
      values: { param, got: String(node.params[param]), value, expected },
      fix: { type: 'setParam' as const, param, value },
    }))
}

const RANGES: Record<string, { range: string; min: number; max: number }> = {
  sigmoid: { range: '0–1', min: 0, max: 1 },
  softmax: { range: '0–1', min: 0, max: 1 },
  tanh: { range: '−1–1', min: -1, max: 1 },
  relu: { range: '0–∞', min: 0, max: Infinity },
}

const round = (value: number) => Number(value.toPrecision(4))

function checkOutput(
  dataset: DatasetFitInfo,
  doc: ProjectDocument,
  analysis: GraphAnalysis,
  nodeId: string,
): Diagnostic[] {
  const node = doc.nodes.find((n) => n.id === nodeId)
  const shape = analysis.nodes[nodeId]?.outputShape
  if (!node || !shape) return []
  const out: Diagnostic[] = []
  const loss = doc.training.loss
  const hasUnits = typeof node.params.units === 'number'
  const activation = typeof node.params.activation === 'string' ? node.params.activation : undefined
  const report = (
    code: string,
    severity: Diagnostic['severity'],
    values: Diagnostic['values'],
    fix?: Diagnostic['fix'],
  ) => out.push({ code, severity, nodeId, values, ...(fix ? { fix } : {}) })
  const got = formatShape(shape)

  if (dataset.task === 'classification') {
    const classes = dataset.classNames?.length ?? (dataset.labels ? classCountOf(dataset.labels) : 0)
    if (!CROSS_ENTROPY.includes(loss)) report('data.lossForClassification', 'warning', { loss })
    if (loss === 'binaryCrossentropy') {
      if (classes !== 2) return [...out, { code: 'data.binaryLoss', severity: 'error', nodeId, values: { classes } }]
      if (shape.length !== 1) report('data.outputShape', 'error', { got, expected: '1' })
      else if (shape[0] !== 1)
        report(
          'data.binaryUnits',
          'error',
          { got: String(shape[0]) },
          hasUnits ? { type: 'setParam', param: 'units', value: 1 } : undefined,
        )
      if (activation && activation !== 'sigmoid')
        report(
          'data.sigmoid',
          'warning',
          { got: activation },
          { type: 'setParam', param: 'activation', value: 'sigmoid' },
        )
      return out
    }
    if (shape.length !== 1) report('data.outputShape', 'error', { got, expected: String(classes) })
    else if (shape[0] !== classes) {
      report(
        'data.outputUnits',
        'error',
        { got: String(shape[0]), expected: classes },
        hasUnits ? { type: 'setParam', param: 'units', value: classes } : undefined,
      )
    }
    if (CROSS_ENTROPY.includes(loss) && activation && activation !== 'softmax') {
      report(
        'data.softmax',
        'warning',
        { got: activation },
        { type: 'setParam', param: 'activation', value: 'softmax' },
      )
    }
    return out
  }

  if (CROSS_ENTROPY.includes(loss)) report('data.lossForRegression', 'error', { loss })
  const target = dataset.targetShape as Shape
  const sameShape = shape.length === target.length && shape.every((d, i) => d === target[i])
  if (!sameShape) {
    if (shape.length === 1 && target.length === 1) {
      report(
        'data.outputTarget',
        'error',
        { got: String(shape[0]), expected: target[0] ?? 1 },
        hasUnits ? { type: 'setParam', param: 'units', value: target[0] } : undefined,
      )
    } else report('data.outputShape', 'error', { got, expected: formatShape(target) })
  }
  const limits = activation ? RANGES[activation] : undefined
  if (limits && dataset.labels && dataset.labels.length > 0) {
    const [{ min, max }] = featureStats({ features: dataset.labels, inputShape: [1], size: dataset.labels.length })
    if (min < limits.min || max > limits.max) {
      report(
        'data.regressionActivation',
        'warning',
        { got: activation!, range: limits.range, min: round(min), max: round(max) },
        { type: 'setParam', param: 'activation', value: 'linear' },
      )
    }
  }
  return out
}

/**
 * Does the network fit the dataset? Checks the Input against the samples' shape and type,
 * the output against the classes or targets, and the loss against the task. Returns
 * diagnostics in the usual form (messages in data/messages.ts), with one-click fixes where a
 * single param change repairs it. Run after analyzeGraph; nodes with their own errors are skipped.
 *
 * An Input whose shape differs from the dataset's but holds the same values is accepted when
 * it is a plain reshape the trainer performs: any sample as a vector (784 for 28×28×1), or an
 * image read row by row as a sequence (28 timesteps × 28 features).
 *
 * Generative tasks (docs/tasks.md): a language model is checked like a classifier of the next
 * character; an autoencoder, a GAN and a diffusion denoiser only by their data Input (and the
 * size of a single output), see checkSampleTask.
 */
export function checkDatasetFit(dataset: DatasetFitInfo, doc: ProjectDocument, analysis: GraphAnalysis): Diagnostic[] {
  const task = doc.training.task
  if (SAMPLE_TASKS.includes(task)) return checkSampleTask(dataset, doc, analysis)
  const out: Diagnostic[] = []
  // A language model is a classifier of the next character: the text dataset's own task.
  if (task !== dataset.task && !(task === 'languageModel' && dataset.task === 'classification')) {
    out.push({
      code: dataset.task === 'classification' ? 'data.taskIsClassification' : 'data.taskIsRegression',
      severity: 'warning',
      values: {},
    })
  }
  const inputs = analysis.inputs
  if (inputs.length > 1)
    out.push({ code: 'data.multipleInputs', severity: 'warning', nodeId: inputs[1], values: { count: inputs.length } })
  if (inputs.length >= 1) out.push(...checkInput(dataset, doc, analysis, inputs[0]))
  const outputs = analysis.outputs
  if (outputs.length > 1)
    out.push({
      code: 'data.multipleOutputs',
      severity: 'warning',
      nodeId: outputs[1],
      values: { count: outputs.length },
    })
  if (outputs.length >= 1) out.push(...checkOutput(dataset, doc, analysis, outputs[0]))
  return out
}

/**
 * Autoencoder, GAN and diffusion learn the samples, not the labels: only the data Inputs (kind
 * `input`; a GAN's Noise and a denoiser's Timestep are filled by the trainer) must take the
 * dataset's samples. An autoencoder's or a denoiser's single output must hold as many values
 * as a sample; a GAN's parts (groups, outputs) are checked by its task when training starts.
 */
function checkSampleTask(dataset: DatasetFitInfo, doc: ProjectDocument, analysis: GraphAnalysis): Diagnostic[] {
  const out: Diagnostic[] = []
  const dataInputs = analysis.inputs.filter((id) => doc.nodes.find((n) => n.id === id)?.kind === 'input')
  if (dataInputs.length > 1)
    out.push({
      code: 'data.multipleInputs',
      severity: 'warning',
      nodeId: dataInputs[1],
      values: { count: dataInputs.length },
    })
  if (dataInputs.length >= 1) out.push(...checkInput(dataset, doc, analysis, dataInputs[0]))
  if (doc.training.task === 'gan' || analysis.outputs.length !== 1) return out
  const nodeId = analysis.outputs[0]
  const shape = analysis.nodes[nodeId]?.outputShape
  const size = product(dataset.inputShape)
  if (shape && shape.every((d) => d !== null) && product(shape as readonly number[]) !== size) {
    out.push({
      code: 'data.outputTarget',
      severity: 'error',
      nodeId,
      values: { got: String(product(shape as readonly number[])), expected: size },
    })
  }
  return out
}
