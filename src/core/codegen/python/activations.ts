import { pyFloat } from './literal'

/**
 * Activation functions as tfjs 4.22 computes them, in PyTorch and Keras 3 code.
 * - gelu: tfjs' 'gelu' is the exact erf form (its 'gelu_new' is the tanh one), as are
 *   torch's F.gelu default and Keras 3's gelu (approximate=False).
 * - swish: x · sigmoid(x) = torch's silu.
 * - elu: α = 1; selu: the standard constants (same in all three).
 * - softmax: over the channel axis (the last one in tfjs' layout).
 */
export type ActivationId =
  'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu' | 'selu' | 'gelu' | 'swish' | 'leakyRelu'

/** `x` with the activation applied; `channelAxis` is where softmax normalises (-1, or 1 for NCHW). */
export function torchActivation(
  id: ActivationId,
  x: string,
  options: { channelAxis?: number; alpha?: number } = {},
): string {
  switch (id) {
    case 'linear':
      return x
    case 'relu':
      return `torch.relu(${x})`
    case 'sigmoid':
      return `torch.sigmoid(${x})`
    case 'tanh':
      return `torch.tanh(${x})`
    case 'softmax':
      return `torch.softmax(${x}, dim=${options.channelAxis ?? -1})`
    case 'elu':
      return `F.elu(${x})`
    case 'selu':
      return `F.selu(${x})`
    case 'gelu':
      return `F.gelu(${x})`
    case 'swish':
      return `F.silu(${x})`
    case 'leakyRelu':
      return `F.leaky_relu(${x}, ${pyFloat(options.alpha ?? 0.3)})`
  }
}

/** The activation string Keras 3 takes for `activation=`; leakyRelu needs a layer of its own. */
export function kerasActivation(id: Exclude<ActivationId, 'leakyRelu'>): string {
  return id === 'swish' ? 'silu' : id
}
