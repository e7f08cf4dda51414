import type { ParamValues } from '../../../params/schema'
import type { activation as activationKind } from '../../../layers/kinds/activation'
import { attr, type OnnxGraph } from '../builder'
import type { Converter } from '../converter'

/** tfjs' selu constants (tfjs-core selu_util): scale·x for x > 0, scale·alpha·(eˣ − 1) below. */
const SELU_SCALEALPHA = 1.7580993408473768
const SELU_SCALE = 1.0507009873554805

export type ActivationId =
  'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'selu' | 'gelu' | 'swish' | 'leakyRelu'

/**
 * Applies an activation the way tfjs computes it. `axis` is where softmax normalises (the
 * channels axis: -1 channels last, 1 when the value is channels first).
 */
export function applyActivation(
  g: OnnxGraph,
  x: string,
  fn: ActivationId,
  opts: { axis?: number; alpha?: number } = {},
): string {
  switch (fn) {
    case 'linear':
      return x
    case 'relu':
      return g.op('Relu', [x])
    case 'sigmoid':
      return g.op('Sigmoid', [x])
    case 'tanh':
      return g.op('Tanh', [x])
    case 'softmax':
      return g.op('Softmax', [x], { axis: attr.i(opts.axis ?? -1) })
    case 'elu':
      return g.op('Elu', [x], { alpha: attr.f(1) })
    case 'selu':
      return g.op('Selu', [x], { alpha: attr.f(SELU_SCALEALPHA / SELU_SCALE), gamma: attr.f(SELU_SCALE) })
    case 'gelu': {
      // tfjs: x · 0.5 · (1 + erf(x / √2)), the exact GELU (ONNX has a Gelu op only from opset 20).
      const erf = g.op('Erf', [g.op('Div', [x, g.scalar(Math.SQRT2)])])
      const cdf = g.op('Mul', [g.op('Add', [erf, g.scalar(1)]), g.scalar(0.5)])
      return g.op('Mul', [x, cdf])
    }
    case 'swish':
      return g.op('Mul', [g.op('Sigmoid', [x]), x])
    case 'leakyRelu':
      return g.op('LeakyRelu', [x], { alpha: attr.f(opts.alpha ?? 0.3) })
  }
}

/**
 * The Activation layer. Element-wise functions run on a channels-first twin when there is one
 * (so a Conv → Activation → Conv chain needs no Transposes in between).
 */
export const convertActivation: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof activationKind)['params']>
  const [x] = ctx.inputs
  const rank = ctx.inputShapes[0].length + 1
  const twin = rank >= 3 ? ctx.g.twin(x) : undefined
  if (twin) {
    const y = applyActivation(ctx.g, twin, p.activation, { axis: 1, alpha: p.alpha })
    return ctx.g.toChannelsLast(y, rank)
  }
  return applyActivation(ctx.g, x, p.activation, { axis: -1, alpha: p.alpha })
}

/** Dropout only acts while training: at inference it passes its input through. */
export const convertDropout: Converter = (ctx) => ctx.inputs[0]
