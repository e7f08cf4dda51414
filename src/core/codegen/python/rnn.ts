import type { CodeContext, KerasSnippet, PyTorchSnippet } from '../../layers/kind'
import type { GateActivation } from '../../layers/kinds/rnn-params'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from './literal'
import { TORCH_RECURRENT } from './torch-lib'

export type RnnCellId = 'simpleRnn' | 'lstm' | 'gru'

export interface RnnCodeParams {
  units: number
  activation?: string
  /** LSTM/GRU gates; absent = sigmoid. */
  recurrentActivation?: GateActivation
  returnSequences: boolean
  dropout?: number
}

const KERAS_CLASS: Record<RnnCellId, string> = { simpleRnn: 'layers.SimpleRNN', lstm: 'layers.LSTM', gru: 'layers.GRU' }

/** The Python function the Keras code passes as recurrent_activation for tfjs's hard sigmoid. */
export const KERAS_HARD_SIGMOID_NAME = 'tfjs_hard_sigmoid'

/**
 * Keras 3's built-in "hard_sigmoid" is relu6(x + 3) / 6, not the clip(0.2·x + 0.5, 0, 1) of tfjs
 * and Keras 2 (see rnn-params GATE_ACTIVATIONS): the generated code defines tfjs's own, registered
 * so that a model saved by the script loads again in the same program.
 */
export const KERAS_HARD_SIGMOID = `@keras.saving.register_keras_serializable(package="layercanvas")
def ${KERAS_HARD_SIGMOID_NAME}(x):
    """tfjs's (and Keras 2's) hard sigmoid, clip(0.2 * x + 0.5, 0, 1): the gates of LSTM/GRU models made
    with tfjs. Keras 3's "hard_sigmoid" is a different function, relu6(x + 3) / 6."""
    return ops.clip(0.2 * x + 0.5, 0.0, 1.0)
`

/** What Keras code passes as recurrent_activation: a string for sigmoid, tfjs's function for hard sigmoid. */
function kerasGate(gate: GateActivation | undefined): string {
  return gate === 'hard_sigmoid' ? KERAS_HARD_SIGMOID_NAME : '"sigmoid"'
}

/** The helper definitions a recurrent Keras layer with these gates needs. */
export function kerasRnnHelpers(cell: RnnCellId, gate: GateActivation | undefined): Record<string, string> {
  return cell !== 'simpleRnn' && gate === 'hard_sigmoid' ? { [KERAS_HARD_SIGMOID_NAME]: KERAS_HARD_SIGMOID } : {}
}

/**
 * The Keras 3 layer tfjs builds: gates set explicitly (sigmoid, or tfjs's hard sigmoid, see
 * rnn-params), and GRU uses reset_after=False, tfjs' only form (one bias of 3·units).
 */
export function kerasRnnLayer(cell: RnnCellId, p: RnnCodeParams, name?: string): string {
  return pyCall(KERAS_CLASS[cell], [pyInt(p.units)], {
    activation: p.activation === undefined ? undefined : pyStr(p.activation),
    recurrent_activation: cell === 'simpleRnn' ? undefined : kerasGate(p.recurrentActivation),
    reset_after: cell === 'gru' ? 'False' : undefined,
    return_sequences: pyBool(p.returnSequences),
    dropout: p.dropout ? pyFloat(p.dropout) : undefined,
    name: name === undefined ? undefined : pyStr(name),
  })
}

export function kerasRnn(cell: RnnCellId, p: RnnCodeParams, ctx: CodeContext): KerasSnippet {
  const helpers = kerasRnnHelpers(cell, p.recurrentActivation)
  return { layer: kerasRnnLayer(cell, p, ctx.name), ...(Object.keys(helpers).length > 0 ? { helpers } : {}) }
}

/** TfRecurrent keeps Keras' weight layout: kernel, recurrent_kernel, bias load as they are. */
export function torchRnn(cell: RnnCellId, p: RnnCodeParams, ctx: CodeContext): PyTorchSnippet {
  return {
    module: pyCall('TfRecurrent', [pyStr(cell), pyInt(lastDim(ctx.inputShapes[0])), pyInt(p.units)], {
      activation: pyStr(p.activation ?? 'tanh'),
      gate: p.recurrentActivation === 'hard_sigmoid' ? pyStr('hard_sigmoid') : undefined,
      return_sequences: pyBool(p.returnSequences),
      dropout: p.dropout ? pyFloat(p.dropout) : undefined,
    }),
    forward: ([x], m) => `${m}(${x})`,
    weights: [{ target: 'kernel' }, { target: 'recurrent_kernel' }, { target: 'bias' }],
    helpers: { TfRecurrent: TORCH_RECURRENT },
  }
}
