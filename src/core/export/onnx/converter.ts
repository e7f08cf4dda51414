import type { LocalText } from '../../i18n/text'
import type { Shape } from '../../shapes/shape'
import { unsupported, type OnnxGraph, type Weight } from './builder'

/** What a converter gets for one canvas node. */
export interface ConvertContext {
  g: OnnxGraph
  nodeId: string
  /** The tf layer name. */
  name: string
  /** Complete and checked (the parser filled defaults); each converter casts to its kind's params. */
  params: Record<string, unknown>
  /** ONNX value names of the inputs in port order, in tfjs layout (batch first, channels last). */
  inputs: string[]
  /** Shapes without batch, as shape inference found them. */
  inputShapes: Shape[]
  outputShape: Shape
  /** The layer's weights in tf's order. */
  weights: Weight[]
}

/** Emits the ONNX nodes of one layer and returns the value name of its output (tfjs layout). */
export type Converter = (ctx: ConvertContext) => string

/** The weight whose tf name ends with `/${suffix}` (among `from`, default all of the layer's). */
export function weight(ctx: ConvertContext, suffix: string, from: Weight[] = ctx.weights): Weight {
  const found = from.find((w) => w.name === suffix || w.name.endsWith(`/${suffix}`))
  if (!found)
    unsupported(`its weight "${suffix}" was not found in the model`, { key: 'onnxWeightMissing', values: { suffix } })
  return found
}

export function optionalWeight(ctx: ConvertContext, suffix: string, from: Weight[] = ctx.weights): Weight | undefined {
  return from.find((w) => w.name === suffix || w.name.endsWith(`/${suffix}`))
}

/** A dimension that must be known for the ONNX graph, or a plain reason why not. */
export function knownDim(d: number | null | undefined, what: LocalText): number {
  if (d === null || d === undefined)
    unsupported(`the ${what.en} must be known when exporting, but it is open (?)`, {
      key: 'onnxDimOpen',
      values: { what },
    })
  return d
}
