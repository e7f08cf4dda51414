import type { GateActivation } from '../layers/kinds/rnn-params'
import type { KerasDialect } from './keras-dialect'
import type { LayerConfig, Mapped, NotMapped } from './keras-layers'
import { activationName, bool, isObject, no, num } from './keras-config'

/**
 * Keras / tfjs recurrent layers (SimpleRNN, LSTM, GRU) and their Bidirectional wrapper, read into
 * LayerCanvas params (called from mapLayer in keras-layers.ts).
 */

const RNN_ACT = new Set(['tanh', 'relu', 'sigmoid', 'linear'])

/**
 * The gates' activation of an LSTM/GRU config. A missing one is the writer's default: hard
 * sigmoid for tfjs and Keras 2, sigmoid for Keras 3. Keras 3's "hard_sigmoid" is relu6(x + 3) / 6,
 * which no LayerCanvas layer computes.
 */
function gateActivation(config: LayerConfig, dialect: KerasDialect): GateActivation | NotMapped {
  const raw = config.recurrent_activation ?? (dialect === 'keras3' ? 'sigmoid' : 'hard_sigmoid')
  const gate = activationName(raw)
  if (gate === 'sigmoid') return 'sigmoid'
  if (gate === 'hard_sigmoid' || gate === 'hardsigmoid') {
    if (dialect === 'keras3')
      return no(
        "recurrent_activation hard_sigmoid is Keras 3's relu6(x + 3) / 6, not the clip(0.2·x + 0.5, 0, 1) of tfjs and Keras 2 that LayerCanvas computes",
      )
    return 'hard_sigmoid'
  }
  return no(`recurrent_activation ${JSON.stringify(config.recurrent_activation)} (sigmoid or hard_sigmoid)`)
}

export function recurrent(
  className: string,
  config: LayerConfig,
  inBidirectional: boolean,
  dialect: KerasDialect,
): Mapped | NotMapped {
  const kind = className === 'LSTM' ? 'lstm' : className === 'GRU' ? 'gru' : 'simpleRnn'
  const warnings: string[] = []
  for (const flag of ['return_state', 'go_backwards', 'stateful'] as const) {
    if (config[flag] === true) return no(`${flag} is set (not supported)`)
  }
  if (config.time_major === true) return no('time_major is set (not supported)')
  if (kind === 'gru' && config.reset_after === true) {
    return no(
      'reset_after=True (the Keras default) is a different GRU variant than LayerCanvas/tfjs (reset_after=False)',
    )
  }
  const units = num(config.units)
  if (units === null) return no('units is missing')
  const act = activationName(config.activation ?? 'tanh')
  if (act === null || !RNN_ACT.has(act))
    return no(`activation ${JSON.stringify(config.activation)} (tanh, relu, sigmoid or linear)`)
  const gate = kind === 'simpleRnn' ? undefined : gateActivation(config, dialect)
  if (typeof gate === 'object') return gate
  const gates = gate === undefined ? {} : { recurrentActivation: gate }
  if (config.use_bias === false) return no('use_bias=False (LayerCanvas recurrent layers always have a bias)')
  const dropout = num(config.dropout) ?? 0
  if ((num(config.recurrent_dropout) ?? 0) > 0)
    warnings.push('recurrent_dropout was dropped (it only acts during training)')
  const returnSequences = bool(config.return_sequences, false)
  if (inBidirectional) {
    if (act !== 'tanh') return no(`the wrapped layer's activation ${act} (LayerCanvas' Bidirectional uses tanh)`)
    if (dropout > 0) warnings.push("the wrapped layer's dropout was dropped (it only acts during training)")
    return { kind, params: { units, ...gates, returnSequences }, warnings }
  }
  return { kind, params: { units, activation: act, ...gates, returnSequences, dropout }, warnings }
}

/** A Bidirectional wrapper around an LSTM, GRU or SimpleRNN. */
export function mapBidirectional(config: LayerConfig, dialect: KerasDialect): Mapped | NotMapped {
  const inner = config.layer
  if (!isObject(inner) || typeof inner.class_name !== 'string' || !isObject(inner.config))
    return no('the wrapped layer is missing')
  if (!['LSTM', 'GRU', 'SimpleRNN'].includes(inner.class_name))
    return no(`it wraps a ${inner.class_name} (LSTM, GRU or SimpleRNN only)`)
  if (isObject(config.backward_layer)) {
    const back = config.backward_layer
    const same =
      back.class_name === inner.class_name && isObject(back.config) && back.config.units === inner.config.units
    if (!same) return no('its backward layer differs from the forward one')
  }
  const mergeMode = config.merge_mode === undefined ? 'concat' : config.merge_mode
  if (mergeMode !== 'concat' && mergeMode !== 'sum' && mergeMode !== 'mul' && mergeMode !== 'ave') {
    return no(`merge_mode ${JSON.stringify(mergeMode)} (concat, sum, mul or ave)`)
  }
  const cell = recurrent(inner.class_name, { ...inner.config, go_backwards: false }, true, dialect)
  if ('reason' in cell) return cell
  const kinds: Record<string, string> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simpleRnn' }
  return {
    kind: 'bidirectional',
    params: {
      cell: kinds[inner.class_name],
      units: cell.params.units,
      ...(cell.params.recurrentActivation === undefined
        ? {}
        : { recurrentActivation: cell.params.recurrentActivation }),
      returnSequences: cell.params.returnSequences,
      mergeMode,
    },
    warnings: cell.warnings,
  }
}
