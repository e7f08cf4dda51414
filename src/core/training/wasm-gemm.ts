import { F32, I32, op, V128, type ValueType, type WasmFunction } from './wasm-assembler'

/**
 * C = A·B for row-major float32 matrices in tfjs' wasm memory, with WebAssembly SIMD and no
 * packing. tfjs' wasm BatchMatMul hands B to XNNPACK, which repacks it into its own layout
 * whenever B is a tensor it has not seen: during training that is every step, since the weights
 * change (the MNIST MLP's forward product [64, 784]·[784, 128]: 0.7 ms with B already packed,
 * 1.8 ms when packed anew, on this 2-core machine). These kernels read B in place (0.95 ms for
 * that product): each block of 4 rows × 8 columns of C keeps its 32 sums in 8 registers while k
 * runs along A's rows and B's columns. Tried and slower here: 6-row blocks, and unrolling k by 2
 * or 4 (V8 then spills registers).
 *
 * Every sum is accumulated in k order from 0, one rounded multiply and one rounded add per term,
 * as XNNPACK's kernels do.
 */

/** Functions for the blocks: rows × columns (vectors of four lanes, or one scalar column). */
const BLOCKS = [
  { rows: 4, vectors: 2, simd: true },
  { rows: 4, vectors: 1, simd: true },
  { rows: 4, vectors: 1, simd: false },
  { rows: 1, vectors: 2, simd: true },
  { rows: 1, vectors: 1, simd: true },
  { rows: 1, vectors: 1, simd: false },
] as const

const gemmName = (rows: number, vectors: number, simd: boolean) => `gemm${rows}x${vectors * (simd ? 4 : 1)}`

/**
 * One block kernel: (a, b, c, rowStart, rowEnd, colStart, colEnd, K, N, aRowBytes, aStepBytes)
 * fills C's rows [rowStart, rowEnd) × columns [colStart, colEnd), whose sizes must be multiples
 * of the block's. a, b, c are byte addresses; A is M×K, B is K×N (row-major), C is M×N. A[i, k]
 * is at a + i·aRowBytes + k·aStepBytes: (K·4, 4) for a row-major A, (4, M·4) for A stored
 * transposed (a dense layer's weight gradient xᵀ·dy reads x in place).
 */
export function blockKernel(rows: number, vectors: number, simd: boolean): WasmFunction {
  const [A, B, C, ROW0, ROW1, COL0, COL1, K, N, A_ROW, A_STEP] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  const [I, J, KK, COL_BYTES, PB] = [11, 12, 13, 14, 15]
  const PA = 16 // PA + r: the address of A[i + r, k]
  const ACC = PA + rows // ACC + r·vectors + v
  const BV = ACC + rows * vectors // BV + v: B[k, j + 4v …]
  const S = BV + vectors // A[i + r, k] in every lane
  const lane: ValueType = simd ? V128 : F32
  const width = simd ? 16 : 4 // bytes per vector
  const [load, store, add, mul, zero] = simd
    ? [op.v128LoadAt, op.v128StoreAt, op.f32x4Add, op.f32x4Mul, op.v128Zero]
    : [op.f32LoadAt, op.f32StoreAt, op.f32Add, op.f32Mul, op.f32Zero]
  const each = <T>(count: number, body: (index: number) => T[]) =>
    Array.from({ length: count }, (_, n) => body(n)).flat()
  const accumulate = each(rows, (r) => [
    op.get(PA + r),
    ...(simd ? [op.v128Load32Splat] : [op.f32Load]),
    op.set(S),
    ...each(vectors, (v) => [
      op.get(ACC + r * vectors + v),
      op.get(S),
      op.get(BV + v),
      mul,
      add,
      op.set(ACC + r * vectors + v),
    ]),
  ])
  const rowAddress = (r: number) => [
    // c + (i + r)·N·4 + j·4
    op.get(C),
    op.get(I),
    op.i32(r),
    op.i32Add,
    op.get(COL_BYTES),
    op.i32Mul,
    op.i32Add,
    op.get(J),
    op.i32(4),
    op.i32Mul,
    op.i32Add,
  ]
  return {
    name: gemmName(rows, vectors, simd),
    params: Array<ValueType>(11).fill(I32),
    locals: [...Array<ValueType>(5 + rows).fill(I32), ...Array<ValueType>(rows * vectors + vectors).fill(lane), lane],
    body: [
      op.get(N),
      op.i32(4),
      op.i32Mul,
      op.set(COL_BYTES),
      // Column blocks outside, row blocks inside: B's panel of columns stays in cache while
      // A's rows stream past (B is usually the larger operand: a weight matrix).
      op.get(COL0),
      op.set(J),
      op.block,
      op.loop,
      op.get(J),
      op.get(COL1),
      op.i32GeU,
      op.brIf(1),
      op.get(ROW0),
      op.set(I),
      op.block,
      op.loop,
      op.get(I),
      op.get(ROW1),
      op.i32GeU,
      op.brIf(1),
      ...each(rows * vectors, (n) => [zero, op.set(ACC + n)]),
      // PA₀ = a + i·aRowBytes, PAᵣ = PAᵣ₋₁ + aRowBytes; PB = b + j·4
      op.get(A),
      op.get(I),
      op.get(A_ROW),
      op.i32Mul,
      op.i32Add,
      op.set(PA),
      ...each(rows - 1, (r) => [op.get(PA + r), op.get(A_ROW), op.i32Add, op.set(PA + r + 1)]),
      op.get(B),
      op.get(J),
      op.i32(4),
      op.i32Mul,
      op.i32Add,
      op.set(PB),
      op.i32(0),
      op.set(KK),
      op.block,
      op.loop,
      op.get(KK),
      op.get(K),
      op.i32GeU,
      op.brIf(1),
      ...each(vectors, (v) => [op.get(PB), load(v * width), op.set(BV + v)]),
      ...accumulate,
      ...each(rows, (r) => [op.get(PA + r), op.get(A_STEP), op.i32Add, op.set(PA + r)]),
      op.get(PB),
      op.get(COL_BYTES),
      op.i32Add,
      op.set(PB),
      op.get(KK),
      op.i32(1),
      op.i32Add,
      op.set(KK),
      op.br(0),
      op.end,
      op.end,
      // The k loop is done, so KK holds each row's address in C.
      ...each(rows, (r) => [
        ...rowAddress(r),
        op.set(KK),
        ...each(vectors, (v) => [op.get(KK), op.get(ACC + r * vectors + v), store(v * width)]),
      ]),
      op.get(I),
      op.i32(rows),
      op.i32Add,
      op.set(I),
      op.br(0),
      op.end,
      op.end,
      op.get(J),
      op.i32(vectors * (simd ? 4 : 1)),
      op.i32Add,
      op.set(J),
      op.br(0),
      op.end,
      op.end,
    ],
  }
}

export const GEMM_FUNCTIONS: WasmFunction[] = BLOCKS.map((b) => blockKernel(b.rows, b.vectors, b.simd))

/** A block kernel: (a, b, c, rowStart, rowEnd, colStart, colEnd, K, N, aRowBytes, aStepBytes). */
export type GemmFn = (...args: number[]) => void

/**
 * C (M×N) = A (M×K) · B (K×N), float32 at byte addresses a, b, c in the kernels' memory, B and C
 * row-major, A row-major or (`transposedA`) stored as its K×M transpose: 4×8 blocks, then the
 * edges with narrower blocks (4×4, 4×1, 1×8, 1×4, 1×1).
 */
export function gemm(
  kernels: Record<string, GemmFn>,
  a: number,
  b: number,
  c: number,
  M: number,
  K: number,
  N: number,
  transposedA = false,
): void {
  const [aRow, aStep] = transposedA ? [4, M * 4] : [K * 4, 4]
  const m4 = M - (M % 4)
  const n8 = N - (N % 8)
  const n4 = N - (N % 4)
  const run = (name: string, row0: number, row1: number, col0: number, col1: number) => {
    if (row1 > row0 && col1 > col0) kernels[name](a, b, c, row0, row1, col0, col1, K, N, aRow, aStep)
  }
  run('gemm4x8', 0, m4, 0, n8)
  run('gemm4x4', 0, m4, n8, n4)
  run('gemm4x1', 0, m4, n4, N)
  run('gemm1x8', m4, M, 0, n8)
  run('gemm1x4', m4, M, n8, n4)
  run('gemm1x1', m4, M, n4, N)
}
