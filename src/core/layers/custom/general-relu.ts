import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const GENERAL_RELU_CLASS_NAME = 'LayerCanvasReLU'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface GeneralReluArgs extends LayerArgs {
  /** The ceiling, or null for none. */
  maxValue: number | null
  threshold: number
  negativeSlope: number
}

/**
 * Keras' ReLU with all three options, which tfjs' own ReLU layer lacks (it has max_value only):
 *   y = min(x, maxValue)               where x > threshold
 *   y = negativeSlope · (x − threshold) elsewhere (so 0 at x = threshold)
 * This is what Keras 3 (keras/src/activations/activations.py, ReLU.static_call) and Keras 2
 * (tf.keras backend.relu) compute; see the cappedRelu kind for the boundary details. Built from
 * tf ops (step / minimum / mul), so tfjs' autodiff gives the gradients.
 */
export function createGeneralRelu(tf: Tf) {
  class GeneralRelu extends tf.layers.Layer {
    static className = GENERAL_RELU_CLASS_NAME
    readonly maxValue: number | null
    readonly threshold: number
    readonly negativeSlope: number

    constructor(args: GeneralReluArgs) {
      super(args)
      this.maxValue = args.maxValue ?? null
      this.threshold = args.threshold ?? 0
      this.negativeSlope = args.negativeSlope ?? 0
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return inputShape
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs
        const shifted = tf.sub(x, this.threshold)
        // 1 where x > threshold, else 0 (x − θ > 0 exactly when x > θ in floats). A mask, not
        // tf.where(tf.greater(…)): tfjs has no gradient for Greater, so training would throw; Step's is 0.
        const on = tf.step(shifted)
        const above = this.maxValue === null ? x : tf.minimum(x, this.maxValue)
        const below = tf.mul(shifted, this.negativeSlope)
        return tf.add(tf.mul(on, above), tf.mul(tf.sub(1, on), below))
      })
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return {
        ...super.getConfig(),
        maxValue: this.maxValue,
        threshold: this.threshold,
        negativeSlope: this.negativeSlope,
      }
    }
  }
  return GeneralRelu
}
