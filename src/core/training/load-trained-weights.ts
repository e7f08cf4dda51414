import type * as tfjs from '@tensorflow/tfjs'
import type { ProjectDocument, TrainedWeight, TrainedWeights } from '../document/types'
import { planGraph } from '../export/python/plan'
import { fill, type LocalText } from '../i18n/text'

/**
 * Weights trained outside LayerCanvas (the exported train.py writes weights.json + weights.bin,
 * the same format the exports read) put back into a project's `trained` weights: each manifest
 * layer is matched to a canvas node (by its node id when the manifest has one, else by the
 * layer's name in the PyTorch or Keras export), and each weight is checked against the shape
 * the project's layer has. Every mismatch is reported; nothing is loaded unless all fit.
 */

export interface ExpectedWeight {
  name: string
  shape: number[]
}

export type LoadTrainedResult =
  { ok: true; trained: TrainedWeights; layers: number } | { ok: false; problems: LocalText[] }

interface ManifestWeight {
  shape: number[]
  offset: number
  size: number
}

interface ManifestLayer {
  node?: string
  name?: string
  weights: ManifestWeight[]
}

const MESSAGES = {
  notManifest: {
    en: 'weights.json is not LayerCanvas weights (expected "format": "layercanvas-weights" with a list of layers).',
    'zh-CN': 'weights.json 不是 LayerCanvas 的权重文件（应有 "format": "layercanvas-weights" 和层列表）。',
  },
  unknownLayer: {
    en: 'weights.json has layer "{layer}", which is not in this project: was it exported from another design?',
    'zh-CN': 'weights.json 中的层 “{layer}” 不在这个项目里：它是否来自另一个设计？',
  },
  missingLayer: {
    en: 'Layer "{layer}" has weights in the project but none in weights.json.',
    'zh-CN': '层 “{layer}” 在项目中有权重，但 weights.json 中没有。',
  },
  weightCount: {
    en: 'Layer "{layer}": the project has {expected} weight tensor(s), weights.json has {got}.',
    'zh-CN': '层 “{layer}”：项目中有 {expected} 个权重张量，weights.json 中有 {got} 个。',
  },
  shape: {
    en: 'Layer "{layer}", weight {weight}: the project expects shape [{expected}], weights.json has [{got}].',
    'zh-CN': '层 “{layer}” 的权重 {weight}：项目需要形状 [{expected}]，weights.json 中是 [{got}]。',
  },
  outOfRange: {
    en: 'Layer "{layer}", weight {weight}: its values lie outside weights.bin ({bytes} bytes): the two files do not belong together.',
    'zh-CN': '层 “{layer}” 的权重 {weight}：数值超出了 weights.bin（{bytes} 字节）的范围，两个文件不匹配。',
  },
} satisfies Record<string, LocalText>

const say = (key: keyof typeof MESSAGES, values: Record<string, string | number> = {}): LocalText => ({
  en: fill(MESSAGES[key].en, values),
  'zh-CN': fill(MESSAGES[key]['zh-CN'], values),
})

/** Per canvas node: its layer's weights (name, shape) in getWeights() order, from the compiled project. */
export function expectedWeights(
  model: tfjs.LayersModel,
  layerNames: Record<string, string>,
): Map<string, ExpectedWeight[]> {
  const byName = new Map(model.layers.map((l) => [l.name, l]))
  const out = new Map<string, ExpectedWeight[]>()
  for (const [nodeId, layerName] of Object.entries(layerNames)) {
    const layer = byName.get(layerName)
    if (layer && layer.weights.length > 0) {
      out.set(
        nodeId,
        layer.weights.map((w) => ({ name: w.originalName ?? w.name, shape: [...w.shape] as number[] })),
      )
    }
  }
  return out
}

/** Python layer name → node id, from the PyTorch and the Keras export's naming (they may differ). */
function namesToNodes(doc: ProjectDocument): Map<string, string> {
  const out = new Map<string, string>()
  for (const framework of ['keras', 'pytorch'] as const) {
    const planned = planGraph(doc, framework)
    if (planned.ok) for (const node of planned.plan.nodes) out.set(node.name, node.id)
  }
  return out
}

function isManifest(value: unknown): value is { layers: ManifestLayer[] } {
  const v = value as { format?: unknown; layers?: unknown }
  return (
    typeof v === 'object' &&
    v !== null &&
    v.format === 'layercanvas-weights' &&
    Array.isArray(v.layers) &&
    v.layers.every(
      (l: ManifestLayer) =>
        typeof l === 'object' &&
        l !== null &&
        Array.isArray(l.weights) &&
        l.weights.every((w) => Array.isArray(w.shape) && Number.isInteger(w.offset) && Number.isInteger(w.size)),
    )
  )
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i])

/** Reads weights.json (parsed) + weights.bin into `trained` weights for the project, or says what does not fit. */
export function loadTrainedWeights(
  doc: ProjectDocument,
  expected: Map<string, ExpectedWeight[]>,
  manifest: unknown,
  bin: Uint8Array,
  savedAt = new Date().toISOString(),
): LoadTrainedResult {
  if (!isManifest(manifest)) return { ok: false, problems: [say('notManifest')] }
  const byName = namesToNodes(doc)
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.name || id
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength)
  const problems: LocalText[] = []
  const layers: Record<string, TrainedWeight[]> = {}
  const seen = new Set<string>()
  for (const layer of manifest.layers) {
    const nodeId = layer.node !== undefined && expected.has(layer.node) ? layer.node : byName.get(String(layer.name))
    const wanted = nodeId === undefined ? undefined : expected.get(nodeId)
    if (nodeId === undefined || wanted === undefined) {
      if (layer.weights.length > 0) problems.push(say('unknownLayer', { layer: String(layer.name ?? layer.node) }))
      continue
    }
    seen.add(nodeId)
    if (wanted.length !== layer.weights.length) {
      problems.push(say('weightCount', { layer: label(nodeId), expected: wanted.length, got: layer.weights.length }))
      continue
    }
    const weights: TrainedWeight[] = []
    layer.weights.forEach((w, i) => {
      const weight = wanted[i].name
      if (!sameShape(w.shape, wanted[i].shape)) {
        problems.push(
          say('shape', { layer: label(nodeId), weight, expected: wanted[i].shape.join(', '), got: w.shape.join(', ') }),
        )
        return
      }
      const size = wanted[i].shape.reduce((a, b) => a * b, 1)
      if (w.size !== size || w.offset < 0 || w.offset + size * 4 > bin.byteLength) {
        problems.push(say('outOfRange', { layer: label(nodeId), weight, bytes: bin.byteLength }))
        return
      }
      const values = new Float32Array(size)
      for (let k = 0; k < size; k++) values[k] = view.getFloat32(w.offset + k * 4, true)
      weights.push({ name: weight, shape: [...wanted[i].shape], data: values })
    })
    layers[nodeId] = weights
  }
  for (const nodeId of expected.keys())
    if (!seen.has(nodeId)) problems.push(say('missingLayer', { layer: label(nodeId) }))
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, trained: { savedAt, layers }, layers: Object.keys(layers).length }
}
