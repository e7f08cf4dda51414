/**
 * A tensor shape WITHOUT the batch dimension: [28, 28, 1] for an image, [784] for a vector,
 * [null, 64] for a sequence of unknown length. `null` marks a dimension unknown until run time.
 * The batch dimension is always implicit (tfjs writes it as a leading `null`).
 */
export type Dim = number | null
export type Shape = readonly Dim[]

/** `28×28×1`; unknown dimensions print as `?`. A scalar per sample prints as `1`. */
export function formatShape(shape: Shape): string {
  if (shape.length === 0) return '1'
  return shape.map((d) => (d === null ? '?' : String(d))).join('×')
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i])
}

/** Product of all dims, or null when any is unknown. */
export function shapeSize(shape: Shape): number | null {
  let n = 1
  for (const d of shape) {
    if (d === null) return null
    n *= d
  }
  return n
}

/** The tfjs form: batch dimension first. */
export function withBatch(shape: Shape): Dim[] {
  return [null, ...shape]
}

/** Output length of a conv/pool window along one axis (Keras' conv_output_length). */
export function convOutputLength(
  input: Dim,
  kernel: number,
  stride: number,
  padding: 'valid' | 'same',
  dilation = 1,
): Dim {
  if (input === null) return null
  const effective = kernel + (kernel - 1) * (dilation - 1)
  const length = padding === 'same' ? input : input - effective + 1
  return Math.floor((length + stride - 1) / stride)
}

/** Output length of a transposed convolution along one axis (Keras' deconv_output_length). */
export function deconvOutputLength(input: Dim, kernel: number, stride: number, padding: 'valid' | 'same'): Dim {
  if (input === null) return null
  return padding === 'same' ? input * stride : input * stride + Math.max(kernel - stride, 0)
}
