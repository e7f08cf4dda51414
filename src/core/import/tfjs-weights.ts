import type { ProjectDocument, TrainedWeight } from '../document/types'
import { getLayerKind } from '../layers/registry'
import { analyzeGraph } from '../shapes/analyze'
import { isObject, type Topology } from './tfjs-topology'

/**
 * Reading a model's weights (manifest + binary data) into doc.trained's form, for the
 * TensorFlow.js / Keras import. Every size is checked against the manifest and the graph.
 */

export interface ImportWeightSpec {
  name: string
  shape: number[]
  dtype: string
  quantization?: { dtype?: string; scale?: number; min?: number }
}

export interface ImportWeights {
  /** The manifest's weight entries, in file order (all groups concatenated). */
  specs: unknown
  /** The weight files' bytes, concatenated in manifest order. */
  data: ArrayBuffer | Uint8Array | ArrayBuffer[]
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 }

function toBytes(data: ImportWeights['data']): Uint8Array | null {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) {
    if (!data.every((d) => d instanceof ArrayBuffer)) return null
    const out = new Uint8Array(data.reduce((n, d) => n + d.byteLength, 0))
    let at = 0
    for (const d of data) {
      out.set(new Uint8Array(d), at)
      at += d.byteLength
    }
    return out
  }
  return null
}

function readSpec(value: unknown, index: number): ImportWeightSpec | string {
  if (!isObject(value)) return `weight ${index} in the manifest is not an object`
  const { name, shape, dtype, quantization } = value
  if (typeof name !== 'string') return `weight ${index} in the manifest has no name`
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => Number.isInteger(d) && d >= 0 && d <= 1e9)) {
    return `weight "${name}" has an invalid shape ${JSON.stringify(shape)}`
  }
  if (typeof dtype !== 'string' || !(dtype in BYTES))
    return `weight "${name}" has an unsupported dtype ${JSON.stringify(dtype)}`
  const spec: ImportWeightSpec = { name, shape: shape as number[], dtype }
  if (quantization !== undefined) {
    if (!isObject(quantization)) return `weight "${name}" has an invalid quantization`
    spec.quantization = quantization as ImportWeightSpec['quantization']
  }
  return spec
}

/** How many values are NaN or ±Infinity, and which of those occur. */
function nonFinite(values: Float32Array): { count: number; kinds: string[] } {
  let nan = 0
  let infinite = 0
  for (const v of values) {
    if (Number.isNaN(v)) nan++
    else if (!Number.isFinite(v)) infinite++
  }
  const kinds = [...(nan > 0 ? ['NaN'] : []), ...(infinite > 0 ? ['Infinity'] : [])]
  return { count: nan + infinite, kinds }
}

/** Reads the weights into doc.trained's form, per imported node, checking every size. */
export function readWeights(
  weights: ImportWeights,
  topology: Topology,
  idOf: Map<string, string>,
  doc: ProjectDocument,
): { ok: true; layers: Record<string, TrainedWeight[]>; warnings: string[] } | { ok: false; error: string } {
  if (!Array.isArray(weights.specs)) return { ok: false, error: 'the weights manifest is not a list' }
  const bytes = toBytes(weights.data)
  if (!bytes) return { ok: false, error: 'the weight data is not binary' }
  const specs: ImportWeightSpec[] = []
  for (const [i, raw] of weights.specs.entries()) {
    const spec = readSpec(raw, i)
    if (typeof spec === 'string') return { ok: false, error: spec }
    specs.push(spec)
  }
  const warnings: string[] = []
  // Sizes first: a truncated or padded file is refused as a whole.
  let needed = 0
  const sizes = specs.map((s) => {
    const count = s.shape.reduce((a, b) => a * b, 1)
    const q = s.quantization?.dtype
    const per = q ? (BYTES[q] ?? NaN) : BYTES[s.dtype]
    needed += count * per
    return count
  })
  if (!Number.isFinite(needed)) return { ok: false, error: 'the weights manifest uses an unsupported quantization' }
  if (bytes.byteLength !== needed) {
    return {
      ok: false,
      error: `the weight data has ${bytes.byteLength.toLocaleString('en')} bytes but the manifest describes ${needed.toLocaleString('en')} (a truncated or wrong weights file?)`,
    }
  }
  // Each weight belongs to the layer whose name is its longest "<layer>/" prefix.
  const layerNames = [...topology.layers.map((l) => l.name)].sort((a, b) => b.length - a.length)
  const perLayer = new Map<string, { spec: ImportWeightSpec; values: Float32Array }[]>()
  let offset = 0
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (const [i, spec] of specs.entries()) {
    const count = sizes[i]
    const values = new Float32Array(count)
    const q = spec.quantization
    if (q?.dtype) {
      const per = BYTES[q.dtype]
      if ((q.dtype !== 'uint8' && q.dtype !== 'uint16') || typeof q.scale !== 'number' || typeof q.min !== 'number') {
        return { ok: false, error: `weight "${spec.name}": quantization ${q.dtype} is not supported` }
      }
      for (let j = 0; j < count; j++) {
        const raw = per === 1 ? view.getUint8(offset + j) : view.getUint16(offset + 2 * j, true)
        values[j] = raw * q.scale + q.min
      }
      offset += count * per
    } else if (spec.dtype === 'float32') {
      for (let j = 0; j < count; j++) values[j] = view.getFloat32(offset + 4 * j, true)
      offset += count * 4
    } else if (spec.dtype === 'int32') {
      for (let j = 0; j < count; j++) values[j] = view.getInt32(offset + 4 * j, true)
      offset += count * 4
    } else {
      offset += count * BYTES[spec.dtype]
      warnings.push(`weight "${spec.name}" (${spec.dtype}) was skipped`)
      continue
    }
    const owner = layerNames.find((name) => spec.name.startsWith(`${name}/`))
    if (owner === undefined) {
      warnings.push(`weight "${spec.name}" belongs to no layer of the model; ignored`)
      continue
    }
    // Imported as they are (the user may want to inspect them), but never silently: one NaN
    // weight turns every prediction and every training step into NaN.
    const bad = nonFinite(values)
    if (bad.count > 0) {
      warnings.push(
        `layer "${owner}": weight "${spec.name}" holds ${bad.count.toLocaleString('en')} non-finite value(s) (${bad.kinds.join(', ')}); the model will predict NaN until it is retrained`,
      )
    }
    perLayer.set(owner, [...(perLayer.get(owner) ?? []), { spec, values }])
  }

  const analysis = analyzeGraph(doc)
  const layers: Record<string, TrainedWeight[]> = {}
  for (const [layerName, list] of perLayer) {
    const nodeId = idOf.get(layerName)
    if (nodeId === undefined) continue // an unmapped layer: its weights have nowhere to go
    const count = analysis.nodes[nodeId]?.params
    const got = list.reduce((n, w) => n + w.values.length, 0)
    if (count) {
      const expected = count.trainable + count.nonTrainable
      if (expected !== got) {
        const node = doc.nodes.find((n) => n.id === nodeId)
        const label = getLayerKind(node?.kind ?? '')?.label.en ?? 'layer'
        return {
          ok: false,
          error: `layer "${layerName}": its weights hold ${got.toLocaleString('en')} values, but a ${label} with these settings and inputs has ${expected.toLocaleString('en')} (weights of the wrong size)`,
        }
      }
    }
    layers[nodeId] = list.map(({ spec, values }) => ({
      name: spec.name,
      shape: [...spec.shape],
      data: values,
    }))
  }
  return { ok: true, layers, warnings }
}
