import { strToU8, zipSync } from 'fflate'
import type { ProjectDocument } from '../document/types'
import type { Tf } from '../layers/kind'
import type { Shape } from '../shapes/shape'
import { mdText } from '../codegen/escape'
import type { H5Group, Hdf5Writer } from './hdf5-writer'
import {
  kerasLayer,
  kerasLayerOrder,
  kerasObject,
  toSnakeCase,
  type Json,
  type KerasLayer,
  type WeightPlacement,
} from './keras-file-layers'
import { exportProblem, exportText, nodeLabelText } from '../i18n/export-messages'
import { modelSource, readLayerWeights, weightsNote, type FileExportProblem, type GivenModel } from './model-source'
import { getLayerKind } from '../layers/registry'

/**
 * EXPERIMENTAL: a Keras 3 `.keras` file (zip of metadata.json, config.json, model.weights.h5),
 * laid out as keras/src/saving/saving_lib.py writes it:
 *   /vars                                   the model's own variables (none)
 *   /layers/<snake_case class>[_N]/vars/<i>  each layer's variables, in Keras' order
 *   /layers/lstm/cell/vars/<i>              recurrent layers keep theirs in the cell
 *   /layers/bidirectional/{forward,backward}_layer/cell/vars/<i>
 *   /optimizer/vars                         (empty: the model is saved uncompiled)
 * Layers are numbered in the order Keras' functional graph lists them (by depth, then by
 * traversal from the outputs), because that is how the loader finds them again.
 * Nothing here can prove Keras loads the file (no Keras on the build machines); the tests check
 * the HDF5 layout with h5py. The HDF5 writer is passed in (h5wasm), so core stays pure.
 */

export { h5wasmMemoryWriter, type H5Group, type H5wasmModule, type Hdf5Writer } from './hdf5-writer'
export { kerasLayerOrder, toSnakeCase } from './keras-file-layers'

export interface KerasFileOptions {
  /** LayerCanvas' version, for the README. */
  version?: string
  /** Keras version written to metadata.json (default 3.6.0). */
  kerasVersion?: string
  /** Take the weights from this compiled model instead of compiling one. */
  compiled?: GivenModel
  /** Fixed save time (tests). */
  now?: Date
}

export type KerasFileResult =
  | { ok: true; files: Record<string, string | Uint8Array>; warnings: FileExportProblem[]; layout: string[] }
  | { ok: false; problems: FileExportProblem[] }

const EXPERIMENTAL = exportText('kerasFileExperimental')

const pad2 = (n: number) => String(n).padStart(2, '0')
const kerasDate = (d: Date) =>
  `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}@${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`

/**
 * Writes the document's network as a Keras 3 `.keras` file (EXPERIMENTAL, see above), with
 * `doc.trained` where it fits, else fresh weights. Layers Keras has no exact equivalent for
 * come back as problems naming the node. Never throws on user input.
 */
export async function exportKerasFile(
  tf: Tf,
  doc: ProjectDocument,
  writer: Hdf5Writer,
  options: KerasFileOptions = {},
): Promise<KerasFileResult> {
  const prepared = modelSource(tf, doc, options.compiled)
  if (!prepared.ok) return prepared
  const source = prepared.source
  try {
    const { analysis, layerNames } = source
    const byId = new Map(doc.nodes.map((n) => [n.id, n]))
    const order = kerasLayerOrder(source.outputs, analysis.inputsByPort)
    const shapeOf = (id: string): Json => [null, ...((analysis.nodes[id]?.outputShape ?? []) as number[])]
    const isInput = (id: string) => getLayerKind(byId.get(id)?.kind ?? '')?.isInput === true
    const dtypeOf = (id: string) => (byId.get(id)?.params.mode === 'tokens' ? 'int32' : 'float32')
    const tensor = (id: string): Json => ({
      class_name: '__keras_tensor__',
      config: { shape: shapeOf(id), dtype: dtypeOf(id), keras_history: [layerNames[id], 0, 0] },
    })

    const problems: FileExportProblem[] = []
    const layersJson: Json[] = []
    const planned: { id: string; group: string; layer: KerasLayer | null }[] = []
    const used = new Map<string, number>()
    const groupName = (className: string) => {
      const snake = toSnakeCase(className)
      const n = used.get(snake)
      used.set(snake, n === undefined ? 0 : n + 1)
      return n === undefined ? snake : `${snake}_${n + 1}`
    }
    for (const id of order) {
      const name = layerNames[id]
      if (isInput(id)) {
        layersJson.push({
          ...kerasObject('InputLayer', { batch_shape: shapeOf(id), dtype: dtypeOf(id), sparse: false, name }),
          name,
          inbound_nodes: [],
        })
        planned.push({ id, group: groupName('InputLayer'), layer: null })
        continue
      }
      const node = byId.get(id)!
      const inputs = analysis.inputsByPort[id]
      const layer = kerasLayer(node, name, analysis.nodes[id]?.outputShape as Shape)
      if (typeof layer === 'string') {
        problems.push(exportProblem(id, layer, { node: nodeLabelText(doc, id) }))
        continue
      }
      const merge = node.kind === 'add' || node.kind === 'concatenate'
      const args: Json[] = merge ? [inputs.map(tensor)] : inputs.map(tensor)
      const inputShapeJson: Json = inputs.length === 1 ? shapeOf(inputs[0]) : inputs.map(shapeOf)
      layersJson.push({
        ...kerasObject(layer.className, layer.config),
        build_config: { input_shape: inputShapeJson },
        name,
        inbound_nodes: [{ args, kwargs: {} }],
      })
      planned.push({ id, group: groupName(layer.className), layer })
    }
    if (problems.length > 0) return { ok: false, problems }

    const refs = (ids: string[]): Json =>
      ids.length === 1 ? [layerNames[ids[0]], 0, 0] : ids.map((id) => [layerNames[id], 0, 0])
    const modelName = doc.name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'model'
    const config = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: modelName,
        trainable: true,
        layers: layersJson,
        input_layers: refs(source.inputs),
        output_layers: refs(source.outputs),
      },
      registered_name: 'Functional',
      build_config: { input_shape: null },
      compile_config: null,
    }

    // Weights, read once per layer in tfjs' getWeights() order (= Keras' variable order).
    const weightsOf = new Map<string, { shape: number[]; data: Float32Array }[]>()
    for (const { id, layer } of planned) {
      if (!layer) continue
      const values = (await readLayerWeights(source, id)) ?? []
      const expected = layer.placement.reduce((n, p) => n + p.count, 0)
      if (values.length !== expected) {
        problems.push(
          exportProblem(id, 'weightCountMismatch', {
            node: nodeLabelText(doc, id),
            expected: values.length,
            framework: 'Keras',
            mapped: expected,
          }),
        )
        continue
      }
      weightsOf.set(id, values)
    }
    if (problems.length > 0) return { ok: false, problems }

    const layout: string[] = ['vars']
    const h5 = await writer.write((root) => {
      root.create_group('vars')
      const layersGroup = root.create_group('layers')
      layout.push('layers')
      for (const { id, group, layer } of planned) {
        const layerGroup = layersGroup.create_group(group)
        const values = weightsOf.get(id) ?? []
        let next = 0
        const groups = new Map<string, H5Group>([['', layerGroup]])
        const placements: WeightPlacement = layer?.placement.length ? [...layer.placement] : [{ path: [], count: 0 }]
        if (!placements.some((p) => p.path.length === 0)) placements.unshift({ path: [], count: 0 })
        for (const { path, count } of placements) {
          // Create each level in turn: h5wasm does not make intermediate groups.
          let g = layerGroup
          for (let i = 0; i < path.length; i++) {
            const key = path.slice(0, i + 1).join('/')
            if (!groups.has(key)) groups.set(key, g.create_group(path[i]))
            g = groups.get(key)!
          }
          const vars = g.create_group('vars')
          const at = ['layers', group, ...path, 'vars'].join('/')
          layout.push(at)
          for (let i = 0; i < count; i++) {
            const w = values[next++]
            vars.create_dataset({ name: String(i), data: w.data, shape: w.shape, dtype: '<f' })
            layout.push(`${at}/${i} [${w.shape.join(', ')}]`)
          }
        }
      }
      root.create_group('optimizer').create_group('vars')
      layout.push('optimizer/vars')
    })

    const now = options.now ?? new Date()
    const keras = zipSync({
      'metadata.json': strToU8(
        JSON.stringify({ keras_version: options.kerasVersion ?? '3.6.0', date_saved: kerasDate(now) }),
      ),
      'config.json': strToU8(JSON.stringify(config)),
      'model.weights.h5': h5,
    })
    const warnings = [{ nodeId: null, message: EXPERIMENTAL.en, text: EXPERIMENTAL }, ...source.warnings]
    return {
      ok: true,
      files: { 'model.keras': keras, 'README.md': readme(doc, source.weights, options.version ?? 'unknown') },
      warnings,
      layout,
    }
  } catch (error) {
    return {
      ok: false,
      problems: [exportProblem(null, 'exportFailed', { format: '.keras', detail: (error as Error).message })],
    }
  } finally {
    if (source.owned) source.model.dispose()
  }
}

function readme(doc: ProjectDocument, weights: 'trained' | 'initial' | 'model', version: string): string {
  return `# ${mdText(doc.name)} — Keras 3 \`.keras\` (experimental)

Exported from LayerCanvas ${version} with ${weightsNote(doc, weights)}.

**Experimental.** \`model.keras\` follows the Keras 3 file layout (\`config.json\` in the Keras 3
functional dialect, weights in \`model.weights.h5\` under \`layers/<layer>/vars/<i>\`), but no Keras
could be run where it was made to confirm that it loads. If it does not, use the TensorFlow.js
export with \`tensorflowjs_converter\`, or LayerCanvas' Keras (Python code) export.

## Run

\`\`\`sh
pip install "keras>=3" tensorflow numpy
python -c "import keras, numpy as np; m = keras.saving.load_model('model.keras'); m.summary(); print(m.predict(np.zeros((1,) + tuple(m.inputs[0].shape[1:]), dtype=m.inputs[0].dtype)))"
\`\`\`

## Look inside without Keras

\`\`\`sh
unzip -o model.keras -d model_keras
python3 -c "import h5py; h5py.File('model_keras/model.weights.h5').visititems(lambda n, o: print(n, getattr(o, 'shape', '')))"
\`\`\`
`
}
