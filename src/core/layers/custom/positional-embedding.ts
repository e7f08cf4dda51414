import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const POSITIONAL_EMBEDDING_CLASS_NAME = 'LayerCanvasPositionalEmbedding'

export type PositionalMode = 'learned' | 'sinusoidal'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface PositionalEmbeddingArgs extends LayerArgs {
  mode: PositionalMode
  /** Rows of the learned table: the longest sequence the layer accepts ('learned' only). */
  maxLength: number
}

/**
 * The fixed sin/cos table of "Attention Is All You Need", interleaved like Keras'
 * SinePositionEncoding: column 2i holds sin(pos / 10000^(2i/dim)), column 2i+1 the cos.
 * Computed in plain JS (it is tiny) so the same numbers come out on every backend.
 */
export function sinusoidalTable(steps: number, dim: number): Float32Array {
  const table = new Float32Array(steps * dim)
  for (let pos = 0; pos < steps; pos++) {
    for (let i = 0; i < dim; i++) {
      const angle = pos / Math.pow(10_000, (2 * Math.floor(i / 2)) / dim)
      table[pos * dim + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle)
    }
  }
  return table
}

/**
 * Adds position information to a sequence [batch, steps, dim] → same shape. Attention alone
 * cannot tell word order apart; this gives each position its own signature.
 * Weights ('learned' only): embeddings [maxLength, dim], glorot-uniform like Keras'
 * PositionEmbedding; the first `steps` rows are added, so shorter sequences work too.
 */
export function createPositionalEmbedding(tf: Tf) {
  class PositionalEmbedding extends tf.layers.Layer {
    static className = POSITIONAL_EMBEDDING_CLASS_NAME
    readonly mode: PositionalMode
    readonly maxLength: number
    private table: tfjs.LayerVariable | null = null

    constructor(args: PositionalEmbeddingArgs) {
      super(args)
      this.mode = args.mode
      this.maxLength = args.maxLength
    }

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape
      if (this.mode === 'learned') {
        const dim = shape[shape.length - 1] as number
        this.table = this.addWeight('embeddings', [this.maxLength, dim], 'float32', tf.initializers.glorotUniform({}))
      }
      this.built = true
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return inputShape
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs
        const [, steps, dim] = x.shape as number[]
        const positions =
          this.mode === 'learned' && this.table !== null
            ? tf.slice(this.table.read(), [0, 0], [steps, dim])
            : tf.tensor2d(sinusoidalTable(steps, dim), [steps, dim])
        // [steps, dim] broadcasts over the batch axis.
        return tf.add(x, positions)
      })
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), mode: this.mode, maxLength: this.maxLength }
    }
  }
  return PositionalEmbedding
}
