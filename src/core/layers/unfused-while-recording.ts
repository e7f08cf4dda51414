import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from './kind'

/**
 * Makes a tfjs-layers Dense or Conv2D layer compute its gradients only for what needs them.
 *
 * tfjs-layers runs both through `tf.fused.matMul` / `tf.fused.conv2d`. While gradients are being
 * recorded, tfjs keeps the fused op for a linear activation (and every activation it cannot fuse:
 * tanh, sigmoid, softmax … are then applied after a linear fused op), and the fused op's gradient
 * is a `customGrad` that computes the gradients of all its inputs at once — including the
 * gradient of the layer's input when nothing needs it. For a network's first layer that is the
 * gradient of the image or of the features: on LeNet-5 the first convolution's input gradient
 * (a full-resolution convolution, 64×32×32) was 30 % of a training step on WebAssembly.
 *
 * While recording, the layer made here computes the same sums unfused — conv2d / matMul, + bias,
 * activation — as tfjs already does itself for relu and elu. Each of those ops has a registered
 * gradient per input, and the tape skips the ones no variable depends on. Outside recording
 * (inference, evaluation, export) the layer's own fused call runs unchanged, and the layer's
 * class, config and weights are untouched, so saved models are the same.
 */
export function unfusedWhileRecording<L extends tfjs.layers.Layer>(tf: Tf, layer: L): L {
  const target = layer as unknown as FusedLayer
  const fused = target.call.bind(layer)
  target.call = (inputs, kwargs) => {
    // gradientDepth > 0: inside tf.grads / optimizer.minimize's forward pass (tfjs' own test).
    if (tf.engine().state.gradientDepth === 0) return fused(inputs, kwargs)
    const className = layer.getClassName()
    if (className === 'Dense') return tf.tidy(() => unfusedDense(tf, target, inputs, kwargs))
    if (className === 'Conv2D' && target.dataFormat === 'channelsLast') {
      return tf.tidy(() => unfusedConv2d(tf, target, inputs))
    }
    return fused(inputs, kwargs)
  }
  return layer
}

/** The fields of tfjs-layers' Dense and Conv2D read here (protected in their typings). */
interface FusedLayer {
  call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor | tfjs.Tensor[]
  invokeCallHook?(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): void
  kernel: tfjs.LayerVariable
  bias: tfjs.LayerVariable | null
  activation: { apply(x: tfjs.Tensor): tfjs.Tensor }
  strides: [number, number]
  padding: 'valid' | 'same'
  dilationRate: [number, number]
  dataFormat: string
}

const single = (inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs)

function withBiasAndActivation(tf: Tf, layer: FusedLayer, y: tfjs.Tensor): tfjs.Tensor {
  const biased = layer.bias ? tf.add(y, layer.bias.read()) : y
  return layer.activation.apply(biased)
}

function unfusedDense(
  tf: Tf,
  layer: FusedLayer,
  inputs: tfjs.Tensor | tfjs.Tensor[],
  kwargs: Record<string, unknown>,
): tfjs.Tensor {
  layer.invokeCallHook?.(inputs, kwargs)
  const x = single(inputs)
  const kernel = layer.kernel.read()
  // Over the last axis, as tfjs-layers' dot: [..., in] → [rows, in] · [in, units] → [..., units].
  const rows = x.rank === 2 ? x : tf.reshape(x, [-1, x.shape[x.rank - 1]])
  const product = tf.matMul(rows, kernel)
  const y = x.rank === 2 ? product : tf.reshape(product, [...x.shape.slice(0, -1), kernel.shape[1] as number])
  return withBiasAndActivation(tf, layer, y)
}

function unfusedConv2d(tf: Tf, layer: FusedLayer, inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
  const x = single(inputs) as tfjs.Tensor4D
  const kernel = layer.kernel.read() as tfjs.Tensor4D
  const y = tf.conv2d(x, kernel, layer.strides, layer.padding, 'NHWC', layer.dilationRate)
  return withBiasAndActivation(tf, layer, y)
}
