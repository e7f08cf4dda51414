import type { CodeContext, KerasSnippet, PyTorchSnippet } from '../../layers/kind'
import { lastDim, pyBool, pyCall, pyFloat, pyInt, pyStr } from './literal'
import { TORCH_RECURRENT } from './torch-lib'

export type RnnCellId = 'simpleRnn' | 'lstm' | 'gru'

export interface RnnCodeParams {
  units: number
  activation?: string
  returnSequences: boolean
  dropout?: number
}

const KERAS_CLASS: Record<RnnCellId, string> = { simpleRnn: 'layers.SimpleRNN', lstm: 'layers.LSTM', gru: 'layers.GRU' }

/**
 * The Keras 3 layer tfjs builds: gates use the true sigmoid (set explicitly, see rnn-params), and
 * GRU uses reset_after=False, tfjs' only form (one bias of 3·units).
 */
export function kerasRnnLayer(cell: RnnCellId, p: RnnCodeParams, name?: string): string {
  return pyCall(KERAS_CLASS[cell], [pyInt(p.units)], {
    activation: p.activation === undefined ? undefined : pyStr(p.activation),
    recurrent_activation: cell === 'simpleRnn' ? undefined : '"sigmoid"',
    reset_after: cell === 'gru' ? 'False' : undefined,
    return_sequences: pyBool(p.returnSequences),
    dropout: p.dropout ? pyFloat(p.dropout) : undefined,
    name: name === undefined ? undefined : pyStr(name),
  })
}

export function kerasRnn(cell: RnnCellId, p: RnnCodeParams, ctx: CodeContext): KerasSnippet {
  return { layer: kerasRnnLayer(cell, p, ctx.name) }
}

/** TfRecurrent keeps Keras' weight layout: kernel, recurrent_kernel, bias load as they are. */
export function torchRnn(cell: RnnCellId, p: RnnCodeParams, ctx: CodeContext): PyTorchSnippet {
  return {
    module: pyCall('TfRecurrent', [pyStr(cell), pyInt(lastDim(ctx.inputShapes[0])), pyInt(p.units)], {
      activation: pyStr(p.activation ?? 'tanh'),
      return_sequences: pyBool(p.returnSequences),
      dropout: p.dropout ? pyFloat(p.dropout) : undefined,
    }),
    forward: ([x], m) => `${m}(${x})`,
    weights: [{ target: 'kernel' }, { target: 'recurrent_kernel' }, { target: 'bias' }],
    helpers: { TfRecurrent: TORCH_RECURRENT },
  }
}
