/**
 * A minimal protobuf writer for the part of onnx.proto an exporter needs (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto). Plain TypeScript with no runtime
 * dependency, so the core stays pure and the browser build needs no protobuf library (and no
 * eval). Field numbers are those of onnx/onnx.proto (proto2, so repeated scalars are written
 * unpacked, as the reference implementation does).
 */

const WIRE_VARINT = 0
const WIRE_LEN = 2
const WIRE_FIXED32 = 5

const utf8 = new TextEncoder()

/** Collects bytes in small chunks; big payloads (weights) are kept by reference, not copied. */
export class ProtoWriter {
  private parts: Uint8Array[] = []
  private pending: number[] = []
  length = 0

  private flush(): void {
    if (this.pending.length > 0) {
      this.parts.push(Uint8Array.from(this.pending))
      this.pending = []
    }
  }

  private byte(b: number): void {
    this.pending.push(b)
    this.length++
  }

  /** An int64 / uint64 / int32 / enum value; negatives use 10-byte two's complement as protobuf requires. */
  private varint(value: number | bigint): void {
    if (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER) {
      let n = value
      while (n >= 0x80) {
        this.byte((n % 0x80) | 0x80)
        n = Math.floor(n / 0x80)
      }
      this.byte(n)
      return
    }
    let n = BigInt.asUintN(64, BigInt(value))
    while (n >= 0x80n) {
      this.byte(Number(n & 0x7fn) | 0x80)
      n >>= 7n
    }
    this.byte(Number(n))
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire)
  }

  int(field: number, value: number): this {
    this.tag(field, WIRE_VARINT)
    this.varint(value)
    return this
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32)
    const bytes = new Uint8Array(4)
    new DataView(bytes.buffer).setFloat32(0, value, true)
    for (const b of bytes) this.byte(b)
    return this
  }

  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN)
    this.varint(data.length)
    this.flush()
    this.parts.push(data)
    this.length += data.length
    return this
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value))
  }

  message(field: number, inner: ProtoWriter): this {
    this.tag(field, WIRE_LEN)
    this.varint(inner.length)
    this.flush()
    inner.flush()
    for (const part of inner.parts) this.parts.push(part)
    this.length += inner.length
    return this
  }

  finish(): Uint8Array {
    this.flush()
    const out = new Uint8Array(this.length)
    let at = 0
    for (const part of this.parts) {
      out.set(part, at)
      at += part.length
    }
    return out
  }
}

// ---------------------------------------------------------------------------------------------
// The ONNX messages, as plain objects.

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const
export type DataTypeId = (typeof DataType)[keyof typeof DataType]

export type AttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'floats'; value: readonly number[] }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'strings'; value: readonly string[] }

export interface NodeProto {
  opType: string
  name: string
  inputs: string[]
  outputs: string[]
  attributes: Record<string, AttributeValue>
}

export interface TensorProto {
  name: string
  dataType: DataTypeId
  dims: readonly number[]
  /** Little-endian bytes of the values. */
  raw: Uint8Array
}

/** A graph input/output: element type and shape, a string for a symbolic dimension. */
export interface ValueInfo {
  name: string
  elemType: DataTypeId
  shape: readonly (number | string)[]
}

export interface GraphProto {
  name: string
  nodes: NodeProto[]
  initializers: TensorProto[]
  inputs: ValueInfo[]
  outputs: ValueInfo[]
}

export interface ModelProto {
  irVersion: number
  opset: number
  producerName: string
  producerVersion: string
  docString?: string
  graph: GraphProto
}

const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, floats: 6, ints: 7, strings: 8 } as const

function writeAttribute(name: string, attr: AttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name)
  switch (attr.type) {
    case 'float':
      w.float(2, attr.value)
      break
    case 'int':
      w.int(3, attr.value)
      break
    case 'string':
      w.string(4, attr.value)
      break
    case 'floats':
      for (const v of attr.value) w.float(7, v)
      break
    case 'ints':
      for (const v of attr.value) w.int(8, v)
      break
    case 'strings':
      for (const v of attr.value) w.string(9, v)
      break
  }
  return w.int(20, ATTRIBUTE_TYPE[attr.type])
}

function writeNode(node: NodeProto): ProtoWriter {
  const w = new ProtoWriter()
  for (const input of node.inputs) w.string(1, input)
  for (const output of node.outputs) w.string(2, output)
  w.string(3, node.name).string(4, node.opType)
  for (const [name, attr] of Object.entries(node.attributes)) w.message(5, writeAttribute(name, attr))
  return w
}

function writeTensor(t: TensorProto): ProtoWriter {
  const w = new ProtoWriter()
  for (const d of t.dims) w.int(1, d)
  return w.int(2, t.dataType).string(8, t.name).bytes(9, t.raw)
}

function writeValueInfo(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter()
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d))
  }
  const tensorType = new ProtoWriter().int(1, v.elemType).message(2, shape)
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType))
}

function writeGraph(g: GraphProto): ProtoWriter {
  const w = new ProtoWriter()
  for (const node of g.nodes) w.message(1, writeNode(node))
  w.string(2, g.name)
  for (const t of g.initializers) w.message(5, writeTensor(t))
  for (const v of g.inputs) w.message(11, writeValueInfo(v))
  for (const v of g.outputs) w.message(12, writeValueInfo(v))
  return w
}

/** Serialises a model to the bytes of an .onnx file. */
export function encodeModel(m: ModelProto): Uint8Array {
  const w = new ProtoWriter().int(1, m.irVersion).string(2, m.producerName).string(3, m.producerVersion)
  if (m.docString) w.string(6, m.docString)
  w.message(7, writeGraph(m.graph))
  w.message(8, new ProtoWriter().string(1, '').int(2, m.opset))
  return w.finish()
}
