import type { ParamValues } from '../../../params/schema'
import type { bidirectional } from '../../../layers/kinds/bidirectional'
import type { simpleRnn } from '../../../layers/kinds/simple-rnn'
import { HARD_SIGMOID, type GateActivation, type RnnActivation, type RnnCell } from '../../../layers/kinds/rnn-params'
import type { AttributeValue } from '../proto'
import { attr, type Weight } from '../builder'
import { optionalWeight, weight, type ConvertContext, type Converter } from '../converter'

/**
 * SimpleRNN, LSTM, GRU and Bidirectional as ONNX RNN / LSTM / GRU ops.
 *
 * tfjs stores one kernel [features, gates·units], one recurrent kernel [units, gates·units] and
 * one bias [gates·units] per direction; ONNX wants W [dirs, gates·units, features],
 * R [dirs, gates·units, units] and B [dirs, 2·gates·units] (input bias, then recurrent bias),
 * with the gate blocks in its own order:
 *   LSTM  Keras i f c o  →  ONNX i o f c
 *   GRU   Keras z r h    →  ONNX z r h, with linear_before_reset = 0 (tfjs 4.22 has no reset_after)
 * The gates use the logistic sigmoid, or tfjs's hard sigmoid clip(0.2·x + 0.5, 0, 1), which is
 * ONNX's HardSigmoid with alpha 0.2 and beta 0.5 (its defaults, written out anyway).
 * ONNX runs time-major: X [steps, batch, features] → Y [steps, dirs, batch, units], Y_h [dirs, batch, units].
 */

const OP: Record<RnnCell, { op: string; gates: number; order: number[] }> = {
  simpleRnn: { op: 'RNN', gates: 1, order: [0] },
  gru: { op: 'GRU', gates: 3, order: [0, 1, 2] },
  lstm: { op: 'LSTM', gates: 4, order: [0, 3, 1, 2] },
}

const ACTIVATION: Record<RnnActivation, string> = { tanh: 'Tanh', relu: 'Relu', sigmoid: 'Sigmoid', linear: 'Affine' }
const GATE: Record<GateActivation, string> = { sigmoid: 'Sigmoid', hard_sigmoid: 'HardSigmoid' }

/**
 * alpha and beta of the functions that take them, in the order of `activations` (onnxruntime
 * consumes the lists that way): Affine(x) = 1·x + 0, HardSigmoid = tfjs's slope and offset.
 */
const ALPHA_BETA: Record<string, [number, number] | undefined> = {
  Affine: [1, 0],
  HardSigmoid: [HARD_SIGMOID.slope, HARD_SIGMOID.offset],
}

interface DirectionWeights {
  kernel: Weight
  recurrent: Weight
  bias: Weight | undefined
}

function directionWeights(ctx: ConvertContext, from: Weight[]): DirectionWeights {
  return {
    kernel: weight(ctx, 'kernel', from),
    recurrent: weight(ctx, 'recurrent_kernel', from),
    bias: optionalWeight(ctx, 'bias', from),
  }
}

/** Fills W, R, B for one direction at offset `dir`. */
function packDirection(
  w: DirectionWeights,
  cell: RnnCell,
  units: number,
  features: number,
  dir: number,
  out: { W: Float32Array; R: Float32Array; B: Float32Array },
): void {
  const { gates, order } = OP[cell]
  const width = gates * units
  const kernel = w.kernel.data
  const recurrent = w.recurrent.data
  for (let g = 0; g < gates; g++) {
    const from = order[g] * units
    for (let h = 0; h < units; h++) {
      const row = g * units + h
      for (let f = 0; f < features; f++) out.W[(dir * width + row) * features + f] = kernel[f * width + from + h]
      for (let j = 0; j < units; j++) out.R[(dir * width + row) * units + j] = recurrent[j * width + from + h]
      if (w.bias) out.B[dir * 2 * width + row] = w.bias.data[from + h]
    }
  }
}

interface RnnSpec {
  cell: RnnCell
  units: number
  activation: RnnActivation
  gate: GateActivation
  returnSequences: boolean
  directions: DirectionWeights[]
}

/** Emits the recurrent op; returns per direction the output in batch-major layout: [N, T, units] or [N, units]. */
function emitRnn(ctx: ConvertContext, spec: RnnSpec): string[] {
  const g = ctx.g
  const { op, gates } = OP[spec.cell]
  const dirs = spec.directions.length
  const features = spec.directions[0].kernel.shape[0]
  const width = gates * spec.units
  const packed = {
    W: new Float32Array(dirs * width * features),
    R: new Float32Array(dirs * width * spec.units),
    B: new Float32Array(dirs * 2 * width),
  }
  spec.directions.forEach((w, dir) => packDirection(w, spec.cell, spec.units, features, dir, packed))

  const act = ACTIVATION[spec.activation]
  const gate = GATE[spec.gate]
  const perDirection = spec.cell === 'simpleRnn' ? [act] : spec.cell === 'gru' ? [gate, act] : [gate, act, act]
  const activations = Array.from({ length: dirs }, () => perDirection).flat()
  const attributes: Record<string, AttributeValue> = {
    hidden_size: attr.i(spec.units),
    direction: attr.s(dirs === 2 ? 'bidirectional' : 'forward'),
    activations: attr.strings(activations),
  }
  const alphaBeta = activations.flatMap((a) => ALPHA_BETA[a] ?? [])
  if (alphaBeta.length > 0) {
    attributes.activation_alpha = attr.floats(alphaBeta.filter((_, i) => i % 2 === 0))
    attributes.activation_beta = attr.floats(alphaBeta.filter((_, i) => i % 2 === 1))
  }
  if (spec.cell === 'gru') attributes.linear_before_reset = attr.i(0)

  const timeMajor = g.transpose(ctx.inputs[0], [1, 0, 2])
  const inputs = [
    timeMajor,
    g.floatConst('W', [dirs, width, features], packed.W),
    g.floatConst('R', [dirs, width, spec.units], packed.R),
    g.floatConst('B', [dirs, 2 * width], packed.B),
  ]
  const [y, yH] = g.opN(op, inputs, attributes, spec.cell === 'lstm' ? 3 : 2)
  return Array.from({ length: dirs }, (_, dir) => {
    const index = g.int64([dir], [])
    if (!spec.returnSequences) return g.op('Gather', [yH, index], { axis: attr.i(0) }) // [N, units]
    return g.transpose(g.op('Gather', [y, index], { axis: attr.i(1) }), [1, 0, 2]) // [T, N, units] → [N, T, units]
  })
}

export function convertRecurrent(cell: RnnCell): Converter {
  return (ctx) => {
    const p = ctx.params as ParamValues<(typeof simpleRnn)['params']> & { recurrentActivation?: GateActivation }
    const [out] = emitRnn(ctx, {
      cell,
      units: p.units,
      activation: p.activation,
      gate: p.recurrentActivation ?? 'sigmoid',
      returnSequences: p.returnSequences,
      directions: [directionWeights(ctx, ctx.weights)],
    })
    return out
  }
}

/**
 * Bidirectional: one ONNX op with direction = 'bidirectional'. ONNX already lines the backward
 * outputs up with the forward time steps (as tfjs does by reversing them), and its final
 * backward state is the one after reading step 0 — tfjs' backward "last" output.
 */
export const convertBidirectional: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof bidirectional)['params']>
  const forward = ctx.weights.filter((w) => /\/forward_[^/]*\//.test(w.name))
  const backward = ctx.weights.filter((w) => /\/backward_[^/]*\//.test(w.name))
  const [f, b] = emitRnn(ctx, {
    cell: p.cell,
    units: p.units,
    activation: 'tanh',
    gate: p.recurrentActivation,
    returnSequences: p.returnSequences,
    directions: [directionWeights(ctx, forward), directionWeights(ctx, backward)],
  })
  const g = ctx.g
  switch (p.mergeMode) {
    case 'concat':
      return g.op('Concat', [f, b], { axis: attr.i(-1) })
    case 'sum':
      return g.op('Add', [f, b])
    case 'mul':
      return g.op('Mul', [f, b])
    case 'ave':
      return g.op('Mul', [g.op('Add', [f, b]), g.scalar(0.5)])
  }
}
