import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const TIMESTEP_EMBEDDING_CLASS_NAME = 'LayerCanvasTimestepEmbedding'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface TimestepEmbeddingArgs extends LayerArgs {
  /** Output size (even). */
  dim: number
  /** The slowest wave's period, in timesteps (10000 in DDPM and the Transformer). */
  maxPeriod: number
}

/** The frequencies f_i = maxPeriod^(−i / half), i = 0 … half − 1 (float64 in JS, then float32). */
export function timestepFrequencies(dim: number, maxPeriod: number): Float32Array {
  const half = Math.floor(dim / 2)
  return Float32Array.from({ length: half }, (_, i) => Math.exp((-Math.log(maxPeriod) * i) / half))
}

/**
 * The sinusoidal timestep embedding of DDPM (Ho et al. 2020, after the Transformer's position
 * encoding): a number t [batch, 1] → [sin(t·f_0) … sin(t·f_{h−1}), cos(t·f_0) … cos(t·f_{h−1})]
 * [batch, dim]. No weights: a Dense after it learns what to make of it.
 */
export function createTimestepEmbedding(tf: Tf) {
  class TimestepEmbedding extends tf.layers.Layer {
    static className = TIMESTEP_EMBEDDING_CLASS_NAME
    readonly dim: number
    readonly maxPeriod: number

    constructor(args: TimestepEmbeddingArgs) {
      super(args)
      this.dim = args.dim
      this.maxPeriod = args.maxPeriod
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape
      return [shape[0], this.dim]
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const t = tf.reshape(tf.cast(Array.isArray(inputs) ? inputs[0] : inputs, 'float32'), [-1, 1])
        const freqs = tf.tensor2d(timestepFrequencies(this.dim, this.maxPeriod), [1, Math.floor(this.dim / 2)])
        const angles = tf.mul(t, freqs)
        return tf.concat([tf.sin(angles), tf.cos(angles)], -1)
      })
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), dim: this.dim, maxPeriod: this.maxPeriod }
    }
  }
  return TimestepEmbedding
}
