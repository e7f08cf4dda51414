import type * as tfjs from '@tensorflow/tfjs'
import type { Lang, LocalText, MessageValues } from '../i18n/text'
import type { ParamSchema, ParamValues } from '../params/schema'
import type { Shape } from '../shapes/shape'

/** The tfjs namespace, passed in by the host (renderer, worker, CLI, tests): core never imports it. */
export type Tf = typeof tfjs
export type TfLayer = tfjs.layers.Layer
export type SymbolicTensor = tfjs.SymbolicTensor

export type LayerCategory =
  | 'io'
  | 'core'
  | 'conv'
  | 'pool'
  | 'norm'
  | 'recurrent'
  | 'attention'
  | 'merge'
  | 'generative'

export const LAYER_CATEGORIES: readonly LayerCategory[] = [
  'io',
  'core',
  'conv',
  'pool',
  'norm',
  'recurrent',
  'attention',
  'merge',
  'generative',
]

/**
 * A fix the editor can apply for the user. `insertBefore` puts a new layer between the node
 * and its input (e.g. a Flatten before a Dense); `setParam` changes one of the node's params.
 */
export type FixSuggestion =
  | { type: 'insertBefore'; layerKind: string; params?: Record<string, unknown> }
  | { type: 'setParam'; param: string; value: unknown }

/**
 * Why a layer cannot take its inputs. `code` is a key of the diagnostics catalogue
 * (core/i18n/diagnostics.ts) or of the kind's own `messages`.
 */
export interface ShapeIssue {
  code: string
  values?: MessageValues
  fix?: FixSuggestion
}

export type ShapeResult = { ok: true; shape: Shape } | { ok: false; issue: ShapeIssue }

export interface ParamCount {
  trainable: number
  nonTrainable: number
}

/** Docs in one language. Params are documented by their `label`/`help` in the schema. */
export interface LayerDoc {
  /** What the layer computes, in one or two plain sentences. */
  summary: string
  /** The formula, in plain text / Unicode maths (no LaTeX), e.g. `y = f(W·x + b)`. */
  formula: string
  /** When a learner would reach for it. */
  whenToUse: string
}

export interface BuildContext {
  /** The tf layer name; the compiler keeps the node id ↔ layer name map. */
  name: string
  /** Shapes of the inputs (without batch) as inferred by the core. */
  inputShapes: Shape[]
}

export interface LayerKind<S extends ParamSchema = ParamSchema> {
  /** Stable id stored in documents: never rename without a migration. camelCase. */
  id: string
  category: LayerCategory
  label: LocalText
  /** How many incoming edges: exactly `min` for most layers, up to `max` for merges. */
  inputs: { min: number; max: number; names?: LocalText[] }
  params: S
  /**
   * Output shape (without batch) for the given input shapes. Pure, total, never throws:
   * impossible inputs yield `{ ok: false, issue }` with a plain-language code and a fix.
   * The compiler only calls `build` after every node's `inferShape` succeeded.
   */
  inferShape(inputs: Shape[], p: ParamValues<S>): ShapeResult
  /** Weights this layer creates for those input shapes; must equal tfjs' countParams(). */
  paramCount(inputs: Shape[], p: ParamValues<S>): ParamCount
  /**
   * Input kinds create the graph's symbolic inputs; every other kind returns a tf layer the
   * compiler applies to its inputs (one tensor, or an array for several inputs).
   */
  build(tf: Tf, p: ParamValues<S>, ctx: BuildContext): TfLayer | SymbolicTensor
  /** Short text shown on the node, e.g. `128 · relu`. */
  summary(p: ParamValues<S>): string
  docs: Record<Lang, LayerDoc>
  /** Messages for issue codes this kind alone uses; shared codes live in the core catalogue. */
  messages?: Record<string, LocalText>
  /** True for kinds that start the graph (no inputs, `build` returns a SymbolicTensor). */
  isInput?: boolean
}

/** Identity helper that keeps the param types of each kind file precise. */
export function defineLayerKind<S extends ParamSchema>(kind: LayerKind<S>): LayerKind<S> {
  return kind
}

/** A layer kind with its params erased, as stored in the registry. */
export type AnyLayerKind = LayerKind<ParamSchema>

export const ok = (shape: Shape): ShapeResult => ({ ok: true, shape })
export const fail = (code: string, values?: MessageValues, fix?: FixSuggestion): ShapeResult => ({
  ok: false,
  issue: { code, values, fix },
})
export const noParams: ParamCount = { trainable: 0, nonTrainable: 0 }
