import type * as tfjs from '@tensorflow/tfjs'
import type { SymbolicTensor, Tf } from '../layers/kind'
import { denseLoss } from '../training/losses'
import type { CompiledGraph } from './inspect-model'
import type { SampleInput } from './activations'

/**
 * "How one unit computes": for one node and one test sample, the numbers behind one output
 * value, read from the compiled model itself — the layer's input as the previous layers
 * computed it, the layer's real weights, and the layer's real output. Only the display
 * arithmetic (products, sums, exp) is done here, so a learner can check y = f(Σ wᵢxᵢ + b)
 * against the value the network really produced.
 */

/** Contributions listed by size; the rest are summed into one line. */
export const TOP_CONTRIBUTIONS = 12
/** A conv layer's input channels shown with the sliding window (the dot product sums all of them). */
export const MAX_SHOWN_CHANNELS = 16

export interface Contribution {
  index: number
  x: number
  w: number
  product: number
}

export interface DenseExplanation {
  kind: 'dense'
  unit: number
  units: number
  activation: string
  inputs: number
  /** The largest |wᵢxᵢ|, largest first. */
  top: Contribution[]
  restCount: number
  restSum: number
  /** Σ wᵢxᵢ over every input. */
  sum: number
  bias: number
  /** Σ wᵢxᵢ + b. */
  preActivation: number
  /** The layer's real output for this unit (f of the pre-activation). */
  output: number
}

export interface ConvExplanation {
  kind: 'conv'
  /**
   * 'time' for a Conv1D: the kernel slides along the time steps (shown as one row, height 1,
   * `col` = the output time step); 'space' for a Conv2D's rows and columns.
   */
  axis: 'space' | 'time'
  filter: number
  filters: number
  activation: string
  /** The layer's input: channel after channel (H×W each), the first `shownChannels`. */
  input: { height: number; width: number; channels: number; shownChannels: number; values: Float32Array }
  kernel: { height: number; width: number; values: Float32Array }
  strides: [number, number]
  dilation: [number, number]
  /** Rows/columns of zero padding before the input ('same'); 0 for 'valid'. */
  padTop: number
  padLeft: number
  row: number
  col: number
  outHeight: number
  outWidth: number
  /** The window × kernel products, [shownChannels][kh][kw] (0 where the window is on padding). */
  products: Float32Array
  /** Σ products per input channel (every channel, not only the shown ones). */
  channelSums: number[]
  bias: number
  preActivation: number
  output: number
  /** The filter's whole output map (the layer's real output), outHeight × outWidth. */
  outputMap: Float32Array
}

export interface SoftmaxExplanation {
  /** Where the logits come from: the output layer's pre-activation, or its input (a Softmax layer). */
  logitsFrom: 'preActivation' | 'input'
  logits: number[]
  exp: number[]
  expSum: number
  /** The model's own output. */
  probabilities: number[]
  /** max |softmax(logits) − output|: how closely the recomputed logits explain the output. */
  check: number
}

export interface LossExplanation {
  /** Classification: the label's class index; regression: null (see `target`). */
  label: number | null
  target: number[]
  prediction: number[]
  /** Categorical cross-entropy (classification with a probability output), else null. */
  crossEntropy: number | null
  meanSquaredError: number
}

export interface UnitExplanationResult {
  nodeId: string
  layer: string
  unit: DenseExplanation | ConvExplanation | null
  /** Why `unit` is null (the layer has no weights of a kind this view explains). */
  unsupported?: 'layerKind' | 'inputRank' | 'channelsFirst'
  softmax: SoftmaxExplanation | null
  loss: LossExplanation | null
}

export interface ExplainTarget {
  nodeId: string
  /** Dense: the unit; conv: the filter. Clamped. */
  unit: number
  /** Conv: the output position. Clamped. */
  row?: number
  col?: number
}

/** The label of the sample, as the dataset stores it. */
export type SampleLabel = { task: 'classification'; index: number } | { task: 'regression'; target: Float32Array }

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(lo, Math.floor(Number.isFinite(v) ? v : 0)), hi)

interface LayerConfig {
  activation?: string
  strides?: number | number[]
  dilationRate?: number | number[]
  padding?: string
  dataFormat?: string
  useBias?: boolean
}

const pair = (v: number | number[] | undefined, fallback: number): [number, number] =>
  Array.isArray(v) ? [v[0] ?? fallback, v[1] ?? v[0] ?? fallback] : [v ?? fallback, v ?? fallback]

/** The layer whose node is `nodeId`, or null. */
function layerOf(compiled: CompiledGraph, nodeId: string): tfjs.layers.Layer | null {
  const name = compiled.layerNames[nodeId]
  if (name === undefined) return null
  try {
    return compiled.model.getLayer(name)
  } catch {
    return null
  }
}

/** Per compiled model, per layer name: the model that reads that layer's input and output (cached). */
const probes = new WeakMap<tfjs.LayersModel, Map<string, tfjs.LayersModel>>()

/**
 * Runs the sample once through a model over the same layers whose outputs are the layer's
 * input, its output and the network's output. Owns no weights (never disposed; see inspect-model.ts).
 */
function forward(
  tf: Tf,
  compiled: CompiledGraph,
  layer: tfjs.layers.Layer,
  x: tfjs.Tensor,
): { input: tfjs.Tensor; output: tfjs.Tensor; final: tfjs.Tensor } {
  const { model } = compiled
  const modelInput = model.inputs[0]
  const inbound = layer.input as SymbolicTensor
  let perLayer = probes.get(model)
  if (!perLayer) probes.set(model, (perLayer = new Map()))
  let probe = perLayer.get(layer.name)
  const isFinal = layer.output === model.outputs[0]
  if (!probe) {
    // A model lists each output once: the output layer's output is also the network's.
    const outputs = isFinal ? [layer.output as SymbolicTensor] : [layer.output as SymbolicTensor, model.outputs[0]]
    if (inbound !== modelInput) outputs.push(inbound)
    probe = tf.model({ inputs: modelInput, outputs })
    perLayer.set(layer.name, probe)
  }
  const predicted = probe.predict(x)
  const raw = Array.isArray(predicted) ? predicted : [predicted]
  const final = isFinal ? raw[0] : raw[1]
  return { output: raw[0], final, input: inbound === modelInput ? x : raw[isFinal ? 1 : 2] }
}

export function explainUnit(
  tf: Tf,
  compiled: CompiledGraph,
  sample: SampleInput,
  target: ExplainTarget,
  label: SampleLabel | null,
): UnitExplanationResult {
  const layer = layerOf(compiled, target.nodeId)
  if (!layer) throw new Error(`no layer for node ${target.nodeId}`)
  if (Array.isArray(layer.input) || Array.isArray(layer.output)) {
    return {
      nodeId: target.nodeId,
      layer: layer.getClassName(),
      unit: null,
      unsupported: 'layerKind',
      softmax: null,
      loss: null,
    }
  }
  const config = layer.getConfig() as LayerConfig
  const className = layer.getClassName()
  const isOutput = compiled.model.outputs[0] === layer.output
  let result: UnitExplanationResult | null = null
  // tf.tidy's callback returns nothing here: the result holds plain numbers, no tensor.
  tf.tidy(() => {
    const x = tf.tensor(sample.values, [1, ...sample.shape], sample.dtype)
    const { input, output, final } = forward(tf, compiled, layer, x)
    const weights = layer.getWeights()
    let unit: DenseExplanation | ConvExplanation | null = null
    let unsupported: UnitExplanationResult['unsupported']
    if (className === 'Dense') {
      if (input.shape.length !== 2) unsupported = 'inputRank'
      else unit = explainDense(input, output, weights, config, target.unit)
    } else if (className === 'Conv2D') {
      if (config.dataFormat === 'channelsFirst') unsupported = 'channelsFirst'
      else unit = explainConv(input, output, weights, config, target)
    } else if (className === 'Conv1D') {
      if (input.shape.length !== 3) unsupported = 'inputRank'
      else unit = explainConv1d(tf, input, output, weights, config, target)
    } else unsupported = 'layerKind'
    const softmax = isOutput ? explainSoftmax(tf, className, config, input, output, weights) : null
    const loss = isOutput && label ? explainLoss(tf, final, label) : null
    result = { nodeId: target.nodeId, layer: className, unit, ...(unsupported ? { unsupported } : {}), softmax, loss }
  })
  return result as unknown as UnitExplanationResult
}

/** A float32 copy of a tensor's values (synchronous: everything stays inside one tidy). */
const floats = (t: tfjs.Tensor): Float32Array => Float32Array.from(t.dataSync())

function explainDense(
  input: tfjs.Tensor,
  output: tfjs.Tensor,
  weights: tfjs.Tensor[],
  config: LayerConfig,
  wanted: number,
): DenseExplanation {
  const xs = floats(input)
  const kernel = floats(weights[0])
  const [inputs, units] = weights[0].shape as number[]
  const unit = clamp(wanted, 0, units - 1)
  const bias = config.useBias !== false && weights[1] ? floats(weights[1])[unit] : 0
  const all: Contribution[] = []
  let sum = 0
  for (let i = 0; i < inputs; i++) {
    const w = kernel[i * units + unit]
    const product = Math.fround(w * xs[i])
    sum += product
    all.push({ index: i, x: xs[i], w, product })
  }
  all.sort((a, b) => Math.abs(b.product) - Math.abs(a.product) || a.index - b.index)
  const top = all.slice(0, TOP_CONTRIBUTIONS)
  const rest = all.slice(TOP_CONTRIBUTIONS)
  return {
    kind: 'dense',
    unit,
    units,
    activation: config.activation ?? 'linear',
    inputs,
    top,
    restCount: rest.length,
    restSum: rest.reduce((a, c) => a + c.product, 0),
    sum,
    bias,
    preActivation: sum + bias,
    output: floats(output)[unit],
  }
}

/** tfjs' 'same' padding: the total split with the smaller half before. */
function padBefore(
  padding: string | undefined,
  size: number,
  out: number,
  stride: number,
  effectiveKernel: number,
): number {
  if (padding !== 'same') return 0
  return Math.floor(Math.max((out - 1) * stride + effectiveKernel - size, 0) / 2)
}

function explainConv(
  input: tfjs.Tensor,
  output: tfjs.Tensor,
  weights: tfjs.Tensor[],
  config: LayerConfig,
  target: ExplainTarget,
): ConvExplanation {
  const [, height, width, channels] = input.shape as number[]
  const [, outHeight, outWidth, filters] = output.shape as number[]
  const [kh, kw] = weights[0].shape as number[]
  const filter = clamp(target.unit, 0, filters - 1)
  const row = clamp(target.row ?? 0, 0, outHeight - 1)
  const col = clamp(target.col ?? 0, 0, outWidth - 1)
  const strides = pair(config.strides, 1)
  const dilation = pair(config.dilationRate, 1)
  const padTop = padBefore(config.padding, height, outHeight, strides[0], (kh - 1) * dilation[0] + 1)
  const padLeft = padBefore(config.padding, width, outWidth, strides[1], (kw - 1) * dilation[1] + 1)
  const xs = floats(input) // NHWC, one sample
  const kernel = floats(weights[0]) // [kh, kw, channels, filters]
  const outs = floats(output)
  const shown = Math.min(channels, MAX_SHOWN_CHANNELS)
  const inputValues = new Float32Array(shown * height * width)
  for (let c = 0; c < shown; c++)
    for (let p = 0; p < height * width; p++) inputValues[c * height * width + p] = xs[p * channels + c]
  const kernelValues = new Float32Array(shown * kh * kw)
  const products = new Float32Array(shown * kh * kw)
  const channelSums = new Array<number>(channels).fill(0)
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const w = kernel[((i * kw + j) * channels + c) * filters + filter]
        const r = row * strides[0] - padTop + i * dilation[0]
        const q = col * strides[1] - padLeft + j * dilation[1]
        const inside = r >= 0 && r < height && q >= 0 && q < width
        const product = inside ? Math.fround(w * xs[(r * width + q) * channels + c]) : 0
        channelSums[c] += product
        if (c < shown) {
          kernelValues[(c * kh + i) * kw + j] = w
          products[(c * kh + i) * kw + j] = product
        }
      }
    }
  }
  const bias = config.useBias !== false && weights[1] ? floats(weights[1])[filter] : 0
  const outputMap = new Float32Array(outHeight * outWidth)
  for (let p = 0; p < outHeight * outWidth; p++) outputMap[p] = outs[p * filters + filter]
  const dot = channelSums.reduce((a, b) => a + b, 0)
  return {
    kind: 'conv',
    axis: 'space',
    filter,
    filters,
    activation: config.activation ?? 'linear',
    input: { height, width, channels, shownChannels: shown, values: inputValues },
    kernel: { height: kh, width: kw, values: kernelValues },
    strides,
    dilation,
    padTop,
    padLeft,
    row,
    col,
    outHeight,
    outWidth,
    products,
    channelSums,
    bias,
    preActivation: dot + bias,
    output: outputMap[row * outWidth + col],
    outputMap,
  }
}

/**
 * A Conv1D is a Conv2D over a picture one row high: the sequence [steps, channels] becomes
 * [1, steps, channels] and the kernel [k, channels, filters] becomes [1, k, channels, filters]
 * (reshapes only: the same numbers in the same order). The target's position along time is
 * `col` (or `row` when only that is given).
 */
function explainConv1d(
  tf: Tf,
  input: tfjs.Tensor,
  output: tfjs.Tensor,
  weights: tfjs.Tensor[],
  config: LayerConfig,
  target: ExplainTarget,
): ConvExplanation {
  const [, steps, channels] = input.shape as number[]
  const [, outSteps, filters] = output.shape as number[]
  const [k] = weights[0].shape as number[]
  const single = (v: number | number[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? 1
  const asImage = explainConv(
    tf.reshape(input, [1, 1, steps, channels]),
    tf.reshape(output, [1, 1, outSteps, filters]),
    [tf.reshape(weights[0], [1, k, channels, filters]), ...weights.slice(1)],
    { ...config, strides: [1, single(config.strides)], dilationRate: [1, single(config.dilationRate)] },
    { nodeId: target.nodeId, unit: target.unit, row: 0, col: target.col ?? target.row ?? 0 },
  )
  return { ...asImage, axis: 'time' }
}

/**
 * Softmax from the real logits. A Dense (or Conv) with a built-in softmax never outputs its
 * logits, so they are computed here from the layer's input and weights with tfjs ops (the
 * layer's own matMul + bias); a Softmax / Activation('softmax') layer's logits are its input.
 */
function explainSoftmax(
  tf: Tf,
  className: string,
  config: LayerConfig,
  input: tfjs.Tensor,
  output: tfjs.Tensor,
  weights: tfjs.Tensor[],
): SoftmaxExplanation | null {
  if (output.shape.length !== 2 || (output.shape[1] ?? 0) < 2) return null
  let logits: tfjs.Tensor
  let logitsFrom: SoftmaxExplanation['logitsFrom']
  if (className === 'Softmax' || (className === 'Activation' && config.activation === 'softmax')) {
    logits = input
    logitsFrom = 'input'
  } else if (className === 'Dense' && config.activation === 'softmax' && input.shape.length === 2) {
    const z = tf.matMul(input as tfjs.Tensor2D, weights[0] as tfjs.Tensor2D)
    logits = config.useBias !== false && weights[1] ? tf.add(z, weights[1]) : z
    logitsFrom = 'preActivation'
  } else return null
  const recomputed = floats(tf.softmax(logits))
  const probabilities = Array.from(floats(output))
  const logitValues = Array.from(floats(logits))
  // exp of the logits as shown (no max-shift: the numbers a learner can redo by hand; logits of
  // a trained classifier are small enough that float64 exp never overflows here).
  const exp = logitValues.map((z) => Math.exp(z))
  const expSum = exp.reduce((a, b) => a + b, 0)
  const check = probabilities.reduce((worst, p, i) => Math.max(worst, Math.abs(p - recomputed[i])), 0)
  return { logitsFrom, logits: logitValues, exp, expSum, probabilities, check }
}

/** This sample's loss both ways, with the trainer's own loss functions (core/training/losses.ts). */
function explainLoss(tf: Tf, final: tfjs.Tensor, label: SampleLabel): LossExplanation {
  const prediction = floats(tf.reshape(final, [1, -1]))
  const units = prediction.length
  let yTrue: tfjs.Tensor
  if (label.task === 'classification') {
    yTrue = units === 1 ? tf.tensor2d([[label.index]]) : tf.oneHot(tf.tensor1d([label.index], 'int32'), units).toFloat()
  } else {
    yTrue = tf.tensor2d(Array.from(label.target), [1, label.target.length])
  }
  const pred = tf.reshape(final, yTrue.shape)
  const probabilities = label.task === 'classification' && prediction.every((p) => p >= 0 && p <= 1)
  const ceId = units === 1 ? 'binaryCrossentropy' : 'categoricalCrossentropy'
  const crossEntropy = probabilities ? denseLoss(tf, ceId)(yTrue, pred).dataSync()[0] : null
  const meanSquaredError = denseLoss(tf, 'meanSquaredError')(yTrue, pred).dataSync()[0]
  return {
    label: label.task === 'classification' ? label.index : null,
    target: Array.from(yTrue.dataSync()),
    prediction: Array.from(prediction),
    crossEntropy,
    meanSquaredError,
  }
}
