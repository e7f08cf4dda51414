import type * as tfjs from '@tensorflow/tfjs'
import type { Tf } from '../layers/kind'
import { backpropInputByColumns, COLUMN_PATH_MAX_CHANNELS } from './wasm-conv-cols'
import { withScratch, type Backend, type Info, type KernelParams } from './wasm-scratch'

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
 *    of transpose(x) [ci,H,W,n], padded as x was, by transpose(dy) [oh,ow,n,co] with dilation s,
 *    cropped to the filter's size.
 *  - input gradient ("transposed convolution"): for stride s every output row of dx gets taps of
 *    one residue class kh ≡ r (mod s) only, so dx splits into s×s phases; each phase is a stride-1
 *    convolution of dy by the flipped sub-filter W[r::s], and the phases interleave back. This does
 *    the forward convolution's work instead of inserting s-1 zeros between dy's rows and columns
 *    (which would do s² times as much).
 *
 * Results equal the reference kernels up to float32 rounding (summation order differs); the
 * tests compare them with tfjs' cpu backend on random shapes, strides and paddings.
 */

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
  return withScratch(tf, params.backend as Backend, ({ run }) => {
    // x's padding goes to the convolution (XNNPACK pads as it reads) rather than into a copy.
    const { top, bottom, left, right } = info.padInfo
    const xt = run('Transpose', { x }, { perm: [3, 1, 2, 0] })
    const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] })
    let grad = run(
      'Conv2D',
      { x: xt, filter: dyt },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dilations: [info.strideHeight, info.strideWidth],
        dataFormat: 'NHWC',
      },
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

/**
 * Phase (rh, rw)'s filter: W[rh::sh, rw::sw] flipped in both spatial axes, with its channel axes
 * swapped ([th, tw, co, ci]), so that a forward convolution of dy by it gives that phase of dx.
 */
function phaseFilter(
  w: Float32Array,
  [kw, ci, co]: [number, number, number],
  [rh, rw]: [number, number],
  [sh, sw]: [number, number],
  [th, tw]: [number, number],
): Float32Array {
  const out = new Float32Array(th * tw * co * ci)
  for (let a = 0; a < th; a++) {
    const row = rh + sh * (th - 1 - a)
    for (let b = 0; b < tw; b++) {
      const col = rw + sw * (tw - 1 - b)
      const from = (row * kw + col) * ci * co
      const to = (a * tw + b) * co * ci
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[to + o * ci + i] = w[from + i * co + o]
    }
  }
  return out
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
  return withScratch(tf, params.backend as Backend, (scratch) => {
    const { run, make, view } = scratch
    if (ci <= COLUMN_PATH_MAX_CHANNELS) {
      const geometry = {
        inputShape: attrs.inputShape,
        kernel: [kh, kw] as [number, number],
        strides: [sh, sw] as [number, number],
      }
      return backpropInputByColumns(scratch, dy, filter, {
        ...geometry,
        padTop: info.padInfo.top,
        padLeft: info.padInfo.left,
      })
    }
    const phases: { rh: number; rw: number; out: Info | null }[] = []
    for (const ph of rowsH) {
      for (const pw of rowsW) {
        if (ph.taps === 0 || pw.taps === 0) {
          phases.push({ rh: ph.r, rw: pw.r, out: null }) // no tap reaches these rows: zeros
          continue
        }
        // Crop dy where a phase needs fewer rows than it has (negative "after" padding).
        const keepH = outH + Math.min(0, ph.after)
        const keepW = outW + Math.min(0, pw.after)
        const source =
          keepH < outH || keepW < outW
            ? run('Slice', { x: dy }, { begin: [0, 0, 0, 0], size: [n, keepH, keepW, co] })
            : dy
        const taps: [number, number] = [ph.taps, pw.taps]
        const values = phaseFilter(view(filter), [kw, ci, co], [ph.r, pw.r], [sh, sw], taps)
        const sub = make(values, [ph.taps, pw.taps, co, ci])
        const pad = [
          [0, 0],
          [ph.before, Math.max(0, ph.after)],
          [pw.before, Math.max(0, pw.after)],
          [0, 0],
        ]
        const out = run(
          'Conv2D',
          { x: source, filter: sub },
          { strides: [1, 1], pad, dilations: [1, 1], dataFormat: 'NHWC' },
        )
        phases.push({ rh: ph.r, rw: pw.r, out })
      }
    }
    const { top, left } = info.padInfo
    if (phases.length === 1 && phases[0].out && top === 0 && left === 0 && qh === h && qw === w) return phases[0].out
    // Interleave the phases (padded row q·s + r is phase r's row q) and crop the padding, in one
    // pass over wasm memory: a 6-D transpose kernel does the same several times slower.
    const result = make(null, [n, h, w, ci])
    const dx = view(result)
    if (phases.some((p) => p.out === null)) dx.fill(0)
    for (const { rh, rw, out } of phases) {
      if (!out) continue
      const src = view(out)
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < qh; i++) {
          const y = i * sh + rh - top
          if (y < 0 || y >= h) continue
          for (let j = 0; j < qw; j++) {
            const x = j * sw + rw - left
            if (x < 0 || x >= w) continue
            const from = ((b * qh + i) * qw + j) * ci
            const to = ((b * h + y) * w + x) * ci
            for (let c = 0; c < ci; c++) dx[to + c] = src[from + c]
          }
        }
      }
    }
    return result
  })
}
