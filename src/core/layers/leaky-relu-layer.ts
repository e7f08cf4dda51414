import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from './kind'

/**
 * tfjs' LeakyReLU layer, whose gradient is computed as dy · step(x, α) while training.
 *
 * tfjs differentiates LeakyRelu as where(x > 0, dy, α·dy): a comparison, a product and a select,
 * each a pass over the feature map with its own allocation. On WebAssembly that took 12 ms for
 * the DCGAN discriminator's 64×14×14×64 map (18 ms a step over its two layers, 8 % of it), while
 * dy · step(x, α) — step(x, α) is 1 where x > 0 and α elsewhere — takes 0.8 ms: two vectorised
 * kernels. The values are the same float32 products (dy·1 = dy, dy·α with α in float32); only an
 * input of NaN differs (NaN rather than α·dy), and such a loss is already NaN.
 *
 * The layer is tfjs' own (class, config, serialization); only its call while gradients are being
 * recorded changes, as for Dense and Conv2D (unfused-while-recording.ts).
 */
export function leakyReluLayer(tf: Tf, alpha: number, name: string): tfjs.layers.Layer {
  const layer = tf.layers.leakyReLU({ alpha, name })
  const target = layer as unknown as { call: (inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: object) => tfjs.Tensor }
  const stock = target.call.bind(layer)
  // customGrad's function takes the inputs and then `save`, typed together as one union.
  const withStepGradient = tf.customGrad((...args: (tfjs.Tensor | tfjs.GradSaveFunc)[]) => {
    const [x, save] = args as [tfjs.Tensor, tfjs.GradSaveFunc]
    save([x])
    return {
      value: tf.leakyRelu(x, alpha),
      gradFunc: (dy: tfjs.Tensor, saved: tfjs.Tensor[]) => tf.mul(dy, tf.step(saved[0], alpha)),
    }
  }) as (x: tfjs.Tensor) => tfjs.Tensor
  target.call = (inputs, kwargs) => {
    if (tf.engine().state.gradientDepth === 0) return stock(inputs, kwargs)
    return withStepGradient(Array.isArray(inputs) ? inputs[0] : inputs)
  }
  return layer
}
