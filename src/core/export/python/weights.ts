import type { ProjectDocument } from '../../document/types'
import type { Tf } from '../../layers/kind'
import { exportProblem } from '../../i18n/export-messages'
import { modelSource, readLayerWeights } from '../model-source'
import type { ExportProblem, GraphPlan, PythonExportOptions } from './plan'

/** One tfjs weight in weights.bin: `size` float32 values from byte `offset`, in `shape`. */
export interface ManifestWeight {
  name: string
  shape: number[]
  offset: number
  size: number
}

export interface ManifestLayer {
  /** Canvas node id. */
  node: string
  /** The node's Python name (Keras layer name, PyTorch module attribute). */
  name: string
  kind: string
  /** In tfjs' `layer.getWeights()` order, which is also Keras' `get_weights()` order. */
  weights: ManifestWeight[]
}

/** weights.json: describes weights.bin (raw float32, little-endian, no header). */
export interface WeightsManifest {
  format: 'layercanvas-weights'
  version: 1
  dtype: 'float32'
  byteOrder: 'little'
  /** 'trained': the project's saved weights; 'initial': freshly initialised (the project has none); 'model': a model the host passed in. */
  source: 'trained' | 'initial' | 'model'
  /** Nodes whose saved weights no longer fit (their params changed), exported freshly initialised. */
  notRestored: string[]
  totalValues: number
  layers: ManifestLayer[]
}

export type PackedWeights =
  | { ok: true; manifest: WeightsManifest; bin: Uint8Array; counts: Map<string, number> }
  | { ok: false; problems: ExportProblem[] }

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Takes the shared model source (the compiled document with its trained weights where they fit)
 * and packs every layer's weights (in `getWeights()` order) into one float32 little-endian buffer
 * plus a manifest. `counts` holds how many weights each node has, so exporters can check their
 * mapping against tfjs.
 */
export async function packWeights(
  tf: Tf,
  doc: ProjectDocument,
  plan: GraphPlan<unknown>,
  given?: PythonExportOptions['compiled'],
): Promise<PackedWeights> {
  const prepared = modelSource(tf, doc, given, plan.analysis)
  if (!prepared.ok) {
    const detail = prepared.problems.map((problem) => problem.message).join('; ')
    return { ok: false, problems: [exportProblem(null, 'modelBuildFailed', { detail })] }
  }
  const source = prepared.source
  try {
    const layers: ManifestLayer[] = []
    const chunks: Float32Array[] = []
    const counts = new Map<string, number>()
    let offset = 0
    for (const node of plan.nodes) {
      const variables = await readLayerWeights(source, node.id)
      if (!variables) return { ok: false, problems: [exportProblem(node.id, 'noLayerForNode', { id: node.id })] }
      counts.set(node.id, variables.length)
      if (variables.length === 0) continue
      const weights: ManifestWeight[] = []
      for (const { name, shape, data } of variables) {
        weights.push({ name, shape, offset, size: data.length })
        chunks.push(data)
        offset += data.length * 4
      }
      layers.push({ node: node.id, name: node.name, kind: node.kind.id, weights })
    }
    const bin = new Uint8Array(offset)
    const view = new DataView(bin.buffer)
    let at = 0
    for (const values of chunks) {
      if (littleEndian) bin.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at)
      else values.forEach((v, i) => view.setFloat32(at + i * 4, v, true))
      at += values.byteLength
    }
    const manifest: WeightsManifest = {
      format: 'layercanvas-weights',
      version: 1,
      dtype: 'float32',
      byteOrder: 'little',
      source: given ? 'model' : doc.trained ? 'trained' : 'initial',
      notRestored: source.notRestored,
      totalValues: offset / 4,
      layers,
    }
    return { ok: true, manifest, bin, counts }
  } catch (error) {
    return { ok: false, problems: [exportProblem(null, 'weightsReadFailed', { detail: (error as Error).message })] }
  } finally {
    if (source.owned) source.model.dispose()
  }
}
