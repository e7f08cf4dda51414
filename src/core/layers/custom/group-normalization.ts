import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const GROUP_NORMALIZATION_CLASS_NAME = 'LayerCanvasGroupNormalization'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface GroupNormalizationArgs extends LayerArgs {
  groups: number
  epsilon: number
  center: boolean
  scale: boolean
}

/**
 * Group normalization (Wu & He 2018), as Keras 3's GroupNormalization: the C channels of each
 * sample are split into `groups` groups; each group is normalised by its own mean and variance
 * over all positions and its channels, then scaled by γ and shifted by β (per channel).
 * Weights: gamma [C] (ones), then beta [C] (zeros), as in Keras. Works on [batch, …, C].
 */
export function createGroupNormalization(tf: Tf) {
  class GroupNormalization extends tf.layers.Layer {
    static className = GROUP_NORMALIZATION_CLASS_NAME
    readonly groups: number
    readonly epsilon: number
    readonly center: boolean
    readonly scale: boolean
    private gamma: tfjs.LayerVariable | null = null
    private beta: tfjs.LayerVariable | null = null

    constructor(args: GroupNormalizationArgs) {
      super(args)
      this.groups = args.groups
      this.epsilon = args.epsilon
      this.center = args.center
      this.scale = args.scale
    }

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape
      const channels = shape[shape.length - 1] as number
      if (this.scale) this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones())
      if (this.center) this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros())
      this.built = true
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return inputShape
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs
        const shape = x.shape
        const channels = shape[shape.length - 1]
        // [batch, positions, groups, channels per group]; statistics over positions and channels.
        const grouped = tf.reshape(x, [shape[0], -1, this.groups, channels / this.groups])
        const { mean, variance } = tf.moments(grouped, [1, 3], true)
        let y = tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, this.epsilon))), shape)
        if (this.gamma) y = tf.mul(y, this.gamma.read())
        if (this.beta) y = tf.add(y, this.beta.read())
        return y
      })
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return {
        ...super.getConfig(),
        groups: this.groups,
        epsilon: this.epsilon,
        center: this.center,
        scale: this.scale,
      }
    }
  }
  return GroupNormalization
}
