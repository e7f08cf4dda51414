/**
 * Just enough of the WebAssembly binary format to write small SIMD kernels by hand and run them
 * on tfjs' wasm backend's own memory: one imported memory ("env"."memory"), functions with i32,
 * f32 and v128 params and locals, no results. The kernels are a few dozen instructions, so
 * assembling them here costs microseconds and needs no toolchain or committed binary.
 * (Spec: https://webassembly.github.io/spec/core/binary/ and the fixed-width SIMD proposal.)
 */

export const I32 = 0x7f
export const F32 = 0x7d
export const V128 = 0x7b
export type ValueType = typeof I32 | typeof F32 | typeof V128

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = []
  let v = value >>> 0
  do {
    let byte = v & 0x7f
    v >>>= 7
    if (v !== 0) byte |= 0x80
    out.push(byte)
  } while (v !== 0)
  return out
}

/** Signed LEB128 (i32.const's immediate). */
function sleb(value: number): number[] {
  const out: number[] = []
  let v = value | 0
  for (;;) {
    const byte = v & 0x7f
    v >>= 7
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)
    out.push(done ? byte : byte | 0x80)
    if (done) return out
  }
}

const bytesOf = (text: string) => Array.from(text, (c) => c.charCodeAt(0))
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()]
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body]
const simd = (op: number) => [0xfd, ...uleb(op)]
/** Memory access immediate: alignment hint (log2 bytes) and a constant byte offset. */
const memarg = (alignLog2: number, offset = 0) => [alignLog2, ...uleb(offset)]

/** Instructions, each as its encoded bytes. */
export const op = {
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  f32Load: [0x2a, ...memarg(2)],
  f32Store: [0x38, ...memarg(2)],
  f32LoadAt: (offset: number) => [0x2a, ...memarg(2, offset)],
  f32StoreAt: (offset: number) => [0x38, ...memarg(2, offset)],
  f32Zero: [0x43, 0, 0, 0, 0],
  f32Sqrt: [0x91],
  f32Add: [0x92],
  f32Mul: [0x94],
  f32Div: [0x95],
  /** Unaligned-safe: the alignment immediate is only a hint (tfjs' buffers are 4-byte aligned). */
  v128Load: [...simd(0x00), ...memarg(2)],
  v128Store: [...simd(0x0b), ...memarg(2)],
  v128LoadAt: (offset: number) => [...simd(0x00), ...memarg(2, offset)],
  v128StoreAt: (offset: number) => [...simd(0x0b), ...memarg(2, offset)],
  v128Zero: [...simd(0x0c), ...Array<number>(16).fill(0)],
  f32x4Splat: simd(0x13),
  /** Loads one float32 into all four lanes (one broadcast load on x64 with AVX). */
  v128Load32Splat: [...simd(0x09), ...memarg(2)],
  f32x4Sqrt: simd(0xe3),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  /** A block (br 0 leaves it) and a loop (br 0 repeats it), with no result. */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
}

export interface WasmFunction {
  name: string
  params: ValueType[]
  locals: ValueType[]
  body: number[][]
}

/**
 * The bytes of a module importing "env"."memory" (minimum `minPages` pages, no maximum, not
 * shared) and exporting `functions` by name.
 */
export function assembleModule(functions: WasmFunction[], minPages = 1): Uint8Array {
  const name = (text: string) => [...uleb(text.length), ...bytesOf(text)]
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), 0])
  // Import kind 0x02 is a memory; limits flag 0x00: a minimum, no maximum.
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(minPages)]])
  const declarations = functions.map((_, i) => uleb(i))
  // Export kind 0x00 is a function.
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])
  const bodies = functions.map((f) => {
    const code = [...vector(f.locals.map((t) => [1, t])), ...f.body.flat(), ...op.end]
    return [...uleb(code.length), ...code]
  })
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, vector(declarations)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ])
}
