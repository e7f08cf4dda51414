import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const CONDITION_CLASS_NAME = 'LayerCanvasCondition'

export type ConditionMode = 'add' | 'film'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface ConditionArgs extends LayerArgs {
  mode: ConditionMode
}

/**
 * Conditions features on a vector (a timestep or class embedding): inputs [features, vector],
 * features [batch, …, C], vector [batch, C] ('add') or [batch, 2C] ('film'). The vector is the
 * same at every position (pixel, timestep):
 *   add:  y = x + v
 *   film: y = x · (1 + γ) + β with [γ, β] = v (FiLM, Perez et al. 2018; "1 +" so that v = 0 keeps x)
 * No weights: put a Dense before the vector input to learn it.
 */
export function createCondition(tf: Tf) {
  class Condition extends tf.layers.Layer {
    static className = CONDITION_CLASS_NAME
    readonly mode: ConditionMode

    constructor(args: ConditionArgs) {
      super(args)
      this.mode = args.mode
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const [x, v] = inputs as tfjs.Tensor[]
        // [batch, C] → [batch, 1, …, 1, C]: the same vector at every position.
        const ones = Array.from({ length: x.rank - 2 }, () => 1)
        const channels = x.shape[x.rank - 1]
        const at = (t: tfjs.Tensor) => tf.reshape(t, [x.shape[0], ...ones, -1])
        if (this.mode === 'add') return tf.add(x, at(v))
        const gamma = tf.slice(v, [0, 0], [-1, channels])
        const beta = tf.slice(v, [0, channels], [-1, channels])
        return tf.add(tf.mul(x, tf.add(1, at(gamma))), at(beta))
      })
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), mode: this.mode }
    }
  }
  return Condition
}
