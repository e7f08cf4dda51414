import type { ParamValues } from '../../../params/schema'
import type { cappedRelu } from '../../../layers/kinds/capped-relu'
import type { Converter } from '../converter'

/**
 * Keras' ReLU (the cappedRelu kind) from standard ops. ReLU6 and other plain caps stay one
 * Clip(x, 0, max), no cap one Relu; a threshold or a negative slope gives the kind's formula
 *   Where(x > threshold, Min(x, max), slope · (x − threshold))
 * Element-wise, so it runs on a channels-first twin when there is one.
 */
export const convertCappedRelu: Converter = (ctx) => {
  const p = ctx.params as ParamValues<(typeof cappedRelu)['params']>
  const { g } = ctx
  const [x] = ctx.inputs
  const rank = ctx.inputShapes[0].length + 1
  const twin = rank >= 3 ? g.twin(x) : undefined
  const relu = (v: string): string => {
    if (p.threshold === 0 && p.negativeSlope === 0)
      return p.capped ? g.op('Clip', [v, g.scalar(0), g.scalar(p.maxValue)]) : g.op('Relu', [v])
    const threshold = g.scalar(p.threshold)
    const above = p.capped ? g.op('Min', [v, g.scalar(p.maxValue)]) : v
    const below = g.op('Mul', [g.op('Sub', [v, threshold]), g.scalar(p.negativeSlope)])
    return g.op('Where', [g.op('Greater', [v, threshold]), above, below])
  }
  return twin ? g.toChannelsLast(relu(twin), rank) : relu(x)
}
