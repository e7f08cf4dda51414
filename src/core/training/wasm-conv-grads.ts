import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'

/**
 * The two convolution gradients for tfjs' WebAssembly backend (tfjs-backend-wasm 4.22), written as
 * its own fast forward Conv2D (XNNPACK, SIMD) plus cheap layout kernels.
 *
 * Why: the wasm backend has no Conv2DBackpropFilter at all (training a conv net fails there), and
 * its Conv2DBackpropInput is a plain loop, ~10× slower than its forward convolution on a DCGAN
 * discriminator. Both gradients are convolutions themselves:
 *
 *  - filter gradient: dW[kh,kw,ci,co] = Σ_{n,oh,ow} xpad[n, oh·s+kh, ow·s+kw, ci] · dy[n,oh,ow,co].
 *    With x's channels as the batch and the examples as channels, that is a stride-1 convolution
 *    of transpose(xpad) [ci,H,W,n] by transpose(dy) [oh,ow,n,co] with dilation s, cropped to the
 *    filter's size.
 *  - input gradient ("transposed convolution"): for stride s every output row of dx gets taps of
 *    one residue class kh ≡ r (mod s) only, so dx splits into s×s phases; each phase is a stride-1
 *    convolution of dy by the flipped sub-filter W[r::s], and the phases interleave back. This does
 *    the forward convolution's work instead of inserting s-1 zeros between dy's rows and columns
 *    (which would do s² times as much).
 *
 * Results equal the reference kernels up to float32 rounding (summation order differs); the
 * tests compare them with tfjs' cpu backend on random shapes, strides and paddings.
 */

type KernelParams = Parameters<tfjs.KernelFunc>[0]
type Info = tfjs.TensorInfo
type Backend = tfjs.KernelBackend
type Run = (name: string, inputs: Record<string, Info>, attrs?: Record<string, unknown>) => Info

const BACKEND = 'wasm'

/**
 * Runs `body` with a `run` that calls other wasm kernels directly and disposes every
 * intermediate it made, except the result. (Kernels must not create tensors through tf ops.)
 */
function withScratch(tf: Tf, backend: Backend, body: (run: Run) => Info): Info {
  const made: Info[] = []
  const run: Run = (name, inputs, attrs = {}) => {
    const kernel = tf.getKernel(name, BACKEND)
    const out = kernel.kernelFunc({ inputs, backend, attrs: attrs as tfjs.NamedAttrMap }) as Info
    made.push(out)
    return out
  }
  const result = body(run)
  for (const info of made) if (info !== result) backend.disposeData(info.dataId)
  return result
}

function convInfo(
  tf: Tf,
  inShape: number[],
  filterShape: number[],
  attrs: { strides: number | [number, number]; pad: unknown; dimRoundingMode?: unknown },
) {
  return tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad as 'same',
    attrs.dimRoundingMode as 'floor' | undefined,
    false,
    'channelsLast',
  )
}

export function conv2dBackpropFilter(tf: Tf, params: KernelParams): Info {
  const { x, dy } = params.inputs as { x: Info; dy: Info }
  const attrs = params.attrs as unknown as tfjs.Conv2DBackpropFilterAttrs
  const [kh, kw, ci, co] = attrs.filterShape
  const info = convInfo(tf, x.shape, attrs.filterShape, attrs)
  return withScratch(tf, params.backend as Backend, (run) => {
    const { top, bottom, left, right } = info.padInfo
    const padded =
      top || bottom || left || right
        ? run(
            'PadV2',
            { x },
            {
              paddings: [
                [0, 0],
                [top, bottom],
                [left, right],
                [0, 0],
              ],
              constantValue: 0,
            },
          )
        : x
    const xt = run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] })
    const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] })
    let grad = run(
      'Conv2D',
      { x: xt, filter: dyt },
      { strides: [1, 1], pad: 'valid', dilations: [info.strideHeight, info.strideWidth], dataFormat: 'NHWC' },
    )
    // Rows past the last full stride (valid padding with a remainder) reach no output: crop them.
    if (grad.shape[1] !== kh || grad.shape[2] !== kw)
      grad = run('Slice', { x: grad }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] })
    return run('Transpose', { x: grad }, { perm: [1, 2, 0, 3] })
  })
}

/** How one axis of dx splits into stride phases: in padded coordinates, row q·s + r is phase r's row q. */
function phaseAxis(size: number, padBefore: number, stride: number, outSize: number, kernel: number) {
  // Rows q = 0 … rows-1 of every phase cover padded rows 0 … rows·s-1 ⊇ [padBefore, padBefore+size).
  const rows = Math.ceil((padBefore + size) / stride)
  return Array.from({ length: stride }, (_, r) => {
    const taps = r < kernel ? Math.ceil((kernel - r) / stride) : 0
    // dx_r[q] = Σ_j dy[q - j] · W[r + s·j], j < taps: a valid correlation of dy padded by taps-1
    // before, with the sub-filter flipped; after: whatever makes `rows` outputs (negative = crop).
    return { r, taps, before: taps - 1, after: rows - outSize, rows }
  })
}

export function conv2dBackpropInput(tf: Tf, params: KernelParams): Info {
  const { dy, filter } = params.inputs as { dy: Info; filter: Info }
  const attrs = params.attrs as unknown as tfjs.Conv2DBackpropInputAttrs
  const [n, h, w, ci] = attrs.inputShape
  const [kh, kw, , co] = filter.shape
  const info = convInfo(tf, attrs.inputShape, filter.shape, attrs)
  const sh = info.strideHeight
  const sw = info.strideWidth
  const [outH, outW] = [dy.shape[1], dy.shape[2]]
  const rowsH = phaseAxis(h, info.padInfo.top, sh, outH, kh)
  const rowsW = phaseAxis(w, info.padInfo.left, sw, outW, kw)
  const qh = rowsH[0].rows
  const qw = rowsW[0].rows
  return withScratch(tf, params.backend as Backend, (run) => {
    const phases: Info[] = []
    for (const ph of rowsH) {
      for (const pw of rowsW) {
        if (ph.taps === 0 || pw.taps === 0) {
          phases.push(run('Fill', {}, { shape: [n, qh, qw, ci], value: 0, dtype: 'float32' }))
          continue
        }
        // Crop dy where a phase needs fewer rows than it has (negative "after" padding).
        const keepH = outH + Math.min(0, ph.after)
        const keepW = outW + Math.min(0, pw.after)
        const source =
          keepH < outH || keepW < outW
            ? run('Slice', { x: dy }, { begin: [0, 0, 0, 0], size: [n, keepH, keepW, co] })
            : dy
        const padH: [number, number] = [ph.before, Math.max(0, ph.after)]
        const padW: [number, number] = [pw.before, Math.max(0, pw.after)]
        const padded =
          padH[0] || padH[1] || padW[0] || padW[1]
            ? run('PadV2', { x: source }, { paddings: [[0, 0], padH, padW, [0, 0]], constantValue: 0 })
            : source
        const sub =
          sh > 1 || sw > 1
            ? run(
                'StridedSlice',
                { x: filter },
                {
                  begin: [ph.r, pw.r, 0, 0],
                  end: [kh, kw, ci, co],
                  strides: [sh, sw, 1, 1],
                  beginMask: 0,
                  endMask: 0,
                  ellipsisMask: 0,
                  newAxisMask: 0,
                  shrinkAxisMask: 0,
                },
              )
            : filter
        const flipped = run('Reverse', { x: sub }, { dims: [0, 1] })
        const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] })
        phases.push(
          run(
            'Conv2D',
            { x: padded, filter: swapped },
            { strides: [1, 1], pad: 'valid', dilations: [1, 1], dataFormat: 'NHWC' },
          ),
        )
      }
    }
    let full: Info
    if (phases.length === 1) full = phases[0]
    else {
      // [sh·sw, n, qh, qw, ci] → [n, qh, sh, qw, sw, ci] → rows q·s + r in order.
      // Pack (like Concat) takes its inputs as an array, not a name → tensor map.
      const stacked = run('Pack', phases as unknown as Record<string, Info>, { axis: 0 })
      const grid = run('Reshape', { x: stacked }, { shape: [sh, sw, n, qh, qw, ci] })
      const interleaved = run('Transpose', { x: grid }, { perm: [2, 3, 0, 4, 1, 5] })
      full = run('Reshape', { x: interleaved }, { shape: [n, qh * sh, qw * sw, ci] })
    }
    const { top, left } = info.padInfo
    if (top === 0 && left === 0 && qh * sh === h && qw * sw === w) return full
    return run('Slice', { x: full }, { begin: [0, top, left, 0], size: [n, h, w, ci] })
  })
}
