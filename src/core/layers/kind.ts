import type * as tfjs from '@tensorflow/tfjs'
import type { Lang, LocalText, MessageValues } from '../i18n/text'
import type { ParamSchema, ParamValues } from '../params/schema'
import type { Shape } from '../shapes/shape'

/** The tfjs namespace, passed in by the host (renderer, worker, CLI, tests): core never imports it. */
export type Tf = typeof tfjs
export type TfLayer = tfjs.layers.Layer
export type SymbolicTensor = tfjs.SymbolicTensor

export type LayerCategory =
  'io' | 'core' | 'conv' | 'pool' | 'norm' | 'recurrent' | 'attention' | 'merge' | 'generative'

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

/** What the code exporters know about one node when they ask its kind for a snippet. */
export interface CodeContext {
  /**
   * The node's Python identifier: the Keras layer name, the PyTorch module attribute
   * (`self.<name>`) and the variable holding its output in the generated code.
   */
  name: string
  /** Input shapes (without batch), in port order, every dim known (tfjs / channels-last order). */
  inputShapes: Shape[]
  /** Output shape (without batch), every dim known. */
  outputShape: Shape
}

/** A node the exporter cannot write for this format; `unsupported` says why, in both languages. */
export interface Unsupported {
  unsupported: LocalText
}

/**
 * Keras 3 code for one node. The generated module does `import keras`, `from keras import
 * layers, ops` and `import numpy as np`. The weights the layer creates must come in the order
 * of tfjs' `layer.getWeights()` (the exporter loads them with `set_weights`).
 */
export interface KerasSnippet {
  /**
   * An expression creating the layer, e.g. `layers.Dense(128, activation="relu", name="hidden")`.
   * For input kinds: the `keras.Input(...)` expression itself (it is not called).
   */
  layer: string
  /** How the functional graph calls the layer; default `layer(x)`, or `layer([a, b])` for several inputs. */
  call?: (layer: string, inputs: string[]) => string
  /** Python definitions this snippet needs (custom layers, functions), by unique name: emitted once. */
  helpers?: Record<string, string>
}

/**
 * How a PyTorch op wants image tensors (4-D, one sample = 3-D). The generated forward keeps
 * tfjs' channels-last layout [N, H, W, C] everywhere, so Flatten, Reshape and Dense see the
 * values in tfjs' order and the weights need no reordering; ops that want channels-first
 * [N, C, H, W] (conv, pool, upsampling) say so and the exporter permutes only where the layout
 * changes. 'any' = element-wise, works in either layout (the inputs' layout is kept).
 * Tensors that are not images are always in tfjs' order.
 */
export type TensorLayout = 'channelsLast' | 'channelsFirst' | 'any'

/** Where one tfjs weight goes in the torch module, and how its array is rearranged. */
export interface TorchWeight {
  /** Path of the parameter or buffer inside the node's module, e.g. `weight`, `forward_layer.kernel`. */
  target: string
  /** numpy `transpose` axes from the tfjs array to the torch one, e.g. [1, 0] for a Dense kernel. */
  permute?: number[]
}

/** PyTorch code for one node (`import torch`, `from torch import nn`, `import torch.nn.functional as F`). */
export interface PyTorchSnippet {
  /** The module created in `__init__` as `self.<name>`, e.g. `nn.Linear(784, 128)`; none for pure ops. */
  module?: string
  /**
   * The output expression in `forward`, from the input expressions (port order) and the
   * module (`self.<name>`), e.g. `torch.relu(self.hidden(x))`. Input kinds get their
   * `forward` argument as the one input.
   */
  forward(inputs: string[], module: string): string
  /** Layout of image inputs and outputs; default 'channelsLast'. */
  layout?: TensorLayout
  /**
   * One entry per tfjs weight, in `layer.getWeights()` order (the same count and order, or
   * the exporter refuses): where `load_tfjs_weights` copies it. Moving statistics map to buffers.
   */
  weights?: TorchWeight[]
  /** Python definitions this snippet needs (custom modules, functions), by unique name: emitted once. */
  helpers?: Record<string, string>
}

/**
 * Code generators of one kind, read by the Python exporters (src/core/export). Each returns the
 * snippet, or `{ unsupported }` when these params cannot be written exactly for that framework
 * (the exporter lists the node and the reason instead of exporting something different).
 */
export interface LayerCode<S extends ParamSchema = ParamSchema> {
  keras(p: ParamValues<S>, ctx: CodeContext): KerasSnippet | Unsupported
  pytorch(p: ParamValues<S>, ctx: CodeContext): PyTorchSnippet | Unsupported
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
   * Multiply-accumulates of one forward pass for one sample, counted as ptflops and fvcore count
   * them: the multiply-adds of the weighted products (matrix products, convolutions, attention
   * scores) — not biases, activations, pooling, normalisation or lookups. Kinds without such
   * products leave it out (they cost 0); null when a dimension it needs is unknown (a sequence
   * of any length). Shapes come without the batch dimension.
   */
  macs?(inputs: Shape[], p: ParamValues<S>, output: Shape): number | null
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
  /** Python code for the Keras and PyTorch exporters. */
  code: LayerCode<S>
  /**
   * The version of this kind's params (absent = 1). Bump it when a param is renamed or its
   * meaning changes, and add the step from the old version to `migrations`.
   */
  version?: number
  /** Upgrades params written with version N to N+1, keyed by N; applied on load (kind-migrations.ts). */
  migrations?: Record<number, KindMigration>
}

/** One step of a kind's params upgrade: the stored params of version N in, those of N+1 out. Pure. */
export type KindMigration = (params: Record<string, unknown>) => Record<string, unknown>

/**
 * Identity helper that keeps the param types of each kind file precise, and its id a literal:
 * the registry derives `KindId` from the ids, and every per-format table is keyed by it.
 */
export function defineLayerKind<S extends ParamSchema, Id extends string>(
  kind: LayerKind<S> & { id: Id },
): LayerKind<S> & { id: Id } {
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
