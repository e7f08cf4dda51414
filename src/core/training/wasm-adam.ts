import { F32, I32, op, V128, type WasmFunction } from './wasm-assembler'

/**
 * Adam's whole update for one weight as one pass of WebAssembly SIMD over tfjs' wasm memory
 * (the kernel and optimizer that call it: fused-adam.ts).
 * tfjs' AdamOptimizer spends ~15 element-wise kernels per weight (each a pass over memory and a
 * new tensor): 1.6–1.9 ms of the MNIST MLP's ~4 ms step on this machine. This kernel reads the
 * weight, its gradient and both moments once and writes the three new tensors.
 *
 * It performs tfjs' float32 operations in tfjs' order, each correctly rounded (IEEE add, mul,
 * div and sqrt, as XNNPACK's element-wise kernels do), so its results are bit-identical to
 * tf.train.adam's on the wasm backend (the tests check this over many steps):
 *   m' = m·β1 + g·(1−β1)
 *   v' = v·β2 + g²·(1−β2)
 *   w' = ((m' / (1−β1ᵗ)) / (√(v' / (1−β2ᵗ)) + ε)) · (−lr) + w
 */

/** Attributes of one update, each rounded to float32 when passed to WebAssembly (as tfjs' scalars are). */
export interface AdamAttrs {
  beta1: number
  oneMinusBeta1: number
  beta2: number
  oneMinusBeta2: number
  /** 1 − β1ᵗ and 1 − β2ᵗ as tfjs computes them: float32 subtractions from its float32 β powers. */
  biasCorrection1: number
  biasCorrection2: number
  epsilon: number
  negativeLearningRate: number
}

/** The order of the attributes after the addresses and the count. */
export const ADAM_ATTR_ORDER: (keyof AdamAttrs)[] = [
  'beta1',
  'oneMinusBeta1',
  'beta2',
  'oneMinusBeta2',
  'biasCorrection1',
  'biasCorrection2',
  'epsilon',
  'negativeLearningRate',
]

/** adam(w, g, m, v, outW, outM, outV, count, ...attrs): byte addresses, element count, float32 attrs. */
export type AdamFn = (...args: number[]) => void

/** Local indices: the 16 params (7 byte addresses, the count, 8 attrs), then the locals. */
const [W, G, M, V, OUT_W, OUT_M, OUT_V, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7]
const ATTR = 8 // ATTR + k: the k-th attribute in ADAM_ATTR_ORDER, as f32
const [I, END] = [16, 17]
const SPLAT = 18 // SPLAT + k: the k-th attribute in all four lanes
const [GV, MV, VV] = [26, 27, 28] // v128 temporaries
const [GS, MS, VS] = [29, 30, 31] // f32 temporaries for the tail
const [B1, OMB1, B2, OMB2, BC1, BC2, EPS, NLR] = [0, 1, 2, 3, 4, 5, 6, 7]

/**
 * One loop over the bytes [I, END): SIMD (four elements a step, attributes splatted) or scalar
 * (one element a step, attributes as passed).
 */
function updateLoop(simd: boolean): number[][] {
  const load = simd ? op.v128Load : op.f32Load
  const store = simd ? op.v128Store : op.f32Store
  const [add, mul, div, sqrt] = simd
    ? [op.f32x4Add, op.f32x4Mul, op.f32x4Div, op.f32x4Sqrt]
    : [op.f32Add, op.f32Mul, op.f32Div, op.f32Sqrt]
  const attr = (k: number) => op.get(simd ? SPLAT + k : ATTR + k)
  const [g, m, v] = simd ? [GV, MV, VV] : [GS, MS, VS]
  const at = (base: number) => [op.get(base), op.get(I), op.i32Add]
  return [
    op.block,
    op.loop,
    op.get(I),
    op.get(END),
    op.i32GeU,
    op.brIf(1),
    ...at(G),
    load,
    op.set(g),
    // m' = m·β1 + g·(1−β1)
    ...at(OUT_M),
    ...at(M),
    load,
    attr(B1),
    mul,
    op.get(g),
    attr(OMB1),
    mul,
    add,
    op.tee(m),
    store,
    // v' = v·β2 + (g·g)·(1−β2)
    ...at(OUT_V),
    ...at(V),
    load,
    attr(B2),
    mul,
    op.get(g),
    op.get(g),
    mul,
    attr(OMB2),
    mul,
    add,
    op.tee(v),
    store,
    // w' = ((m' / bc1) / (√(v' / bc2) + ε)) · (−lr) + w
    ...at(OUT_W),
    op.get(m),
    attr(BC1),
    div,
    op.get(v),
    attr(BC2),
    div,
    sqrt,
    attr(EPS),
    add,
    div,
    attr(NLR),
    mul,
    ...at(W),
    load,
    add,
    store,
    op.get(I),
    op.i32(simd ? 16 : 4),
    op.i32Add,
    op.set(I),
    op.br(0),
    op.end,
    op.end,
  ]
}

/** `adam` runs the SIMD loop over whole groups of four elements, then a scalar loop over the rest. */
export const ADAM_FUNCTION: WasmFunction = {
  name: 'adam',
  params: [...Array<typeof I32>(8).fill(I32), ...Array<typeof F32>(8).fill(F32)],
  locals: [I32, I32, ...Array<typeof V128>(11).fill(V128), F32, F32, F32],
  body: [
    ...ADAM_ATTR_ORDER.flatMap((_, k) => [op.get(ATTR + k), op.f32x4Splat, op.set(SPLAT + k)]),
    op.i32(0),
    op.set(I),
    // END = (count rounded down to a multiple of 4) · 4 bytes
    op.get(COUNT),
    op.i32(-4),
    op.i32And,
    op.i32(2),
    op.i32Shl,
    op.set(END),
    ...updateLoop(true),
    op.get(COUNT),
    op.i32(2),
    op.i32Shl,
    op.set(END),
    ...updateLoop(false),
  ],
}
