import type { ExportMessageKey, LocalValue } from '../../i18n/export-messages'
import type { Shape } from '../../shapes/shape'
import type { LayerWeight } from '../model-source'
import {
  DataType,
  type AttributeValue,
  type GraphProto,
  type NodeProto,
  type TensorProto,
  type ValueInfo,
} from './proto'

/** One weight tensor of a tf layer, as the shared model source reads it (Keras layout, float32). */
export type Weight = LayerWeight

/**
 * Thrown by a converter for a case ONNX (at this opset) cannot express exactly; the message says
 * why in English, `local` names the catalogue message (core/i18n/export-messages.ts) for the UI.
 */
export class OnnxUnsupported extends Error {
  constructor(
    message: string,
    readonly local?: { key: ExportMessageKey; values: Record<string, LocalValue> },
  ) {
    super(message)
  }
}

export function unsupported(reason: string, local?: OnnxUnsupported['local']): never {
  throw new OnnxUnsupported(reason, local)
}

/** Attribute constructors: ONNX attributes are typed, and JS numbers do not say int or float. */
export const attr = {
  f: (value: number): AttributeValue => ({ type: 'float', value }),
  i: (value: number): AttributeValue => ({ type: 'int', value }),
  s: (value: string): AttributeValue => ({ type: 'string', value }),
  floats: (value: readonly number[]): AttributeValue => ({ type: 'floats', value }),
  ints: (value: readonly number[]): AttributeValue => ({ type: 'ints', value }),
  strings: (value: readonly string[]): AttributeValue => ({ type: 'strings', value }),
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function floatBytes(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  const out = new Uint8Array(data.length * 4)
  const view = new DataView(out.buffer)
  data.forEach((v, i) => view.setFloat32(i * 4, v, true))
  return out
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  const view = new DataView(out.buffer)
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true))
  return out
}

/** Moves the axes of a row-major array: out[perm-indexed] = data, like numpy's transpose(perm). */
export function transposeData(data: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length
  const outShape = perm.map((p) => shape[p])
  const inStrides = new Array<number>(rank)
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s
    s *= shape[i]
  }
  const strides = perm.map((p) => inStrides[p])
  const out = new Float32Array(data.length)
  const index = new Array<number>(rank).fill(0)
  let src = 0
  for (let o = 0; o < out.length; o++) {
    out[o] = data[src]
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]++
      src += strides[axis]
      if (index[axis] < outShape[axis]) break
      src -= strides[axis] * outShape[axis]
      index[axis] = 0
    }
  }
  return out
}

/** Channels-last axis order [0, 1, …, r-1] → channels-first [0, r-1, 1, …, r-2], and back. */
export const toFirstPerm = (rank: number): number[] => [
  0,
  rank - 1,
  ...Array.from({ length: rank - 2 }, (_, i) => i + 1),
]
export const toLastPerm = (rank: number): number[] => [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1]

/**
 * Builds one ONNX graph. Values between layers stay in tfjs' layout (channels last), so graph
 * inputs and outputs take the same arrays as the tf model. Conv-like ops run channels first:
 * `toChannelsFirst` / `toChannelsLast` insert the Transposes and remember each pair, so a
 * channels-first value is reused instead of transposing back and forth; `prune` then drops the
 * Transposes nobody reads.
 */
export class OnnxGraph {
  readonly nodes: NodeProto[] = []
  readonly initializers: TensorProto[] = []
  /** Prefix for the names made while converting one layer (its tf name). */
  scope = 'graph'
  private valueNames = new Set<string>()
  private nodeNames = new Set<string>()
  /** channels-last value → the same tensor channels first */
  private firstTwin = new Map<string, string>()
  /** Values holding int32 (token ids); everything else is float32. */
  private readonly ints = new Set<string>()
  private int64Cache = new Map<string, string>()

  constructor(readonly opset: number) {}

  /** Claims a name (graph inputs/outputs) so nothing generated later takes it. */
  reserve(name: string): void {
    this.valueNames.add(name)
  }

  markInt(name: string): void {
    this.ints.add(name)
  }

  isInt(name: string): boolean {
    return this.ints.has(name)
  }

  private unique(taken: Set<string>, base: string): string {
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
    taken.add(name)
    return name
  }

  fresh(hint: string): string {
    return this.unique(this.valueNames, `${this.scope}/${hint}`)
  }

  /** Adds a node with several outputs; returns their names. */
  opN(opType: string, inputs: string[], attributes: Record<string, AttributeValue>, outputs: number): string[] {
    const names = Array.from({ length: outputs }, (_, i) => this.fresh(outputs === 1 ? opType : `${opType}_${i}`))
    this.nodes.push({
      opType,
      name: this.unique(this.nodeNames, `${this.scope}/${opType}`),
      inputs,
      outputs: names,
      attributes,
    })
    return names
  }

  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.opN(opType, inputs, attributes, 1)[0]
  }

  /** An op whose output gets a given name (a graph output). */
  opNamed(opType: string, inputs: string[], output: string): void {
    this.nodes.push({
      opType,
      name: this.unique(this.nodeNames, `${output}/${opType}`),
      inputs,
      outputs: [output],
      attributes: {},
    })
  }

  floatConst(hint: string, dims: readonly number[], data: Float32Array | readonly number[]): string {
    const values = data instanceof Float32Array ? data : Float32Array.from(data)
    const size = dims.reduce((a, b) => a * b, 1)
    if (values.length !== size)
      throw new Error(`constant ${hint}: ${values.length} values for shape [${dims.join(', ')}]`)
    const name = this.fresh(hint)
    this.initializers.push({ name, dataType: DataType.FLOAT, dims: [...dims], raw: floatBytes(values) })
    return name
  }

  scalar(value: number): string {
    return this.floatConst('const', [], [value])
  }

  /** An int64 vector (shapes, axes, pads, indices); identical ones are shared. dims [] = a scalar. */
  int64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `${dims.join(',')}:${values.join(',')}`
    const cached = this.int64Cache.get(key)
    if (cached) return cached
    const name = this.unique(this.valueNames, `const_i64_${this.int64Cache.size}`)
    this.initializers.push({ name, dataType: DataType.INT64, dims: [...dims], raw: int64Bytes(values) })
    this.int64Cache.set(key, name)
    return name
  }

  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm: attr.ints(perm) })
  }

  /** The channels-first twin of a channels-last value, if one was made. */
  twin(x: string): string | undefined {
    return this.firstTwin.get(x)
  }

  /** `x` (channels last, full rank incl. batch) as channels first. */
  toChannelsFirst(x: string, rank: number): string {
    const known = this.firstTwin.get(x)
    if (known) return known
    const y = this.transpose(x, toFirstPerm(rank))
    this.firstTwin.set(x, y)
    return y
  }

  /** `y` (channels first) back to tfjs' channels-last layout; remembers the pair. */
  toChannelsLast(y: string, rank: number): string {
    const x = this.transpose(y, toLastPerm(rank))
    this.firstTwin.set(x, y)
    return x
  }

  /** Drops nodes and initializers no graph output depends on (unused Transposes, mostly). */
  prune(outputs: readonly string[]): void {
    const needed = new Set(outputs)
    const producer = new Map<string, NodeProto>()
    for (const node of this.nodes) for (const out of node.outputs) producer.set(out, node)
    const keep = new Set<NodeProto>()
    const stack = [...outputs]
    while (stack.length > 0) {
      const value = stack.pop() as string
      const node = producer.get(value)
      if (!node || keep.has(node)) continue
      keep.add(node)
      for (const input of node.inputs) {
        if (input === '' || needed.has(input)) continue
        needed.add(input)
        stack.push(input)
      }
    }
    const nodes = this.nodes.filter((n) => keep.has(n))
    const inits = this.initializers.filter((t) => needed.has(t.name))
    this.nodes.splice(0, this.nodes.length, ...nodes)
    this.initializers.splice(0, this.initializers.length, ...inits)
  }

  toGraph(name: string, inputs: ValueInfo[], outputs: ValueInfo[]): GraphProto {
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs }
  }
}

/** A tfjs shape (without batch) as an ONNX value shape with a symbolic batch 'N'. */
export function onnxShape(shape: Shape, name: string): (number | string)[] {
  return ['N', ...shape.map((d, i) => (d === null ? `${name}_dim${i + 1}` : d))]
}
