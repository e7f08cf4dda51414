import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../kind'

/** Name stored in saved model.json files: never change it without a loader migration. */
export const MHA_CLASS_NAME = 'LayerCanvasMultiHeadAttention'

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>

export interface MultiHeadAttentionArgs extends LayerArgs {
  numHeads: number
  /** Size of each head's query/key/value vectors. */
  keyDim: number
  /** Dropout on the attention weights, during training only. */
  dropout?: number
  /** Position i may only attend to positions ≤ i (for next-token prediction). */
  causal?: boolean
  useBias?: boolean
}

type Kernel = tfjs.LayerVariable

/**
 * Multi-head (scaled dot-product) attention, as Keras' MultiHeadAttention computes it.
 * tfjs 4.22 exports none, so we write it; the class is made from the passed-in tf namespace
 * because core never imports tfjs.
 *
 * Weight layout = Keras' (so exporters can copy the arrays as they are), in this order:
 *   query/kernel [dq, heads, keyDim]   query/bias [heads, keyDim]
 *   key/kernel   [dv, heads, keyDim]   key/bias   [heads, keyDim]
 *   value/kernel [dv, heads, keyDim]   value/bias [heads, keyDim]
 *   attention_output/kernel [heads, keyDim, dq]   attention_output/bias [dq]
 * (biases only with useBias). Value heads use keyDim too, as Keras does by default.
 */
export function createMultiHeadAttention(tf: Tf) {
  class MultiHeadAttention extends tf.layers.Layer {
    static className = MHA_CLASS_NAME
    readonly numHeads: number
    readonly keyDim: number
    readonly dropout: number
    readonly causal: boolean
    readonly useBias: boolean
    private w: Record<'q' | 'k' | 'v' | 'o', { kernel: Kernel; bias: Kernel | null }> | null = null

    constructor(args: MultiHeadAttentionArgs) {
      super(args)
      this.numHeads = args.numHeads
      this.keyDim = args.keyDim
      this.dropout = args.dropout ?? 0
      this.causal = args.causal ?? false
      this.useBias = args.useBias ?? true
    }

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const [queryShape, valueShape] = shapeList(inputShape)
      const dq = queryShape[queryShape.length - 1] as number
      const dv = (valueShape ?? queryShape)[(valueShape ?? queryShape).length - 1] as number
      const heads = [this.numHeads, this.keyDim]
      const dense = (name: string, kernelShape: number[], biasShape: number[]) => ({
        kernel: this.addWeight(`${name}/kernel`, kernelShape, 'float32', tf.initializers.glorotUniform({})),
        bias: this.useBias ? this.addWeight(`${name}/bias`, biasShape, 'float32', tf.initializers.zeros()) : null,
      })
      this.w = {
        q: dense('query', [dq, ...heads], heads),
        k: dense('key', [dv, ...heads], heads),
        v: dense('value', [dv, ...heads], heads),
        o: dense('attention_output', [...heads, dq], [dq]),
      }
      this.built = true
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
      // The output projection maps back to the query's feature size: same shape as the query.
      return [...shapeList(inputShape)[0]]
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor {
      return tf.tidy(() => this.attend(inputs, kwargs['training'] === true).output)
    }

    /**
     * The attention weights [batch, heads, queries, keys] this layer uses for `inputs` (what
     * the activations view draws per head): the same code path as call(), with its own weights,
     * without dropout. Every row sums to 1. The caller owns (disposes) the result.
     */
    attentionScores(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      return tf.tidy(() => this.attend(inputs, false).weights)
    }

    /** Scaled dot-product attention; returns the softmax weights next to the output, both to be kept by a tidy. */
    private attend(
      inputs: tfjs.Tensor | tfjs.Tensor[],
      training: boolean,
    ): { weights: tfjs.Tensor; output: tfjs.Tensor } {
      const w = this.w
      if (w === null) throw new Error('MultiHeadAttention used before build()')
      const [query, value = query] = Array.isArray(inputs) ? inputs : [inputs]
      const [batch, tq, dq] = query.shape as number[]
      const tv = value.shape[1] as number
      const hk = this.numHeads * this.keyDim
      // x [B, T, d] · kernel [d, H, K] (+ bias) → [B, H, T, K]: one T×K matrix per head.
      const project = (x: tfjs.Tensor, p: { kernel: Kernel; bias: Kernel | null }) => {
        const [b, t, d] = x.shape as number[]
        let y = tf.matMul(tf.reshape(x, [-1, d]), tf.reshape(p.kernel.read(), [d, hk]))
        if (p.bias) y = tf.add(y, tf.reshape(p.bias.read(), [hk]))
        return tf.transpose(tf.reshape(y, [b, t, this.numHeads, this.keyDim]), [0, 2, 1, 3])
      }
      // Scaling the query first (as Keras does) keeps the dot products' spread independent of keyDim.
      const q = tf.mul(project(query, w.q), 1 / Math.sqrt(this.keyDim))
      const k = project(value, w.k)
      const v = project(value, w.v)
      let scores = tf.matMul(q, k, false, true) // [B, H, Tq, Tv]
      if (this.causal) {
        // Lower-triangular 1s: query i sees keys 0…i. Masked scores get −1e9, i.e. weight 0.
        const allowed = tf.linalg.bandPart(tf.ones([tq, tv]), -1, 0)
        scores = tf.add(scores, tf.mul(tf.sub(1, allowed), -1e9))
      }
      const weights = tf.softmax(scores)
      const used = training && this.dropout > 0 ? tf.dropout(weights, this.dropout) : weights
      const context = tf.reshape(tf.transpose(tf.matMul(used, v), [0, 2, 1, 3]), [-1, hk])
      let out = tf.matMul(context, tf.reshape(w.o.kernel.read(), [hk, dq]))
      if (w.o.bias) out = tf.add(out, w.o.bias.read())
      return { weights, output: tf.reshape(out, [batch, tq, dq]) }
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return {
        ...super.getConfig(),
        numHeads: this.numHeads,
        keyDim: this.keyDim,
        dropout: this.dropout,
        causal: this.causal,
        useBias: this.useBias,
      }
    }
  }
  return MultiHeadAttention
}

/** A layer with several inputs gets a list of shapes; with one, a single shape. */
export function shapeList(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape[] {
  return Array.isArray(inputShape[0]) ? (inputShape as tfjs.Shape[]) : [inputShape as tfjs.Shape]
}
