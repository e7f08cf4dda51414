/**
 * TensorFlow's 'same' padding, worked out per axis from the (known) input length: the total
 * padding is split with the smaller half before and the larger half after, which PyTorch's
 * symmetric `padding=` cannot express (and its padding='same' refuses strides > 1).
 */
export function samePadding(input: number, kernel: number, stride: number): [before: number, after: number] {
  const out = Math.ceil(input / stride)
  const total = Math.max((out - 1) * stride + kernel - input, 0)
  const before = Math.floor(total / 2)
  return [before, total - before]
}

/**
 * How torch's ConvTranspose reproduces TF's transposed convolution along one axis: the full
 * output ((in − 1)·s + k) is cropped `padding` on both sides and grown `outputPadding` at
 * the end; when TF crops unevenly (odd total), the exporter crops `crop` itself instead.
 */
export interface TransposeAxis {
  padding: number
  outputPadding: number
  /** Manual crop [start, start + length) of the full output, when padding cannot express it. */
  crop: { start: number; length: number } | null
}

export function transposeAxis(input: number, kernel: number, stride: number, mode: 'valid' | 'same'): TransposeAxis {
  const full = (input - 1) * stride + kernel
  if (mode === 'valid') {
    // TF: input·s + max(k − s, 0); beyond the full output there is only the bias.
    return { padding: 0, outputPadding: Math.max(stride - kernel, 0), crop: null }
  }
  const length = input * stride
  const total = Math.max(full - length, 0)
  if (total === 0) return { padding: 0, outputPadding: length - full, crop: null }
  if (total % 2 === 0) return { padding: total / 2, outputPadding: 0, crop: null }
  return { padding: 0, outputPadding: 0, crop: { start: Math.floor(total / 2), length } }
}

/**
 * F.pad amounts (left, right, top, bottom) of a 2-D pooling window with TF's 'same' padding,
 * or null when nothing needs padding (valid, or a window that fits exactly).
 */
export function poolPads(
  input: readonly (number | null)[],
  p: { poolSize: readonly number[]; strides: readonly number[]; padding: 'valid' | 'same' },
): [number, number, number, number] | null {
  if (p.padding === 'valid') return null
  const [top, bottom] = samePadding(input[0] ?? 0, p.poolSize[0], p.strides[0])
  const [left, right] = samePadding(input[1] ?? 0, p.poolSize[1], p.strides[1])
  return top + bottom + left + right === 0 ? null : [left, right, top, bottom]
}
